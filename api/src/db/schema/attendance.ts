import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { attendanceStatuses, observationRequestStatuses } from '@banso/shared';
import { engagements, observerGrants } from './engagements.js';
import { visits } from './hearing.js';
import { municipalities } from './programs.js';
import { users } from './users.js';

export const attendanceStatusEnum = pgEnum('attendance_status', attendanceStatuses);
export const observationRequestStatusEnum = pgEnum('observation_request_status', observationRequestStatuses);

/**
 * 参加登録 and the attendance record of a visit: one row per user and visit. The user registers
 * (`registered`); the team later records whether they came (`attended` / `absent`).
 */
export const visitAttendance = pgTable(
  'visit_attendance',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    visitId: uuid()
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The organization (municipality) name as shown on the attendance list, fixed at registration. */
    organizationName: text().notNull(),
    status: attendanceStatusEnum().notNull().default('registered'),
    registeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [unique('visit_attendance_one_per_user').on(t.visitId, t.userId), index().on(t.engagementId), index().on(t.userId)],
);

/** 傍聴申請: a user of a municipality without a grant asks to observe an engagement; the program office decides. */
export const observationRequests = pgTable(
  'observation_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    requestedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    message: text().notNull().default(''),
    status: observationRequestStatusEnum().notNull().default('pending'),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    /** The observer grant an approval created. */
    grantId: uuid().references(() => observerGrants.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.engagementId, t.status),
    index().on(t.municipalityId),
    /** One pending request per engagement × municipality. */
    uniqueIndex('observation_requests_one_pending')
      .on(t.engagementId, t.municipalityId)
      .where(sql`${t.status} = 'pending'`),
  ],
);
