import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { engagementStatusEnum, memberRoleEnum, teamRoleEnum } from './enums.js';
import { municipalities, programs } from './programs.js';
import { users } from './users.js';

/** 伴走支援案件: one program × municipality. */
export const engagements = pgTable(
  'engagements',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: uuid()
      .notNull()
      .references(() => programs.id),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    theme: text().notNull(),
    desiredState: text().notNull().default(''),
    status: engagementStatusEnum().notNull().default('selected'),
    previousEngagementId: uuid().references((): AnyPgColumn => engagements.id, { onDelete: 'set null' }),
    /** ロードマップ合意, two parties (roadmapAgreementState): the team's proposal and the municipality's agreement. */
    roadmapProposedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    roadmapProposedAt: timestamp({ withTimezone: true }),
    roadmapAgreedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    roadmapAgreedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.programId, t.municipalityId),
    index().on(t.municipalityId),
    index().on(t.previousEngagementId),
    check('engagements_theme_not_blank', sql`length(trim(${t.theme})) > 0`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The policy role; always policyRoleOfTeamRole[teamRole] (written together by the teams repository). */
    role: memberRoleEnum().notNull(),
    /** The role on the team (主任アドバイザー, アドバイザー, 実施主体職員, 事務局, 自治体担当者). */
    teamRole: teamRoleEnum().notNull(),
    /** e.g. 主任アドバイザー, 事務局, 高齢福祉課 係長 */
    title: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.engagementId, t.userId] }),
    index().on(t.userId),
    check('memberships_team_role_matches_role', sql`(${t.teamRole} = 'municipal_member') = (${t.role} = 'municipal_member')`),
  ],
);

/** A neighbouring municipality allowed to observe an engagement read-only (横展開). */
export const observerGrants = pgTable(
  'observer_grants',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    /** What the grant covers; `process` = tree, actions, roadmap, schedule and shareable findings. */
    scope: text().notNull().default('process'),
    validUntil: date({ mode: 'string' }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    grantedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.engagementId),
    index().on(t.municipalityId),
    /** At most one unrevoked grant per engagement × observing municipality (an expired one is revoked when replaced). */
    uniqueIndex('observer_grants_one_active')
      .on(t.engagementId, t.municipalityId)
      .where(sql`${t.revokedAt} is null`),
  ],
);
