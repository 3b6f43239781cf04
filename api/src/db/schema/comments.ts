import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { commentKinds, commentSubjectTypes } from '@banso/shared';
import { engagements } from './engagements.js';
import { engagementRoleEnum, findingVisibilityEnum } from './enums.js';
import { users } from './users.js';

export const commentSubjectTypeEnum = pgEnum('comment_subject_type', commentSubjectTypes);
export const commentKindEnum = pgEnum('comment_kind', commentKinds);

/**
 * コメント and 質問: a thread is a root (parentId null) and its replies. The root holds the thread's
 * subject, visibility and resolution; a reply copies subject and visibility from it. A deleted comment
 * keeps its row (deletedAt, body emptied) so the thread keeps its shape.
 */
export const comments = pgTable(
  'comments',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    subjectType: commentSubjectTypeEnum().notNull(),
    subjectId: uuid().notNull(),
    parentId: uuid().references((): AnyPgColumn => comments.id, { onDelete: 'cascade' }),
    kind: commentKindEnum().notNull().default('comment'),
    visibility: findingVisibilityEnum().notNull(),
    body: text().notNull(),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** The author's role in the engagement when writing (what observers see instead of the name). */
    authorRole: engagementRoleEnum().notNull(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.engagementId, t.subjectType, t.subjectId),
    index().on(t.engagementId, t.createdAt),
    index().on(t.parentId),
    check('comments_reply_unresolved', sql`${t.parentId} is null or ${t.resolvedAt} is null`),
  ],
);

/** Who a comment names with @ (kept for notifications). */
export const commentMentions = pgTable(
  'comment_mentions',
  {
    commentId: uuid()
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index().on(t.userId)],
);
