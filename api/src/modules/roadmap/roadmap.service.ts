import {
  can,
  type CreateMilestoneBody,
  type CreateVerificationPlanBody,
  effectiveMilestoneStatus,
  type FiscalQuarter,
  fiscalQuarterOf,
  fiscalYearOf,
  type IndicatorDirection,
  type Measurement,
  type Milestone,
  type ObserverMeasurement,
  ObserverRoadmapSchema,
  type ObserverVerificationPlan,
  type PlanNodeKind,
  planNodeKinds,
  planProgress,
  type PutRoadmapItemBody,
  type RecordMeasurementBody,
  type Roadmap,
  type RoadmapItem,
  type UpdateMeasurementBody,
  type UpdateMilestoneBody,
  type UpdateVerificationPlanBody,
  type VerificationPlan,
  verificationPlanGaps,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { BadRequest, Conflict, Forbidden, NotFound, PreconditionFailed, PreconditionRequired } from '../../lib/errors.js';
import { authorize, lockEngagement } from '../access/access.service.js';
import { keepAgreedRoadmapComplete } from '../engagements/engagements.service.js';
import { sortByTree } from '../actions/actions.service.js';
import { nodeOrder } from '../tree/tree.repository.js';
import * as repo from './roadmap.repository.js';

// ── Views ────────────────────────────────────────────────────────────────────────────────────────

/** The fiscal quarters from the quarter of `startMonth` to that of `endMonth`, in order. */
export function quartersBetween(startMonth: string, endMonth: string): FiscalQuarter[] {
  const index = (ym: string) => fiscalYearOf(ym) * 4 + fiscalQuarterOf(ym) - 1;
  const out: FiscalQuarter[] = [];
  for (let i = index(startMonth); i <= index(endMonth); i++) out.push({ fiscalYear: Math.floor(i / 4), quarter: (i % 4) + 1 });
  return out;
}

export function toRoadmapItem(row: repo.RoadmapItemRow): RoadmapItem {
  const quarters = quartersBetween(row.startMonth, row.endMonth);
  return {
    id: row.id,
    actionId: row.actionId,
    startMonth: row.startMonth,
    endMonth: row.endMonth,
    fiscalYears: [...new Set(quarters.map((q) => q.fiscalYear))],
    quarters,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toMilestone(row: repo.MilestoneListRow, today: string): Milestone {
  const m = row.milestone;
  return {
    id: m.id,
    actionId: m.actionId,
    due: m.due,
    title: m.title,
    status: effectiveMilestoneStatus(m.status, m.due, today),
    storedStatus: m.status,
    completedAt: m.completedAt ? m.completedAt.toISOString() : null,
    completedBy: m.completedBy && row.completedByName !== null ? { id: m.completedBy, name: row.completedByName } : null,
    version: m.version,
  };
}

const toMeasurement = (row: repo.MeasurementListRow): Measurement => ({
  id: row.measurement.id,
  planId: row.measurement.planId,
  period: row.measurement.period,
  value: row.measurement.value,
  comment: row.measurement.comment,
  enteredBy: row.measurement.enteredBy && row.enteredByName !== null ? { id: row.measurement.enteredBy, name: row.enteredByName } : null,
  createdAt: row.measurement.createdAt.toISOString(),
  version: row.measurement.version,
});

/** Observers' allow-list: period and value only. */
const toObserverMeasurement = (row: repo.MeasurementListRow): ObserverMeasurement => ({
  id: row.measurement.id,
  planId: row.measurement.planId,
  period: row.measurement.period,
  value: row.measurement.value,
});

function planDirection(row: repo.PlanListRow): IndicatorDirection | null {
  if (row.indicator) return row.indicator.direction;
  const { baselineValue: b, targetValue: t } = row.plan;
  if (b === null || t === null || b === t) return null;
  return t > b ? 'higher' : 'lower';
}

/** The plan's fields with derived gaps, latest measurement and progress; `measurements` sorted by period. */
function planView<M>(
  row: repo.PlanListRow,
  measurementRows: readonly repo.MeasurementListRow[],
  present: (r: repo.MeasurementListRow) => M,
) {
  const p = row.plan;
  const last = measurementRows[measurementRows.length - 1];
  const latest = last ? { period: last.measurement.period, value: last.measurement.value } : null;
  const direction = planDirection(row);
  return {
    id: p.id,
    actionId: p.actionId,
    nodeId: p.nodeId,
    qualitative: p.qualitative,
    indicatorId: p.indicatorId,
    indicatorName: p.indicatorName,
    indicator: row.indicator
      ? {
          id: row.indicator.id,
          code: row.indicator.code,
          name: row.indicator.name,
          unit: row.indicator.unit,
          direction: row.indicator.direction,
        }
      : null,
    unit: p.unit,
    direction,
    baselineValue: p.baselineValue,
    baselineAsOf: p.baselineAsOf,
    baselineNote: p.baselineNote,
    targetValue: p.targetValue,
    targetBy: p.targetBy,
    timing: p.timing,
    dataSource: p.dataSource,
    responsible: p.responsible,
    method: p.method,
    note: p.note,
    gaps: verificationPlanGaps(p),
    latest,
    progress: p.qualitative
      ? null
      : planProgress({
          baseline: p.baselineValue,
          target: p.targetValue,
          direction,
          indicator: row.indicator,
          measurements: measurementRows.map((m) => m.measurement),
        }),
    originPlanId: p.originPlanId,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
    measurements: measurementRows.map(present),
  };
}

export const toPlan = (row: repo.PlanListRow, m: readonly repo.MeasurementListRow[]): VerificationPlan => planView(row, m, toMeasurement);
const toObserverPlan = (row: repo.PlanListRow, m: readonly repo.MeasurementListRow[]): ObserverVerificationPlan =>
  planView(row, m, toObserverMeasurement);

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

/**
 * The roadmap: per action in tree order (not dropped first, dropped flagged), its span, milestones with the status
 * they show today, and verification plans with measurements and derived progress. Observers get
 * their own allow-list (no measurement comments or authors).
 */
export async function getRoadmap(ctx: ServiceContext, engagementId: string): Promise<Roadmap> {
  const { db, clock } = ctx;
  const today = clock.today();
  const access = await authorize(ctx, engagementId, 'roadmap.read');
  const [unordered, order, items, milestoneRows, planRows, measurementRows, planNodes] = await Promise.all([
    repo.listRoadmapActions(db, engagementId),
    nodeOrder(db, engagementId),
    repo.listRoadmapItems(db, engagementId),
    repo.listMilestones(db, engagementId),
    repo.listPlans(db, engagementId),
    repo.listMeasurements(db, engagementId),
    repo.listPlanNodes(db, engagementId),
  ]);
  const actionRows = sortByTree(unordered, (a) => a.action.nodeId, order);
  const itemByAction = new Map(items.map((i) => [i.actionId, i]));
  const milestonesByAction = groupBy(milestoneRows, (m) => m.milestone.actionId);
  const plansByAction = groupBy(planRows, (p) => p.plan.actionId);
  const measurementsByPlan = groupBy(measurementRows, (m) => m.measurement.planId);
  const ordered = [...actionRows.filter((a) => a.action.status !== 'dropped'), ...actionRows.filter((a) => a.action.status === 'dropped')];
  const rowBase = (a: (typeof actionRows)[number]) => {
    const item = itemByAction.get(a.action.id);
    return {
      action: {
        id: a.action.id,
        nodeId: a.action.nodeId,
        status: a.action.status,
        priority: a.action.priority,
        ownerDepartment: a.action.ownerDepartment,
        dropped: a.action.status === 'dropped',
        version: a.action.version,
      },
      node: a.node,
      roadmapItem: item ? toRoadmapItem(item) : null,
      milestones: (milestonesByAction.get(a.action.id) ?? []).map((m) => toMilestone(m, today)),
    };
  };
  const plansOf = (actionId: string) => plansByAction.get(actionId) ?? [];
  const measuredOf = (planId: string) => measurementsByPlan.get(planId) ?? [];
  const plansByNode = groupBy(
    planRows.filter((p) => p.plan.nodeId !== null),
    (p) => p.plan.nodeId!,
  );
  const nodes = sortByTree(
    planNodes.filter((n): n is typeof n & { kind: PlanNodeKind } => (planNodeKinds as readonly string[]).includes(n.kind)),
    (n) => n.id,
    order,
  );
  if (can(access, 'measurement.comment.read'))
    return {
      view: 'full',
      engagementId,
      today,
      items: ordered.map((a) => ({ ...rowBase(a), plans: plansOf(a.action.id).map((p) => toPlan(p, measuredOf(p.plan.id))) })),
      nodePlans: nodes.map((node) => ({ node, plans: (plansByNode.get(node.id) ?? []).map((p) => toPlan(p, measuredOf(p.plan.id))) })),
    };
  // Observers: parsed through the allow-list (no milestone completer, plan note, measurement comment or author).
  return ObserverRoadmapSchema.parse({
    view: 'observer',
    engagementId,
    today,
    items: ordered.map((a) => {
      const base = rowBase(a);
      return {
        ...base,
        milestones: base.milestones.map((m) => ({ ...m, completedBy: null })),
        plans: plansOf(a.action.id).map((p) => toObserverPlan(p, measuredOf(p.plan.id))),
      };
    }),
    nodePlans: nodes.map((node) => ({
      node,
      plans: (plansByNode.get(node.id) ?? []).map((p) => toObserverPlan(p, measuredOf(p.plan.id))),
    })),
  });
}

async function requireAction(db: Db, engagementId: string, actionId: string) {
  const action = await repo.findAction(db, engagementId, actionId);
  if (!action) throw new NotFound('Action');
  return action;
}

// ── Roadmap item ─────────────────────────────────────────────────────────────────────────────────

/** PUT: creates the action's roadmap item (no If-Match) or replaces it (If-Match required once it exists). */
export async function putRoadmapItem(
  ctx: ServiceContext,
  {
    engagementId,
    actionId,
    ifMatchHeader,
    body,
  }: {
    engagementId: string;
    actionId: string;
    ifMatchHeader: () => number | undefined;
    body: PutRoadmapItemBody;
  },
): Promise<{ item: RoadmapItem; created: boolean }> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'roadmap.write');
  const ifMatch = ifMatchHeader();
  await requireAction(db, engagementId, actionId);
  const [existing] = await repo.listRoadmapItems(db, engagementId, actionId);
  if (existing && ifMatch === undefined) throw new PreconditionRequired();
  if (!existing && ifMatch !== undefined)
    throw new PreconditionFailed(undefined, 'This action has no roadmap item yet; create it without If-Match');
  if (existing && existing.version !== ifMatch) throw new PreconditionFailed(toRoadmapItem(existing));
  return db.transaction(async (tx) => {
    await lockEngagement(tx, engagementId);
    const now = clock.now();
    if (!existing) {
      const row = await repo.insertRoadmapItem(tx, { actionId, startMonth: body.startMonth, endMonth: body.endMonth, updatedAt: now });
      if (!row) {
        const [current] = await repo.listRoadmapItems(tx, engagementId, actionId);
        throw new PreconditionFailed(current ? toRoadmapItem(current) : undefined);
      }
      const item = toRoadmapItem(row);
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId,
        entity: 'roadmap_item',
        entityId: row.id,
        action: 'roadmap_item.create',
        after: item,
      });
      return { item, created: true };
    }
    const row = await repo.updateRoadmapItem(tx, engagementId, actionId, existing.version, { ...body, updatedAt: now });
    if (!row) {
      const [current] = await repo.listRoadmapItems(tx, engagementId, actionId);
      throw new PreconditionFailed(current ? toRoadmapItem(current) : undefined);
    }
    const item = toRoadmapItem(row);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'roadmap_item',
      entityId: row.id,
      action: 'roadmap_item.update',
      before: toRoadmapItem(existing),
      after: item,
    });
    return { item, created: false };
  });
}

