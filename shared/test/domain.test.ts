import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterRoadmapWithdrawal,
  canAgreeRoadmap,
  canProposeRoadmap,
  canWithdrawRoadmapAgreement,
  isMinutesApproval,
  roadmapAgreementAfterMove,
  roadmapAgreementState,
  statusChangeTargets,
  actionStatuses,
  canMoveAction,
  canMoveEngagement,
  canMoveVisit,
  effectiveMilestoneStatus,
  engagementStatuses,
  hasReachedStatus,
  meanProgress,
  nextEngagementStatuses,
  progressTowardTarget,
  roadmapGaps,
  targetImproves,
  type VerificationPlanFields,
  verificationPlanGaps,
  visitStatuses,
} from '../src/domain.js';

const completePlan: VerificationPlanFields = {
  indicatorId: null,
  indicatorName: '連絡票受理件数',
  baselineValue: 0,
  baselineAsOf: '2025-09',
  baselineNote: null,
  targetValue: 60,
  targetBy: '2027-03',
  timing: '四半期',
  dataSource: '包括受付記録',
};

describe('engagement status transitions', () => {
  it('moves forward one stage at a time and back one stage', () => {
    expect(canMoveEngagement('selected', 'hearing')).toBe(true);
    expect(canMoveEngagement('actions_selected', 'roadmap_agreed')).toBe(true);
    expect(canMoveEngagement('roadmap_agreed', 'actions_selected')).toBe(true);
    expect(canMoveEngagement('hearing', 'selected')).toBe(true);
  });

  it('never skips a stage and never leaves closed', () => {
    expect(canMoveEngagement('selected', 'structuring')).toBe(false);
    expect(canMoveEngagement('structuring', 'roadmap_agreed')).toBe(false);
    expect(canMoveEngagement('selected', 'selected')).toBe(false);
    for (const to of engagementStatuses) expect(canMoveEngagement('closed', to)).toBe(false);
    expect(nextEngagementStatuses('closed')).toEqual([]);
  });

  it('allows only moves to an adjacent stage (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...engagementStatuses), fc.constantFrom(...engagementStatuses), (from, to) => {
        const distance = engagementStatuses.indexOf(to) - engagementStatuses.indexOf(from);
        if (canMoveEngagement(from, to)) expect(Math.abs(distance)).toBe(1);
        else expect(distance === 1 && from !== 'closed').toBe(false);
      }),
    );
  });

  it('tells whether a stage has been reached', () => {
    expect(hasReachedStatus('monitoring', 'roadmap_agreed')).toBe(true);
    expect(hasReachedStatus('roadmap_agreed', 'roadmap_agreed')).toBe(true);
    expect(hasReachedStatus('actions_selected', 'roadmap_agreed')).toBe(false);
  });
});

describe('action and visit transitions', () => {
  it('ends actions at done or dropped', () => {
    expect(canMoveAction('selected', 'in_progress')).toBe(true);
    expect(canMoveAction('on_hold', 'in_progress')).toBe(true);
    expect(canMoveAction('selected', 'done')).toBe(false);
    for (const to of actionStatuses) {
      expect(canMoveAction('done', to)).toBe(false);
      expect(canMoveAction('dropped', to)).toBe(false);
    }
  });

  it('moves visits planned → held → minutes_approved, one step back allowed', () => {
    expect(canMoveVisit('planned', 'held')).toBe(true);
    expect(canMoveVisit('held', 'minutes_approved')).toBe(true);
    expect(canMoveVisit('minutes_approved', 'held')).toBe(true);
    expect(canMoveVisit('planned', 'minutes_approved')).toBe(false);
    for (const s of visitStatuses) expect(canMoveVisit(s, s)).toBe(false);
  });
});

describe('verificationPlanGaps', () => {
  it('finds nothing missing in a complete plan', () => {
    expect(verificationPlanGaps(completePlan)).toEqual([]);
  });

  it('lists every part of an empty plan in order', () => {
    expect(verificationPlanGaps({})).toEqual(['indicator', 'baselineAsOf', 'baseline', 'targetValue', 'targetBy', 'timing', 'dataSource']);
  });

  it('accepts a catalogue indicator instead of a name, and a baseline note instead of a value', () => {
    const plan = { ...completePlan, indicatorName: '', indicatorId: 'a1b2', baselineValue: null, baselineNote: '新規事業のため実績なし' };
    expect(verificationPlanGaps(plan)).toEqual([]);
  });

  it('treats blank text as missing and zero as a value', () => {
    expect(verificationPlanGaps({ ...completePlan, timing: '  ', dataSource: '' })).toEqual(['timing', 'dataSource']);
    expect(verificationPlanGaps({ ...completePlan, baselineValue: 0, targetValue: 0 })).toEqual([]);
    expect(verificationPlanGaps({ ...completePlan, baselineValue: null, baselineNote: ' ' })).toEqual(['baseline']);
    expect(verificationPlanGaps({ ...completePlan, targetValue: null, targetBy: null })).toEqual(['targetValue', 'targetBy']);
  });
});

