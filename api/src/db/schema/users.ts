import { sql } from 'drizzle-orm';
import { tokenKinds } from '@banso/shared';
import { bigint, bigserial, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { municipalities, organizers } from './programs.js';

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull().unique(),
    name: text().notNull(),
    title: text(),
    organization: text(),
    /** Null while an invitation is pending (the invitee has not set a password yet). */
    passwordHash: text(),
    /** Program-office staff of this organizer: they administer every program (and engagement) of it. */
    organizerId: uuid().references(() => organizers.id, { onDelete: 'set null' }),
    /** The organizer whose office invited the account (its office keeps managing it). */
    invitedByOrganizerId: uuid().references(() => organizers.id, { onDelete: 'set null' }),
    /** The municipality a municipal user works for (their own, or a neighbour observing). */
    municipalityId: uuid().references(() => municipalities.id, { onDelete: 'set null' }),
    /** False once deactivated: sign-in is refused and every session is revoked. */
    active: boolean().notNull().default(true),
    /** Optimistic-concurrency version (If-Match on deactivate / reactivate). */
    version: integer().notNull().default(1),
    lastSignInAt: timestamp({ withTimezone: true, precision: 3 }),
    // ── Two-factor sign-in (TOTP) ──
    /** The TOTP secret, sealed with AES-256-GCM under TOTP_KEY (totp-crypto.ts); set at enrolment, null when off. */
    totpSecret: text(),
    /** When the enrolment was confirmed with a code; null while pending (or off): only then does sign-in ask for a code. */
    totpEnabledAt: timestamp({ withTimezone: true, precision: 3 }),
    /** The last time step whose code was accepted: a code is good once (no replay in the same step). */
    totpLastStep: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('users_email_lower', sql`${t.email} = lower(${t.email})`), index().on(t.municipalityId), index().on(t.organizerId)],
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

/**
 * Failed sign-ins, one row each, counted per account and per client address over a sliding window.
 * In the database, so every replica sees the same counts; successful sign-ins are never recorded.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /** The e-mail as typed, lower-cased (also for unknown accounts, so guessing them is throttled too). */
    account: text().notNull(),
    address: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.account, t.at), index().on(t.address, t.at), index().on(t.at)],
);

export const userTokenKindEnum = pgEnum('user_token_kind', tokenKinds);

/**
 * One-time links (invitation, password reset): only the SHA-256 of the token is stored, so a copy of
 * the table opens nothing. Used once (usedAt), expiring (expiresAt).
 */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: userTokenKindEnum().notNull(),
    tokenHash: text().notNull().unique(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [index().on(t.userId)],
);

/** Recovery codes of two-factor sign-in: only the SHA-256 of each (80 random bits) is stored; each works once. */
export const totpRecoveryCodes = pgTable(
  'totp_recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true, precision: 3 }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.userId, t.codeHash)],
);
