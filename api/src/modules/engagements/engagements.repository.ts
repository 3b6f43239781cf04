import { randomUUID } from 'node:crypto';
import { type TreeNodeShape, openActionStatuses } from '@banso/shared';
import { and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  actions,
  auditLog,
  engagements,
  measurements,
  memberships,
  milestones,
  municipalities,
  observerGrants,
  programs,
  roadmapItems,
  treeNodes,
  treeRevisions,
  trees,
  verificationPlans,
} from '../../db/schema/index.js';
import type { Actor } from '../auth/auth.service.js';
import { activeGrant, administersProgram } from '../access/access.service.js';

export type EngagementInsert = typeof engagements.$inferInsert;

/** Milestones past due and not done or cancelled, of actions that are not dropped. */
export const delayedMilestoneCount = (today: string) => sql<number>`(
  select count(*)::int from ${milestones}
  join ${actions} on ${actions.id} = ${milestones.actionId}
  where ${actions.engagementId} = ${engagements.id}
    and ${milestones.status} in ('planned', 'delayed')
    and ${milestones.due} < ${today}
    and ${actions.status} <> 'dropped'
)`;

/** Whether the actor's municipality holds an active observer grant on the row's engagement. */
function observing(actor: Actor, today: string) {
  if (!actor.municipalityId) return sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from ${observerGrants} where ${observerGrants.engagementId} = ${engagements.id}
      and ${observerGrants.municipalityId} = ${actor.municipalityId} and ${activeGrant(today)})`;
}

/** Every engagement the actor has a role in: program office of its program, team member, or active observer. */
export async function listVisibleEngagements(db: Db, actor: Actor, today: string) {
  return (
    db
      .select({
        engagement: engagements,
        municipality: municipalities,
        fiscalYear: programs.fiscalYear,
        memberRole: memberships.role,
        administers: administersProgram(actor, engagements.programId),
        observing: observing(actor, today),
        delayedMilestones: delayedMilestoneCount(today),
      })
      .from(engagements)
      .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
      .innerJoin(programs, eq(programs.id, engagements.programId))
      .leftJoin(memberships, and(eq(memberships.engagementId, engagements.id), eq(memberships.userId, actor.id)))
      .where(or(administersProgram(actor, engagements.programId), sql`${memberships.userId} is not null`, observing(actor, today)))
      // The present first: a municipality's latest fiscal year before the years it continued from.
      .orderBy(municipalities.category, municipalities.code, desc(programs.fiscalYear))
  );
}

export async function getEngagementWithProgram(db: Db, id: string, today: string) {
  const [row] = await db
    .select({
      engagement: engagements,
      municipality: municipalities,
      program: programs,
      delayedMilestones: delayedMilestoneCount(today),
    })
    .from(engagements)
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(eq(engagements.id, id))
    .limit(1);
  return row;
}

export async function findMunicipality(db: Db, id: string) {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id)).limit(1);
  return row;
}

export async function findEngagementOf(db: Db, programId: string, municipalityId: string) {
  const [row] = await db
    .select({ id: engagements.id })
    .from(engagements)
    .where(and(eq(engagements.programId, programId), eq(engagements.municipalityId, municipalityId)))
    .limit(1);
  return row;
}

export async function insertEngagement(db: Db, values: EngagementInsert) {
  const [row] = await db.insert(engagements).values(values).returning();
  if (!row) throw new Error('engagement insert failed');
  return row;
}

/** An empty logic tree (revision 0) for a new engagement; the first batch of the tree editor adds the goal. */
export async function insertEmptyTree(db: Db, engagementId: string) {
  await db.insert(trees).values({ engagementId, revision: 0 });
}

/** Version-checked update; undefined when the version did not match (or the row is gone). */
export async function updateEngagement(
  db: Db,
  id: string,
  version: number,
  changes: Partial<Pick<EngagementInsert, 'theme' | 'desiredState' | 'status'>>,
  now: Date,
) {
  const [row] = await db
    .update(engagements)
    .set({ ...changes, version: sql`${engagements.version} + 1`, updatedAt: now })
    .where(and(eq(engagements.id, id), eq(engagements.version, version)))
    .returning();
  return row;
}

/** The actions of an engagement with their measure title, whether they have a roadmap item, and their plans. */
export async function loadReadiness(db: Db, engagementId: string) {
  const rows = await db
    .select({
      actionId: actions.id,
      status: actions.status,
      title: treeNodes.title,
      hasRoadmapItem: sql<boolean>`exists (select 1 from ${roadmapItems} where ${roadmapItems.actionId} = ${actions.id})`,
    })
    .from(actions)
    .innerJoin(treeNodes, eq(treeNodes.id, actions.nodeId))
    .where(eq(actions.engagementId, engagementId))
    .orderBy(asc(actions.createdAt), asc(actions.id));
  const ids = rows.map((r) => r.actionId);
  const plans = ids.length ? await db.select().from(verificationPlans).where(inArray(verificationPlans.actionId, ids)) : [];
  return rows.map((r) => ({
    ...r,
    hasRoadmapItem: Boolean(r.hasRoadmapItem),
    plans: plans.filter((p) => p.actionId === r.actionId),
  }));
}

/**
 * Copies an engagement's logic tree, open actions, their verification plans and the team into
 * `target` (a fresh engagement). New ids everywhere, each copy linked to its origin; the tree
 * starts at revision 1 with a snapshot. Roadmap items, milestones and measurements stay behind:
 * the new year plans its own roadmap. Call inside a transaction.
 */
export async function copyIntoContinuation(db: Db, opts: { sourceId: string; targetId: string; actorId: string; summary: string }) {
  const { sourceId, targetId } = opts;
  const sourceNodes = await db
    .select()
    .from(treeNodes)
    .where(eq(treeNodes.engagementId, sourceId))
    .orderBy(asc(treeNodes.position), asc(treeNodes.id));
  const idMap = new Map(sourceNodes.map((n) => [n.id, randomUUID()]));
  const nodes: TreeNodeShape[] = sourceNodes.map((n) => ({
    id: idMap.get(n.id)!,
    parentId: n.parentId ? (idMap.get(n.parentId) ?? null) : null,
    position: n.position,
    kind: n.kind,
    title: n.title,
    detail: n.detail,
    hypothesisState: n.hypothesisState,
  }));
  await db.insert(trees).values({ engagementId: targetId, revision: nodes.length > 0 ? 1 : 0 });
  if (nodes.length > 0) {
    await db.insert(treeNodes).values(sourceNodes.map((n, i) => ({ ...nodes[i]!, engagementId: targetId, originNodeId: n.id })));
    await db.insert(treeRevisions).values({
      engagementId: targetId,
      revision: 1,
      actorId: opts.actorId,
      summary: opts.summary,
      operations: nodes.map((n) => ({
        op: 'add' as const,
        id: n.id,
        parentId: n.parentId,
        kind: n.kind,
        title: n.title,
        detail: n.detail,
        hypothesisState: n.hypothesisState,
        position: n.position,
      })),
      nodes,
    });
  }

  const openActions = await db
    .select()
    .from(actions)
    .where(and(eq(actions.engagementId, sourceId), inArray(actions.status, [...openActionStatuses])));
  const actionMap = new Map<string, string>();
  for (const a of openActions) {
    const nodeId = idMap.get(a.nodeId);
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
    actionMap.set(a.id, row!.id);
  }

  const plans = actionMap.size
    ? await db
        .select()
        .from(verificationPlans)
        .where(inArray(verificationPlans.actionId, [...actionMap.keys()]))
    : [];
  if (plans.length > 0)
    await db.insert(verificationPlans).values(
      plans.map((p) => ({
        actionId: actionMap.get(p.actionId)!,
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

  const team = await db.select().from(memberships).where(eq(memberships.engagementId, sourceId));
  if (team.length > 0)
    await db.insert(memberships).values(team.map((m) => ({ engagementId: targetId, userId: m.userId, role: m.role, title: m.title })));

  return { nodes: nodes.length, actions: actionMap.size, plans: plans.length, members: team.length };
}

/** Engagements of the programs the actor administers, with the portfolio's figures. */
export async function listPortfolio(db: Db, actor: Actor, today: string, programId: string | undefined) {
  return db
    .select({
      engagement: engagements,
      municipality: municipalities,
      fiscalYear: programs.fiscalYear,
      delayedMilestones: delayedMilestoneCount(today),
      lastActivityAt:
        sql`coalesce((select max(${auditLog.at}) from ${auditLog} where ${auditLog.engagementId} = ${engagements.id}), ${engagements.updatedAt})`.mapWith(
          engagements.updatedAt,
        ),
    })
    .from(engagements)
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(and(administersProgram(actor, engagements.programId), programId ? eq(engagements.programId, programId) : undefined))
    .orderBy(desc(programs.fiscalYear), municipalities.category, municipalities.code);
}

/** For each plan with at least one measurement (of actions not dropped): baseline, target and the latest value. */
export async function latestPlanValues(db: Db, engagementIds: string[]) {
  if (engagementIds.length === 0) return [];
  const latest = sql<number>`(select ${measurements.value} from ${measurements} where ${measurements.planId} = ${verificationPlans.id}
    order by ${measurements.period} desc limit 1)`;
  return db
    .select({
      engagementId: actions.engagementId,
      baseline: verificationPlans.baselineValue,
      target: verificationPlans.targetValue,
      latest: latest.mapWith(measurements.value),
    })
    .from(verificationPlans)
    .innerJoin(actions, eq(actions.id, verificationPlans.actionId))
    .where(
      and(
        inArray(actions.engagementId, engagementIds),
        ne(actions.status, 'dropped'),
        sql`exists (select 1 from ${measurements} where ${measurements.planId} = ${verificationPlans.id})`,
      ),
    );
}
