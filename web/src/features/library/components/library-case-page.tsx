import { type LibraryCase, todayInJapan } from '@banso/shared';
import { Badge, Notice } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { formatDate, formatMonth } from '@banso/shared';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useTranslation } from 'react-i18next';
import { useLibraryCase } from '../../../api/library/get-library-case';
import { libraryPreviewUrl, libraryTreeSvgUrl } from '../../../api/library/library-urls';
import { publicTreeSvgUrl } from '../../../api/public-links/public-links';
import { useLabels, useLocale } from '../../../i18n';
import { AdoptCase } from './adopt-case';
import { ObserveCase } from './observe-case';
import '../library.css';

/** What the team wrote for other municipalities to learn from (issue 16), in print order. */
const learningFields = ['questions', 'successFactors', 'difficulties', 'nextSteps'] as const;

const num = (n: number | null, unit = '') => (n === null ? '—' : `${n.toLocaleString('ja-JP', { maximumFractionDigits: 1 })}${unit}`);

/**
 * One published case, read-only. Signed in, it links the print page and the other published versions;
 * through a public link (`publicToken`) it shows only this version, its figure loaded by the token.
 */
export function CaseView({ c, publicToken }: { c: LibraryCase; publicToken?: string }) {
  const { t } = useTranslation(['library', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  useDocumentTitle(`${c.facts.municipality.name} · ${t('library.title')}`, t('common:app.name'));
  const f = c.facts;
  const m = f.municipality;
  const learned = learningFields.filter((k) => c.narratives[k].trim() !== '');
  return (
    <article className="library-detail">
      <header className="page__head">
        <div>
          <div className="library-case__badges">
            <Badge tone="accent">{L.category[m.category]}</Badge>
            <Badge tone="neutral">{L.regionType[m.regionType]}</Badge>
            <Badge tone="info">{f.engagement.theme}</Badge>
            <span className="badge badge--readonly">{t('common:common.readOnly')}</span>
          </div>
          <h1 className="page__title">{m.name}</h1>
          <p className="page__lead">
            {c.title} · {t('library.version', { n: c.versionNumber })} ·{' '}
            {t('library.published', { date: formatDate(todayInJapan(new Date(c.publishedAt)), locale) })}
          </p>
        </div>
        {publicToken ? null : (
          <a className="btn btn--secondary" href={libraryPreviewUrl(c.reportId)} target="_blank" rel="noopener">
            {t('library.fullReport')}
          </a>
        )}
      </header>
      <Notice tone="info">{t('library.readOnly')}</Notice>
      {publicToken ? null : <AdoptCase c={c} />}
      {publicToken ? null : <ObserveCase c={c} />}
      {c.versions.length > 1 && !publicToken ? (
        <nav className="library-versions" aria-label={t('library.versions')}>
          {c.versions.map((v) => (
            <Link
              key={v.reportId}
              href={`/library/${encodeURIComponent(v.reportId)}`}
              aria-current={v.reportId === c.reportId ? 'page' : undefined}
            >
              {t('library.version', { n: v.versionNumber })}
              {t('common:common.paren', { text: formatDate(todayInJapan(new Date(v.publishedAt)), locale) })}
            </Link>
          ))}
        </nav>
      ) : null}
      <section className="card library-section">
        <h2 className="card__title">{t('library.desiredState')}</h2>
        <p className="library-case__desired library-case__desired--large">{f.engagement.desiredState}</p>
        {c.narratives.summary.trim() ? (
          <>
            <h3 className="library-section__sub">{t('library.summary')}</h3>
            <p className="pre-wrap">{c.narratives.summary}</p>
          </>
        ) : null}
      </section>
      <section className="card library-section">
        <h2 className="card__title">{t('library.tree')}</h2>
        <div className="library-figure">
          <img
            src={publicToken ? publicTreeSvgUrl(publicToken) : libraryTreeSvgUrl(c.reportId)}
            alt={t('library.treeAlt', { name: m.name })}
          />
        </div>
      </section>
      <section className="card library-section">
        <h2 className="card__title">{t('library.selectedActions')}</h2>
        <ul className="library-actions">
          {f.actions.map((a) => (
            <li key={a.id}>
              <strong>{a.title}</strong> <Badge tone="neutral">{L.actionStatus[a.status]}</Badge>
              <span className="cell-sub">{a.rationale}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card library-section">
        <h2 className="card__title">{t('library.results')}</h2>
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('library.indicator')}</th>
                <th scope="col">{t('library.baseline')}</th>
                <th scope="col">{t('library.target')}</th>
                <th scope="col">{t('library.latest')}</th>
              </tr>
            </thead>
            <tbody>
              {f.verification.map((p) => (
                <tr key={p.planId}>
                  <th scope="row">
                    {p.indicatorCode ? `${p.indicatorCode} ` : ''}
                    {p.indicatorName}
                    <span className="cell-sub">{p.actionTitle}</span>
                  </th>
                  <td>
                    {p.baselineValue === null ? (p.baselineNote ?? '—') : num(p.baselineValue, p.unit)}
                    <span className="cell-sub">{formatMonth(p.baselineAsOf, locale)}</span>
                  </td>
                  <td>
                    {num(p.targetValue, p.unit)}
                    <span className="cell-sub">{formatMonth(p.targetBy, locale)}</span>
                  </td>
                  <td>
                    {p.latest ? num(p.latest.value, p.unit) : t('library.notMeasured')}
                    {p.progress !== null ? <span className="cell-sub">{Math.round(p.progress * 100)}%</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {learned.length > 0 ? (
        <section className="card library-section">
          <h2 className="card__title">{t('library.learning')}</h2>
          {learned.map((k) => (
            <div key={k}>
              <h3 className="library-section__sub">{L.reportNarrative[k]}</h3>
              <p className="pre-wrap">{c.narratives[k]}</p>
            </div>
          ))}
        </section>
      ) : null}
    </article>
  );
}

/** /library/{reportId}: one published case — its tree, actions and results. */
export function LibraryCasePage({ reportId }: { reportId: string }) {
  const { t } = useTranslation(['library', 'common']);
  const c = useLibraryCase(reportId);
  return (
    <div className="page library-page">
      <nav className="breadcrumbs">
        <Link href="/library">{t('library.back')}</Link>
      </nav>
      <QueryView query={c}>{(data) => <CaseView c={data} />}</QueryView>
    </div>
  );
}
