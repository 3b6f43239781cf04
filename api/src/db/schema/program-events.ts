import { programEventKinds, type ProgramEventAgendaItem } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { attendanceStatusEnum } from './attendance.js';
import { engagements } from './engagements.js';
import { programs } from './programs.js';
import { users } from './users.js';

export const programEventKindEnum = pgEnum('program_event_kind', programEventKinds);

/**
 * An event of a program (横展開): the March 報告会, a 合同ヒアリング, a 先進地視察, a 研修・情報交換会.
 * One or several days, at a venue or online; the agenda is an ordered list; the minutes (議事録) are
 * the office's. Materials are attachments of parent type `event`.
 */
export const programEvents = pgTable(
  'program_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: uuid()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    kind: programEventKindEnum().notNull(),
    title: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    venue: text().notNull().default(''),
    onlineUrl: text(),
    agenda: jsonb().$type<ProgramEventAgendaItem[]>().notNull().default([]),
    minutes: text().notNull().default(''),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.programId, t.startDate), check('program_events_span', sql`${t.endDate} >= ${t.startDate}`)],
);

/** The engagements that take part in an event (present at the 報告会, are heard together …), in order. */
export const programEventEngagements = pgTable(
  'program_event_engagements',
  {
    eventId: uuid()
      .notNull()
      .references(() => programEvents.id, { onDelete: 'cascade' }),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.engagementId] }), index().on(t.engagementId)],
);

/** 参加登録 and attendance of an event: one row per user (the same model as a visit's attendance). */
export const programEventAttendance = pgTable(
  'program_event_attendance',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => programEvents.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The organization (municipality, office) as shown on the list, fixed at registration. */
    organizationName: text().notNull(),
    status: attendanceStatusEnum().notNull().default('registered'),
    registeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [unique('program_event_attendance_one_per_user').on(t.eventId, t.userId), index().on(t.userId)],
);
