import type { Me } from '@banso/shared';
import { Link } from '../../components/ui/link';
import { QueryView } from '../../components/ui/query-view';
import { EngagementList, HomeTodo, ObservableEngagements, useEngagements, useHome } from '../../features/engagements';
import { paths } from '../../lib/router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useTranslation } from 'react-i18next';

/** The home: the caller's to-do list first, then the engagements they take part in. */
export function EngagementListPage({ me }: { me: Me }) {
  const { t } = useTranslation(['engagements', 'common']);
  useDocumentTitle(t('engagements.title'), t('common:app.name'));
  const engagements = useEngagements();
  const home = useHome();
  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page__title">{t('engagements.title')}</h1>
          <p className="page__lead">{t('engagements.lead')}</p>
        </div>
        {me.user.isProgramOffice ? (
          <Link href={paths.portfolio()} className="btn btn--secondary">
            {t('engagements.portfolioLink')}
          </Link>
        ) : null}
      </div>
      <QueryView query={home}>{(data) => <HomeTodo home={data} />}</QueryView>
      <QueryView query={engagements}>{(items) => <EngagementList items={items} />}</QueryView>
      <ObservableEngagements enabled={me.user.municipality !== null} />
    </div>
  );
}
