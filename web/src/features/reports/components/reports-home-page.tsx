import type { Me } from '@banso/shared';
import { EmptyState, Notice } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { formatFiscalYear } from '@banso/shared';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useEngagements as useReportEngagements } from '../../../api/engagements/get-engagements';
import { reportPaths } from '../lib/paths';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';
import '../reports.css';

/** /reports: the engagements whose reports the caller may read (observers read published ones in the library). */
export function ReportsHomePage({ me }: { me: Me }) {
  const { t } = useTranslation(['reports', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  useDocumentTitle(t('reports.title'), t('common:app.name'));
  const engagements = useReportEngagements();
  return (
    <div className="page reports-page">
      <div className="page__head">
        <div>
          <h1 className="page__title">{t('reports.title')}</h1>
          <p className="page__lead">{t('reports.lead')}</p>
        </div>
      </div>
      <QueryView query={engagements}>
        {(items) => {
          const readable = items.filter((e) => e.myRole !== 'observer');
          return (
            <>
              {readable.length === 0 ? <EmptyState>{t('reports.noEngagements')}</EmptyState> : null}
              {readable.length > 0 ? (
                <div className="table-wrap">
                  <table className="table">
                    <caption className="visually-hidden">{t('reports.pick')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('reports.col.municipality')}</th>
                        <th scope="col">{t('facts.theme')}</th>
                        <th scope="col">{t('reports.col.year')}</th>
                        <th scope="col" />
                      </tr>
                    </thead>
                    <tbody>
                      {readable.map((e) => (
                        <tr key={e.id}>
                          <th scope="row">
                            {e.municipality.name}
                            <span className="cell-sub">{L.category[e.municipality.category]}</span>
                          </th>
                          <td>{e.theme}</td>
                          <td className="cell-date">{formatFiscalYear(e.fiscalYear, locale)}</td>
                          <td>
                            <Link
                              href={reportPaths.engagement(e.id)}
                              aria-label={`${e.municipality.name} ${formatFiscalYear(e.fiscalYear, locale)} ${t('reports.open')}`}
                            >
                              {t('reports.open')}
                            </Link>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {items.some((e) => e.myRole === 'observer') || (!me.user.isProgramOffice && readable.length === 0) ? (
                <Notice tone="info">{t('reports.observerHint')}</Notice>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