// ── Milestones ───────────────────────────────────────────────────────────────────────────────────

async function loadMilestone(db: Db, engagementId: string, actionId: string, milestoneId: string, today: string): Promise<Milestone> {
  const [row] = await repo.listMilestones(db, engagementId, { actionId, milestoneId });
  if (!row) throw new NotFound('Milestone');
  return toMilestone(row, today);
}

/** completedAt/completedBy follow the status: set when it becomes done, cleared when it stops being done. */
function completion(from: Milestone['storedStatus'] | null, to: Milestone['storedStatus'], actorId: string, now: Date) {
  if (to === 'done' && from !== 'done') return { completedAt: now, completedBy: actorId };
  if (to !== 'done' && from === 'done') return { completedAt: null, completedBy: null };
  return {};
}

export async function createMilestone(
  ctx: ServiceContext,
  {
    engagementId,
    actionId,
    body,
  }: {
    engagementId: string;
    actionId: string;
    body: CreateMilestoneBody;
  },
): Promise<Milestone> {
  const { db, actor, clock } = ctx;
  const today = clock.today();
  await authorize(ctx, engagementId, 'roadmap.write');
  await requireAction(db, engagementId, actionId);
  return db.transaction(async (tx) => {
    const id = await repo.insertMilestone(tx, { actionId, ...body, ...completion(null, body.status, actor.id, clock.now()) });
    const milestone = await loadMilestone(tx, engagementId, actionId, id, today);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'milestone',
      entityId: id,
      action: 'milestone.create',
      after: milestone,
    });
    return milestone;
  });
}

