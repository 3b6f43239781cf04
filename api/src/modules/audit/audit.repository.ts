import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, users } from '../../db/schema/index.js';

/** Audit entries of an engagement, newest first (by id, which grows with time), older than `before` when given. */
export async function listEntries(db: Db, engagementId: string, opts: { limit: number; before?: number | undefined }) {
  return db
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.engagementId, engagementId), opts.before !== undefined ? lt(auditLog.id, opts.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(opts.limit);
}
