import { and, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mailMessages } from '../../db/schema/index.js';

export type MailRow = typeof mailMessages.$inferSelect;
export type NewMail = typeof mailMessages.$inferInsert;

export async function insertMessage(db: Db, values: NewMail): Promise<MailRow> {
  const [row] = await db.insert(mailMessages).values(values).returning();
  return row!;
}

/**
 * Claims up to `limit` deliverable messages for `leaseSeconds` (outbox, or failed and due for a retry,
 * under the attempt limit, not leased by another dispatcher). SKIP LOCKED keeps replicas apart.
 */
export async function claimDeliverable(db: Db, opts: { limit: number; maxAttempts: number; leaseSeconds: number }): Promise<MailRow[]> {
  const due = db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(
      and(
        inArray(mailMessages.status, ['outbox', 'failed']),
        lt(mailMessages.attempts, opts.maxAttempts),
        or(isNull(mailMessages.nextAttemptAt), sql`${mailMessages.nextAttemptAt} <= now()`),
        or(isNull(mailMessages.claimedUntil), sql`${mailMessages.claimedUntil} < now()`),
      ),
    )
    .orderBy(mailMessages.createdAt, mailMessages.id)
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  return db
    .update(mailMessages)
    .set({ claimedUntil: sql`now() + make_interval(secs => ${opts.leaseSeconds})` })
    .where(inArray(mailMessages.id, due))
    .returning();
}

export async function markSent(db: Db, id: string): Promise<void> {
  await db
    .update(mailMessages)
    .set({ status: 'sent', sentAt: sql`now()`, attempts: sql`${mailMessages.attempts} + 1`, lastError: null, claimedUntil: null })
    .where(eq(mailMessages.id, id));
}

/** Records a failed attempt; the next one waits `retryAfterSeconds` × attempts so far. */
export async function markFailed(db: Db, id: string, error: string, retryAfterSeconds: number): Promise<void> {
  await db
    .update(mailMessages)
    .set({
      status: 'failed',
      attempts: sql`${mailMessages.attempts} + 1`,
      lastError: error.slice(0, 2000),
      claimedUntil: null,
      nextAttemptAt: sql`now() + make_interval(secs => ${retryAfterSeconds} * (${mailMessages.attempts} + 1))`,
    })
    .where(eq(mailMessages.id, id));
}

/** A page of messages, newest first, after the (createdAt, id) cursor. */
export async function listPage(
  db: Db,
  opts: { visible: SQL; limit: number; after?: { createdAt: Date; id: string }; status?: MailRow['status'] },
): Promise<MailRow[]> {
  const conditions: (SQL | undefined)[] = [opts.visible];
  if (opts.status) conditions.push(eq(mailMessages.status, opts.status));
  if (opts.after)
    conditions.push(
      sql`(${mailMessages.createdAt}, ${mailMessages.id}) < (${opts.after.createdAt.toISOString()}::timestamptz, ${opts.after.id}::uuid)`,
    );
  return db
    .select()
    .from(mailMessages)
    .where(and(...conditions))
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(opts.limit);
}
