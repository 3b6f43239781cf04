import { policyRoleOfTeamRole } from '@banso/shared';
import { and, asc, eq, gt, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { memberships, municipalities, observerGrants, users } from '../../db/schema/index.js';

/** A membership to write: the policy role is derived from the team role, never given apart from it. */
export type MembershipInsert = Omit<typeof memberships.$inferInsert, 'role'>;
const withPolicyRole = (m: MembershipInsert): typeof memberships.$inferInsert => ({ ...m, role: policyRoleOfTeamRole[m.teamRole] });
export type GrantInsert = typeof observerGrants.$inferInsert;

const memberColumns = {
  userId: memberships.userId,
  name: users.name,
  email: users.email,
  organization: users.organization,
  role: memberships.role,
  teamRole: memberships.teamRole,
  title: memberships.title,
  version: memberships.version,
  createdAt: memberships.createdAt,
};

export async function listMembers(db: Db, engagementId: string) {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.engagementId, engagementId))
    .orderBy(asc(memberships.role), asc(memberships.teamRole), asc(memberships.createdAt), asc(users.name));
}

export async function findMember(db: Db, engagementId: string, userId: string) {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.engagementId, engagementId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

export async function findUser(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function insertMember(db: Db, values: MembershipInsert) {
  await db.insert(memberships).values(withPolicyRole(values));
}

/** Sets team role and/or title when the version matches; false when it does not (or the member is gone). */
export async function updateMember(
  db: Db,
  engagementId: string,
  userId: string,
  version: number,
  changes: Partial<Pick<MembershipInsert, 'teamRole' | 'title'>>,
): Promise<boolean> {
  const rows = await db
    .update(memberships)
    .set({
      ...changes,
      ...(changes.teamRole ? { role: policyRoleOfTeamRole[changes.teamRole] } : {}),
      version: sql`${memberships.version} + 1`,
    })
    .where(and(eq(memberships.engagementId, engagementId), eq(memberships.userId, userId), eq(memberships.version, version)))
    .returning({ userId: memberships.userId });
  return rows.length > 0;
}

export async function deleteMember(db: Db, engagementId: string, userId: string) {
  const rows = await db
    .delete(memberships)
    .where(and(eq(memberships.engagementId, engagementId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length;
}

/**
 * Active users not on the team (program office accounts excluded: they hold their role by program),
 * by e-mail, a page at a time: `afterUserId` is the last user of the previous page.
 */
export async function listCandidates(db: Db, engagementId: string, page: { afterUserId?: string; limit: number }) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      organization: users.organization,
      municipalityId: users.municipalityId,
      municipalityName: municipalities.name,
      pending: sql<boolean>`${users.passwordHash} is null`,
    })
    .from(users)
    .leftJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .where(
      and(
        eq(users.active, true),
        sql`${users.organizerId} is null`,
        notExists(
          db
            .select({ one: sql`1` })
            .from(memberships)
            .where(and(eq(memberships.engagementId, engagementId), eq(memberships.userId, users.id))),
        ),
        page.afterUserId ? gt(users.email, sql`(select u2.email from ${users} u2 where u2.id = ${page.afterUserId})`) : undefined,
      ),
    )
    .orderBy(asc(users.email))
    .limit(page.limit + 1);
}

const grantColumns = {
  grant: observerGrants,
  municipality: { id: municipalities.id, code: municipalities.code, name: municipalities.name },
  grantedByName: users.name,
};

/** The engagement's grants, oldest first; with `page`, one page after the grant `afterId` (limit + 1 rows, to tell if more follow). */
export async function listGrants(db: Db, engagementId: string, page?: { afterId?: string; limit: number }) {
  const after = page?.afterId ? sql`(select g2.created_at from ${observerGrants} g2 where g2.id = ${page.afterId})` : undefined;
  const query = db
    .select(grantColumns)
    .from(observerGrants)
    .innerJoin(municipalities, eq(municipalities.id, observerGrants.municipalityId))
    .leftJoin(users, eq(users.id, observerGrants.grantedBy))
    .where(
      and(
        eq(observerGrants.engagementId, engagementId),
        after && page?.afterId
          ? or(gt(observerGrants.createdAt, after), and(eq(observerGrants.createdAt, after), gt(observerGrants.id, page.afterId)))
          : undefined,
      ),
    )
    .orderBy(asc(observerGrants.createdAt), asc(observerGrants.id));
  return page ? query.limit(page.limit + 1) : query;
}

export async function findGrant(db: Db, engagementId: string, grantId: string) {
  const [row] = await db
    .select(grantColumns)
    .from(observerGrants)
    .innerJoin(municipalities, eq(municipalities.id, observerGrants.municipalityId))
    .leftJoin(users, eq(users.id, observerGrants.grantedBy))
    .where(and(eq(observerGrants.engagementId, engagementId), eq(observerGrants.id, grantId)))
    .limit(1);
  return row;
}

export async function insertGrant(db: Db, values: GrantInsert) {
  const [row] = await db.insert(observerGrants).values(values).returning({ id: observerGrants.id });
  return row!.id;
}

/** Closes the pair's grants that ran out without being revoked, so a new grant may take their place. */
export async function revokeExpiredGrants(db: Db, engagementId: string, municipalityId: string, today: string, at: Date) {
  await db
    .update(observerGrants)
    .set({ revokedAt: at })
    .where(
      and(
        eq(observerGrants.engagementId, engagementId),
        eq(observerGrants.municipalityId, municipalityId),
        isNull(observerGrants.revokedAt),
        lt(observerGrants.validUntil, today),
      ),
    );
}

/** Marks a grant revoked; 0 when it was already revoked (or is not of this engagement). */
export async function revokeGrant(db: Db, engagementId: string, grantId: string, at: Date) {
  const rows = await db
    .update(observerGrants)
    .set({ revokedAt: at })
    .where(and(eq(observerGrants.engagementId, engagementId), eq(observerGrants.id, grantId), sql`${observerGrants.revokedAt} is null`))
    .returning({ id: observerGrants.id });
  return rows.length;
}

export async function findMunicipality(db: Db, id: string) {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id)).limit(1);
  return row;
}

/** Adds members; a person already on the team keeps their row. */
export async function insertMembers(db: Db, rows: MembershipInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(memberships).values(rows.map(withPolicyRole)).onConflictDoNothing();
}

/** Copies one engagement's team onto another; returns how many. */
export async function copyMembers(db: Db, sourceId: string, targetId: string): Promise<number> {
  const team = await db.select().from(memberships).where(eq(memberships.engagementId, sourceId));
  await insertMembers(
    db,
    team.map((m) => ({ engagementId: targetId, userId: m.userId, teamRole: m.teamRole, title: m.title })),
  );
  return team.length;
}
