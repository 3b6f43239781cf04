import { aliasedTable, and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actions, indicators, measurements, milestones, roadmapItems, treeNodes, users, verificationPlans } from '../../db/schema/index.js';

export type RoadmapItemRow = typeof roadmapItems.$inferSelect;
export type MilestoneRow = typeof milestones.$inferSelect;
export type PlanInsert = typeof verificationPlans.$inferInsert;
export type IndicatorRow = typeof indicators.$inferSelect;

// ── Reads (each scoped by the engagement through the action) ─────────────────────────────────────

export async function listRoadmapActions(db: Db, engagementId: string) {
  return db
    .select({
      action: {
        id: actions.id,
        nodeId: actions.nodeId,
        status: actions.status,
        priority: actions.priority,
        ownerDepartment: actions.ownerDepartment,
        version: actions.version,
        createdAt: actions.createdAt,
      },
      node: { id: treeNodes.id, title: treeNodes.title, kind: treeNodes.kind },
    })
    .from(actions)
    .innerJoin(treeNodes, eq(treeNodes.id, actions.nodeId))
    .where(eq(actions.engagementId, engagementId))
    .orderBy(asc(actions.createdAt), asc(actions.id));
}

export async function listRoadmapItems(db: Db, engagementId: string, actionId?: string): Promise<RoadmapItemRow[]> {
  return db
    .select({
      id: roadmapItems.id,
      actionId: roadmapItems.actionId,
      startMonth: roadmapItems.startMonth,
      endMonth: roadmapItems.endMonth,
      version: roadmapItems.version,
      updatedAt: roadmapItems.updatedAt,
    })
    .from(roadmapItems)
    .innerJoin(actions, eq(actions.id, roadmapItems.actionId))
    .where(and(eq(actions.engagementId, engagementId), actionId ? eq(actions.id, actionId) : undefined));
}

const completer = aliasedTable(users, 'completer');

export async function listMilestones(db: Db, engagementId: string, filter: { actionId?: string; milestoneId?: string } = {}) {
  return db
    .select({
      milestone: {
        id: milestones.id,
        actionId: milestones.actionId,
        due: milestones.due,
        title: milestones.title,
        status: milestones.status,
        completedAt: milestones.completedAt,
        completedBy: milestones.completedBy,
        version: milestones.version,
      },
      completedByName: completer.name,
    })
    .from(milestones)
    .innerJoin(actions, eq(actions.id, milestones.actionId))
    .leftJoin(completer, eq(completer.id, milestones.completedBy))
    .where(
      and(
        eq(actions.engagementId, engagementId),
        filter.actionId ? eq(milestones.actionId, filter.actionId) : undefined,
        filter.milestoneId ? eq(milestones.id, filter.milestoneId) : undefined,
      ),
    )
    .orderBy(asc(milestones.due), asc(milestones.id));
}
export type MilestoneListRow = Awaited<ReturnType<typeof listMilestones>>[number];

export async function listPlans(db: Db, engagementId: string, filter: { actionId?: string; nodeId?: string; planId?: string } = {}) {
  return db
    .select({ plan: verificationPlans, indicator: indicators })
    .from(verificationPlans)
    .leftJoin(indicators, eq(indicators.id, verificationPlans.indicatorId))
    .where(
      and(
        eq(verificationPlans.engagementId, engagementId),
        filter.actionId ? eq(verificationPlans.actionId, filter.actionId) : undefined,
        filter.nodeId ? eq(verificationPlans.nodeId, filter.nodeId) : undefined,
        filter.planId ? eq(verificationPlans.id, filter.planId) : undefined,
      ),
    )
    .orderBy(asc(verificationPlans.updatedAt), asc(verificationPlans.id));
}
export type PlanListRow = Awaited<ReturnType<typeof listPlans>>[number];

const enterer = aliasedTable(users, 'enterer');

export async function listMeasurements(
  db: Db,
  engagementId: string,
  filter: { planId?: string; period?: string; measurementId?: string } = {},
) {
  return db
    .select({ measurement: measurements, enteredByName: enterer.name })
    .from(measurements)
    .innerJoin(verificationPlans, eq(verificationPlans.id, measurements.planId))
    .leftJoin(enterer, eq(enterer.id, measurements.enteredBy))
    .where(
      and(
        eq(verificationPlans.engagementId, engagementId),
        filter.planId ? eq(measurements.planId, filter.planId) : undefined,
        filter.period ? eq(measurements.period, filter.period) : undefined,
        filter.measurementId ? eq(measurements.id, filter.measurementId) : undefined,
      ),
    )
    .orderBy(asc(measurements.period));
}
export type MeasurementListRow = Awaited<ReturnType<typeof listMeasurements>>[number];

