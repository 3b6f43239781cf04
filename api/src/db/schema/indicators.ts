import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { indicatorDirectionEnum, indicatorLevelEnum } from './enums.js';
import { municipalities } from './programs.js';

/** The indicator catalogue (見える化 indicators, survey items, own records). */
export const indicators = pgTable('indicators', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  unit: text().notNull().default(''),
  direction: indicatorDirectionEnum().notNull(),
  level: indicatorLevelEnum().notNull(),
  source: text().notNull().default(''),
  definition: text().notNull().default(''),
  frequency: text(),
});

export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: uuid().primaryKey().defaultRandom(),
    indicatorId: uuid()
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    /** e.g. 2024, 2025-03, R6 — the period as the source reports it. */
    period: text().notNull(),
    value: doublePrecision().notNull(),
    source: text().notNull().default(''),
  },
  (t) => [
    unique().on(t.indicatorId, t.municipalityId, t.period),
    index().on(t.municipalityId),
    check('indicator_values_finite', sql`${t.value} = ${t.value} and ${t.value} <> 'Infinity' and ${t.value} <> '-Infinity'`),
  ],
);
