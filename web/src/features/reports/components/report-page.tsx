import {
  type Access,
  can,
  type EngagementDetail,
  type Me,
  narrativeOnlySections,
  type Report,
  type ReportNarrativeKey,
  type ReportNarratives,
  type ReportSection,
  reportSections,
  type ReportSummary,
  sectionNarrativeKeys,
} from '@banso/shared';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, ConfirmNotice, Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { formatDate, formatDateTime } from '@banso/shared';
import { navigate } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useEngagement as useReportEngagement } from '../../../api/engagements/get-engagement';
import { useReport } from '../../../api/reports/get-report';
import { reportPreviewUrl, reportTreeSvgUrl } from '../../../api/reports/report-urls';
import { useReports } from '../../../api/reports/get-reports';
import { useCreateReportVersion } from '../../../api/reports/create-report-version';
import { usePublishReport } from '../../../api/reports/publish-report';
import { useRefreshReport } from '../../../api/reports/refresh-report';
import { useUpdateReport } from '../../../api/reports/update-report';
import { reportPaths } from '../lib/paths';
import { useReportDraft } from '../lib/use-report-draft';
import { ExportButton } from './export-button';
import { PublicLinks } from './public-links';
import { BeforeAfter, SectionFacts } from './report-facts';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';
import '../reports.css';