/** Advisors edit every field; a municipal member may only mark a milestone done (`{status: 'done'}`). */
export async function updateMilestone(
  ctx: ServiceContext,
  {
    engagementId,
    actionId,
    milestoneId,
    ifMatch,
    body,
  }: {
    engagementId: string;
    actionId: string;
    milestoneId: string;
    ifMatch: () => number;
    body: UpdateMilestoneBody;
  },
): Promise<Milestone> {
  const { db, actor, clock } = ctx;
  const today = clock.today();
  const access = await authorize(ctx, engagementId, 'milestone.complete');
  const onlyDone = Object.keys(body).length === 1 && body.status === 'done';
  if (!can(access, 'roadmap.write') && !onlyDone) throw new Forbidden('Your role may only mark a milestone done');
  const version = ifMatch();
  const before = await loadMilestone(db, engagementId, actionId, milestoneId, today);
  if (before.version !== version) throw new PreconditionFailed(before);
  return db.transaction(async (tx) => {
    const patch = { ...body, ...(body.status ? completion(before.storedStatus, body.status, actor.id, clock.now()) : {}) };
    if (!(await repo.updateMilestone(tx, engagementId, milestoneId, version, patch)))
      throw new PreconditionFailed(await loadMilestone(tx, engagementId, actionId, milestoneId, today));
    const after = await loadMilestone(tx, engagementId, actionId, milestoneId, today);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'milestone',
      entityId: milestoneId,
      action: 'milestone.update',
      before,
      after,
    });
    return after;
  });
}

