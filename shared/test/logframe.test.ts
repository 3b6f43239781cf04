import { describe, expect, it } from 'vitest';
import { type LogframeNode, type LogframePlan, logframeAssumptionText, logframeRows, logframeSpans } from '../src/logframe.js';

const node = (
  id: string,
  parentId: string | null,
  position: number,
  kind: LogframeNode['kind'],
  state: LogframeNode['hypothesisState'] = null,
) => ({
  id,
  parentId,
  position,
  kind,
  title: `T-${id}`,
  hypothesisState: state,
});
const plan = (actionId: string, indicatorName: string): LogframePlan => ({
  actionId,
  indicatorName,
  unit: '%',
  method: '通いの場の参加者数を集計',
  dataSource: '介護保険事業状況報告',
  timing: '毎年度末',
  baselineValue: 10,
  baselineAsOf: '2025-04',
  baselineNote: null,
  targetValue: 15,
  targetBy: '2027-03',
});

// goal ─ outcome ─ issue (仮説) ─ cause (棄却) ─ measure m1 (selected, two plans)
//      └ issue2 (支持) ─ measure m2 (selected, no plan), measure m3 (not selected)
const nodes = [
  node('m2', 'issue2', 0, 'measure'),
  node('goal', null, 0, 'goal'),
  node('issue2', 'goal', 1, 'issue', 'supported'),
  node('outcome', 'goal', 0, 'outcome'),
  node('issue', 'outcome', 0, 'issue', 'hypothesis'),
  node('cause', 'issue', 0, 'cause', 'rejected'),
  node('m1', 'cause', 0, 'measure'),
  node('m3', 'issue2', 1, 'measure'),
];
const actions = [
  { id: 'a2', nodeId: 'm2', title: 'A2', status: 'selected' as const },
  { id: 'a1', nodeId: 'm1', title: 'A1', status: 'in_progress' as const },
];

describe('logframeRows', () => {
  const rows = logframeRows(nodes, actions, [plan('a1', '参加率'), plan('a1', '主観的健康感')]);

  it('has a row per plan of each selected action, in tree order, and one row for an action without a plan', () => {
    expect(rows.map((r) => [r.action.id, r.plan?.indicatorName ?? null])).toEqual([
      ['a1', '参加率'],
      ['a1', '主観的健康感'],
      ['a2', null],
    ]);
  });

  it('names the goal and the outcomes on the way, or the issue when the branch has no outcome', () => {
    expect(rows[0]).toMatchObject({ goal: 'T-goal', outcomes: ['T-outcome'] });
    expect(rows[2]).toMatchObject({ goal: 'T-goal', outcomes: ['T-issue2'] });
  });

  it('lists as assumptions the issues and causes on the way whose hypothesis is not supported', () => {
    expect(rows[0]!.assumptions).toEqual([
      { title: 'T-issue', kind: 'issue', state: 'hypothesis' },
      { title: 'T-cause', kind: 'cause', state: 'rejected' },
    ]);
    expect(rows[2]!.assumptions).toEqual([]);
    expect(logframeAssumptionText(rows[0]!.assumptions[0]!, 'ja')).toBe('課題「T-issue」（仮説）');
    expect(logframeAssumptionText(rows[0]!.assumptions[1]!, 'en')).toMatch(/^[A-Z][a-z]+ “T-cause” \(rejected\)$/i);
  });

  it('keeps an action whose node is missing from the tree, last, without goal (a corrupt or stale record)', () => {
    const r = logframeRows(nodes, [...actions, { id: 'a9', nodeId: 'gone', title: 'A9', status: 'selected' }], []);
    expect(r.at(-1)).toMatchObject({ action: { id: 'a9' }, goal: null, outcomes: [], plan: null });
  });

  it('does not loop on a cycle in corrupt input', () => {
    const cyclic = [node('x', 'y', 0, 'issue'), node('y', 'x', 0, 'cause'), node('m', 'x', 0, 'measure')];
    expect(logframeRows(cyclic, [{ id: 'a', nodeId: 'm', title: 'A', status: 'selected' }], [])).toHaveLength(1);
  });
});

describe('logframeSpans', () => {
  it('spans the goal, the outcomes and the action over the rows that share them', () => {
    const rows = logframeRows(nodes, actions, [plan('a1', '参加率'), plan('a1', '主観的健康感')]);
    expect(logframeSpans(rows)).toEqual([
      { goal: 3, outcomes: 2, action: 2 },
      { goal: 0, outcomes: 0, action: 0 },
      { goal: 0, outcomes: 1, action: 1 },
    ]);
  });
});