function Actions({ report, access, versions }: { report: Report; access: Access; versions: ReportSummary[] }) {
  const { t } = useTranslation(['reports', 'common']);
  const publish = usePublishReport(report.engagementId);
  const refresh = useRefreshReport(report.engagementId);
  const correct = useCreateReportVersion(report.engagementId);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = versions.find((v) => v.fiscalYear === report.fiscalYear && v.isLatest);
  const draft = report.status === 'draft';
  const error = publish.error ?? refresh.error ?? correct.error;
  return (
    <div className="report-actions-bar">
      <div className="report-actions-bar__row">
        {draft && report.isLatest && can(access, 'report.publish') && !confirming ? (
          <button type="button" className="btn btn--primary" onClick={() => setConfirming(true)}>
            {t('report.publish')}
          </button>
        ) : null}
        {draft && can(access, 'report.edit') ? (
          <button
            type="button"
            className="btn btn--secondary"
            disabled={refresh.isPending}
            onClick={() =>
              refresh.mutate({ reportId: report.id, version: report.version }, { onSuccess: () => setNotice(t('report.refreshed')) })
            }
          >
            {t('report.refresh')}
          </button>
        ) : null}
        {!draft && report.isLatest && can(access, 'report.edit') ? (
          <button
            type="button"
            className="btn btn--secondary"
            disabled={correct.isPending}
            title={t('report.newVersionHint')}
            onClick={() =>
              correct.mutate({ reportId: report.id }, { onSuccess: (r) => navigate(reportPaths.report(r.engagementId, r.id)) })
            }
          >
            {t('report.newVersion')}
          </button>
        ) : null}
        <a className="btn btn--ghost" href={reportPreviewUrl(report.engagementId, report.id)} target="_blank" rel="noopener">
          {t('report.preview')}
        </a>
      </div>
      {confirming ? (
        <ConfirmNotice
          title={t('report.publishConfirm')}
          confirmLabel={publish.isPending ? t('report.publishing') : t('report.publish')}
          cancelLabel={t('common:common.cancel')}
          busy={publish.isPending}
          onConfirm={() =>
            publish.mutate(
              { reportId: report.id, version: report.version },
              {
                onSuccess: () => {
                  setConfirming(false);
                  setNotice(t('report.published'));
                },
              },
            )
          }
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {!report.isLatest && latest ? (
        <Notice tone="info" action={<Link href={reportPaths.report(report.engagementId, latest.id)}>{t('report.openLatest')}</Link>}>
          {t('report.olderVersion', { n: latest.versionNumber })}
        </Notice>
      ) : null}
      {!draft ? <p className="muted">{t('report.immutable')}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}

/** Narrative fields with a hint of what to write in them (the summary and the sections others learn from). */
const hints = {
  summary: 'report.narrativeHint',
  process: 'report.hint.process',
  beforeAfter: 'report.hint.beforeAfter',
  questions: 'report.hint.questions',
  successFactors: 'report.hint.successFactors',
  difficulties: 'report.hint.difficulties',
  nextSteps: 'report.hint.nextSteps',
} as const;
const hintOf = (field: ReportNarrativeKey) => (field in hints ? hints[field as keyof typeof hints] : undefined);

function NarrativeEditor({ field, value, onChange }: { field: ReportNarrativeKey; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation(['reports', 'common']);
  const L = useLabels();
  const id = useId();
  const hint = hintOf(field);
  const long =
    field === 'summary' || field === 'questions' || field === 'successFactors' || field === 'difficulties' || field === 'nextSteps';
  return (
    <Field id={id} label={t('report.narrative', { section: L.reportNarrative[field] })} hint={hint ? t(hint) : undefined}>
      <textarea id={id} rows={long ? 5 : 3} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

function ThemeNarrativeEditor({ title, value, onChange }: { title: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation(['reports', 'common']);
  const id = useId();
  return (
    <Field id={id} label={t('report.themeNarrative', { theme: title })}>
      <textarea id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

const isNarrativeOnly = (s: ReportSection) => (narrativeOnlySections as readonly ReportSection[]).includes(s);
const written = (n: ReportNarratives, s: ReportSection) => sectionNarrativeKeys[s].some((k) => n[k].trim() !== '');

/** Whether a section shows: a draft shows every section to write in; a published version what it has facts or text for. */
function shows(report: Report, section: ReportSection, editable: boolean): boolean {
  if (editable) return true;
  if (isNarrativeOnly(section)) return written(report.narratives, section);
  const f = report.facts;
  if (section === 'process') return f.visits !== undefined || f.team !== undefined || written(report.narratives, section);
  if (section === 'beforeAfter')
    return f.themes !== undefined || written(report.narratives, section) || Object.values(report.narratives.byTheme).some((x) => x.trim());
  return true;
}

function ReportView({
  report,
  engagement,
  access,
  versions,
}: {
  report: Report;
  engagement: EngagementDetail;
  access: Access;
  versions: ReportSummary[];
}) {
  const { t } = useTranslation(['reports', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const update = useUpdateReport(report.engagementId);
  const editable = report.status === 'draft' && can(access, 'report.edit');
  const { draft, setDraft, dirty, save } = useReportDraft(report, editable, update);
  const saveBar = editable ? (
    <div className="report-save" aria-live="polite">
      <button type="button" className="btn btn--primary" disabled={!dirty || update.isPending} onClick={save}>
        {update.isPending ? t('report.saving') : t('report.save')}
      </button>
      {dirty ? (
        <span className="report-save__dirty">{t('report.unsaved')}</span>
      ) : update.isSuccess ? (
        <span className="report-save__ok">{t('report.saved')}</span>
      ) : null}
    </div>
  ) : null;
  const yearVersions = versions.filter((v) => v.fiscalYear === report.fiscalYear).sort((a, b) => b.versionNumber - a.versionNumber);
  return (
    <article className="report">
      <header className="report__head">
        <p className="muted">{report.facts.program.name}</p>
        {editable ? (
          <Field id="report-title" label={t('report.titleLabel')}>
            <input id="report-title" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
          </Field>
        ) : null}
        <h1 className="page__title">{editable ? draft.title : report.title}</h1>
        <p className="report__meta">
          <Badge tone={report.status === 'published' ? 'success' : 'warning'}>{L.reportStatus[report.status]}</Badge>{' '}
          {t('reports.version', { n: report.versionNumber })} · {engagement.municipality.name} ·{' '}
          {t('report.asOf', { date: formatDate(report.facts.asOf, locale) })}
          {report.publishedAt ? ` · ${t('reports.publishedAt', { date: formatDateTime(report.publishedAt, locale) })}` : ''}
          {report.updatedBy
            ? ` · ${t('reports.updatedAt', { date: formatDateTime(report.updatedAt, locale), name: report.updatedBy.name })}`
            : ''}
        </p>
        {yearVersions.length > 1 ? (
          <nav className="report-versions" aria-label={t('report.versions')}>
            {yearVersions.map((v) => (
              <Link
                key={v.id}
                href={reportPaths.report(report.engagementId, v.id)}
                aria-current={v.id === report.id ? 'page' : undefined}
                className="report-versions__item"
              >
                {t('reports.version', { n: v.versionNumber })}
                {t('common:common.paren', { text: L.reportStatus[v.status] })}
              </Link>
            ))}
          </nav>
        ) : null}
      </header>
      <Actions report={report} access={access} versions={versions} />
      {report.status === 'published' && can(access, 'report.share') ? <PublicLinks report={report} /> : null}
      {can(access, 'export.read') ? (
        <section className="card report-exports" aria-labelledby="report-exports">
          <h2 id="report-exports" className="card__title">
            {t('export.title')}
          </h2>
          <div className="report-exports__row">
            <ExportButton engagementId={report.engagementId} format="pdf" reportId={report.id} />
            <ExportButton engagementId={report.engagementId} format="xlsx" />
            <ExportButton engagementId={report.engagementId} format="pptx" />
          </div>
        </section>
      ) : null}
      {saveBar}
      {update.error ? <ErrorMessage error={update.error} /> : null}
      {reportSections
        .filter((section) => shows(report, section, editable))
        .map((section, i) => {
          const narratives = editable ? draft.narratives : report.narratives;
          const setField = (k: ReportNarrativeKey) => (v: string) => setDraft({ ...draft, narratives: { ...draft.narratives, [k]: v } });
          const keys = sectionNarrativeKeys[section];
          return (
            <section key={section} className={`report-section report-section--${section}`} aria-labelledby={`report-section-${section}`}>
              <h2 id={`report-section-${section}`} className="report-section__title">
                <span className="report-section__no">{i + 1}</span>
                {L.reportSection[section]}
              </h2>
              <SectionFacts
                section={section}
                facts={report.facts}
                treeSrc={reportTreeSvgUrl(report.engagementId, report.id, report.version)}
              />
              {section === 'beforeAfter' ? (
                <BeforeAfter
                  facts={report.facts}
                  narrative={(nodeId, title) =>
                    editable ? (
                      <ThemeNarrativeEditor
                        title={title}
                        value={draft.narratives.byTheme[nodeId] ?? ''}
                        onChange={(v) =>
                          setDraft({ ...draft, narratives: { ...draft.narratives, byTheme: { ...draft.narratives.byTheme, [nodeId]: v } } })
                        }
                      />
                    ) : narratives.byTheme[nodeId]?.trim() ? (
                      <div className="report-narrative pre-wrap">{narratives.byTheme[nodeId]}</div>
                    ) : null
                  }
                />
              ) : null}
              {keys.map((k) =>
                editable ? (
                  <NarrativeEditor key={k} field={k} value={draft.narratives[k]} onChange={setField(k)} />
                ) : narratives[k].trim() ? (
                  <div key={k} className="report-narrative-block">
                    {keys.length > 1 ? <h3 className="report-sub">{L.reportNarrative[k]}</h3> : null}
                    <div className="report-narrative pre-wrap">{narratives[k]}</div>
                  </div>
                ) : null,
              )}
            </section>
          );
        })}
      {saveBar}
    </article>
  );
}

/** /reports/{engagementId}/{reportId}: one version of a report; advisors narrate drafts, the program office publishes. */
export function ReportPage({ engagementId, reportId, me }: { engagementId: string; reportId: string; me: Me }) {
  const { t } = useTranslation(['reports', 'common']);
  const engagement = useReportEngagement(engagementId);
  const report = useReport(engagementId, reportId);
  const versions = useReports(engagementId);
  useDocumentTitle(report.data?.title ?? t('reports.title'), t('common:app.name'));
  return (
    <div className="page reports-page">
      <nav className="breadcrumbs" aria-label={t('common:nav.breadcrumb')}>
        <Link href={reportPaths.home()}>{t('reports.back')}</Link>
        {' › '}
        <Link href={reportPaths.engagement(engagementId)}>
          {engagement.data ? t('reports.forEngagement', { name: engagement.data.municipality.name }) : '…'}
        </Link>
      </nav>
      <QueryView query={engagement}>
        {(e) => (
          <QueryView query={report}>
            {(r) => <ReportView report={r} engagement={e} access={{ userId: me.user.id, role: e.myRole }} versions={versions.data ?? []} />}
          </QueryView>
        )}
      </QueryView>
    </div>
  );
}
