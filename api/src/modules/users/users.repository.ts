import { and, asc, desc, eq, gt, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  engagements,
  memberships,
  municipalities,
  organizerMunicipalities,
  organizers,
  programs,
  users,
  userTokens,
} from '../../db/schema/index.js';

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof userTokens.$inferSelect;

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

/**
 * The users an office of `organizerId` manages: its own staff, the staff of the municipalities in its
 * jurisdiction, members of its programs' engagements, and whoever it invited. An office of another
 * organizer sees none of them.
 */
export function managedBy(organizerId: string): SQL {
  return sql`(${users.organizerId} = ${organizerId}
    or ${users.invitedByOrganizerId} = ${organizerId}
    or ${users.municipalityId} in (select om.municipality_id from ${organizerMunicipalities} om where om.organizer_id = ${organizerId})
    or exists (select 1 from ${memberships} um join ${engagements} ue on ue.id = um.engagement_id join ${programs} up on up.id = ue.program_id
      where um.user_id = ${users.id} and up.organizer_id = ${organizerId}))`;
}

/** The user with a row lock, when the office of `organizerId` manages them. */
export async function findUserForUpdate(db: Db, id: string, organizerId: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), managedBy(organizerId)))
    .for('update', { of: users });
  return row;
}

export async function updateUser(db: Db, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .returning();
  return row!;
}

export async function municipalityName(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, id));
  return row?.name;
}

export async function organizerName(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db.select({ name: organizers.name }).from(organizers).where(eq(organizers.id, id));
  return row?.name;
}

/** The organizer's latest program (mail it sends is filed under it), or null. */
export async function latestProgramOf(db: Db, organizerId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.organizerId, organizerId))
    .orderBy(desc(programs.fiscalYear), desc(programs.createdAt))
    .limit(1);
  return row?.id ?? null;
}

export async function anyProgramOffice(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(isNotNull(users.organizerId)).limit(1);
  return row !== undefined;
}

/** A page of users ordered by e-mail (unique), after `afterEmail`. */
export async function listUsers(db: Db, organizerId: string, opts: { limit: number; afterEmail?: string }) {
  return db
    .select({ user: users, municipalityName: municipalities.name })
    .from(users)
    .leftJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .where(and(managedBy(organizerId), opts.afterEmail ? gt(users.email, opts.afterEmail) : undefined))
    .orderBy(asc(users.email))
    .limit(opts.limit);
}

export async function membershipsOf(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: memberships.userId,
      engagementId: memberships.engagementId,
      role: memberships.role,
      municipalityName: municipalities.name,
    })
    .from(memberships)
    .innerJoin(engagements, eq(engagements.id, memberships.engagementId))
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .where(inArray(memberships.userId, userIds))
    .orderBy(asc(municipalities.name));
}

export async function insertToken(db: Db, values: typeof userTokens.$inferInsert): Promise<TokenRow> {
  const [row] = await db.insert(userTokens).values(values).returning();
  return row!;
}

export async function findToken(db: Db, tokenHash: string, forUpdate = false) {
  const query = db
    .select({ token: userTokens, user: users })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(eq(userTokens.tokenHash, tokenHash))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function markTokenUsed(db: Db, id: string, at: Date) {
  await db.update(userTokens).set({ usedAt: at }).where(eq(userTokens.id, id));
}

/** Earlier unused links of the same kind stop working when a new one is sent. */
export async function expireOpenTokens(db: Db, userId: string, kind: TokenRow['kind'], at: Date) {
  await db
    .update(userTokens)
    .set({ expiresAt: at })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.kind, kind), sql`${userTokens.usedAt} is null`, gt(userTokens.expiresAt, at)));
}
