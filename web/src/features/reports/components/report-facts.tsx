import {
  beforeAfterOf,
  fillTerm,
  participantGroupLine,
  type ReportFacts,
  type ReportSection,
  type ReportVerification,
  terms,
} from '@banso/shared';
import { formatDate, formatFiscalYear, formatMonth, grantKinds } from '@banso/shared';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
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
      <ProfileGrants f={f} />
    </>
  );
}

/** 自治体の概要: both 交付金 of the latest fiscal year by evaluation area, beside the averages and the year before. */
function ProfileGrants({ f }: { f: ReportFacts }) {
  const L = useLabels();
  const { locale } = useLocale();
  const T = terms(locale);
  const grants = f.grants ?? [];
  if (grants.length === 0) return null;
  const latest = Math.max(...grants.map((g) => g.fiscalYear));
  return (
    <>
      {grantKinds.map((kind) => {
        const now = grants.filter((g) => g.grant === kind && g.fiscalYear === latest).sort((a, b) => a.position - b.position);
        if (now.length === 0) return null;
        const before = new Map(grants.filter((g) => g.grant === kind && g.fiscalYear === latest - 1).map((g) => [g.areaCode, g.score]));
        return (
          <div key={kind} className="table-wrap">
            <table className="table table--compact" data-testid={`report-grant-${kind}`}>
              <caption>
                {L.grantKind[kind]} {formatFiscalYear(latest, locale)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{T.grantArea}</th>
                  <th scope="col" className="num">
                    {T.grantScore}
                  </th>
                  <th scope="col" className="num">
                    {T.grantMax}
                  </th>
                  <th scope="col" className="num">
                    {T.grantNational}
                  </th>
                  <th scope="col" className="num">
                    {T.grantPrefecture}
                  </th>
                  <th scope="col" className="num">
                    {T.grantPrevious}
                  </th>
                </tr>
              </thead>
              <tbody>
                {now.map((g) => (
                  <tr key={g.areaCode}>
                    <th scope="row">{g.area}</th>
                    <td className="num">{num(g.score)}</td>
                    <td className="num">{num(g.maxScore)}</td>
                    <td className="num">{num(g.nationalAverage)}</td>
                    <td className="num">{num(g.prefectureAverage)}</td>
                    <td className="num">{num(before.get(g.areaCode) ?? null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}

/** 支援の経過: the team by role and organization and the visit log (date, kind, participants by role, what was done). */
function Process({ f }: { f: ReportFacts }) {
  const L = useLabels();
  const { locale } = useLocale();
  const T = terms(locale);
  return (
    <>
      {f.team ? (
        <>
          <h3 className="report-sub">{T.team}</h3>
          {f.team.length === 0 ? (
            <p className="muted">{T.noTeam}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--compact report-team">
                <thead>
                  <tr>
                    <th scope="col">{T.role}</th>
                    <th scope="col">{T.titleInTeam}</th>
                    <th scope="col">{T.organization}</th>
                  </tr>
                </thead>
                <tbody>
                  {f.team.map((m, i) => (
                    <tr key={i}>
                      <th scope="row">{L.teamRole[m.teamRole]}</th>
                      <td>{m.title ?? '—'}</td>
                      <td>{m.organization ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      {f.visits ? (
        <>
          <h3 className="report-sub">{T.visitLog}</h3>
          {f.visits.length === 0 ? (
            <p className="muted">{T.noVisits}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--compact report-visits">
                <thead>
                  <tr>
                    <th scope="col">{T.visitNo}</th>
                    <th scope="col">{T.date}</th>
                    <th scope="col">{T.kind}</th>
                    <th scope="col">{T.participants}</th>
                    <th scope="col">{T.whatWasDone}</th>
                  </tr>
                </thead>
                <tbody>
                  {f.visits.map((v) => (
                    <tr key={v.seq}>
                      <th scope="row">{fillTerm(T.visitSeq, { n: v.seq })}</th>
                      <td className="cell-date">
                        {formatDate(v.date, locale)}
                        {v.endDate && <span className="cell-sub">– {formatDate(v.endDate, locale)}</span>}
                        {v.venue && <span className="cell-sub">{v.venue}</span>}
                      </td>
                      <td>
                        {L.visitKind[v.kind]}
                        <span className="cell-sub">{L.visitStatus[v.status]}</span>
                      </td>
                      <td>
                        {v.participants.length === 0 ? (
                          '—'
                        ) : (
                          <ul className="report-participants">
                            {v.participants.map((g) => (
                              <li key={`${g.role}-${g.organization ?? ''}`}>{participantGroupLine(g, locale)}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className="cell-text">
                        {v.agenda ? (
                          <span className="cell-sub">
                            {T.agenda}: {v.agenda}
                          </span>
                        ) : null}
                        {v.summary || (v.agenda ? null : '—')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </>
  );
}

function BeforeAfterRow({ p }: { p: ReportVerification }) {
  const { t } = useTranslation(['reports', 'common']);
  const { locale } = useLocale();
  return (
    <tr>
      <th scope="row">
        {p.indicatorCode ? `${p.indicatorCode} ` : ''}
        {p.indicatorName}
        <span className="cell-sub">{p.actionTitle}</span>
      </th>
      <td>
        {p.baselineValue === null ? (p.baselineNote ?? '—') : num(p.baselineValue, p.unit)}
        <span className="cell-sub">{t('facts.asOfShort', { date: formatMonth(p.baselineAsOf, locale) })}</span>
      </td>
      <td>
        {p.latest ? num(p.latest.value, p.unit) : t('facts.notMeasured')}
        {p.latest ? <span className="cell-sub">{formatMonth(p.latest.period, locale)}</span> : null}
      </td>
      <td>
        {num(p.targetValue, p.unit)}
        <span className="cell-sub">{t('facts.until', { date: formatMonth(p.targetBy, locale) })}</span>
      </td>
      <td className="num">{pct(p.progress)}</td>
    </tr>
  );
}

/**
 * Before ⇒ After: per theme (the 課題 of the tree an action answers), the baseline and the latest
 * measurement of its indicators, then the theme's own narrative (`narrative(nodeId, title)`: the
 * editor in a draft, the text once published).
 */
export function BeforeAfter({ facts: f, narrative }: { facts: ReportFacts; narrative: (nodeId: string, title: string) => ReactNode }) {
  const L = useLabels();
  const { locale } = useLocale();
  const T = terms(locale);
  const themes = beforeAfterOf(f);
  if (!themes) return null;
  if (themes.length === 0) return <p className="muted">{T.noThemes}</p>;
  return (
    <>
      <p className="muted">{T.beforeAfterLead}</p>
      {themes.map(({ theme, plans }) => (
        <div key={theme.nodeId} className="report-theme-block">
          <h3 className="report-sub">
            {L.nodeKind[theme.kind]}: {theme.title}
          </h3>
          {plans.length === 0 ? (
            <p className="muted">{T.noLinkedIndicators}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--compact report-before-after">
                <thead>
                  <tr>
                    <th scope="col">{T.indicator}</th>
                    <th scope="col">{T.before}</th>
                    <th scope="col">{T.after}</th>
                    <th scope="col">{T.target}</th>
                    <th scope="col" className="num">
                      {T.progress}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {plans.map((p) => (
                    <BeforeAfterRow key={p.planId} p={p} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {narrative(theme.nodeId, theme.title)}
        </div>
      ))}
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
    case 'questions':
    case 'lessons':
    case 'nextSteps':
      // narrative only
      return null;
    case 'process':
      return <Process f={f} />;
    case 'beforeAfter':
      // drawn by the page with each theme's narrative (BeforeAfter)
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
