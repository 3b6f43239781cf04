import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { engagements } from './engagements.js';
import { actionPriorityEnum, actionStatusEnum, milestoneStatusEnum, pdcaAssessmentEnum } from './enums.js';
import { indicators } from './indicators.js';
import { treeNodes } from './tree.js';
import { users } from './users.js';

/** 取組: a measure node selected for implementation. */
export const actions = pgTable(
  'actions',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    nodeId: uuid()
      .notNull()
      .unique()
      .references(() => treeNodes.id, { onDelete: 'restrict' }),
    ownerDepartment: text().notNull().default(''),
    partners: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    priority: actionPriorityEnum().notNull().default('medium'),
    rationale: text().notNull(),
    status: actionStatusEnum().notNull().default('selected'),
    originActionId: uuid().references((): AnyPgColumn => actions.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.engagementId), check('actions_rationale_not_blank', sql`length(trim(${t.rationale})) > 0`)],
);

/** An action's span on the roadmap, by month (YYYY-MM), possibly over several fiscal years. */
export const roadmapItems = pgTable(
  'roadmap_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    actionId: uuid()
      .notNull()
      .unique()
      .references(() => actions.id, { onDelete: 'cascade' }),
    startMonth: text().notNull(),
    endMonth: text().notNull(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('roadmap_items_months', sql`${t.startMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and ${t.endMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('roadmap_items_order', sql`${t.startMonth} <= ${t.endMonth}`),
  ],
);

export const milestones = pgTable(
  'milestones',
  {
    id: uuid().primaryKey().defaultRandom(),
    actionId: uuid()
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    due: date({ mode: 'string' }).notNull(),
    title: text().notNull(),
    status: milestoneStatusEnum().notNull().default('planned'),
    completedAt: timestamp({ withTimezone: true }),
    completedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
  },
  (t) => [index().on(t.actionId, t.due), check('milestones_title_not_blank', sql`length(trim(${t.title})) > 0`)],
);

/** 検証方法: how an action is verified. The indicator is from the catalogue or named here. */
export const verificationPlans = pgTable(
  'verification_plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The engagement the plan belongs to (the action's, or the node's). */
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    /** An action's plan; null for a plan on a goal or outcome node (nodeId). */
    actionId: uuid().references(() => actions.id, { onDelete: 'cascade' }),
    /** A plan on a 目指す姿 (vision) or outcome/課題 node: the vision-level outcome indicator. */
    nodeId: uuid().references(() => treeNodes.id, { onDelete: 'cascade' }),
    /** A qualitative plan: method, evidence and timing, no numeric baseline or target. */
    qualitative: boolean().notNull().default(false),
    indicatorId: uuid().references(() => indicators.id, { onDelete: 'restrict' }),
    indicatorName: text().notNull().default(''),
    unit: text().notNull().default(''),
    baselineValue: doublePrecision(),
    baselineAsOf: text(),
    baselineNote: text(),
    targetValue: doublePrecision(),
    targetBy: text(),
    timing: text().notNull().default(''),
    dataSource: text().notNull().default(''),
    responsible: text().notNull().default(''),
    method: text().notNull().default(''),
    note: text(),
    originPlanId: uuid().references((): AnyPgColumn => verificationPlans.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.actionId),
    index().on(t.nodeId),
    index().on(t.engagementId),
    check('verification_plans_one_subject', sql`(${t.actionId} is null) <> (${t.nodeId} is null)`),
    check('verification_plans_indicator', sql`${t.qualitative} or ${t.indicatorId} is not null or length(trim(${t.indicatorName})) > 0`),
  ],
);

export const measurements = pgTable(
  'measurements',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => verificationPlans.id, { onDelete: 'cascade' }),
    /** YYYY-MM the value describes. */
    period: text().notNull(),
    value: doublePrecision().notNull(),
    comment: text().notNull().default(''),
    enteredBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Bumped by every correction: the ETag that PATCH and DELETE match against. */
    version: integer().notNull().default(1),
  },
  (t) => [unique().on(t.planId, t.period), check('measurements_period', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)],
);

/** 振り返り: the municipality's own self-evaluation (自己評価) per engagement and fiscal year. */
export const pdcaReviews = pgTable(
  'pdca_reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    fiscalYear: integer().notNull(),
    assessment: pdcaAssessmentEnum().notNull(),
    comment: text().notNull().default(''),
    nextActions: text().notNull().default(''),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.engagementId, t.fiscalYear)],
);

/** 振り返り: the advisors' comment on a fiscal year, beside the municipality's self-evaluation (its own author and version). */
export const pdcaAdvisorComments = pgTable(
  'pdca_advisor_comments',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    fiscalYear: integer().notNull(),
    comment: text().notNull(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.engagementId, t.fiscalYear)],
);
