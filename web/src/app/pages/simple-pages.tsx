import { Link } from '../../components/ui/link';
import { useI18n } from '../../i18n';
import { paths } from '../../lib/router';
import { useDocumentTitle } from '../../lib/use-document-title';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('error.pageNotFound'), t('app.name'));
  return (
    <div className="page">
      <h1 className="page__title">{t('error.pageNotFound')}</h1>
      <p>
        <Link href={paths.home()}>{t('common.backToList')}</Link>
      </p>
    </div>
  );
}

/** Sections that other parts of the app will fill (case library, reports, applications). */
export function PlaceholderPage({ title }: { title: string }) {
  const { t } = useI18n();
  useDocumentTitle(title, t('app.name'));
  return (
    <div className="page">
      <h1 className="page__title">{title}</h1>
      <p className="empty-state">{t('placeholder.body')}</p>
    </div>
  );
}
