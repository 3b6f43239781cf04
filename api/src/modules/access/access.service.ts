import { type Access, can, type EngagementRole, type PolicyAction, type PolicyResource, type ProgramAction } from '@banso/shared';
import { and, eq, exists, gt, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { engagements, memberships, observerGrants, programs, sessions, users } from '../../db/schema/index.js';
import { Forbidden, NotFound } from '../../lib/errors.js';
import type { Actor } from '../auth/auth.service.js';

export type EngagementRow = typeof engagements.$inferSelect;

export interface EngagementAccess extends Access {
  engagement: EngagementRow;
}

/** SQL condition: the observer grant is active on `today` (not revoked, not expired). */
export const activeGrant = (today: string) => and(isNull(observerGrants.revokedAt), gte(observerGrants.validUntil, today));

/**
 * Program office model: a user's `organizerId` names the organizer (実施主体) whose office they staff,
 * and they administer every program of that organizer. So an office that opens the next fiscal year's
 * program (which inherits its organizer) administers it at once, without touching users. SQL condition
 * on a program id column (or a literal id).
 */
export function administersProgram(actor: Pick<Actor, 'organizerId'>, programId: AnyPgColumn | string): SQL<boolean> {
  if (!actor.organizerId) return sql<boolean>`false`;
  // The column stays outside the subquery, so an unqualified column of a single-table select resolves to the outer row.
  return sql<boolean>`(${programId} in (select office_p.id from ${programs} office_p where office_p.organizer_id = ${actor.organizerId}))`;
}

/**
 * The actor's role in one engagement, or null when they have none. Program office of the
 * engagement's program outranks membership; a neighbour with an active grant is an observer.
 */
export async function loadAccess(db: Db, actor: Actor, engagementId: string, today: string): Promise<EngagementAccess | null> {
  const [row] = await db
    .select({
      engagement: engagements,
      memberRole: memberships.role,
      administers: administersProgram(actor, engagements.programId),
      observing: actor.municipalityId
        ? exists(
            db
              .select({ one: sql`1` })
              .from(observerGrants)
              .where(
                and(
                  eq(observerGrants.engagementId, engagements.id),
                  eq(observerGrants.municipalityId, actor.municipalityId),
                  activeGrant(today),
                ),
              ),
          )
        : sql<boolean>`false`,
    })
    .from(engagements)
    .leftJoin(memberships, and(eq(memberships.engagementId, engagements.id), eq(memberships.userId, actor.id)))
    .where(eq(engagements.id, engagementId))
    .limit(1);
  if (!row) return null;
  const role = roleOf(row.memberRole, Boolean(row.observing), Boolean(row.administers));
  return role ? { userId: actor.id, role, engagement: row.engagement } : null;
}

type RoleActor = Pick<Actor, 'id' | 'organizerId' | 'municipalityId'> & { sessionId?: string };

/**
 * The roles of many actors in one engagement, in one query (the live-update heartbeat re-checks
 * every open stream with it): the same rule as `loadAccess`: program office of the engagement's
 * program (`administersProgram`: the program's organizer is the actor's), else membership, else an
 * active observer grant of the actor's municipality. Null when the engagement is gone.
 * With `sessionsLiveAt`, the same query also checks each actor's `sessionId` (unexpired then, its user
 * active): an actor whose session is not live has no role.
 */
export async function loadRoles(
  db: Db,
  engagementId: string,
  actors: readonly RoleActor[],
  today: string,
  sessionsLiveAt?: Date,
): Promise<((actor: RoleActor) => EngagementRole | null) | null> {
  const userIds = [...new Set(actors.map((a) => a.id))];
  const municipalityIds = [...new Set(actors.flatMap((a) => (a.municipalityId ? [a.municipalityId] : [])))];
  const sessionIds = sessionsLiveAt ? [...new Set(actors.flatMap((a) => (a.sessionId ? [a.sessionId] : [])))] : [];
  const members = db
    .select({ list: sql`coalesce(json_agg(json_build_array(${memberships.userId}, ${memberships.role})), '[]'::json)` })
    .from(memberships)
    .where(and(eq(memberships.engagementId, engagementId), inArray(memberships.userId, userIds)));
  const observing = db
    .select({ list: sql`coalesce(json_agg(${observerGrants.municipalityId}), '[]'::json)` })
    .from(observerGrants)
    .where(and(eq(observerGrants.engagementId, engagementId), inArray(observerGrants.municipalityId, municipalityIds), activeGrant(today)));
  const live = db
    .select({ list: sql`coalesce(json_agg(${sessions.id}), '[]'::json)` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(inArray(sessions.id, sessionIds), gt(sessions.expiresAt, sessionsLiveAt ?? new Date(0)), eq(users.active, true)));
  const [row] = await db
    .select({
      organizerId: programs.organizerId,
      members: sql<[string, 'advisor' | 'municipal_member'][]>`(${members})`,
      observing: municipalityIds.length ? sql<string[]>`(${observing})` : sql<string[]>`'[]'::json`,
      live: sessionIds.length ? sql<string[]>`(${live})` : sql<string[]>`'[]'::json`,
    })
    .from(engagements)
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(eq(engagements.id, engagementId))
    .limit(1);
  if (!row) return null;
  const memberRole = new Map(row.members);
  const observers = new Set(row.observing);
  const liveSessions = new Set(row.live);
  return (actor) => {
    if (sessionsLiveAt && !(actor.sessionId && liveSessions.has(actor.sessionId))) return null;
    return roleOf(
      memberRole.get(actor.id) ?? null,
      actor.municipalityId !== null && observers.has(actor.municipalityId),
      actor.organizerId !== null && actor.organizerId === row.organizerId,
    );
  };
}

export function roleOf(
  memberRole: 'advisor' | 'municipal_member' | null,
  observing: boolean,
  /** Whether the actor administers the engagement's program (see administersProgram). */
  administers: boolean,
): EngagementRole | null {
  if (administers) return 'program_office';
  if (memberRole) return memberRole;
  if (observing) return 'observer';
  return null;
}

/**
 * Loads the actor's access to an engagement and checks the policy table. An engagement the actor
 * has no role in answers 404, so its existence does not leak; a role without the permission answers 403.
 */
export async function authorize(
  ctx: ServiceContext,
  engagementId: string,
  action: PolicyAction,
  resource?: PolicyResource,
): Promise<EngagementAccess> {
  const access = await loadAccess(ctx.db, ctx.actor, engagementId, ctx.clock.today());
  if (!access) throw new NotFound('Engagement');
  if (!can(access, action, resource)) throw new Forbidden(`Your role (${access.role}) may not ${action}`);
  return access;
}

/** The actor's role in one program: program office when they administer it, else none; undefined when there is no such program. */
export async function loadProgramAccess(db: Db, actor: Actor, programId: string): Promise<Access | null | undefined> {
  const [row] = await db
    .select({ administers: administersProgram(actor, programs.id) })
    .from(programs)
    .where(eq(programs.id, programId))
    .limit(1);
  if (!row) return undefined;
  return row.administers ? { userId: actor.id, role: 'program_office' } : null;
}

/**
 * Program-level counterpart of `authorize`: resolves the actor's real role in the program and checks
 * the policy table. `programId` null (an office-wide action by someone with no program office) answers
 * 403; an unknown program 404; a program the actor has no role in, or a role without the permission, 403
 * (programs are listed to every signed-in user, so their existence is no secret).
 */
export async function authorizeProgram(
  ctx: Pick<ServiceContext, 'db' | 'actor'>,
  programId: string | null,
  action: ProgramAction,
): Promise<Access> {
  if (!programId) throw new Forbidden(`Only the program office may ${action}`);
  const access = await loadProgramAccess(ctx.db, ctx.actor, programId);
  if (access === undefined) throw new NotFound('Program');
  if (!access) throw new Forbidden(`Only the program office may ${action}`);
  if (!can(access, action)) throw new Forbidden(`Your role (${access.role}) may not ${action}`);
  return access;
}

/**
 * Office-wide actions (the municipality master, accounts, the outbox, the organizer's own record):
 * the caller must staff an organizer's program office, and the policy table must give the program
 * office the action. Answers 403 otherwise; returns the organizer id.
 */
export function authorizeOffice(ctx: Pick<ServiceContext, 'actor'>, action: ProgramAction): { access: Access; organizerId: string } {
  const organizerId = ctx.actor.organizerId;
  if (!organizerId) throw new Forbidden(`Only the program office may ${action}`);
  const access: Access = { userId: ctx.actor.id, role: 'program_office' };
  if (!can(access, action)) throw new Forbidden(`Your role (${access.role}) may not ${action}`);
  return { access, organizerId };
}

/**
 * Takes the engagement's row lock for the rest of the transaction (`select … for update`). Every
 * write that can change roadmap readiness takes it first, as does the status change, so the gate
 * to roadmap_agreed and those writes run one after the other across replicas.
 */
export async function lockEngagement(tx: Db, engagementId: string): Promise<EngagementRow | undefined> {
  const [row] = await tx.select().from(engagements).where(eq(engagements.id, engagementId)).for('update');
  return row;
}