export async function findAction(db: Db, engagementId: string, actionId: string) {
  const [row] = await db
    .select({ id: actions.id, status: actions.status })
    .from(actions)
    .where(and(eq(actions.engagementId, engagementId), eq(actions.id, actionId)))
    .limit(1);
  return row;
}

/** A goal, outcome or issue node of the engagement's tree (where a node-level plan may sit). */
export async function findPlanNode(db: Db, engagementId: string, nodeId: string) {
  const [row] = await db
    .select({ id: treeNodes.id, title: treeNodes.title, kind: treeNodes.kind })
    .from(treeNodes)
    .where(and(eq(treeNodes.engagementId, engagementId), eq(treeNodes.id, nodeId)))
    .limit(1);
  return row;
}

/** The nodes that hold node-level plans. */
export async function listPlanNodes(db: Db, engagementId: string) {
  return db
    .selectDistinct({ id: treeNodes.id, title: treeNodes.title, kind: treeNodes.kind })
    .from(treeNodes)
    .innerJoin(verificationPlans, eq(verificationPlans.nodeId, treeNodes.id))
    .where(eq(treeNodes.engagementId, engagementId));
}

export async function findIndicator(db: Db, indicatorId: string): Promise<IndicatorRow | undefined> {
  const [row] = await db.select().from(indicators).where(eq(indicators.id, indicatorId)).limit(1);
  return row;
}

/** Ids of the engagement's actions, as a subquery: every write below is scoped by it. */
const actionsOf = (db: Db, engagementId: string) =>
  db.select({ id: actions.id }).from(actions).where(eq(actions.engagementId, engagementId));

// ── Writes ───────────────────────────────────────────────────────────────────────────────────────

/** Inserts the action's roadmap item; null when it already has one. */
export async function insertRoadmapItem(db: Db, values: typeof roadmapItems.$inferInsert): Promise<RoadmapItemRow | null> {
  const [row] = await db.insert(roadmapItems).values(values).onConflictDoNothing({ target: roadmapItems.actionId }).returning();
  return row ?? null;
}

export async function updateRoadmapItem(
  db: Db,
  engagementId: string,
  actionId: string,
  version: number,
  patch: { startMonth: string; endMonth: string; updatedAt: Date },
): Promise<RoadmapItemRow | null> {
  const [row] = await db
    .update(roadmapItems)
    .set({ ...patch, version: sql`${roadmapItems.version} + 1` })
    .where(
      and(
        eq(roadmapItems.actionId, actionId),
        eq(roadmapItems.version, version),
        inArray(roadmapItems.actionId, actionsOf(db, engagementId)),
      ),
    )
    .returning();
  return row ?? null;
}

export async function insertMilestone(db: Db, values: typeof milestones.$inferInsert): Promise<string> {
  const [row] = await db.insert(milestones).values(values).returning({ id: milestones.id });
  if (!row) throw new Error('milestone insert returned nothing');
  return row.id;
}

export async function updateMilestone(
  db: Db,
  engagementId: string,
  milestoneId: string,
  version: number,
  patch: Partial<Pick<MilestoneRow, 'due' | 'title' | 'status' | 'completedAt' | 'completedBy'>>,
): Promise<boolean> {
  const rows = await db
    .update(milestones)
    .set({ ...patch, version: sql`${milestones.version} + 1` })
    .where(and(eq(milestones.id, milestoneId), eq(milestones.version, version), inArray(milestones.actionId, actionsOf(db, engagementId))))
    .returning({ id: milestones.id });
  return rows.length > 0;
}

export async function deleteMilestone(db: Db, engagementId: string, milestoneId: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.version, version), inArray(milestones.actionId, actionsOf(db, engagementId))))
    .returning({ id: milestones.id });
  return rows.length > 0;
}

export async function insertPlan(db: Db, values: PlanInsert): Promise<string> {
  const [row] = await db.insert(verificationPlans).values(values).returning({ id: verificationPlans.id });
  if (!row) throw new Error('plan insert returned nothing');
  return row.id;
}

