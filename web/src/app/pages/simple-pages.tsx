import { Link } from '../../components/ui/link';
import { paths } from '../../lib/router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation('common');
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
