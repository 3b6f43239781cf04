import { can, type EngagementDetail, type Me, type ReportSummary } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, EmptyState, Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { formatDateTime, formatFiscalYear } from '@banso/shared';
import { navigate } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useEngagement as useReportEngagement } from '../../../api/engagements/get-engagement';
import { useReports } from '../../../api/reports/get-reports';
import { useCreateReport } from '../../../api/reports/create-report';
import { reportPaths } from '../lib/paths';
import { ExportButton } from './export-button';
import { WorkbookImport } from './workbook-import';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';
import '../reports.css';

function CreateDraft({ engagement, reports }: { engagement: EngagementDetail; reports: ReportSummary[] }) {
  const { t } = useTranslation(['reports', 'common']);
  const { locale } = useLocale();
  const id = useId();
  const create = useCreateReport(engagement.id);
  const years = [engagement.fiscalYear - 1, engagement.fiscalYear, engagement.fiscalYear + 1].filter(
    (y) => !reports.some((r) => r.fiscalYear === y),
  );
  const [year, setYear] = useState<number>(
    years.includes(engagement.fiscalYear) ? engagement.fiscalYear : (years[0] ?? engagement.fiscalYear),
  );
  if (years.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ fiscalYear: year }, { onSuccess: (r) => navigate(reportPaths.report(engagement.id, r.id)) });
  };
  return (
    <form className="card form-card report-create" onSubmit={submit}>
      <div className="inline-fields">
        <Field id={`${id}-year`} label={t('reports.fiscalYear')}>
          <select id={`${id}-year`} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {formatFiscalYear(y, locale)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {create.isPending ? t('reports.creating') : t('reports.create')}
        </button>
      </div>
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </form>
  );
}

function ReportTable({ engagementId, reports }: { engagementId: string; reports: ReportSummary[] }) {
  const { t } = useTranslation(['reports', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  if (reports.length === 0) return <EmptyState>{t('reports.none')}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table report-list">
        <thead>
          <tr>
            <th scope="col">{t('reports.col.title')}</th>
            <th scope="col">{t('reports.col.year')}</th>
            <th scope="col">{t('reports.col.version')}</th>
            <th scope="col">{t('reports.col.status')}</th>
            <th scope="col">{t('reports.col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link href={reportPaths.report(engagementId, r.id)}>{r.title}</Link>
              </th>
              <td className="cell-date">{formatFiscalYear(r.fiscalYear, locale)}</td>
              <td>
                {t('reports.version', { n: r.versionNumber })} {r.isLatest ? <Badge tone="info">{t('reports.latest')}</Badge> : null}
              </td>
              <td>
                <Badge tone={r.status === 'published' ? 'success' : 'warning'}>{L.reportStatus[r.status]}</Badge>
              </td>
              <td className="cell-date">
                {r.publishedAt
                  ? t('reports.publishedAt', { date: formatDateTime(r.publishedAt, locale) })
                  : formatDateTime(r.updatedAt, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /reports/{engagementId}: the engagement's reports (every version), drafting, and the engagement's Excel/PowerPoint. */
export function EngagementReportsPage({ engagementId, me }: { engagementId: string; me: Me }) {
  const { t } = useTranslation(['reports', 'common']);
  const { locale } = useLocale();
  const engagement = useReportEngagement(engagementId);
  const role = engagement.data?.myRole;
  const access = role ? { userId: me.user.id, role } : null;
  const reports = useReports(engagementId, access !== null && can(access, 'report.read'));
  useDocumentTitle(
    engagement.data ? t('reports.forEngagement', { name: engagement.data.municipality.name }) : t('reports.title'),
    t('common:app.name'),
  );
  return (
    <div className="page reports-page">
      <nav className="breadcrumbs" aria-label={t('common:nav.breadcrumb')}>
        <Link href={reportPaths.home()}>{t('reports.back')}</Link>
      </nav>
      <QueryView query={engagement}>
        {(e) => {
          const acc = { userId: me.user.id, role: e.myRole };
          return (
            <>
              <div className="page__head">
                <div>
                  <h1 className="page__title">{t('reports.forEngagement', { name: e.municipality.name })}</h1>
                  <p className="page__lead">
                    {e.theme} · {formatFiscalYear(e.fiscalYear, locale)} ·{' '}
                    <Link href={`/engagements/${encodeURIComponent(e.id)}/hearing`}>{t('reports.backToEngagement')}</Link>
                  </p>
                </div>
              </div>
              {!can(acc, 'report.read') ? (
                <Notice tone="info">{t('reports.observerHint')}</Notice>
              ) : (
                <QueryView query={reports}>
                  {(items) => (
                    <>
                      <ReportTable engagementId={e.id} reports={items} />
                      {can(acc, 'report.edit') ? <CreateDraft engagement={e} reports={items} /> : null}
                    </>
                  )}
                </QueryView>
              )}
              {can(acc, 'export.read') ? (
                <section className="card form-card report-exports" aria-labelledby="engagement-exports">
                  <h2 id="engagement-exports" className="card__title">
                    {t('export.title')}
                  </h2>
                  <p className="muted">{t('export.engagementHint')}</p>
                  <div className="report-exports__row">
                    <ExportButton engagementId={e.id} format="xlsx" />
                    <ExportButton engagementId={e.id} format="pptx" />
                  </div>
                </section>
              ) : null}
              {can(acc, 'export.read') && (can(acc, 'measurement.write') || can(acc, 'tree.edit')) ? (
                <WorkbookImport engagementId={e.id} />
              ) : null}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
