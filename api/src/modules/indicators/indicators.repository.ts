import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  auditLog,
  grantScores,
  indicators,
  indicatorValues,
  municipalities,
  municipalityNeighbours,
  organizerMunicipalities,
  programs,
  referenceAreas,
} from '../../db/schema/index.js';

export async function listIndicators(db: Db) {
  return db.select().from(indicators).orderBy(asc(indicators.code));
}

/** Values of one municipality with their indicator, by indicator code then period. */
export async function listValuesOfMunicipality(db: Db, municipalityId: string) {
  return db
    .select({ value: indicatorValues, indicator: indicators })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(eq(indicatorValues.municipalityId, municipalityId))
    .orderBy(asc(indicators.code), asc(indicatorValues.period));
}

export type IndicatorRow = typeof indicators.$inferSelect;
export type NewIndicator = typeof indicators.$inferInsert;

type Range = Pick<IndicatorRow, 'minValue' | 'maxValue'>;

/** Whether a figure lies outside the indicator's plausible range (an open end has no bound). */
export const outsideRange = ({ minValue, maxValue }: Range, value: number) =>
  (minValue !== null && value < minValue) || (maxValue !== null && value > maxValue);

/** The range as messages name it: 0–100, −∞–100. */
export const rangeText = ({ minValue, maxValue }: Range) => `${minValue ?? '−∞'}–${maxValue ?? '∞'}`;

export async function findIndicator(db: Db, id: string) {
  const [row] = await db.select().from(indicators).where(eq(indicators.id, id));
  return row;
}

export async function insertIndicator(db: Db, row: NewIndicator) {
  const [created] = await db.insert(indicators).values(row).returning();
  return created!;
}

/** Updates when the version still matches; undefined when another write came first. */
export async function updateIndicator(db: Db, id: string, version: number, patch: Partial<NewIndicator>) {
  const [updated] = await db
    .update(indicators)
    .set({ ...patch, version: sql`${indicators.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(indicators.id, id), eq(indicators.version, version)))
    .returning();
  return updated;
}

/** What a change of the catalogue entry must agree with: the periods and the range of its stored figures. */
export async function valueFacts(db: Db, indicatorId: string) {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      min: sql<number | null>`min(${indicatorValues.value})`,
      max: sql<number | null>`max(${indicatorValues.value})`,
      periods: sql<string[]>`coalesce(array_agg(distinct ${indicatorValues.period}), '{}')`,
    })
    .from(indicatorValues)
    .where(eq(indicatorValues.indicatorId, indicatorId));
  return row!;
}

/** The stored figure of one area, indicator and period, if any. */
export async function findValue(
  db: Db,
  v: { indicatorId: string; municipalityId: string | null; referenceAreaId: string | null; period: string },
) {
  const [row] = await db
    .select()
    .from(indicatorValues)
    .where(
      and(
        eq(indicatorValues.indicatorId, v.indicatorId),
        v.municipalityId ? eq(indicatorValues.municipalityId, v.municipalityId) : sql`${indicatorValues.municipalityId} is null`,
        v.referenceAreaId ? eq(indicatorValues.referenceAreaId, v.referenceAreaId) : sql`${indicatorValues.referenceAreaId} is null`,
        eq(indicatorValues.period, v.period),
      ),
    )
    .for('update');
  return row;
}

export async function areaExists(db: Db, area: { municipalityId?: string; referenceAreaId?: string }) {
  const table = area.municipalityId ? municipalities : referenceAreas;
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(eq(table.id, (area.municipalityId ?? area.referenceAreaId)!));
  return row !== undefined;
}

export async function findIndicatorsByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select().from(indicators).where(inArray(indicators.code, codes));
}

export async function findMunicipalitiesByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select({ id: municipalities.id, code: municipalities.code, name: municipalities.name })
    .from(municipalities)
    .where(inArray(municipalities.code, codes));
}

export async function listReferenceAreas(db: Db) {
  return db.select().from(referenceAreas);
}

/** Stored values of the given indicators, to compare a file against. */
export async function valuesOfIndicators(db: Db, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return [];
  return db.select().from(indicatorValues).where(inArray(indicatorValues.indicatorId, indicatorIds));
}

export type NewIndicatorValue = typeof indicatorValues.$inferInsert;

export async function insertValues(db: Db, rows: NewIndicatorValue[]) {
  if (rows.length === 0) return [];
  return db.insert(indicatorValues).values(rows).returning();
}

export async function updateValue(db: Db, id: string, value: number) {
  await db.update(indicatorValues).set({ value }).where(eq(indicatorValues.id, id));
}

export async function insertAudit(db: Db, entries: (typeof auditLog.$inferInsert)[]) {
  for (let i = 0; i < entries.length; i += 500) await db.insert(auditLog).values(entries.slice(i, i + 500));
}

/** Serialises imports of indicator figures (one at a time across replicas). */
export async function lockForImport(db: Db) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('indicator_values_import'))`);
}

// ── analysis ──

export async function municipalityOf(db: Db, id: string) {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id));
  return row;
}