export async function updatePlan(
  db: Db,
  engagementId: string,
  planId: string,
  version: number,
  patch: Partial<PlanInsert>,
): Promise<boolean> {
  const rows = await db
    .update(verificationPlans)
    .set({ ...patch, version: sql`${verificationPlans.version} + 1` })
    .where(and(eq(verificationPlans.id, planId), eq(verificationPlans.version, version), eq(verificationPlans.engagementId, engagementId)))
    .returning({ id: verificationPlans.id });
  return rows.length > 0;
}

export async function deletePlan(db: Db, engagementId: string, planId: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(verificationPlans)
    .where(and(eq(verificationPlans.id, planId), eq(verificationPlans.version, version), eq(verificationPlans.engagementId, engagementId)))
    .returning({ id: verificationPlans.id });
  return rows.length > 0;
}

/** One value per plan and period: inserts, or returns false when the period already has a value (never replaces it). */
export async function insertMeasurement(
  db: Db,
  values: { planId: string; period: string; value: number; comment: string; enteredBy: string; createdAt: Date },
): Promise<boolean> {
  const rows = await db
    .insert(measurements)
    .values(values)
    .onConflictDoNothing({ target: [measurements.planId, measurements.period] })
    .returning({ id: measurements.id });
  return rows.length > 0;
}

/** Ids of the engagement's verification plans, as a subquery scoping the measurement writes. */
const plansOf = (db: Db, engagementId: string) =>
  db.select({ id: verificationPlans.id }).from(verificationPlans).where(eq(verificationPlans.engagementId, engagementId));

/** Corrects a measurement of the plan at the given version; false when it is gone or stale. */
export async function updateMeasurement(
  db: Db,
  { engagementId, planId, measurementId, version }: { engagementId: string; planId: string; measurementId: string; version: number },
  patch: Partial<Pick<typeof measurements.$inferInsert, 'period' | 'value' | 'comment' | 'enteredBy'>>,
): Promise<boolean> {
  const rows = await db
    .update(measurements)
    .set({ ...patch, version: sql`${measurements.version} + 1` })
    .where(
      and(
        eq(measurements.id, measurementId),
        eq(measurements.planId, planId),
        eq(measurements.version, version),
        inArray(measurements.planId, plansOf(db, engagementId)),
      ),
    )
    .returning({ id: measurements.id });
  return rows.length > 0;
}

export async function deleteMeasurement(
  db: Db,
  { engagementId, planId, measurementId, version }: { engagementId: string; planId: string; measurementId: string; version: number },
): Promise<boolean> {
  const rows = await db
    .delete(measurements)
    .where(
      and(
        eq(measurements.id, measurementId),
        eq(measurements.planId, planId),
        eq(measurements.version, version),
        inArray(measurements.planId, plansOf(db, engagementId)),
      ),
    )
    .returning({ id: measurements.id });
  return rows.length > 0;
}

/**
 * Copies the verification plans of the given actions and of the copied goal and outcome nodes onto
 * their copies in `targetId` (linked to their origin); returns how many.
 */
export async function copyPlans(db: Db, targetId: string, actionIds: Map<string, string>, nodeIds: Map<string, string>): Promise<number> {
  const conditions = [
    ...(actionIds.size ? [inArray(verificationPlans.actionId, [...actionIds.keys()])] : []),
    ...(nodeIds.size ? [inArray(verificationPlans.nodeId, [...nodeIds.keys()])] : []),
  ];
  if (conditions.length === 0) return 0;
  const plans = (
    await db
      .select()
      .from(verificationPlans)
      .where(or(...conditions))
  ).filter((p) => (p.actionId ? actionIds.has(p.actionId) : p.nodeId !== null && nodeIds.has(p.nodeId)));
  if (plans.length === 0) return 0;
  await db.insert(verificationPlans).values(
    plans.map((p) => ({
      engagementId: targetId,
      actionId: p.actionId ? actionIds.get(p.actionId)! : null,
      nodeId: p.actionId ? null : nodeIds.get(p.nodeId!)!,
      qualitative: p.qualitative,
      indicatorId: p.indicatorId,
      indicatorName: p.indicatorName,
      unit: p.unit,
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
      originPlanId: p.id,
    })),
  );
  return plans.length;
}
