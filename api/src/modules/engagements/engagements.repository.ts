import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actions, engagements, memberships, milestones, municipalities, observerGrants, programs } from '../../db/schema/index.js';
import type { Actor } from '../auth/auth.service.js';
import { activeGrant } from '../access/access.service.js';

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
  return db
    .select({
      engagement: engagements,
      municipality: municipalities,
      fiscalYear: programs.fiscalYear,
      memberRole: memberships.role,
      observing: observing(actor, today),
      delayedMilestones: delayedMilestoneCount(today),
    })
    .from(engagements)
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .leftJoin(memberships, and(eq(memberships.engagementId, engagements.id), eq(memberships.userId, actor.id)))
    .where(
      or(
        actor.programOfficeOf ? eq(engagements.programId, actor.programOfficeOf) : sql`false`,
        sql`${memberships.userId} is not null`,
        observing(actor, today),
      ),
    )
    .orderBy(municipalities.category, municipalities.code, programs.fiscalYear);
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
