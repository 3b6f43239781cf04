/**
 * Domain vocabulary of Bansō: enums and the pure status rules shared by the API and the web.
 * Nothing here touches I/O, so every rule is unit-testable and the web can use it to
 * decide which controls to offer (the server still decides).
 */
export const municipalityCategories = ['ward', 'city', 'town_village'] as const;
export type MunicipalityCategory = (typeof municipalityCategories)[number];

export const regionTypes = ['metro', 'urban', 'island_mountain'] as const;
export type RegionType = (typeof regionTypes)[number];

export const engagementStatuses = [
  'selected',
  'hearing',
  'structuring',
  'actions_selected',
  'roadmap_agreed',
  'monitoring',
  'reported',
  'closed',
] as const;
export type EngagementStatus = (typeof engagementStatuses)[number];

/**
 * Allowed status moves. The workflow is mostly linear; an engagement may step back one
 * stage (e.g. the tree is reopened after a hearing) but never skip ahead, and `closed` is final.
 */
const engagementTransitions: Record<EngagementStatus, readonly EngagementStatus[]> = {
  selected: ['hearing'],
  hearing: ['structuring', 'selected'],
  structuring: ['actions_selected', 'hearing'],
  actions_selected: ['roadmap_agreed', 'structuring'],
  roadmap_agreed: ['monitoring', 'actions_selected'],
  monitoring: ['reported', 'roadmap_agreed'],
  reported: ['closed', 'monitoring'],
  closed: [],
};

export function nextEngagementStatuses(from: EngagementStatus): readonly EngagementStatus[] {
  return engagementTransitions[from];
}

export function canMoveEngagement(from: EngagementStatus, to: EngagementStatus): boolean {
  return engagementTransitions[from].includes(to);
}

/**
 * The moves a status change makes (POST …/status): the workflow's, except actions_selected →
 * roadmap_agreed, which only the two-party agreement makes (see roadmapAgreementStates).
 */
export function statusChangeTargets(from: EngagementStatus): EngagementStatus[] {
  return engagementTransitions[from].filter((to) => !(from === 'actions_selected' && to === 'roadmap_agreed'));
}

