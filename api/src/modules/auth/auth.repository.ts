import { and, count, desc, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { loginFailures, municipalities, organizers, sessions, users } from '../../db/schema/index.js';

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

/** Revokes every session of the user, or every one but `except`. */
export async function deleteUserSessions(db: Db, userId: string, except?: string) {
  await db.delete(sessions).where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
}

export async function recordSignIn(db: Db, userId: string, at: Date) {
  await db.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId));
}

export async function findUserById(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function deleteSession(db: Db, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteExpiredSessions(db: Db, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** Records one sign-in attempt as failed (until it is withdrawn); returns its id. */
export async function insertLoginFailure(db: Db, values: { account: string; address: string; at: Date }) {
  const [row] = await db.insert(loginFailures).values(values).returning({ id: loginFailures.id });
  if (!row) throw new Error('login failure insert returned nothing');
  return row.id;
}

export async function deleteLoginFailure(db: Db, id: number) {
  await db.delete(loginFailures).where(eq(loginFailures.id, id));
}

export async function deleteLoginFailuresBefore(db: Db, before: Date) {
  await db.delete(loginFailures).where(lt(loginFailures.at, before));
}

/** Failures recorded for the account / the address since `since`. */
export async function countLoginFailures(db: Db, by: 'account' | 'address', key: string, since: Date) {
  const column = by === 'account' ? loginFailures.account : loginFailures.address;
  const [row] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(column, key), gt(loginFailures.at, since)));
  return row?.n ?? 0;
}

/** The time of the `nth` most recent failure since `since` (when it leaves the window, the count drops below n). */
export async function nthRecentLoginFailure(db: Db, by: 'account' | 'address', key: string, since: Date, nth: number) {
  const column = by === 'account' ? loginFailures.account : loginFailures.address;
  const [row] = await db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(column, key), gt(loginFailures.at, since)))
    .orderBy(desc(loginFailures.at))
    .offset(Math.max(0, nth - 1))
    .limit(1);
  return row?.at;
}

/** The signed-in user behind a session token hash, if the session is live. */
export async function findSessionUser(db: Db, sessionId: string, now: Date) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      id: users.id,
      email: users.email,
      name: users.name,
      title: users.title,
      organization: users.organization,
      organizerId: users.organizerId,
      municipalityId: users.municipalityId,
      municipalityName: municipalities.name,
      totpEnabledAt: users.totpEnabledAt,
      requireTwoFactor: organizers.requireTwoFactor,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .leftJoin(organizers, eq(organizers.id, users.organizerId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), eq(users.active, true)))
    .limit(1);
  return row;
}
