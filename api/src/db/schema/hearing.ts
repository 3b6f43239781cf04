import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { engagements } from './engagements.js';
import { findingKindEnum, findingVisibilityEnum, visitKindEnum, visitStatusEnum } from './enums.js';
import { users } from './users.js';

/** 支援回: a hearing, site visit, workshop, online meeting or the report meeting. */
export const visits = pgTable(
  'visits',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    kind: visitKindEnum().notNull(),
    date: date({ mode: 'string' }).notNull(),
    /** The last day of a visit of several days (null: the visit is one day). */
    endDate: date({ mode: 'string' }),
    /** 会場: where the visit takes place (free text). */
    venue: text().notNull().default(''),
    attendees: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    agenda: text().notNull().default(''),
    minutes: text().notNull().default(''),
    /** What observers read of the visit (傍聴者向け要旨), apart from the internal minutes. */
    observerSummary: text().notNull().default(''),
    status: visitStatusEnum().notNull().default('planned'),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.engagementId, t.seq),
    check('visits_seq_positive', sql`${t.seq} > 0`),
    check('visits_end_date', sql`${t.endDate} is null or ${t.endDate} >= ${t.date}`),
  ],
);

export const findings = pgTable(
  'findings',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    visitId: uuid().references(() => visits.id, { onDelete: 'set null' }),
    kind: findingKindEnum().notNull(),
    text: text().notNull(),
    source: text().notNull().default(''),
    visibility: findingVisibilityEnum().notNull().default('team'),
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.engagementId, t.visibility),
    index().on(t.visitId),
    check('findings_text_not_blank', sql`length(trim(${t.text})) > 0`),
  ],
);

/** 宿題: follow-up work agreed at a visit. */
export const homework = pgTable(
  'homework',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    visitId: uuid().references(() => visits.id, { onDelete: 'set null' }),
    text: text().notNull(),
    assigneeUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    assigneeName: text().notNull(),
    due: date({ mode: 'string' }),
    done: boolean().notNull().default(false),
    /** What the assignee reports back (宿題の結果): written by the assignee or the advisors. */
    result: text().notNull().default(''),
    doneAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.engagementId), index().on(t.assigneeUserId)],
);
