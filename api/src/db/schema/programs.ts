import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalityCategoryEnum, regionTypeEnum } from './enums.js';

export interface VisitWindow {
  seq: number;
  start: string;
  end: string;
  purpose: string;
}

/** A fiscal year's support program (e.g. 令和7年度 伴走型支援). */
export const programs = pgTable(
  'programs',
  {
    id: uuid().primaryKey().defaultRandom(),
    fiscalYear: integer().notNull(),
    name: text().notNull(),
    planPeriod: text(),
    organizer: text(),
    visitWindows: jsonb().$type<VisitWindow[]>().notNull().default([]),
    reportMeeting: date({ mode: 'string' }),
    /** Optimistic-concurrency version (If-Match on PATCH /programs/{id}). */
    version: integer().notNull().default(1),
    /** The program office requires two-factor sign-in (TOTP) of this program's office accounts. */
    requireTwoFactor: boolean().notNull().default(false),
    /** If-Match version of the two-factor requirement alone (so it never collides with other edits of the program). */
    twoFactorVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.fiscalYear, t.name), check('programs_fiscal_year', sql`${t.fiscalYear} between 2000 and 2100`)],
);

export const municipalities = pgTable(
  'municipalities',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    name: text().notNull(),
    category: municipalityCategoryEnum().notNull(),
    regionType: regionTypeEnum().notNull(),
    population: integer(),
    agingRate: doublePrecision(),
    pop85Rate: doublePrecision(),
    // ── issue 13: from the 全国地方公共団体コード list (null for rows made before the import existed) ──
    /** 都道府県名（漢字）, e.g. 東京都. */
    prefecture: text(),
    /** 都道府県名（カナ）. */
    prefectureKana: text(),
    /** 市区町村名（カナ）. */
    nameKana: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('municipalities_code_6_digits', sql`${t.code} ~ '^[0-9]{6}$'`),
    check('municipalities_population', sql`${t.population} is null or ${t.population} >= 0`),
    check('municipalities_aging_rate', sql`${t.agingRate} is null or (${t.agingRate} >= 0 and ${t.agingRate} <= 100)`),
  ],
);

export const municipalityNeighbours = pgTable(
  'municipality_neighbours',
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    neighbourId: uuid()
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.neighbourId] }),
    check('neighbours_not_self', sql`${t.municipalityId} <> ${t.neighbourId}`),
    index().on(t.neighbourId),
  ],
);
