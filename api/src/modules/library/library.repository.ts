/**
 * The case library: published reports, for everyone connected to the organizer of the report's
 * program (program office, team members, the municipalities of its jurisdiction, the supported
 * municipalities and active observers).
 */
import {
  agingBandRanges,
  type LibraryQuery,
  type LibrarySort,
  type MunicipalityCategory,
  populationBandRanges,
  type RegionType,
} from '@banso/shared';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { ScoreKey } from '../../lib/cursor.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  engagements,
  indicators,
  insurerMunicipalities,
  insurers,
  memberships,
  municipalities,
  observerGrants,
  organizerMunicipalities,
  programs,
  reports,
  treeNodeSources,
} from '../../db/schema/index.js';
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

/** The reader's municipality as the "similar to mine" order compares it. */
export interface MunicipalityProfile {
  category: MunicipalityCategory;
  regionType: RegionType;
  population: number | null;
  agingRate: number | null;
}

export async function municipalityProfile(db: Db, municipalityId: string): Promise<MunicipalityProfile | undefined> {
  const [row] = await db
    .select({
      category: municipalities.category,
      regionType: municipalities.regionType,
      population: municipalities.population,
      agingRate: municipalities.agingRate,
    })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId))
    .limit(1);
  return row;
}

const factPopulation = sql`(${reports.facts}->'municipality'->>'population')::float8`;
const factAgingRate = sql`(${reports.facts}->'municipality'->>'agingRate')::float8`;
const factMunicipalityId = sql`(${reports.facts}->'municipality'->>'id')::uuid`;

/** [min, max) on a numeric expression; max null: unbounded. */
const inRange = (expr: SQL, [min, max]: readonly [number, number | null]) =>
  max === null ? sql`${expr} >= ${min}` : sql`(${expr} >= ${min} and ${expr} < ${max})`;

export interface CaseSearch {
  query: LibraryQuery;
  /** The tsquery literal of `query.q` (shared searchQueryLiteral), or null. */
  tsquery: string | null;
  sort: LibrarySort;
  /** For `similar`: the reader's municipality. */
  near: MunicipalityProfile | null;
  after: ScoreKey | null;
  limit: number;
}

/**
 * The sort key of each order as one float8 (bigger first), so one keyset cursor (key, id) pages
 * every order: relevance is ts_rank over the weighted bigram index; newest the publication time;
 * similar minus a distance (another category 100, another region type 10, then the gap in
 * log-population and aging-rate points / 5, a missing figure counting 5).
 */
function sortKey(search: CaseSearch, tsquery: SQL | null): SQL<number> {
  if (search.sort === 'relevance' && tsquery) return sql<number>`coalesce(ts_rank(${reports.searchVector}, ${tsquery}), 0)::float8`;
  if (search.sort === 'similar' && search.near) {
    const n = search.near;
    const pop =
      n.population === null ? sql`5` : sql`coalesce(abs(ln(greatest(${factPopulation}, 1)) - ln(${Math.max(n.population, 1)}::float8)), 5)`;
    const aging = n.agingRate === null ? sql`5` : sql`coalesce(abs(${factAgingRate} - ${n.agingRate}::float8) / 5, 5)`;
    return sql<number>`(-(case when ${reports.municipalityCategory} = ${n.category} then 0 else 100 end
      + case when ${reports.regionType} = ${n.regionType} then 0 else 10 end + ${pop} + ${aging}))::float8`;
  }
  return sql<number>`extract(epoch from ${reports.publishedAt})::float8`;
}

export async function listCases(db: Db, actor: Actor, today: string, search: CaseSearch) {
  const q = search.query;
  const filters: SQL[] = [eq(reports.status, 'published'), newestPublished, connectedToProgram(actor, engagements.programId, today)];
  if (q.theme) filters.push(eq(reports.theme, q.theme));
  if (q.category) filters.push(eq(reports.municipalityCategory, q.category));
  if (q.regionType) filters.push(eq(reports.regionType, q.regionType));
  if (q.fiscalYear) filters.push(eq(reports.fiscalYear, q.fiscalYear));
  if (q.indicator) filters.push(sql`${q.indicator} = any(${reports.indicatorCodes})`);
  if (q.populationBand) filters.push(inRange(factPopulation, populationBandRanges[q.populationBand]));
  if (q.agingBand) filters.push(inRange(factAgingRate, agingBandRanges[q.agingBand]));
  if (q.insurerType === 'single')
    filters.push(sql`not exists (select 1 from ${insurerMunicipalities} im where im.municipality_id = ${factMunicipalityId})`);
  else if (q.insurerType)
    filters.push(sql`exists (select 1 from ${insurerMunicipalities} im join ${insurers} ins on ins.id = im.insurer_id
      where im.municipality_id = ${factMunicipalityId} and ins.kind = ${q.insurerType})`);
  const tsquery = search.tsquery ? sql`${search.tsquery}::tsquery` : null;
  // A version published before the index existed has none: it is found by its text instead.
  if (q.q) {
    const like = sql`${reports.searchText} ilike ${`%${likeEscape(q.q)}%`}`;
    // Text with nothing to index (punctuation only) is looked for as it is.
    filters.push(tsquery ? sql`(${reports.searchVector} @@ ${tsquery} or (${reports.searchVector} is null and ${like}))` : like);
  }
  const key = sortKey(search, tsquery);
  if (search.after)
    filters.push(
      sql`(${key} < ${search.after.score}::float8 or (${key} = ${search.after.score}::float8 and ${reports.id} < ${search.after.id}))`,
    );
  return db
    .select({ ...caseColumns, searchText: reports.searchText, sortKey: key })
    .from(reports)
    .innerJoin(engagements, eq(engagements.id, reports.engagementId))
    .where(and(...filters))
    .orderBy(desc(key), desc(reports.id))
    .limit(search.limit);
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

// ── 事例を使う ──────────────────────────────────────────────────────────────────────────────────────

export async function insertNodeSources(db: Db, rows: (typeof treeNodeSources.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(treeNodeSources).values(rows);
}

/** The sources of an engagement's adopted nodes (scoped to that engagement's tree). */
export async function listNodeSources(db: Db, engagementId: string) {
  return db
    .select()
    .from(treeNodeSources)
    .where(eq(treeNodeSources.engagementId, engagementId))
    .orderBy(asc(treeNodeSources.adoptedAt), asc(treeNodeSources.nodeId));
}