/** The municipalities of the organizers whose programs hold the engagement: the jurisdiction compared with. */
export async function jurisdictionOf(db: Db, organizerId: string) {
  return db
    .select({ id: municipalities.id, name: municipalities.name, category: municipalities.category, regionType: municipalities.regionType })
    .from(organizerMunicipalities)
    .innerJoin(municipalities, eq(municipalities.id, organizerMunicipalities.municipalityId))
    .where(eq(organizerMunicipalities.organizerId, organizerId));
}

export async function neighboursOf(db: Db, municipalityId: string) {
  return db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalityNeighbours)
    .innerJoin(municipalities, eq(municipalities.id, municipalityNeighbours.neighbourId))
    .where(eq(municipalityNeighbours.municipalityId, municipalityId))
    .orderBy(asc(municipalities.code));
}

export async function organizerOfProgram(db: Db, programId: string) {
  const [row] = await db.select({ organizerId: programs.organizerId }).from(programs).where(eq(programs.id, programId));
  return row?.organizerId;
}

/** Values of these municipalities and reference areas, every indicator. */
export async function valuesOfAreas(db: Db, municipalityIds: string[], referenceAreaIds: string[]) {
  const conditions = [
    ...(municipalityIds.length ? [inArray(indicatorValues.municipalityId, municipalityIds)] : []),
    ...(referenceAreaIds.length ? [inArray(indicatorValues.referenceAreaId, referenceAreaIds)] : []),
  ];
  if (conditions.length === 0) return [];
  return db
    .select()
    .from(indicatorValues)
    .where(or(...conditions))
    .orderBy(asc(indicatorValues.period));
}

export async function grantScoresOf(db: Db, municipalityId: string) {
  return db
    .select()
    .from(grantScores)
    .where(eq(grantScores.municipalityId, municipalityId))
    .orderBy(asc(grantScores.fiscalYear), asc(grantScores.grant), asc(grantScores.position));
}

// ── 交付金 import ──

export type NewGrantScore = typeof grantScores.$inferInsert;

export async function grantScoresOfMunicipalities(db: Db, municipalityIds: string[]) {
  if (municipalityIds.length === 0) return [];
  return db.select().from(grantScores).where(inArray(grantScores.municipalityId, municipalityIds));
}

export async function insertGrantScores(db: Db, rows: NewGrantScore[]) {
  const out: (typeof grantScores.$inferSelect)[] = [];
  for (let i = 0; i < rows.length; i += 500)
    out.push(
      ...(await db
        .insert(grantScores)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  return out;
}

export async function updateGrantScore(db: Db, id: string, values: Partial<NewGrantScore>) {
  await db
    .update(grantScores)
    .set({ ...values, version: sql`${grantScores.version} + 1` })
    .where(eq(grantScores.id, id));
}

/** Serialises imports of 交付金 scores (one at a time across replicas). */
export async function lockForGrantImport(db: Db) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('grant_scores_import'))`);
}
