import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { engagements } from './engagements.js';
import { selfEvaluationDirectionEnum, selfEvaluationMarkEnum } from './enums.js';
import { indicators } from './indicators.js';
import { users } from './users.js';

/**
 * 「取組と目標」に対する自己評価: one row per 取組と目標 of the municipality's plan and fiscal year, in
 * the sheet's order. `action_ids` names actions of the same engagement (checked on every write).
 */
export const selfEvaluationItems = pgTable(
  'self_evaluation_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    fiscalYear: integer().notNull(),
    position: integer().notNull(),
    theme: text().notNull().default(''),
    title: text().notNull(),
    indicatorId: uuid().references(() => indicators.id, { onDelete: 'restrict' }),
    indicatorName: text().notNull().default(''),
    unit: text().notNull().default(''),
    targetValue: doublePrecision(),
    actualValue: doublePrecision(),
    mark: selfEvaluationMarkEnum(),
    comment: text().notNull().default(''),
    direction: selfEvaluationDirectionEnum(),
    directionText: text().notNull().default(''),
    actionIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('self_evaluation_items_title').on(t.engagementId, t.fiscalYear, t.title),
    index().on(t.engagementId, t.fiscalYear, t.position),
    check('self_evaluation_items_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('self_evaluation_items_fiscal_year', sql`${t.fiscalYear} between 2000 and 2100`),
  ],
);