export async function deleteMilestone(
  ctx: ServiceContext,
  {
    engagementId,
    actionId,
    milestoneId,
    ifMatch,
  }: {
    engagementId: string;
    actionId: string;
    milestoneId: string;
    ifMatch: () => number;
  },
): Promise<void> {
  const { db, actor, clock } = ctx;
  const today = clock.today();
  await authorize(ctx, engagementId, 'roadmap.write');
  const version = ifMatch();
  const before = await loadMilestone(db, engagementId, actionId, milestoneId, today);
  if (before.version !== version) throw new PreconditionFailed(before);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteMilestone(tx, engagementId, milestoneId, version)))
      throw new PreconditionFailed(await loadMilestone(tx, engagementId, actionId, milestoneId, today));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'milestone',
      entityId: milestoneId,
      action: 'milestone.delete',
      before,
    });
  });
}

// ── Verification plans ───────────────────────────────────────────────────────────────────────────

/** What a plan verifies: an action, or a goal / outcome / issue node (the vision-level outcome indicator). */
export type PlanSubject = { actionId: string; nodeId?: undefined } | { nodeId: string; actionId?: undefined };

async function loadPlan(db: Db, engagementId: string, filter: PlanSubject & { planId: string }): Promise<VerificationPlan> {
  const [row] = await repo.listPlans(db, engagementId, filter);
  if (!row) throw new NotFound('Verification plan');
  return toPlan(row, await repo.listMeasurements(db, engagementId, { planId: filter.planId }));
}

async function requireIndicator(db: Db, indicatorId: string) {
  const indicator = await repo.findIndicator(db, indicatorId);
  if (!indicator) throw new BadRequest('Unknown indicator', [{ path: 'body.indicatorId', message: 'No such indicator in the catalogue' }]);
  return indicator;
}

/** The action exists in the engagement, or the node is one of its goal, outcome or issue nodes. */
async function requireSubject(db: Db, engagementId: string, subject: PlanSubject) {
  if (subject.actionId !== undefined) {
    await requireAction(db, engagementId, subject.actionId);
    return;
  }
  const node = await repo.findPlanNode(db, engagementId, subject.nodeId);
  if (!node) throw new NotFound('Node');
  if (!(planNodeKinds as readonly string[]).includes(node.kind))
    throw new BadRequest('A verification plan sits on an action, or on a goal, outcome or issue node', [
      { path: 'params.nodeId', message: `A ${node.kind} node holds no verification plan: plan its action instead` },
    ]);
}

