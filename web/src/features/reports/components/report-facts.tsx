import { type ReportFacts, type ReportSection } from '@banso/shared';
import { formatDate, formatMonth } from '@banso/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

const num = (n: number | null, unit = '') => (n === null ? '—' : `${n.toLocaleString('ja-JP', { maximumFractionDigits: 1 })}${unit}`);
const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);

function Profile({ f, t }: { f: ReportFacts; t: TFunction<'reports'> }) {
  const L = useLabels();
  const m = f.municipality;
  return (
    <>
      <dl className="report-profile">
        <div>
          <dt>{t('facts.category')}</dt>
          <dd>{L.category[m.category]}</dd>
        </div>
        <div>
          <dt>{t('facts.regionType')}</dt>
          <dd>{L.regionType[m.regionType]}</dd>
        </div>
        <div>
          <dt>{t('facts.population')}</dt>
          <dd>{m.population === null ? '—' : t('facts.populationValue', { value: num(m.population) })}</dd>
        </div>
        <div>
          <dt>{t('facts.agingRate')}</dt>
          <dd>{num(m.agingRate, '%')}</dd>
        </div>
        <div>
          <dt>{t('facts.pop85')}</dt>
          <dd>{num(m.pop85Rate, '%')}</dd>
        </div>
      </dl>
      {f.keyIndicators.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">{t('facts.keyIndicators')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('facts.indicator')}</th>
                <th scope="col" className="num">
                  {t('facts.value')}
                </th>
                <th scope="col">{t('facts.period')}</th>
                <th scope="col">{t('facts.source')}</th>
              </tr>
            </thead>
            <tbody>
              {f.keyIndicators.map((v) => (
                <tr key={`${v.code}-${v.period}`}>
                  <td>
                    {v.code} {v.name}
                  </td>
                  <td className="num">{num(v.value, v.unit)}</td>
                  <td>{v.period}</td>
                  <td>{v.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

/** The generated facts of one section, as stored in the report's snapshot. */
export function SectionFacts({ section, facts: f, treeSrc }: { section: ReportSection; facts: ReportFacts; treeSrc: string }) {
  const { t } = useTranslation(['reports', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  switch (section) {
    case 'summary':
      return null;
    case 'profile':
      return <Profile f={f} t={t} />;
    case 'theme':
      return (
        <div className="report-theme">
          <p>
            {t('facts.theme')}: <strong>{f.engagement.theme}</strong>
          </p>
          <p className="report-desired">{f.engagement.desiredState || '—'}</p>
        </div>
      );
    case 'findings':
      return f.findings.length === 0 ? (
        <p className="muted">{t('facts.noFindings')}</p>
      ) : (
        <ul className="report-findings">
          {f.findings.map((x) => (
            <li key={x.id}>
              <span className="report-findings__kind">{L.findingKind[x.kind]}</span> {x.text}
              <span className="report-findings__src">
                {[x.visitSeq !== null ? t('facts.visit', { n: x.visitSeq }) : '', x.source].filter(Boolean).join(' / ')}
              </span>
            </li>
          ))}
        </ul>
      );
    case 'tree':
      return f.tree.nodes.length === 0 ? null : (
        <div className="report-figure">
          <img src={treeSrc} alt={t('facts.treeAlt', { name: f.municipality.name })} />
        </div>
      );
    case 'actions':
      return (
        <div className="table-wrap">
          <table className="table table--compact report-actions">
            <thead>
              <tr>
                <th scope="col">{t('facts.action')}</th>
                <th scope="col">{t('facts.owner')}</th>
                <th scope="col">{t('facts.partners')}</th>
                <th scope="col">{t('facts.priority')}</th>
                <th scope="col">{t('facts.status')}</th>
                <th scope="col">{t('facts.rationale')}</th>
              </tr>
            </thead>
            <tbody>
              {f.actions.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.title}</th>
                  <td>{a.ownerDepartment || '—'}</td>
                  <td>{a.partners.join(t('common:common.listSeparator')) || '—'}</td>
                  <td>{L.priority[a.priority]}</td>
                  <td>{L.actionStatus[a.status]}</td>
                  <td className="cell-text">{a.rationale}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'roadmap':
      return (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('facts.action')}</th>
                <th scope="col">{t('facts.span')}</th>
                <th scope="col">{t('facts.milestones')}</th>
              </tr>
            </thead>
            <tbody>
              {f.roadmap.map((r) => (
                <tr key={r.actionId}>
                  <th scope="row">{r.title}</th>
                  <td className="cell-date">
                    {r.startMonth
                      ? t('common:common.range', { start: formatMonth(r.startMonth, locale), end: formatMonth(r.endMonth, locale) })
                      : t('facts.notSet')}
                  </td>
                  <td>
                    <ul className="report-milestones">
                      {r.milestones.map((m) => (
                        <li key={m.id} className={`report-milestones__item report-milestones__item--${m.status}`}>
                          {formatDate(m.due, locale)} {m.title} [{L.milestoneStatus[m.status]}]
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'verification':
      return (
        <div className="table-wrap">
          <table className="table table--compact report-verification">
            <thead>
              <tr>
                <th scope="col">{t('facts.action')}</th>
                <th scope="col">{t('facts.indicator')}</th>
                <th scope="col">{t('facts.baseline')}</th>
                <th scope="col">{t('facts.target')}</th>
                <th scope="col">{t('facts.timing')}</th>
                <th scope="col">{t('facts.latest')}</th>
                <th scope="col" className="num">
                  {t('facts.progress')}
                </th>
              </tr>
            </thead>
            <tbody>
              {f.verification.map((p) => (
                <tr key={p.planId}>
                  <td>{p.actionTitle}</td>
                  <td>
                    {p.indicatorCode ? `${p.indicatorCode} ` : ''}
                    {p.indicatorName}
                  </td>
                  <td>
                    {p.baselineValue === null ? (p.baselineNote ?? '—') : num(p.baselineValue, p.unit)}
                    <span className="cell-sub">{t('facts.asOfShort', { date: formatMonth(p.baselineAsOf, locale) })}</span>
                  </td>
                  <td>
                    {num(p.targetValue, p.unit)}
                    <span className="cell-sub">{t('facts.until', { date: formatMonth(p.targetBy, locale) })}</span>
                  </td>
                  <td>
                    {p.timing}
                    <span className="cell-sub">{p.dataSource}</span>
                  </td>
                  <td>
                    {p.latest
                      ? `${num(p.latest.value, p.unit)}${t('common:common.paren', { text: formatMonth(p.latest.period, locale) })}`
                      : t('facts.notMeasured')}
                  </td>
                  <td className="num">{pct(p.progress)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'review':
      return f.review ? (
        <div className="report-review">
          <p>
            <span className="report-review__mark">{f.review.mark}</span> {f.review.comment}
          </p>
          {f.review.nextActions ? (
            <p>
              <strong>{t('facts.nextActions')}:</strong> {f.review.nextActions}
            </p>
          ) : null}
          {f.review.comment === undefined ? <p className="muted">{t('facts.reviewShared')}</p> : null}
        </div>
      ) : (
        <p className="muted">{t('facts.noReview')}</p>
      );
  }
}
