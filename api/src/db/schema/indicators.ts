import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import {
  grantKindEnum,
  indicatorDirectionEnum,
  indicatorFigureKindEnum,
  indicatorLevelEnum,
  periodKindEnum,
  referenceAreaKindEnum,
} from './enums.js';
import { municipalities } from './programs.js';

/** The indicator catalogue (見える化 indicators, survey items, own records), kept by the program office. */
export const indicators = pgTable(
  'indicators',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    name: text().notNull(),
    unit: text().notNull().default(''),
    direction: indicatorDirectionEnum().notNull(),
    level: indicatorLevelEnum().notNull(),
    source: text().notNull().default(''),
    definition: text().notNull().default(''),
    frequency: text(),
    /** Theme it belongs to (介護予防, 認知症 …), for grouping; free text like engagement themes. */
    theme: text().notNull().default(''),
    figureKind: indicatorFigureKindEnum().notNull().default('rate'),
    /** A running total (累計) rather than a figure of each period. */
    cumulative: boolean().notNull().default(false),
    periodKind: periodKindEnum().notNull().default('fiscal_year'),
    decimals: integer().notNull().default(1),
    /** Plausible range: a value outside is refused on entry and import. */
    minValue: doublePrecision(),
    maxValue: doublePrecision(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('indicators_decimals', sql`${t.decimals} between 0 and 6`)],
);

/** The nation (全国, code 00) and the prefectures (two-digit code): where national and prefectural figures live. */
export const referenceAreas = pgTable('reference_areas', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  kind: referenceAreaKindEnum().notNull(),
  name: text().notNull(),
});

export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: uuid().primaryKey().defaultRandom(),
    indicatorId: uuid()
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    /** The area: a municipality, or a reference area (全国, a prefecture) — exactly one. */
    municipalityId: uuid().references(() => municipalities.id, { onDelete: 'cascade' }),
    referenceAreaId: uuid().references(() => referenceAreas.id, { onDelete: 'cascade' }),
    /** The canonical period key of shared/src/period.ts: FY2024, 2025-03 or 2025-03-31. */
    period: text().notNull(),
    value: doublePrecision().notNull(),
    source: text().notNull().default(''),
  },
  (t) => [
    unique('indicator_values_area_period').on(t.indicatorId, t.municipalityId, t.referenceAreaId, t.period).nullsNotDistinct(),
    index().on(t.municipalityId),
    index().on(t.referenceAreaId),
    check('indicator_values_one_area', sql`(${t.municipalityId} is null) <> (${t.referenceAreaId} is null)`),
    check('indicator_values_period', sql`${t.period} ~ '^(FY[0-9]{4}|[0-9]{4}-[0-9]{2}(-[0-9]{2})?)$'`),
    check('indicator_values_finite', sql`${t.value} = ${t.value} and ${t.value} <> 'Infinity' and ${t.value} <> '-Infinity'`),
  ],
);

/**
 * 交付金 scores: per municipality, fiscal year and grant, the score of each evaluation area as the
 * ministry publishes it (the areas are data: they change between years), with the national and
 * prefectural averages and the maximum.
 */
export const grantScores = pgTable(
  'grant_scores',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    fiscalYear: integer().notNull(),
    grant: grantKindEnum().notNull(),
    /** The evaluation area's code as the file gives it (its key within the grant's year). */
    areaCode: text().notNull(),
    area: text().notNull(),
    /** Order of the area within the grant's year, as the file lists it. */
    position: integer().notNull().default(0),
    score: doublePrecision().notNull(),
    maxScore: doublePrecision().notNull(),
    nationalAverage: doublePrecision(),
    prefectureAverage: doublePrecision(),
    /** Where the scores come from (the ministry's publication), kept for evidence. */
    source: text().notNull().default(''),
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('grant_scores_area').on(t.municipalityId, t.fiscalYear, t.grant, t.areaCode),
    check('grant_scores_range', sql`${t.maxScore} > 0 and ${t.score} >= 0 and ${t.score} <= ${t.maxScore}`),
  ],
);
