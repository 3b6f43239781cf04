import { type Access, can, type EngagementRole, type PolicyAction, type PolicyResource } from '@banso/shared';
import { and, eq, exists, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { engagements, memberships, observerGrants } from '../../db/schema/index.js';
import { Forbidden, NotFound } from '../../lib/errors.js';
import type { Actor } from '../auth/auth.service.js';

export type EngagementRow = typeof engagements.$inferSelect;

export interface EngagementAccess extends Access {
  engagement: EngagementRow;
}

/** SQL condition: the observer grant is active on `today` (not revoked, not expired). */
export const activeGrant = (today: string) => and(isNull(observerGrants.revokedAt), gte(observerGrants.validUntil, today));

/**
 * The actor's role in one engagement, or null when they have none. Program office of the
 * engagement's program outranks membership; a neighbour with an active grant is an observer.
 */
export async function loadAccess(db: Db, actor: Actor, engagementId: string, today: string): Promise<EngagementAccess | null> {
  const [row] = await db
    .select({
      engagement: engagements,
      memberRole: memberships.role,
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
  const role = roleOf(actor, row.engagement.programId, row.memberRole, Boolean(row.observing));
  return role ? { userId: actor.id, role, engagement: row.engagement } : null;
}

export function roleOf(
  actor: Pick<Actor, 'programOfficeOf'>,
  programId: string,
  memberRole: 'advisor' | 'municipal_member' | null,
  observing: boolean,
): EngagementRole | null {
  if (actor.programOfficeOf === programId) return 'program_office';
  if (memberRole) return memberRole;
  if (observing) return 'observer';
  return null;
}

/**
 * Loads the actor's access to an engagement and checks the policy table. An engagement the actor
 * has no role in answers 404, so its existence does not leak; a role without the permission answers 403.
 */
export async function authorize(
  db: Db,
  actor: Actor,
  engagementId: string,
  action: PolicyAction,
  today: string,
  resource?: PolicyResource,
): Promise<EngagementAccess> {
  const access = await loadAccess(db, actor, engagementId, today);
  if (!access) throw new NotFound('Engagement');
  if (!can(access, action, resource)) throw new Forbidden(`Your role (${access.role}) may not ${action}`);
  return access;
}
