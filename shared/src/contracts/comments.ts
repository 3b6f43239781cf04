/**
 * Comment threads (コメント) on tree nodes, actions, milestones, verification plans and visits, and
 * observers' questions (質問). A thread is a root comment and its replies; its visibility (the
 * findings' team ⊂ municipality ⊂ observers, read by readableFindingVisibilities) is the root's, and
 * every reply inherits it. Observers read only `observers` threads and write only questions there.
 */
import { z } from 'zod';
import { engagementRoles, findingVisibilities } from '../domain.js';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

/** What a thread is about. */
export const commentSubjectTypes = ['node', 'action', 'milestone', 'plan', 'visit'] as const;
export type CommentSubjectType = (typeof commentSubjectTypes)[number];

/** A comment, or an observer's question (質問) that the team answers in the same thread. */
export const commentKinds = ['comment', 'question'] as const;
export type CommentKind = (typeof commentKinds)[number];

export const CommentSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  subjectType: z.enum(commentSubjectTypes),
  subjectId: UuidSchema,
  /** The thread's root; null on the root itself. */
  parentId: UuidSchema.nullable(),
  kind: z.enum(commentKinds),
  visibility: z.enum(findingVisibilities),
  /** Empty once deleted (the thread keeps its shape: 「削除されました」). */
  body: z.string(),
  /** The author; observers see only their own name (others' comments show the author's role). */
  author: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  authorRole: z.enum(engagementRoles),
  /** Whether the reader wrote it (and so may edit or delete it). */
  mine: z.boolean(),
  mentions: z.array(z.object({ id: UuidSchema, name: z.string() })),
  createdAt: IsoDateTimeSchema,
  editedAt: IsoDateTimeSchema.nullable(),
  deletedAt: IsoDateTimeSchema.nullable(),
  /** On the root: when and by whom the thread was resolved. */
  resolvedAt: IsoDateTimeSchema.nullable(),
  resolvedBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  version: z.number().int(),
});
export type Comment = z.infer<typeof CommentSchema>;

export const CommentThreadSchema = CommentSchema.extend({ replies: z.array(CommentSchema) });
export type CommentThread = z.infer<typeof CommentThreadSchema>;

/** Threads newest first; `nextCursor` (opaque) is null on the last page. */
export const CommentThreadPageSchema = z.object({ items: z.array(CommentThreadSchema), nextCursor: z.string().nullable() });
export type CommentThreadPage = z.infer<typeof CommentThreadPageSchema>;

export const CommentListQuerySchema = z
  .object({
    subjectType: z.enum(commentSubjectTypes).optional(),
    subjectId: UuidSchema.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type CommentListQuery = z.infer<typeof CommentListQuerySchema>;

export const CommentCountsQuerySchema = z.object({ subjectType: z.enum(commentSubjectTypes) }).strict();

/** Per subject: the threads the reader may read that are still open (unresolved), and all of them. */
export const CommentCountsSchema = z.object({
  items: z.array(z.object({ subjectId: UuidSchema, open: z.number().int(), total: z.number().int() })),
});
export type CommentCounts = z.infer<typeof CommentCountsSchema>;

export const CommentParamsSchema = z.object({ id: UuidSchema, commentId: UuidSchema }).strict();

const commentBody = z.string().trim().min(1).max(5_000);
/** Users named with @: members of the engagement who may read the thread (400 naming body.mentions.N otherwise). */
const mentions = z.array(UuidSchema).max(20);

/**
 * POST /engagements/{id}/comments. A new thread names its subject, visibility and kind; a reply names
 * its thread's root (`parentId`) and takes the thread's subject and visibility (a differing one is 400).
 * Observers start only `question` threads visible to `observers`, and reply only there.
 */
export const CreateCommentBodySchema = z
  .object({
    subjectType: z.enum(commentSubjectTypes),
    subjectId: UuidSchema,
    parentId: UuidSchema.optional(),
    kind: z.enum(commentKinds).default('comment'),
    visibility: z.enum(findingVisibilities).optional(),
    body: commentBody,
    mentions: mentions.default([]),
  })
  .strict();
export type CreateCommentBody = z.infer<typeof CreateCommentBodySchema>;

/** PATCH …/comments/{commentId}: the author edits the text (and its mentions); If-Match. */
export const UpdateCommentBodySchema = z.object({ body: commentBody, mentions: mentions.optional() }).strict();
export type UpdateCommentBody = z.infer<typeof UpdateCommentBodySchema>;

/** PUT …/comments/{commentId}/resolution: resolve or reopen a thread (its root); If-Match. */
export const CommentResolutionBodySchema = z.object({ resolved: z.boolean() }).strict();
export type CommentResolutionBody = z.infer<typeof CommentResolutionBodySchema>;
