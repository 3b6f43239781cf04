import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipalities, programs } from './programs.js';

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull().unique(),
    name: text().notNull(),
    title: text(),
    organization: text(),
    passwordHash: text().notNull(),
    /** Program-office staff see and administer every engagement of their program. */
    programOfficeOf: uuid().references(() => programs.id, { onDelete: 'set null' }),
    /** The municipality a municipal user works for (their own, or a neighbour observing). */
    municipalityId: uuid().references(() => municipalities.id, { onDelete: 'set null' }),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('users_email_lower', sql`${t.email} = lower(${t.email})`), index().on(t.municipalityId)],
);

/** Server-side sessions: the cookie carries a random token, the table stores its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt)],
);