export const actionStatuses = ['selected', 'in_progress', 'done', 'on_hold', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

const actionTransitions: Record<ActionStatus, readonly ActionStatus[]> = {
  selected: ['in_progress', 'on_hold', 'dropped'],
  in_progress: ['done', 'on_hold', 'dropped'],
  on_hold: ['in_progress', 'dropped'],
  done: [],
  dropped: [],
};

export function nextActionStatuses(from: ActionStatus): readonly ActionStatus[] {
  return actionTransitions[from];
}

export function canMoveAction(from: ActionStatus, to: ActionStatus): boolean {
  return actionTransitions[from].includes(to);
}

export const actionPriorities = ['high', 'medium', 'low'] as const;
export type ActionPriority = (typeof actionPriorities)[number];

export const visitKinds = ['hearing', 'site_visit', 'workshop', 'online', 'report_meeting'] as const;
export type VisitKind = (typeof visitKinds)[number];

/** Program events (横展開): the March 報告会, joint hearings, site visits to advanced municipalities, training and 情報交換会. */
export const programEventKinds = ['report_meeting', 'joint_hearing', 'advanced_site_visit', 'training'] as const;
export type ProgramEventKind = (typeof programEventKinds)[number];

export const visitStatuses = ['planned', 'held', 'minutes_approved'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

/** 参加登録 → the team records 出席 or 欠席 after the visit. */
export const attendanceStatuses = ['registered', 'attended', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** 傍聴申請: pending until the program office approves (creating an observer grant) or declines. */
export const observationRequestStatuses = ['pending', 'approved', 'declined'] as const;
export type ObservationRequestStatus = (typeof observationRequestStatuses)[number];

const visitTransitions: Record<VisitStatus, readonly VisitStatus[]> = {
  planned: ['held'],
  held: ['minutes_approved', 'planned'],
  minutes_approved: ['held'],
};

export function canMoveVisit(from: VisitStatus, to: VisitStatus): boolean {
  return visitTransitions[from].includes(to);
}

/** 議事録承認: the moves of a visit that approve its minutes or withdraw the approval (what `minutes.approve` allows). */
export function isMinutesApproval(from: VisitStatus, to: VisitStatus): boolean {
  return (from === 'held' && to === 'minutes_approved') || (from === 'minutes_approved' && to === 'held');
}

export const findingKinds = ['quantitative_fact', 'qualitative_fact', 'hypothesis', 'advice', 'decision'] as const;
export type FindingKind = (typeof findingKinds)[number];

/** Who may read a finding: the advisory team only, the municipality too, or also observers. */
export const findingVisibilities = ['team', 'municipality', 'observers'] as const;
export type FindingVisibility = (typeof findingVisibilities)[number];

export const nodeKinds = ['goal', 'outcome', 'issue', 'cause', 'measure'] as const;
export type NodeKind = (typeof nodeKinds)[number];

export const hypothesisStates = ['hypothesis', 'supported', 'rejected'] as const;
export type HypothesisState = (typeof hypothesisStates)[number];

export const evidenceKinds = ['indicator_value', 'finding', 'text', 'grant_score'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export const indicatorDirections = ['higher', 'lower'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];

export const indicatorLevels = ['structure', 'process', 'output', 'outcome'] as const;
export type IndicatorLevel = (typeof indicatorLevels)[number];

/** The kind of figure an indicator is: a rate (%, per 1,000 …), a count, or an amount of money. */
export const indicatorFigureKinds = ['rate', 'count', 'amount'] as const;
export type IndicatorFigureKind = (typeof indicatorFigureKinds)[number];

/** Areas that hold reference figures beside the municipalities: the nation (全国) and each prefecture. */
export const referenceAreaKinds = ['national', 'prefecture'] as const;
export type ReferenceAreaKind = (typeof referenceAreaKinds)[number];

/** The two grants scored each year: 保険者機能強化推進交付金 (promotion) and 介護保険保険者努力支援交付金 (support). */
export const grantKinds = ['promotion', 'support'] as const;
export type GrantKind = (typeof grantKinds)[number];

export const milestoneStatuses = ['planned', 'done', 'delayed', 'cancelled'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

export const pdcaAssessments = ['excellent', 'good', 'fair', 'poor'] as const;
export type PdcaAssessment = (typeof pdcaAssessments)[number];

export const engagementRoles = ['program_office', 'advisor', 'municipal_member', 'observer'] as const;
export type EngagementRole = (typeof engagementRoles)[number];

/**
 * The status a milestone shows: a stored `planned` milestone whose due date has passed is
 * reported as `delayed`. `today` is an ISO date (YYYY-MM-DD) from an injectable clock.
 */
export function effectiveMilestoneStatus(stored: MilestoneStatus, due: string, today: string): MilestoneStatus {
  if (stored === 'planned' && due < today) return 'delayed';
  return stored;
}

/**
 * Progress from baseline toward target as a fraction (0 = baseline, 1 = target reached). Returns null when it cannot be derived (no baseline,
 * or baseline equals target). Not clamped: overshoot shows as > 1, regression as < 0.
 */
export function progressTowardTarget(baseline: number | null, target: number | null, latest: number | null): number | null {
  if (baseline === null || target === null || latest === null) return null;
  const span = target - baseline;
  if (span === 0) return null;
  // The sign of the span carries the direction: for a lower-is-better indicator the target is
  // below the baseline, so a falling value yields positive progress.
  return (latest - baseline) / span;
}

/** Whether a move from baseline to target is an improvement for the indicator's direction. */
export function targetImproves(baseline: number, target: number, direction: IndicatorDirection): boolean {
  return direction === 'higher' ? target > baseline : target < baseline;
}

/** Position of a status in the workflow, for "has reached" comparisons (e.g. roadmap agreed or later). */
export function engagementStatusIndex(status: EngagementStatus): number {
  return engagementStatuses.indexOf(status);
}

/** Whether an engagement at `status` has reached `stage` (the same stage or a later one). */
export function hasReachedStatus(status: EngagementStatus, stage: EngagementStatus): boolean {
  return engagementStatusIndex(status) >= engagementStatusIndex(stage);
}

/** What an observer grant covers; `process` = tree, actions, roadmap, visit schedule and shareable findings. */
export const observerScopes = ['process'] as const;
export type ObserverScope = (typeof observerScopes)[number];

/** Actions that are still open, and continue into a next-year engagement. */
export const openActionStatuses = ['selected', 'in_progress', 'on_hold'] as const satisfies readonly ActionStatus[];

/** The fields of a verification plan (検証方法) the roadmap gate looks at. */
export interface VerificationPlanFields {
  indicatorId?: string | null | undefined;
  indicatorName?: string | null | undefined;
  baselineValue?: number | null | undefined;
  baselineAsOf?: string | null | undefined;
  baselineNote?: string | null | undefined;
  targetValue?: number | null | undefined;
  targetBy?: string | null | undefined;
  timing?: string | null | undefined;
  dataSource?: string | null | undefined;
  method?: string | null | undefined;
  /** A qualitative plan: method, evidence and timing, no numeric baseline or target. */
  qualitative?: boolean | null | undefined;
}

/**
 * The parts of a complete verification plan: an indicator (from the catalogue or named), the
 * baseline's date, a baseline (a value, or a note saying why there is none yet, e.g. a new service),
 * a target value and date, when it is measured, and where the data comes from.
 */
export const verificationPlanParts = [
  'indicator',
  'baselineAsOf',
  'baseline',
  'targetValue',
  'targetBy',
  'timing',
  'dataSource',
  'method',
] as const;
export type VerificationPlanPart = (typeof verificationPlanParts)[number];

/**
 * What a qualitative plan (no numeric target: where an outcome indicator cannot honestly be set)
 * must name for the gate: how it is verified (method) and when (timing). The evidence it will look
 * at (dataSource) is asked for by the form, not by the gate.
 */
export const qualitativePlanParts = ['method', 'timing'] as const satisfies readonly VerificationPlanPart[];

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim().length > 0;

/**
 * The parts a verification plan still lacks, in the order of `verificationPlanParts`; empty when
 * complete. A quantitative plan needs an indicator, baseline, target and date, timing and source
 * (its method is optional); a qualitative plan needs its method and timing.
 */
export function verificationPlanGaps(plan: VerificationPlanFields): VerificationPlanPart[] {
  if (plan.qualitative) return qualitativePlanParts.filter((part) => !filled(plan[part]));
  const gaps: VerificationPlanPart[] = [];
  if (!filled(plan.indicatorId) && !filled(plan.indicatorName)) gaps.push('indicator');
  if (!filled(plan.baselineAsOf)) gaps.push('baselineAsOf');
  if ((plan.baselineValue === null || plan.baselineValue === undefined) && !filled(plan.baselineNote)) gaps.push('baseline');
  if (plan.targetValue === null || plan.targetValue === undefined) gaps.push('targetValue');
  if (!filled(plan.targetBy)) gaps.push('targetBy');
  if (!filled(plan.timing)) gaps.push('timing');
  if (!filled(plan.dataSource)) gaps.push('dataSource');
  return gaps;
}

export type RoadmapLack = 'roadmap_item' | 'verification_plan' | `plan.${VerificationPlanPart}`;

/** Node kinds a verification plan may sit on besides actions: the vision (目指す姿) and the outcomes and issues (課題). */
export const planNodeKinds = ['goal', 'outcome', 'issue'] as const satisfies readonly NodeKind[];
export type PlanNodeKind = (typeof planNodeKinds)[number];

/** A plan on a goal or outcome node as the roadmap gate sees it. */
export interface NodePlanReadiness extends VerificationPlanFields {
  planId: string;
  nodeId: string;
  /** The node's title (and the plan's indicator, when it names one), for the gap message. */
  title: string;
}

/** One action as the roadmap gate sees it. */
export interface ActionReadiness {
  actionId: string;
  /** The action's measure node title. */
  title: string;
  status: ActionStatus;
  hasRoadmapItem: boolean;
  plans: readonly VerificationPlanFields[];
}

export interface RoadmapGap {
  /** The action that lacks something; null for a plan on a goal or outcome node. */
  actionId: string | null;
  /** A node-level plan's node and the plan itself. */
  nodeId?: string;
  planId?: string;
  title: string;
  lacks: RoadmapLack[];
}

/**
 * What keeps an engagement from `roadmap_agreed`: every action that is not dropped needs a roadmap
 * item and at least one complete verification plan. An action with plans that are all incomplete
 * lists the gaps of its most complete plan (`plan.targetValue`, …); one without any plan lacks
 * `verification_plan`. Milestones are not required. Empty when the roadmap may be agreed.
 */
export function roadmapGaps(actions: readonly ActionReadiness[], nodePlans: readonly NodePlanReadiness[] = []): RoadmapGap[] {
  const gaps: RoadmapGap[] = [];
  for (const a of actions) {
    if (a.status === 'dropped') continue;
    const lacks: RoadmapLack[] = [];
    if (!a.hasRoadmapItem) lacks.push('roadmap_item');
    if (a.plans.length === 0) lacks.push('verification_plan');
    else {
      let best: VerificationPlanPart[] | null = null;
      for (const p of a.plans) {
        const g = verificationPlanGaps(p);
        if (best === null || g.length < best.length) best = g;
      }
      for (const part of best ?? []) lacks.push(`plan.${part}`);
    }
    if (lacks.length > 0) gaps.push({ actionId: a.actionId, title: a.title, lacks });
  }
  // A plan on a goal or outcome node is optional, but one that is there must be complete (each is named).
  for (const p of nodePlans) {
    const lacks = verificationPlanGaps(p).map((part): RoadmapLack => `plan.${part}`);
    if (lacks.length > 0) gaps.push({ actionId: null, nodeId: p.nodeId, planId: p.planId, title: p.title, lacks });
  }
  return gaps;
}

/**
 * The latest-progress figure of a set of plans: the mean of progressTowardTarget over the plans that
 * have a measurement and a derivable progress; null when there is none.
 */
export function meanProgress(plans: readonly { baseline: number | null; target: number | null; latest: number | null }[]): number | null {
  const values = plans.flatMap((p) => {
    const v = progressTowardTarget(p.baseline, p.target, p.latest);
    return v === null ? [] : [v];
  });
  if (values.length === 0) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * ロードマップ合意 (two parties): `none` → the team proposes (`proposed`, the engagement stays at
 * actions_selected) → a municipal member agrees (`agreed`, the engagement becomes roadmap_agreed).
 * The completeness gate (roadmapGaps) applies at both steps. Writes after a proposal that make the
 * roadmap incomplete are allowed: the proposal stands and the agreement's gate refuses (409
 * roadmap_incomplete) until the gaps are filled; after the agreement they are refused outright.
 */
export const roadmapAgreementStates = ['none', 'proposed', 'agreed'] as const;
export type RoadmapAgreementState = (typeof roadmapAgreementStates)[number];

export function roadmapAgreementState(a: { proposedAt: unknown; agreedAt: unknown }): RoadmapAgreementState {
  if (a.agreedAt) return 'agreed';
  if (a.proposedAt) return 'proposed';
  return 'none';
}

/** The team may propose at actions_selected, with no proposal standing. */
export function canProposeRoadmap(status: EngagementStatus, state: RoadmapAgreementState): boolean {
  return status === 'actions_selected' && state === 'none';
}

/** The municipality may agree to a standing proposal at actions_selected. */
export function canAgreeRoadmap(status: EngagementStatus, state: RoadmapAgreementState): boolean {
  return status === 'actions_selected' && state === 'proposed';
}

/** Either side may withdraw (the agreement, else the proposal) until monitoring starts. */
export function canWithdrawRoadmapAgreement(status: EngagementStatus, state: RoadmapAgreementState): boolean {
  return state !== 'none' && !hasReachedStatus(status, 'monitoring');
}

/**
 * What a withdrawal leaves: an agreement withdrawn returns to `proposed` (the team's proposal still
 * stands, the engagement goes back to actions_selected); a proposal withdrawn returns to `none`.
 */
export function afterRoadmapWithdrawal(state: RoadmapAgreementState): { state: RoadmapAgreementState; status: EngagementStatus } {
  return { state: state === 'agreed' ? 'proposed' : 'none', status: 'actions_selected' };
}

/**
 * What a status move does to the agreement: moving back before roadmap_agreed drops the agreement,
 * before actions_selected also the proposal. roadmap_agreed itself is reached only by the agreement.
 */
export function roadmapAgreementAfterMove(to: EngagementStatus, state: RoadmapAgreementState): RoadmapAgreementState {
  if (!hasReachedStatus(to, 'actions_selected')) return 'none';
  if (!hasReachedStatus(to, 'roadmap_agreed') && state === 'agreed') return 'proposed';
  return state;
}
