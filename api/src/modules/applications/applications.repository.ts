import { and, asc, desc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  applications,
  engagements,
  indicators,
  indicatorValues,
  memberships,
  municipalities,
  programs,
  users,
} from '../../db/schema/index.js';

export type ApplicationInsert = typeof applications.$inferInsert;

const applicant = alias(users, 'applicant');

const applicationColumns = {
  application: applications,
  municipality: municipalities,
  applicantName: applicant.name,
};

/** Applications of a program; only those of `municipalityId` when given. */
export async function listApplications(db: Db, programId: string, municipalityId: string | null) {
  return db
    .select(applicationColumns)
    .from(applications)
    .innerJoin(municipalities, eq(municipalities.id, applications.municipalityId))
    .leftJoin(applicant, eq(applicant.id, applications.applicantId))
    .where(and(eq(applications.programId, programId), municipalityId ? eq(applications.municipalityId, municipalityId) : undefined))
    .orderBy(asc(municipalities.category), asc(municipalities.code));
}

export type ApplicationWithMunicipality = Awaited<ReturnType<typeof listApplications>>[number];

export async function getApplication(db: Db, programId: string, applicationId: string) {
  const [row] = await db
    .select(applicationColumns)
    .from(applications)
    .innerJoin(municipalities, eq(municipalities.id, applications.municipalityId))
    .leftJoin(applicant, eq(applicant.id, applications.applicantId))
    .where(and(eq(applications.programId, programId), eq(applications.id, applicationId)))
    .limit(1);
  return row;
}

export async function findApplicationOf(db: Db, programId: string, municipalityId: string) {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.programId, programId), eq(applications.municipalityId, municipalityId)))
    .limit(1);
  return row;
}

export async function insertApplication(db: Db, values: ApplicationInsert) {
  const [row] = await db.insert(applications).values(values).returning();
  if (!row) throw new Error('application insert returned nothing');
  return row;
}

export async function updateApplication(
  db: Db,
  programId: string,
  applicationId: string,
  version: number,
  set: Partial<Omit<ApplicationInsert, 'id' | 'programId' | 'municipalityId' | 'version'>>,
) {
  const [row] = await db
    .update(applications)
    .set({ ...set, version: version + 1 })
    .where(and(eq(applications.programId, programId), eq(applications.id, applicationId), eq(applications.version, version)))
    .returning();
  return row;
}

/** Each municipality's latest value of every indicator (by period), for the side-by-side comparison. */
export async function latestIndicatorValues(db: Db, municipalityIds: string[]) {
  if (municipalityIds.length === 0) return [];
  return db
    .selectDistinctOn([indicatorValues.municipalityId, indicatorValues.indicatorId], {
      municipalityId: indicatorValues.municipalityId,
      code: indicators.code,
      name: indicators.name,
      unit: indicators.unit,
      direction: indicators.direction,
      period: indicatorValues.period,
      value: indicatorValues.value,
    })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(inArray(indicatorValues.municipalityId, municipalityIds))
    .orderBy(indicatorValues.municipalityId, indicatorValues.indicatorId, desc(indicatorValues.period));
}

/** The municipality's engagement in the closest earlier fiscal year of the same organizer's programs. */
export async function previousEngagements(db: Db, program: typeof programs.$inferSelect, municipalityIds: string[]) {
  if (municipalityIds.length === 0) return [];
  return db
    .selectDistinctOn([engagements.municipalityId], {
      id: engagements.id,
      municipalityId: engagements.municipalityId,
      fiscalYear: programs.fiscalYear,
      theme: engagements.theme,
    })
    .from(engagements)
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(
      and(
        inArray(engagements.municipalityId, municipalityIds),
        lt(programs.fiscalYear, program.fiscalYear),
        eq(programs.organizerId, program.organizerId),
      ),
    )
    .orderBy(engagements.municipalityId, desc(programs.fiscalYear));
}

/** Categories already taken by an engagement of the program (however it was created). */
export async function takenCategories(db: Db, programId: string, exceptMunicipalityId?: string) {
  return db
    .select({ category: municipalities.category, name: municipalities.name })
    .from(engagements)
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .where(
      and(eq(engagements.programId, programId), exceptMunicipalityId ? ne(engagements.municipalityId, exceptMunicipalityId) : undefined),
    );
}

/** Users who may advise: active, not municipal staff, not program office. */
export async function findAdvisors(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, title: users.title })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true), isNull(users.municipalityId), isNull(users.organizerId)));
}

/** Advisor candidates: every active user who is neither municipal staff nor program office, with how many engagements of the organizer they advise. */
export async function advisorCandidates(db: Db, program: typeof programs.$inferSelect) {
  const people = await db
    .select({ id: users.id, name: users.name, title: users.title, organization: users.organization })
    .from(users)
    .where(and(eq(users.active, true), isNull(users.municipalityId), isNull(users.organizerId)))
    .orderBy(asc(users.name));
  const counts = await db
    .select({ userId: memberships.userId, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(memberships)
    .innerJoin(engagements, eq(engagements.id, memberships.engagementId))
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(and(eq(memberships.role, 'advisor'), eq(programs.organizerId, program.organizerId)))
    .groupBy(memberships.userId);
  return people
    .map((p) => ({ ...p, engagementCount: counts.find((c) => c.userId === p.id)?.n ?? 0 }))
    .sort((a, b) => b.engagementCount - a.engagementCount || a.name.localeCompare(b.name, 'ja'));
}
