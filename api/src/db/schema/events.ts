import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { engagements } from './engagements.js';
import { findingVisibilityEnum } from './enums.js';
import { users } from './users.js';

/**
 * Live-update events of an engagement, kept for a while so a client that reconnects with
 * `Last-Event-ID` gets what it missed. Within one engagement ids follow commit order: an event is
 * inserted under a transaction-scoped advisory lock on the engagement (see publishEvent).
 */
export const engagementEvents = pgTable(
  'engagement_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    /** The narrowest readership (team ⊂ municipality ⊂ observers), as for findings. */
    audience: findingVisibilityEnum().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index().on(t.engagementId, t.id), index().on(t.at)],
);