describe('roadmapGaps', () => {
  const action = (id: string, over: Partial<Parameters<typeof roadmapGaps>[0][number]> = {}) => ({
    actionId: id,
    title: `取組${id}`,
    status: 'selected' as const,
    hasRoadmapItem: true,
    plans: [completePlan],
    ...over,
  });

  it('is empty when every action has a roadmap item and a complete plan', () => {
    expect(roadmapGaps([action('a'), action('b', { status: 'in_progress' })])).toEqual([]);
  });

  it('names the action lacking a roadmap item or any plan', () => {
    expect(roadmapGaps([action('a', { hasRoadmapItem: false }), action('b', { plans: [] })])).toEqual([
      { actionId: 'a', title: '取組a', lacks: ['roadmap_item'] },
      { actionId: 'b', title: '取組b', lacks: ['verification_plan'] },
    ]);
  });

  it('lists the gaps of the most complete plan when none is complete', () => {
    const gaps = roadmapGaps([
      action('a', {
        hasRoadmapItem: false,
        plans: [{ indicatorName: 'x' }, { ...completePlan, targetValue: null }],
      }),
    ]);
    expect(gaps).toEqual([{ actionId: 'a', title: '取組a', lacks: ['roadmap_item', 'plan.targetValue'] }]);
  });

  it('passes an action with one complete plan among incomplete ones', () => {
    expect(roadmapGaps([action('a', { plans: [{}, completePlan] })])).toEqual([]);
  });

  it('ignores dropped actions', () => {
    expect(roadmapGaps([action('a', { status: 'dropped', hasRoadmapItem: false, plans: [] })])).toEqual([]);
  });
});

describe('milestones and progress', () => {
  it('shows an overdue planned milestone as delayed', () => {
    expect(effectiveMilestoneStatus('planned', '2025-11-30', '2025-12-01')).toBe('delayed');
    expect(effectiveMilestoneStatus('planned', '2025-12-01', '2025-12-01')).toBe('planned');
    expect(effectiveMilestoneStatus('done', '2025-01-01', '2025-12-01')).toBe('done');
  });

  it('derives progress in the direction of the target', () => {
    expect(progressTowardTarget(58, 70, 64)).toBeCloseTo(0.5);
    expect(progressTowardTarget(20, 10, 15)).toBeCloseTo(0.5);
    expect(progressTowardTarget(10, 10, 12)).toBeNull();
    expect(progressTowardTarget(null, 10, 12)).toBeNull();
    expect(targetImproves(20, 10, 'lower')).toBe(true);
    expect(targetImproves(20, 10, 'higher')).toBe(false);
  });

  it('averages progress over the plans where it can be derived', () => {
    expect(
      meanProgress([
        { baseline: 0, target: 10, latest: 5 },
        { baseline: 20, target: 10, latest: 10 },
        { baseline: null, target: 10, latest: 3 },
      ]),
    ).toBeCloseTo(0.75);
    expect(meanProgress([])).toBeNull();
    expect(meanProgress([{ baseline: 5, target: 5, latest: 5 }])).toBeNull();
  });
});

describe('ロードマップ合意 (two parties)', () => {
  it('reads the state from the stored times', () => {
    expect(roadmapAgreementState({ proposedAt: null, agreedAt: null })).toBe('none');
    expect(roadmapAgreementState({ proposedAt: '2025-12-01T00:00:00Z', agreedAt: null })).toBe('proposed');
    expect(roadmapAgreementState({ proposedAt: '2025-12-01T00:00:00Z', agreedAt: '2025-12-08T00:00:00Z' })).toBe('agreed');
  });

  it('proposes and agrees only at actions_selected, in that order', () => {
    expect(canProposeRoadmap('actions_selected', 'none')).toBe(true);
    expect(canProposeRoadmap('actions_selected', 'proposed')).toBe(false);
    expect(canProposeRoadmap('structuring', 'none')).toBe(false);
    expect(canAgreeRoadmap('actions_selected', 'proposed')).toBe(true);
    expect(canAgreeRoadmap('actions_selected', 'none')).toBe(false);
    expect(canAgreeRoadmap('roadmap_agreed', 'agreed')).toBe(false);
  });

  it('withdraws until monitoring starts: an agreement back to proposed, a proposal back to none', () => {
    expect(canWithdrawRoadmapAgreement('actions_selected', 'proposed')).toBe(true);
    expect(canWithdrawRoadmapAgreement('roadmap_agreed', 'agreed')).toBe(true);
    expect(canWithdrawRoadmapAgreement('actions_selected', 'none')).toBe(false);
    for (const later of ['monitoring', 'reported', 'closed'] as const) expect(canWithdrawRoadmapAgreement(later, 'agreed')).toBe(false);
    expect(afterRoadmapWithdrawal('agreed')).toEqual({ state: 'proposed', status: 'actions_selected' });
    expect(afterRoadmapWithdrawal('proposed')).toEqual({ state: 'none', status: 'actions_selected' });
  });

  it('a status move back drops the agreement (and before actions_selected the proposal); roadmap_agreed is not a status move', () => {
    expect(roadmapAgreementAfterMove('actions_selected', 'agreed')).toBe('proposed');
    expect(roadmapAgreementAfterMove('structuring', 'proposed')).toBe('none');
    expect(roadmapAgreementAfterMove('roadmap_agreed', 'agreed')).toBe('agreed');
    expect(roadmapAgreementAfterMove('reported', 'agreed')).toBe('agreed');
    expect(statusChangeTargets('actions_selected')).toEqual(['structuring']);
    expect(statusChangeTargets('monitoring')).toEqual(['reported', 'roadmap_agreed']);
  });

  it('approving the minutes is held ⇄ minutes_approved only', () => {
    expect(isMinutesApproval('held', 'minutes_approved')).toBe(true);
    expect(isMinutesApproval('minutes_approved', 'held')).toBe(true);
    expect(isMinutesApproval('held', 'planned')).toBe(false);
    expect(isMinutesApproval('planned', 'held')).toBe(false);
  });
});
