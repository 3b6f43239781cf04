import {
  formatMonth,
  type LogframeAction,
  logframeAssumptionText,
  type LogframePlan,
  type LogframeRow,
  logframeRows,
  logframeSpans,
  type Roadmap,
  terms,
  type Tree,
} from '@banso/shared';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roadmapQueryOptions } from '../../../api/roadmap/get-roadmap';
import { treeQueryOptions } from '../../../api/tree/get-tree';
import { EmptyState } from '../../../components/ui/feedback';
import { QueryView } from '../../../components/ui/query-view';
import { useLabels, useLocale } from '../../../i18n';

/** The logframe's rows from the tree and the roadmap (one row per action with its plans). */
function rowsOf(tree: Tree, roadmap: Roadmap): LogframeRow[] {
  const actions: LogframeAction[] = roadmap.items.map((r) => ({
    id: r.action.id,
    nodeId: r.action.nodeId,
    title: r.node.title,
    status: r.action.status,
  }));
  const plans: LogframePlan[] = roadmap.items.flatMap((r) => r.plans.map((p) => ({ ...p, actionId: r.action.id })));
  return logframeRows(tree.nodes, actions, plans);
}

function LogframeTable({ rows }: { rows: LogframeRow[] }) {
  const { t } = useTranslation(['actions', 'common']);
  const { locale } = useLocale();
  const L = useLabels();
  const T = terms(locale);
  if (rows.length === 0) return <EmptyState>{t('actions.empty')}</EmptyState>;
  const spans = logframeSpans(rows);
  const num = (v: number | null, unit: string) => (v === null ? null : `${v.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB')}${unit}`);
  const notSet = <span className="muted">{t('common:common.notSet')}</span>;
  return (
    <div className="table-wrap">
      <table className="table logframe">
        <caption className="visually-hidden">{T.logframe}</caption>
        <thead>
          <tr>
            <th scope="col">{T.desiredState}</th>
            <th scope="col">{T.intermediateOutcome}</th>
            <th scope="col">{T.action}</th>
            <th scope="col">{T.indicator}</th>
            <th scope="col">{T.verification}</th>
            <th scope="col">{T.baseline}</th>
            <th scope="col">{T.target}</th>
            <th scope="col">{T.assumptions}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const { goal: goalSpan, outcomes: outcomeSpan, action: actionSpan } = spans[i]!;
            const p = r.plan;
            return (
              <tr key={`${r.action.id}-${i}`}>
                {goalSpan > 0 ? (
                  <td rowSpan={goalSpan} className="logframe__group">
                    {r.goal ?? notSet}
                  </td>
                ) : null}
                {outcomeSpan > 0 ? (
                  <td rowSpan={outcomeSpan} className="logframe__group">
                    {r.outcomes.length > 0 ? r.outcomes.map((o) => <p key={o}>{o}</p>) : notSet}
                  </td>
                ) : null}
                {actionSpan > 0 ? (
                  <th scope="row" rowSpan={actionSpan}>
                    {r.action.title}
                    <span className="logframe__status">{L.actionStatus[r.action.status]}</span>
                  </th>
                ) : null}
                <td>
                  {p ? `${p.indicatorName}${p.unit ? ` (${p.unit})` : ''}` : <span className="muted">{t('actions.logframe.noPlan')}</span>}
                </td>
                <td>{p ? [p.method, p.dataSource, p.timing].filter(Boolean).map((s) => <p key={s}>{s}</p>) : null}</td>
                <td>
                  {p ? (num(p.baselineValue, p.unit) ?? p.baselineNote ?? notSet) : null}
                  {p?.baselineAsOf ? <span className="logframe__when">{formatMonth(p.baselineAsOf, locale)}</span> : null}
                </td>
                <td>
                  {p ? (num(p.targetValue, p.unit) ?? notSet) : null}
                  {p?.targetBy ? <span className="logframe__when">{formatMonth(p.targetBy, locale)}</span> : null}
                </td>
                {actionSpan > 0 ? (
                  <td rowSpan={actionSpan}>
                    {r.assumptions.length > 0 ? (
                      <ul className="logframe__assumptions">
                        {r.assumptions.map((a) => (
                          <li key={`${a.kind}-${a.title}`}>{logframeAssumptionText(a, locale)}</li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">{t('actions.logframe.noAssumptions')}</span>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** ロジックフレーム: the tree, the actions and their verification plans as one results-framework table, printable. */
export function LogframeView({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation(['actions']);
  const [tree, roadmap] = useQueries({ queries: [treeQueryOptions(engagementId), roadmapQueryOptions(engagementId)] });
  return (
    <section className="logframe-view" aria-labelledby="logframe-title">
      <div className="logframe-view__head">
        <h3 className="section-title" id="logframe-title">
          {t('actions.logframe.title')}
        </h3>
        <button type="button" className="btn btn--secondary btn--small no-print" onClick={() => window.print()}>
          {t('actions.logframe.print')}
        </button>
      </div>
      <p className="muted">{t('actions.logframe.lead')}</p>
      <QueryView query={tree}>{(tr) => <QueryView query={roadmap}>{(rm) => <LogframeTable rows={rowsOf(tr, rm)} />}</QueryView>}</QueryView>
    </section>
  );
}
