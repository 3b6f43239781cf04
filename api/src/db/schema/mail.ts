import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mailStatuses } from '@banso/shared';
import { programs } from './programs.js';

export const mailStatusEnum = pgEnum('mail_status', mailStatuses);

/**
 * Every e-mail the app sends, written in the caller's transaction (a transactional outbox). A
 * dispatcher delivers `outbox` rows over SMTP when SMTP_URL is set; without it they stay here and
 * the program office reads them (the embedded start works offline).
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    /** The program the message belongs to (invitations, resets): its office reads it. Null: any office. */
    programId: uuid().references(() => programs.id, { onDelete: 'set null' }),
    status: mailStatusEnum().notNull().default('outbox'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** Millisecond precision, so the list cursor (created_at, id) round-trips exactly through JS dates. */
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true, precision: 3 }),
    /** Lease of the dispatcher delivering it (several replicas never send one message twice at once). */
    claimedUntil: timestamp({ withTimezone: true, precision: 3 }),
    /** A failed message is retried (up to the attempt limit) no earlier than this. */
    nextAttemptAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [
    index().on(t.createdAt, t.id),
    index('mail_messages_pending')
      .on(t.status, t.nextAttemptAt)
      .where(sql`${t.status} <> 'sent'`),
    check('mail_messages_attempts', sql`${t.attempts} >= 0`),
  ],
);
