import { and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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
  users,
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

const proposer = alias(users, 'roadmap_proposer');
const agreer = alias(users, 'roadmap_agreer');

export async function getEngagementWithProgram(db: Db, id: string, today: string) {
  const [row] = await db
    .select({
      engagement: engagements,
      municipality: municipalities,
      program: programs,
      delayedMilestones: delayedMilestoneCount(today),
      proposedByName: proposer.name,
      agreedByName: agreer.name,
    })
    .from(engagements)
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .leftJoin(proposer, eq(proposer.id, engagements.roadmapProposedBy))
    .leftJoin(agreer, eq(agreer.id, engagements.roadmapAgreedBy))
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

/** Version-checked update; undefined when the version did not match (or the row is gone). */
export async function updateEngagement(
  db: Db,
  id: string,
  version: number,
  changes: Partial<
    Pick<
      EngagementInsert,
      'theme' | 'desiredState' | 'status' | 'roadmapProposedBy' | 'roadmapProposedAt' | 'roadmapAgreedBy' | 'roadmapAgreedAt'
    >
  >,
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

/** The plans on goal and outcome nodes, each named by its node (and indicator), as the gate sees them. */
export async function loadNodePlanReadiness(db: Db, engagementId: string) {
  const rows = await db
    .select({ plan: verificationPlans, nodeTitle: treeNodes.title })
    .from(verificationPlans)
    .innerJoin(treeNodes, eq(treeNodes.id, verificationPlans.nodeId))
    .where(eq(verificationPlans.engagementId, engagementId))
    .orderBy(asc(verificationPlans.updatedAt), asc(verificationPlans.id));
  return rows.map(({ plan, nodeTitle }) => ({
    ...plan,
    planId: plan.id,
    nodeId: plan.nodeId!,
    title: plan.indicatorName.trim() ? `${nodeTitle}（${plan.indicatorName.trim()}）` : nodeTitle,
  }));
}

/** Engagements of the programs the actor administers, with the portfolio's figures. */
export async function listPortfolio(
  db: Db,
  actor: Actor,
  today: string,
  filter: { programId?: string | undefined; fiscalYear?: number | undefined },
) {
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
    .where(
      and(
        administersProgram(actor, engagements.programId),
        filter.programId ? eq(engagements.programId, filter.programId) : undefined,
        filter.fiscalYear !== undefined ? eq(programs.fiscalYear, filter.fiscalYear) : undefined,
      ),
    )
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
