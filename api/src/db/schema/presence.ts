import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { engagementRoleEnum } from './enums.js';
import { engagements } from './engagements.js';
import { users } from './users.js';

/**
 * The open live-update streams of every replica: who has which engagement open. A replica refreshes
 * `seen_at` of its own streams on each heartbeat; a row not seen for three heartbeats belonged to a
 * replica that died and is swept by the others.
 */
export const engagementPresence = pgTable(
  'engagement_presence',
  {
    /** One per open stream (a person with two tabs has two). */
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    organization: text(),
    role: engagementRoleEnum().notNull(),
    openedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    seenAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index().on(t.engagementId), index().on(t.seenAt)],
);
