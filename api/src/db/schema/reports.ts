import { applicationStatuses, exportFormats, exportStatuses, type ReportFacts, type ReportNarratives, reportStatuses } from '@banso/shared';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { engagements } from './engagements.js';
import { municipalityCategoryEnum, regionTypeEnum } from './enums.js';
import { municipalities, programs } from './programs.js';
import { users } from './users.js';

export const reportStatusEnum = pgEnum('report_status', reportStatuses);
export const exportFormatEnum = pgEnum('export_format', exportFormats);
export const exportStatusEnum = pgEnum('export_status', exportStatuses);
export const applicationStatusEnum = pgEnum('application_status', applicationStatuses);

/** A text-search vector (built from the library's bigram tokens, see shared/src/search.ts). */
const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => 'tsvector',
});

/** Binary file contents (PGlite hands back Uint8Array, node-postgres a Buffer). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * 報告書: one row per version of an engagement's report for a fiscal year. `facts` is the snapshot
 * generated from the record (only shareable content); `narratives` the advisors' text per section.
 * A published version never changes; a correction is the next version. The search columns
 * (theme, category, region type, indicator codes, text) are copied from the facts with them.
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    fiscalYear: integer().notNull(),
    versionNumber: integer().notNull().default(1),
    previousReportId: uuid().references((): AnyPgColumn => reports.id, { onDelete: 'set null' }),
    status: reportStatusEnum().notNull().default('draft'),
    title: text().notNull(),
    facts: jsonb().$type<ReportFacts>().notNull(),
    narratives: jsonb().$type<ReportNarratives>().notNull(),
    theme: text().notNull(),
    municipalityCategory: municipalityCategoryEnum().notNull(),
    regionType: regionTypeEnum().notNull(),
    indicatorCodes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    searchText: text().notNull().default(''),
    /** The full-text index of a published version (null while a draft: drafts are never searched). */
    searchVector: tsvector(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    unique().on(t.engagementId, t.fiscalYear, t.versionNumber),
    index().on(t.status, t.publishedAt),
    index('reports_search_vector_idx').using('gin', t.searchVector),
    check('reports_version_positive', sql`${t.versionNumber} > 0`),
    check('reports_published_at', sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
    check('reports_title_not_blank', sql`length(trim(${t.title})) > 0`),
  ],
);

/** Export jobs (PDF / Excel / PowerPoint), run from the job queue (exports.run); the result is kept in `result`. */
export const exportJobs = pgTable(
  'export_jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    reportId: uuid().references(() => reports.id, { onDelete: 'cascade' }),
    format: exportFormatEnum().notNull(),
    status: exportStatusEnum().notNull().default('queued'),
    progress: integer().notNull().default(0),
    error: text(),
    fileName: text(),
    contentType: text(),
    size: integer(),
    result: bytea(),
    requestedBy: uuid().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** Which attempt of the job queue holds a running job (pg-boss job id / retry count): only it reports progress and finishes it. */
    workerId: text(),
    /** Attempts the queue has started (one handed back at shutdown does not count); beyond EXPORT_MAX_ATTEMPTS the job fails. */
    attempts: integer().notNull().default(0),
  },
  (t) => [
    index().on(t.status, t.createdAt),
    index().on(t.requestedBy, t.status),
    index().on(t.engagementId),
    check('export_jobs_progress', sql`${t.progress} between 0 and 100`),
  ],
);

/** 希望制: a municipality applies to a (next year's) program; the program office selects. */
export const applications = pgTable(
  'applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: uuid()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    applicantId: uuid().references(() => users.id, { onDelete: 'set null' }),
    theme: text().notNull(),
    motivation: text().notNull(),
    contactName: text().notNull(),
    contactEmail: text().notNull(),
    contactPhone: text().notNull().default(''),
    status: applicationStatusEnum().notNull().default('submitted'),
    engagementId: uuid().references(() => engagements.id, { onDelete: 'set null' }),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.programId, t.municipalityId),
    index().on(t.municipalityId),
    check('applications_theme_not_blank', sql`length(trim(${t.theme})) > 0`),
  ],
);

/**
 * A public read-only link to one published report version: only the SHA-256 of its token is stored;
 * revoking (revokedAt) or expiry stops it at once.
 */
export const reportPublicLinks = pgTable(
  'report_public_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    reportId: uuid()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true, precision: 3 }),
    revokedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [index().on(t.reportId)],
);
