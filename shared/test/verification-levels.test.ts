import { describe, expect, it } from 'vitest';
import { planFigure, planProgress, roadmapGaps, verificationPlanGaps } from '../src/index.js';

const complete = {
  indicatorName: '通いの場参加率',
  baselineAsOf: '2025-04',
  baselineValue: 5,
  targetValue: 8,
  targetBy: '2027-03',
  timing: '年1回',
  dataSource: '見える化',
};

describe('verificationPlanGaps: quantitative and qualitative plans', () => {
  it('a quantitative plan needs its indicator, baseline, target and date, timing and source — not a method', () => {
    expect(verificationPlanGaps(complete)).toEqual([]);
    expect(verificationPlanGaps({ indicatorName: 'x' })).toEqual([
      'baselineAsOf',
      'baseline',
      'targetValue',
      'targetBy',
      'timing',
      'dataSource',
    ]);
  });

  it('a qualitative plan needs its method and timing only', () => {
    expect(verificationPlanGaps({ qualitative: true })).toEqual(['method', 'timing']);
    expect(verificationPlanGaps({ qualitative: true, method: ' ', timing: '年度末' })).toEqual(['method']);
    expect(verificationPlanGaps({ qualitative: true, method: '議事録で確認', timing: '年度末' })).toEqual([]);
  });
});

describe('roadmapGaps over node-level plans', () => {
  const action = { actionId: 'a1', title: '通いの場', status: 'selected' as const, hasRoadmapItem: true, plans: [complete] };

  it('accepts a qualitative plan naming method and timing, and no node plans at all', () => {
    expect(roadmapGaps([action])).toEqual([]);
    expect(
      roadmapGaps([action], [{ planId: 'p1', nodeId: 'n1', title: '目指す姿', qualitative: true, method: 'ヒアリング', timing: '年度末' }]),
    ).toEqual([]);
  });

  it('names a node plan with neither target nor method', () => {
    expect(roadmapGaps([action], [{ planId: 'p2', nodeId: 'n1', title: '目指す姿（幸福感）', indicatorName: '幸福感' }])).toEqual([
      {
        actionId: null,
        nodeId: 'n1',
        planId: 'p2',
        title: '目指す姿（幸福感）',
        lacks: ['plan.baselineAsOf', 'plan.baseline', 'plan.targetValue', 'plan.targetBy', 'plan.timing', 'plan.dataSource'],
      },
    ]);
  });

  it('an action whose only plan is qualitative passes when it names method and timing', () => {
    const qualitative = { ...action, plans: [{ qualitative: true, method: '事例検討', timing: '半期ごと' }] };
    expect(roadmapGaps([qualitative])).toEqual([]);
    expect(roadmapGaps([{ ...action, plans: [{ qualitative: true }] }])).toEqual([
      { actionId: 'a1', title: '通いの場', lacks: ['plan.method', 'plan.timing'] },
    ]);
  });
});

describe('planProgress: direction and kind of figure', () => {
  const rate = { cumulative: false, figureKind: 'rate' as const, periodKind: 'fiscal_year' as const };
  const count = { cumulative: false, figureKind: 'count' as const, periodKind: 'fiscal_year' as const };
  const total = { cumulative: true, figureKind: 'count' as const, periodKind: 'fiscal_year' as const };

  it('a rate reads the latest measurement; a lower-is-better target that falls is progress', () => {
    const m = [
      { period: '2025-06', value: 6 },
      { period: '2025-09', value: 7 },
    ];
    expect(planProgress({ baseline: 5, target: 8, direction: 'higher', indicator: rate, measurements: m })).toBeCloseTo(2 / 3);
    expect(
      planProgress({ baseline: 20, target: 10, direction: 'lower', indicator: rate, measurements: [{ period: '2025-09', value: 15 }] }),
    ).toBe(0.5);
  });

  it('a target against the direction yields no progress', () => {
    expect(
      planProgress({ baseline: 20, target: 30, direction: 'lower', indicator: rate, measurements: [{ period: '2025-09', value: 25 }] }),
    ).toBe(null);
  });

  it('a per-period count measured monthly adds up the months of the latest fiscal year; a running total does not', () => {
    const months = [
      { period: '2025-03', value: 50 }, // the previous fiscal year: not counted
      { period: '2025-04', value: 10 },
      { period: '2025-05', value: 20 },
      { period: '2025-06', value: 30 },
    ];
    expect(planFigure({ indicator: count, measurements: months })).toBe(60);
    expect(planProgress({ baseline: 0, target: 120, direction: 'higher', indicator: count, measurements: months })).toBe(0.5);
    expect(planFigure({ indicator: total, measurements: months })).toBe(30);
    expect(planProgress({ baseline: 0, target: 120, direction: 'higher', indicator: total, measurements: months })).toBe(0.25);
    // A plan naming its own indicator reads the latest value.
    expect(planFigure({ indicator: null, measurements: months })).toBe(30);
  });

  it('no baseline, target or measurement: null', () => {
    expect(
      planProgress({ baseline: null, target: 5, direction: null, indicator: null, measurements: [{ period: '2025-04', value: 1 }] }),
    ).toBe(null);
    expect(planProgress({ baseline: 1, target: 5, direction: null, indicator: null, measurements: [] })).toBe(null);
  });
});
