import { and, desc, eq, max, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { reports, users } from '../../db/schema/index.js';

export type ReportRow = typeof reports.$inferSelect;
export type NewReportRow = typeof reports.$inferInsert;

const creator = alias(users, 'report_creator');
const updater = alias(users, 'report_updater');
const publisher = alias(users, 'report_publisher');

/** Report rows with the names of who created, last edited and published them. */
function selectWithPeople(db: Db) {
  return db
    .select({
      report: reports,
      createdByName: creator.name,
      updatedByName: updater.name,
      publishedByName: publisher.name,
      latestVersion:
        sql<number>`(select max(r2.version_number) from reports r2 where r2.engagement_id = ${reports.engagementId} and r2.fiscal_year = ${reports.fiscalYear})`.mapWith(
          Number,
        ),
    })
    .from(reports)
    .leftJoin(creator, eq(creator.id, reports.createdBy))
    .leftJoin(updater, eq(updater.id, reports.updatedBy))
    .leftJoin(publisher, eq(publisher.id, reports.publishedBy));
}

export type ReportWithPeople = Awaited<ReturnType<typeof listReports>>[number];

export async function listReports(db: Db, engagementId: string) {
  return selectWithPeople(db).where(eq(reports.engagementId, engagementId)).orderBy(desc(reports.fiscalYear), desc(reports.versionNumber));
}

export async function getReport(db: Db, engagementId: string, reportId: string) {
  const [row] = await selectWithPeople(db)
    .where(and(eq(reports.engagementId, engagementId), eq(reports.id, reportId)))
    .limit(1);
  return row;
}

/** The highest version number of the engagement's report for a fiscal year, or 0 when there is none. */
export async function latestVersionNumber(db: Db, engagementId: string, fiscalYear: number): Promise<number> {
  const [row] = await db
    .select({ n: max(reports.versionNumber) })
    .from(reports)
    .where(and(eq(reports.engagementId, engagementId), eq(reports.fiscalYear, fiscalYear)));
  return row?.n ?? 0;
}

export async function insertReport(db: Db, values: NewReportRow): Promise<ReportRow> {
  const [row] = await db.insert(reports).values(values).returning();
  if (!row) throw new Error('report insert returned nothing');
  return row;
}

/** Updates a report at the version the client edited; undefined when the version moved on. */
export async function updateReport(
  db: Db,
  engagementId: string,
  reportId: string,
  version: number,
  set: Partial<Omit<NewReportRow, 'id' | 'engagementId' | 'version'>>,
): Promise<ReportRow | undefined> {
  const [row] = await db
    .update(reports)
    .set({ ...set, version: version + 1 })
    .where(and(eq(reports.engagementId, engagementId), eq(reports.id, reportId), eq(reports.version, version)))
    .returning();
  return row;
}
