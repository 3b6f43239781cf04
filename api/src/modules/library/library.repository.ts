/**
 * The case library: published reports, for everyone connected to the organizer of the report's
 * program (program office, team members, the municipalities of its jurisdiction, the supported
 * municipalities and active observers).
 */
import type { LibraryQuery } from '@banso/shared';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { engagements, indicators, memberships, observerGrants, organizerMunicipalities, programs, reports } from '../../db/schema/index.js';
import { activeGrant } from '../access/access.service.js';
import type { Actor } from '../auth/auth.service.js';

/**
 * SQL condition on a program id: the actor is connected to that program's organizer. The ties: the
 * organizer's program office; team membership in any engagement of the organizer's programs; for
 * municipal staff, their municipality being in the organizer's jurisdiction (organizer_municipalities),
 * supported by one of its programs, or observing one of its engagements with a grant active on
 * `today` (not revoked, not expired). Filing an application is not a tie.
 */
export function connectedToProgram(
  actor: Pick<Actor, 'id' | 'organizerId' | 'municipalityId'>,
  programId: SQL | AnyPgColumn,
  today: string,
): SQL<boolean> {
  const muni = actor.municipalityId;
  const viaMunicipality = muni
    ? sql`(exists (select 1 from ${organizerMunicipalities} om where om.organizer_id = tp.organizer_id and om.municipality_id = ${muni})
        or exists (select 1 from ${engagements} ce join ${programs} cp on cp.id = ce.program_id where cp.organizer_id = tp.organizer_id
          and (ce.municipality_id = ${muni}
            or exists (select 1 from ${observerGrants} where ${observerGrants.engagementId} = ce.id
              and ${observerGrants.municipalityId} = ${muni} and ${activeGrant(today)}))))`
    : sql`false`;
  return sql<boolean>`exists (
    select 1 from ${programs} tp
    where tp.id = ${programId} and (
      tp.organizer_id = ${actor.organizerId ?? null}
      or exists (select 1 from ${memberships} cm join ${engagements} cme on cme.id = cm.engagement_id join ${programs} cmp on cmp.id = cme.program_id
        where cm.user_id = ${actor.id} and cmp.organizer_id = tp.organizer_id)
      or ${viaMunicipality}
    ))`;
}

/** Only the newest published version of each engagement's report for a year is listed. */
const newestPublished = sql<boolean>`${reports.versionNumber} = (select max(r2.version_number) from ${reports} r2
  where r2.engagement_id = ${reports.engagementId} and r2.fiscal_year = ${reports.fiscalYear} and r2.status = 'published')`;

/** `%` and `_` in user text match literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const caseColumns = {
  id: reports.id,
  engagementId: reports.engagementId,
  fiscalYear: reports.fiscalYear,
  versionNumber: reports.versionNumber,
  title: reports.title,
  theme: reports.theme,
  publishedAt: reports.publishedAt,
  facts: reports.facts,
};

export async function listCases(db: Db, actor: Actor, today: string, q: LibraryQuery) {
  const filters: SQL[] = [eq(reports.status, 'published'), newestPublished, connectedToProgram(actor, engagements.programId, today)];
  if (q.theme) filters.push(eq(reports.theme, q.theme));
  if (q.category) filters.push(eq(reports.municipalityCategory, q.category));
  if (q.regionType) filters.push(eq(reports.regionType, q.regionType));
  if (q.fiscalYear) filters.push(eq(reports.fiscalYear, q.fiscalYear));
  if (q.indicator) filters.push(sql`${q.indicator} = any(${reports.indicatorCodes})`);
  if (q.q) filters.push(sql`${reports.searchText} ilike ${`%${likeEscape(q.q)}%`}`);
  return db
    .select(caseColumns)
    .from(reports)
    .innerJoin(engagements, eq(engagements.id, reports.engagementId))
    .where(and(...filters))
    .orderBy(desc(reports.fiscalYear), asc(reports.municipalityCategory), desc(reports.publishedAt));
}

/** What the filters can offer: over every case the actor may see, ignoring the current filters. */
export async function facets(db: Db, actor: Actor, today: string) {
  const rows = await db
    .select({ theme: reports.theme, fiscalYear: reports.fiscalYear, codes: reports.indicatorCodes })
    .from(reports)
    .innerJoin(engagements, eq(engagements.id, reports.engagementId))
    .where(and(eq(reports.status, 'published'), newestPublished, connectedToProgram(actor, engagements.programId, today)));
  const codes = [...new Set(rows.flatMap((r) => r.codes))].sort();
  const names =
    codes.length === 0
      ? []
      : await db
          .select({ code: indicators.code, name: indicators.name })
          .from(indicators)
          .where(inArray(indicators.code, codes))
          .orderBy(asc(indicators.code));
  return {
    themes: [...new Set(rows.map((r) => r.theme))].sort((a, b) => a.localeCompare(b, 'ja')),
    fiscalYears: [...new Set(rows.map((r) => r.fiscalYear))].sort((a, b) => b - a),
    indicators: names,
  };
}

/** One published version the actor may see, or undefined. */
export async function getCase(db: Db, actor: Actor, today: string, reportId: string) {
  const [row] = await db
    .select({ ...caseColumns, narratives: reports.narratives })
    .from(reports)
    .innerJoin(engagements, eq(engagements.id, reports.engagementId))
    .where(and(eq(reports.id, reportId), eq(reports.status, 'published'), connectedToProgram(actor, engagements.programId, today)))
    .limit(1);
  return row;
}

/** One published version by id, whoever asks (the public-link reader: the caller checked the link). */
export async function getPublishedCase(db: Db, reportId: string) {
  const [row] = await db
    .select({ ...caseColumns, narratives: reports.narratives })
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.status, 'published')))
    .limit(1);
  return row;
}

export async function publishedVersions(db: Db, engagementId: string, fiscalYear: number) {
  return db
    .select({ reportId: reports.id, versionNumber: reports.versionNumber, publishedAt: reports.publishedAt })
    .from(reports)
    .where(and(eq(reports.engagementId, engagementId), eq(reports.fiscalYear, fiscalYear), eq(reports.status, 'published')))
    .orderBy(desc(reports.versionNumber));
}
