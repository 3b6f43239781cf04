/**
 * The logframe (ロジックフレーム): the engagement's plan as the results-framework table advisors with
 * a development or evaluation background expect — 目指す姿 / 中間アウトカム / 取組 × 指標 / 検証方法 /
 * ベースライン / 目標 / 前提・リスク. Built once from the tree, the selected actions and their
 * verification plans, so the web view and the workbook sheet say the same thing.
 *
 * - 目指す姿: the goal the action's measure hangs under.
 * - 中間アウトカム: the outcomes on the way from the goal down to the measure; a tree without outcome
 *   nodes names the 課題 the measure answers instead.
 * - 前提・リスク: the 課題 and 要因 on the way whose hypothesis is not (yet) supported — the plan rests
 *   on them (仮説, still to be verified) or works against them (棄却).
 * - One row per verification plan of the action; an action without a plan has one row with no indicator.
 */
import type { ActionStatus, HypothesisState, NodeKind } from './domain.js';
import { fillTerm, type LabelLocale, labels, terms } from './labels/index.js';
import { orderTree } from './tree/order.js';

export interface LogframeNode {
  id: string;
  parentId: string | null;
  position: number;
  kind: NodeKind;
  title: string;
  hypothesisState: HypothesisState | null;
}

export interface LogframeAction {
  id: string;
  nodeId: string;
  title: string;
  status: ActionStatus;
}

export interface LogframePlan {
  actionId: string;
  indicatorName: string;
  unit: string;
  method: string;
  dataSource: string;
  timing: string;
  baselineValue: number | null;
  /** YYYY-MM */
  baselineAsOf: string | null;
  baselineNote: string | null;
  targetValue: number | null;
  /** YYYY-MM */
  targetBy: string | null;
}

export interface LogframeAssumption {
  title: string;
  kind: NodeKind;
  state: Exclude<HypothesisState, 'supported'>;
}

export interface LogframeRow {
  goal: string | null;
  outcomes: string[];
  action: LogframeAction;
  plan: LogframePlan | null;
  assumptions: LogframeAssumption[];
}

/** The logframe's rows, in tree order (depth first, siblings by position), then the plans in the order given. */
export function logframeRows(
  nodes: readonly LogframeNode[],
  actions: readonly LogframeAction[],
  plans: readonly LogframePlan[],
): LogframeRow[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const order = new Map(orderTree(nodes).map((n, i) => [n.id, i]));
  const plansOf = new Map<string, LogframePlan[]>();
  for (const p of plans) plansOf.set(p.actionId, [...(plansOf.get(p.actionId) ?? []), p]);

  const ancestorsOf = (nodeId: string): LogframeNode[] => {
    const path: LogframeNode[] = [];
    const seen = new Set<string>();
    for (let n = byId.get(nodeId); n?.parentId && !seen.has(n.id);) {
      seen.add(n.id);
      n = byId.get(n.parentId);
      if (n) path.unshift(n);
    }
    return path;
  };

  const sorted = [...actions].sort(
    (a, b) => (order.get(a.nodeId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.nodeId) ?? Number.MAX_SAFE_INTEGER),
  );
  return sorted.flatMap((action): LogframeRow[] => {
    const path = ancestorsOf(action.nodeId);
    const titled = (kind: NodeKind) => path.filter((n) => n.kind === kind).map((n) => n.title);
    const outcomes = titled('outcome');
    const assumptions = path.flatMap((n): LogframeAssumption[] =>
      (n.kind === 'issue' || n.kind === 'cause') && (n.hypothesisState === 'hypothesis' || n.hypothesisState === 'rejected')
        ? [{ title: n.title, kind: n.kind, state: n.hypothesisState }]
        : [],
    );
    const base = { goal: titled('goal')[0] ?? null, outcomes: outcomes.length > 0 ? outcomes : titled('issue'), action, assumptions };
    const own = plansOf.get(action.id) ?? [];
    return own.length > 0 ? own.map((plan) => ({ ...base, plan })) : [{ ...base, plan: null }];
  });
}

/** For each row, how many rows its cell spans from there (0: the row continues the one above), by key. */
function runs(rows: readonly LogframeRow[], key: (r: LogframeRow) => string): number[] {
  return rows.map((r, i) => {
    if (i > 0 && key(rows[i - 1]!) === key(r)) return 0;
    let n = 1;
    while (i + n < rows.length && key(rows[i + n]!) === key(r)) n += 1;
    return n;
  });
}

export interface LogframeSpans {
  goal: number;
  outcomes: number;
  action: number;
}

/**
 * How the table is drawn: consecutive rows under the same goal share its cell, under the same goal
 * and outcomes share theirs, of the same action share the action's (and its assumptions'). A span of
 * 0 means the row's cell is the one above. The web view's rowSpan and the sheet's merged cells.
 */
export function logframeSpans(rows: readonly LogframeRow[]): LogframeSpans[] {
  const goal = (r: LogframeRow) => r.goal ?? '';
  const goals = runs(rows, goal);
  const outcomes = runs(rows, (r) => `${goal(r)}\u0000${r.outcomes.join('\u0000')}`);
  const actions = runs(rows, (r) => r.action.id);
  return rows.map((_, i) => ({ goal: goals[i]!, outcomes: outcomes[i]!, action: actions[i]! }));
}

/** 要因「閉じこもりがちな高齢者が多い」（仮説） — one assumption as the view and the sheet write it. */
export function logframeAssumptionText(a: LogframeAssumption, locale: LabelLocale): string {
  const l = labels(locale);
  return fillTerm(terms(locale).assumptionLine, { kind: l.nodeKind[a.kind], title: a.title, state: l.hypothesisState[a.state] });
}
