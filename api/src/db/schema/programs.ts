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
import { insurerKindEnum, municipalityCategoryEnum, organizerKindEnum, regionTypeEnum } from './enums.js';

export interface VisitWindow {
  seq: number;
  start: string;
  end: string;
  purpose: string;
}

/**
 * An organizer (実施主体) of programs: a prefecture's bureau or a regional bureau of health and welfare.
 * Its program-office staff (users.organizerId) administer every program of it.
 */
export const organizers = pgTable(
  'organizers',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull().unique(),
    kind: organizerKindEnum().notNull().default('prefecture'),
    /** Two-digit prefecture code (01–47), when it belongs to one prefecture. */
    prefectureCode: text(),
    version: integer().notNull().default(1),
    /** The office requires two-factor sign-in (TOTP) of the organizer's program-office accounts. */
    requireTwoFactor: boolean().notNull().default(false),
    /** If-Match version of the two-factor requirement alone (so it never collides with other edits of the organizer). */
    twoFactorVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('organizers_prefecture_code', sql`${t.prefectureCode} is null or ${t.prefectureCode} ~ '^[0-9]{2}$'`)],
);

/** A fiscal year's support program (e.g. 令和7年度 伴走型支援). */
export const programs = pgTable(
  'programs',
  {
    id: uuid().primaryKey().defaultRandom(),
    fiscalYear: integer().notNull(),
    name: text().notNull(),
    planPeriod: text(),
    /** Who runs it (実施主体); a next year's program inherits it. */
    organizerId: uuid()
      .notNull()
      .references(() => organizers.id, { onDelete: 'restrict' }),
    visitWindows: jsonb().$type<VisitWindow[]>().notNull().default([]),
    reportMeeting: date({ mode: 'string' }),
    /** Optimistic-concurrency version (If-Match on PATCH /programs/{id}). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.fiscalYear, t.name),
    index().on(t.organizerId),
    check('programs_fiscal_year', sql`${t.fiscalYear} between 2000 and 2100`),
  ],
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

/** An organizer's jurisdiction: the municipalities it serves (the case library reaches their staff). */
export const organizerMunicipalities = pgTable(
  'organizer_municipalities',
  {
    organizerId: uuid()
      .notNull()
      .references(() => organizers.id, { onDelete: 'cascade' }),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizerId, t.municipalityId] }), index().on(t.municipalityId)],
);

/**
 * An insurer (保険者) that is not one municipality: 広域連合 or 一部事務組合, covering several municipalities.
 * A municipality not covered here is its own insurer.
 */
export const insurers = pgTable(
  'insurers',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** 保険者番号, six digits, when known. */
    insurerNumber: text().unique(),
    name: text().notNull(),
    kind: insurerKindEnum().notNull(),
    /** The organizer that recorded it (its office maintains it). */
    organizerId: uuid()
      .notNull()
      .references(() => organizers.id, { onDelete: 'cascade' }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.organizerId),
    check('insurers_number_6_digits', sql`${t.insurerNumber} is null or ${t.insurerNumber} ~ '^[0-9]{6}$'`),
  ],
);

/** The municipalities an insurer covers; a municipality has at most one insurer besides itself. */
export const insurerMunicipalities = pgTable(
  'insurer_municipalities',
  {
    insurerId: uuid()
      .notNull()
      .references(() => insurers.id, { onDelete: 'cascade' }),
    municipalityId: uuid()
      .notNull()
      .unique()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.insurerId, t.municipalityId] })],
);
