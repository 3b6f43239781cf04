import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reportPublicLinks, reports, users } from '../../db/schema/index.js';

export type LinkRow = typeof reportPublicLinks.$inferSelect;

export async function findReport(db: Db, engagementId: string, reportId: string) {
  const [row] = await db
    .select({ id: reports.id, status: reports.status })
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.engagementId, engagementId)));
  return row;
}

export async function insertLink(db: Db, values: typeof reportPublicLinks.$inferInsert): Promise<LinkRow> {
  const [row] = await db.insert(reportPublicLinks).values(values).returning();
  return row!;
}

export async function listLinks(db: Db, reportId: string) {
  return db
    .select({ link: reportPublicLinks, creatorName: users.name })
    .from(reportPublicLinks)
    .leftJoin(users, eq(users.id, reportPublicLinks.createdBy))
    .where(eq(reportPublicLinks.reportId, reportId))
    .orderBy(desc(reportPublicLinks.createdAt));
}

export async function findLinkForUpdate(db: Db, reportId: string, linkId: string) {
  const [row] = await db
    .select()
    .from(reportPublicLinks)
    .where(and(eq(reportPublicLinks.id, linkId), eq(reportPublicLinks.reportId, reportId)))
    .for('update');
  return row;
}

export async function revokeLink(db: Db, id: string, at: Date): Promise<LinkRow> {
  const [row] = await db.update(reportPublicLinks).set({ revokedAt: at }).where(eq(reportPublicLinks.id, id)).returning();
  return row!;
}

export async function findByTokenHash(db: Db, tokenHash: string) {
  const [row] = await db.select().from(reportPublicLinks).where(eq(reportPublicLinks.tokenHash, tokenHash));
  return row;
}

export async function creatorName(db: Db, id: string | null) {
  if (!id) return null;
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, id));
  return row?.name ?? null;
}
