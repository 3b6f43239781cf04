import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notificationKinds, notificationSubjectTypes, type NotificationParams } from '@banso/shared';
import { engagements } from './engagements.js';
import { users } from './users.js';

export const notificationKindEnum = pgEnum('notification_kind', notificationKinds);
export const notificationSubjectTypeEnum = pgEnum('notification_subject_type', notificationSubjectTypes);

/**
 * A user's notifications (お知らせ), written by the notification jobs once the event still holds
 * after the grace delay. `dedupeKey` is unique: a reminder (homework + kind + due date) or an event
 * delivered twice (two replicas, a retried job) gives one row, and only the job that inserted the row
 * sends its e-mail.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKindEnum().notNull(),
    engagementId: uuid().references(() => engagements.id, { onDelete: 'cascade' }),
    subjectType: notificationSubjectTypeEnum().notNull(),
    subjectId: uuid().notNull(),
    /** The values its title is made of (see notificationTitle in shared). */
    params: jsonb().$type<NotificationParams>().notNull().default({}),
    dedupeKey: text().notNull().unique(),
    /** False when the user's preference keeps this kind out of the inbox (e-mail only). */
    inApp: boolean().notNull().default(true),
    /** Millisecond precision, so the list cursor (created_at, id) round-trips exactly through JS dates. */
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true, precision: 3 }),
    /** When it was e-mailed (on its own or in a digest); null while not (yet) e-mailed. */
    emailedAt: timestamp({ withTimezone: true, precision: 3 }),
    /** True while it waits for the user's daily digest. */
    digestPending: boolean().notNull().default(false),
  },
  (t) => [
    index().on(t.userId, t.createdAt, t.id),
    index('notifications_unread')
      .on(t.userId)
      .where(sql`${t.readAt} is null and ${t.inApp}`),
    index('notifications_digest_pending')
      .on(t.userId)
      .where(sql`${t.digestPending}`),
  ],
);

/** A user's choice per kind; a kind without a row has the default (inbox and e-mail, no digest). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKindEnum().notNull(),
    inApp: boolean().notNull().default(true),
    email: boolean().notNull().default(true),
    digest: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