/** A qualitative plan has no numeric baseline or target (400 naming the field that carries one). */
function checkQualitative(plan: { qualitative: boolean; baselineValue: number | null; targetValue: number | null }) {
  if (!plan.qualitative) return;
  for (const field of ['targetValue', 'baselineValue'] as const)
    if (plan[field] !== null)
      throw new BadRequest('A qualitative plan has no numeric baseline or target', [
        { path: `body.${field}`, message: 'Clear it (null), or make the plan quantitative (qualitative: false)' },
      ]);
}

export async function createPlan(
  ctx: ServiceContext,
  {
    engagementId,
    subject,
    body,
  }: {
    engagementId: string;
    subject: PlanSubject;
    body: CreateVerificationPlanBody;
  },
): Promise<VerificationPlan> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'roadmap.write');
  await requireSubject(db, engagementId, subject);
  checkQualitative(body);
  const indicator = body.indicatorId ? await requireIndicator(db, body.indicatorId) : null;
  return db.transaction(async (tx) => {
    await lockEngagement(tx, engagementId);
    const id = await repo.insertPlan(tx, {
      ...body,
      engagementId,
      actionId: subject.actionId ?? null,
      nodeId: subject.nodeId ?? null,
      indicatorName: body.indicatorName || indicator?.name || '',
      unit: body.unit ?? indicator?.unit ?? '',
      updatedAt: clock.now(),
    });
    const plan = await loadPlan(tx, engagementId, { ...subject, planId: id });
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'verification_plan',
      entityId: id,
      action: 'verification_plan.create',
      after: plan,
    });
    return plan;
  });
}

export async function updatePlan(
  ctx: ServiceContext,
  {
    engagementId,
    subject,
    planId,
    ifMatch,
    body,
  }: {
    engagementId: string;
    subject: PlanSubject;
    planId: string;
    ifMatch: () => number;
    body: UpdateVerificationPlanBody;
  },
): Promise<VerificationPlan> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'roadmap.write');
  const version = ifMatch();
  const before = await loadPlan(db, engagementId, { ...subject, planId });
  if (before.version !== version) throw new PreconditionFailed(before);
  const switched = body.indicatorId !== undefined && body.indicatorId !== before.indicatorId;
  const indicator = switched && body.indicatorId ? await requireIndicator(db, body.indicatorId) : null;
  const patch = {
    ...body,
    // A new catalogue indicator brings its name and unit unless the body gives them.
    ...(indicator && body.indicatorName === undefined ? { indicatorName: indicator.name } : {}),
    ...(indicator && body.unit === undefined ? { unit: indicator.unit } : {}),
    updatedAt: clock.now(),
  };
  const indicatorId = patch.indicatorId === undefined ? before.indicatorId : patch.indicatorId;
  const indicatorName = patch.indicatorName ?? before.indicatorName;
  const qualitative = patch.qualitative ?? before.qualitative;
  if (!qualitative && indicatorId === null && indicatorName.trim() === '')
    throw new BadRequest('Choose an indicator or name one', [
      { path: 'body.indicatorName', message: 'Required without a catalogue indicator' },
    ]);
  checkQualitative({
    qualitative,
    baselineValue: patch.baselineValue === undefined ? before.baselineValue : patch.baselineValue,
    targetValue: patch.targetValue === undefined ? before.targetValue : patch.targetValue,
  });
  return db.transaction(async (tx) => {
    await lockEngagement(tx, engagementId);
    if (!(await repo.updatePlan(tx, engagementId, planId, version, patch)))
      throw new PreconditionFailed(await loadPlan(tx, engagementId, { ...subject, planId }));
    await keepAgreedRoadmapComplete(tx, engagementId);
    const after = await loadPlan(tx, engagementId, { ...subject, planId });
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'verification_plan',
      entityId: planId,
      action: 'verification_plan.update',
      before: { ...before, measurements: undefined },
      after: { ...after, measurements: undefined },
    });
    return after;
  });
}

export async function deletePlan(
  ctx: ServiceContext,
  {
    engagementId,
    subject,
    planId,
    ifMatch,
  }: {
    engagementId: string;
    subject: PlanSubject;
    planId: string;
    ifMatch: () => number;
  },
): Promise<void> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'roadmap.write');
  const version = ifMatch();
  const before = await loadPlan(db, engagementId, { ...subject, planId });
  if (before.version !== version) throw new PreconditionFailed(before);
  await db.transaction(async (tx) => {
    await lockEngagement(tx, engagementId);
    if (!(await repo.deletePlan(tx, engagementId, planId, version)))
      throw new PreconditionFailed(await loadPlan(tx, engagementId, { ...subject, planId }));
    await keepAgreedRoadmapComplete(tx, engagementId);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'verification_plan',
      entityId: planId,
      action: 'verification_plan.delete',
      before,
    });
  });
}

