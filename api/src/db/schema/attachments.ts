import { attachmentParentTypes } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { engagements } from './engagements.js';
import { findings, homework, visits } from './hearing.js';
import { programEvents } from './program-events.js';
import { programs } from './programs.js';
import { reports } from './reports.js';
import { users } from './users.js';

export const attachmentParentEnum = pgEnum('attachment_parent', attachmentParentTypes);

/**
 * A file on a visit, finding, homework or report of an engagement, a program's reference material, or
 * a program event's material.
 * Exactly one parent column is set (the one `parent_type` names), each with a foreign key, so deleting
 * the parent deletes its rows. The bytes are in the file storage under `attachments/<id>`.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    parentType: attachmentParentEnum().notNull(),
    /** The engagement of the parent (null for a program's reference material). */
    engagementId: uuid().references(() => engagements.id, { onDelete: 'cascade' }),
    programId: uuid().references(() => programs.id, { onDelete: 'cascade' }),
    visitId: uuid().references(() => visits.id, { onDelete: 'cascade' }),
    findingId: uuid().references(() => findings.id, { onDelete: 'cascade' }),
    homeworkId: uuid().references(() => homework.id, { onDelete: 'cascade' }),
    reportId: uuid().references(() => reports.id, { onDelete: 'cascade' }),
    /** A program event's material (its program is set too, the engagement not). */
    eventId: uuid().references(() => programEvents.id, { onDelete: 'cascade' }),
    /** The sanitised display name; never a path. */
    name: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    mediaType: text().notNull(),
    shareable: boolean().notNull().default(false),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.engagementId),
    index().on(t.programId),
    index().on(t.visitId),
    index().on(t.eventId),
    check(
      'attachments_one_parent',
      sql`(case ${t.parentType}::text
        when 'visit' then ${t.visitId} is not null and ${t.engagementId} is not null
        when 'finding' then ${t.findingId} is not null and ${t.engagementId} is not null
        when 'homework' then ${t.homeworkId} is not null and ${t.engagementId} is not null
        when 'report' then ${t.reportId} is not null and ${t.engagementId} is not null
        when 'program' then ${t.programId} is not null and ${t.engagementId} is null and ${t.eventId} is null
        when 'event' then ${t.eventId} is not null and ${t.programId} is not null and ${t.engagementId} is null end)
        and num_nonnulls(${t.visitId}, ${t.findingId}, ${t.homeworkId}, ${t.reportId}, coalesce(${t.eventId}, ${t.programId})) = 1`,
    ),
    check('attachments_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('attachments_size', sql`${t.size} >= 0`),
  ],
);
