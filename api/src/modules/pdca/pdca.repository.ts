import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { pdcaAdvisorComments, pdcaReviews, users } from '../../db/schema/index.js';

export type PdcaInsert = typeof pdcaReviews.$inferInsert;

const columns = { review: pdcaReviews, updatedByName: users.name };

export async function listReviews(db: Db, engagementId: string) {
  return db
    .select(columns)
    .from(pdcaReviews)
    .leftJoin(users, eq(users.id, pdcaReviews.updatedBy))
    .where(eq(pdcaReviews.engagementId, engagementId))
    .orderBy(desc(pdcaReviews.fiscalYear));
}

export async function findReview(db: Db, engagementId: string, fiscalYear: number) {
  const [row] = await db
    .select(columns)
    .from(pdcaReviews)
    .leftJoin(users, eq(users.id, pdcaReviews.updatedBy))
    .where(and(eq(pdcaReviews.engagementId, engagementId), eq(pdcaReviews.fiscalYear, fiscalYear)))
    .limit(1);
  return row;
}

/** Inserts unless a review of that year exists (a concurrent create); returns whether it inserted. */
export async function insertReview(db: Db, values: PdcaInsert): Promise<boolean> {
  const rows = await db.insert(pdcaReviews).values(values).onConflictDoNothing().returning({ id: pdcaReviews.id });
  return rows.length > 0;
}

export async function updateReview(
  db: Db,
  engagementId: string,
  fiscalYear: number,
  version: number,
  changes: Pick<PdcaInsert, 'assessment' | 'comment' | 'nextActions' | 'updatedBy'>,
  now: Date,
) {
  const rows = await db
    .update(pdcaReviews)
    .set({ ...changes, version: sql`${pdcaReviews.version} + 1`, updatedAt: now })
    .where(and(eq(pdcaReviews.engagementId, engagementId), eq(pdcaReviews.fiscalYear, fiscalYear), eq(pdcaReviews.version, version)))
    .returning({ id: pdcaReviews.id });
  return rows.length;
}

const commentColumns = { comment: pdcaAdvisorComments, updatedByName: users.name };

export async function listAdvisorComments(db: Db, engagementId: string) {
  return db
    .select(commentColumns)
    .from(pdcaAdvisorComments)
    .leftJoin(users, eq(users.id, pdcaAdvisorComments.updatedBy))
    .where(eq(pdcaAdvisorComments.engagementId, engagementId))
    .orderBy(desc(pdcaAdvisorComments.fiscalYear));
}

export async function findAdvisorComment(db: Db, engagementId: string, fiscalYear: number) {
  const [row] = await db
    .select(commentColumns)
    .from(pdcaAdvisorComments)
    .leftJoin(users, eq(users.id, pdcaAdvisorComments.updatedBy))
    .where(and(eq(pdcaAdvisorComments.engagementId, engagementId), eq(pdcaAdvisorComments.fiscalYear, fiscalYear)))
    .limit(1);
  return row;
}

/** Inserts unless that year's comment exists (a concurrent create); returns whether it inserted. */
export async function insertAdvisorComment(db: Db, values: typeof pdcaAdvisorComments.$inferInsert): Promise<boolean> {
  const rows = await db.insert(pdcaAdvisorComments).values(values).onConflictDoNothing().returning({ id: pdcaAdvisorComments.id });
  return rows.length > 0;
}

export async function updateAdvisorComment(
  db: Db,
  engagementId: string,
  fiscalYear: number,
  version: number,
  changes: { comment: string; updatedBy: string },
  now: Date,
) {
  const rows = await db
    .update(pdcaAdvisorComments)
    .set({ ...changes, version: sql`${pdcaAdvisorComments.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(pdcaAdvisorComments.engagementId, engagementId),
        eq(pdcaAdvisorComments.fiscalYear, fiscalYear),
        eq(pdcaAdvisorComments.version, version),
      ),
    )
    .returning({ id: pdcaAdvisorComments.id });
  return rows.length;
}
