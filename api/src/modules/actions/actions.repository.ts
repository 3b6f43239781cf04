import { openActionStatuses } from '@banso/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actions, milestones, roadmapItems, treeNodes, verificationPlans } from '../../db/schema/index.js';

export type ActionRow = typeof actions.$inferSelect;
export type ActionInsert = typeof actions.$inferInsert;

/** The outer row's action id, always table-qualified (drizzle leaves columns of one-table selects bare). */
const outerActionId = sql.raw('"actions"."id"');

const columns = {
  action: actions,
  node: { id: treeNodes.id, title: treeNodes.title, kind: treeNodes.kind },
  hasRoadmapItem: sql<boolean>`exists (select 1 from ${roadmapItems} where ${roadmapItems.actionId} = ${outerActionId})`,
  verificationPlanCount: sql<number>`(select count(*)::int from ${verificationPlans} where ${verificationPlans.actionId} = ${outerActionId})`,
  milestoneCount: sql<number>`(select count(*)::int from ${milestones} where ${milestones.actionId} = ${outerActionId})`,
};

/** Actions of the engagement with their measure node and what the roadmap holds for them. */
export async function listActions(db: Db, engagementId: string, actionId?: string) {
  return db
    .select(columns)
    .from(actions)
    .innerJoin(treeNodes, eq(treeNodes.id, actions.nodeId))
    .where(and(eq(actions.engagementId, engagementId), actionId ? eq(actions.id, actionId) : undefined))
    .orderBy(asc(actions.createdAt), asc(actions.id));
}

export type ActionListRow = Awaited<ReturnType<typeof listActions>>[number];

export async function findActionView(db: Db, engagementId: string, actionId: string): Promise<ActionListRow | undefined> {
  const [row] = await listActions(db, engagementId, actionId);
  return row;
}

export async function findActionByNode(db: Db, engagementId: string, nodeId: string): Promise<ActionRow | undefined> {
  const [row] = await db
    .select()
    .from(actions)
    .where(and(eq(actions.engagementId, engagementId), eq(actions.nodeId, nodeId)))
    .limit(1);
  return row;
}

export async function findNode(db: Db, engagementId: string, nodeId: string) {
  const [row] = await db
    .select({ id: treeNodes.id, kind: treeNodes.kind, title: treeNodes.title })
    .from(treeNodes)
    .where(and(eq(treeNodes.engagementId, engagementId), eq(treeNodes.id, nodeId)))
    .limit(1);
  return row;
}

/** Inserts an action; null when the node already has one (unique node_id), so a race ends in 409, not 500. */
export async function insertAction(db: Db, values: ActionInsert): Promise<ActionRow | null> {
  const [row] = await db.insert(actions).values(values).onConflictDoNothing({ target: actions.nodeId }).returning();
  return row ?? null;
}

/** Compare-and-set update: null when the version moved on (or the row is gone). */
export async function updateAction(
  db: Db,
  engagementId: string,
  actionId: string,
  version: number,
  patch: Partial<Pick<ActionRow, 'rationale' | 'ownerDepartment' | 'partners' | 'priority' | 'status'>> & { updatedAt: Date },
): Promise<ActionRow | null> {
  const [row] = await db
    .update(actions)
    .set({ ...patch, version: sql`${actions.version} + 1` })
    .where(and(eq(actions.engagementId, engagementId), eq(actions.id, actionId), eq(actions.version, version)))
    .returning();
  return row ?? null;
}

/** Copies the open actions of one engagement onto the copied nodes of another (linked to their origin); returns old → new action ids. */
export async function copyOpenActions(
  db: Db,
  sourceId: string,
  targetId: string,
  nodeIds: Map<string, string>,
): Promise<Map<string, string>> {
  const open = await db
    .select()
    .from(actions)
    .where(and(eq(actions.engagementId, sourceId), inArray(actions.status, [...openActionStatuses])));
  const actionIds = new Map<string, string>();
  for (const a of open) {
    const nodeId = nodeIds.get(a.nodeId);
    if (!nodeId) continue;
    const [row] = await db
      .insert(actions)
      .values({
        engagementId: targetId,
        nodeId,
        ownerDepartment: a.ownerDepartment,
        partners: a.partners,
        priority: a.priority,
        rationale: a.rationale,
        status: a.status,
        originActionId: a.id,
      })
      .returning({ id: actions.id });
    actionIds.set(a.id, row!.id);
  }
  return actionIds;
}