/** 409 measurement_exists: the plan has a value for the period (one value per plan and period). */
const periodTaken = (period: string) =>
  new Conflict('measurement_exists', `The plan already has a value for ${period}`, {
    errors: [{ path: 'body.period', message: `A value for ${period} is already recorded` }],
  });

/**
 * Records the value of a period. A period that already has a value is refused with 409 `measurement_exists`
 * (another user's value and comment are never silently replaced); the unique index on (plan, period) keeps
 * simultaneous records to one winner.
 */
export async function recordMeasurement(
  ctx: ServiceContext,
  {
    engagementId,
    planId,
    body,
  }: {
    engagementId: string;
    planId: string;
    body: RecordMeasurementBody;
  },
): Promise<Measurement> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'measurement.write');
  const [plan] = await repo.listPlans(db, engagementId, { planId });
  if (!plan) throw new NotFound('Verification plan');
  return db.transaction(async (tx) => {
    const inserted = await repo.insertMeasurement(tx, { planId, ...body, enteredBy: actor.id, createdAt: clock.now() });
    if (!inserted) throw periodTaken(body.period);
    const [row] = await repo.listMeasurements(tx, engagementId, { planId, period: body.period });
    if (!row) throw new NotFound('Measurement');
    const measurement = toMeasurement(row);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'measurement',
      entityId: measurement.id,
      action: 'measurement.create',
      before: null,
      after: measurement,
    });
    return measurement;
  });
}

async function loadMeasurement(db: Db, engagementId: string, planId: string, measurementId: string): Promise<Measurement> {
  const [row] = await repo.listMeasurements(db, engagementId, { planId, measurementId });
  if (!row) throw new NotFound('Measurement');
  return toMeasurement(row);
}

/**
 * Corrects a recorded value (訂正): value, comment or period, against the version the client saw
 * (If-Match), so a correction never overwrites one it has not seen. The corrector becomes the
 * value's `enteredBy`; the audit log keeps the value before. Moving it onto a period that has a
 * value is refused with 409 `measurement_exists`. Measurements are no part of the roadmap gate.
 */
export async function updateMeasurement(
  ctx: ServiceContext,
  {
    engagementId,
    planId,
    measurementId,
    ifMatch,
    body,
  }: {
    engagementId: string;
    planId: string;
    measurementId: string;
    ifMatch: () => number;
    body: UpdateMeasurementBody;
  },
): Promise<Measurement> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'measurement.write');
  const version = ifMatch();
  const before = await loadMeasurement(db, engagementId, planId, measurementId);
  if (before.version !== version) throw new PreconditionFailed(before);
  return db.transaction(async (tx) => {
    if (body.period !== undefined && body.period !== before.period) {
      const [taken] = await repo.listMeasurements(tx, engagementId, { planId, period: body.period });
      if (taken) throw periodTaken(body.period);
    }
    if (!(await repo.updateMeasurement(tx, { engagementId, planId, measurementId, version }, { ...body, enteredBy: actor.id })))
      throw new PreconditionFailed(await loadMeasurement(tx, engagementId, planId, measurementId));
    const after = await loadMeasurement(tx, engagementId, planId, measurementId);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'measurement',
      entityId: measurementId,
      action: 'measurement.update',
      before,
      after,
    });
    return after;
  });
}

/** Removes a recorded value (If-Match); the plan's latest value and progress follow from the rest. */
export async function deleteMeasurement(
  ctx: ServiceContext,
  {
    engagementId,
    planId,
    measurementId,
    ifMatch,
  }: {
    engagementId: string;
    planId: string;
    measurementId: string;
    ifMatch: () => number;
  },
): Promise<void> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'measurement.write');
  const version = ifMatch();
  const before = await loadMeasurement(db, engagementId, planId, measurementId);
  if (before.version !== version) throw new PreconditionFailed(before);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteMeasurement(tx, { engagementId, planId, measurementId, version })))
      throw new PreconditionFailed(await loadMeasurement(tx, engagementId, planId, measurementId));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'measurement',
      entityId: measurementId,
      action: 'measurement.delete',
      before,
    });
  });
}
