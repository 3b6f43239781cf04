import type { CommentSubjectType, FindingVisibility } from '@banso/shared';
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  actions,
  commentMentions,
  comments,
  memberships,
  milestones,
  treeNodes,
  users,
  verificationPlans,
  visits,
} from '../../db/schema/index.js';

export type CommentInsert = typeof comments.$inferInsert;

const resolver = alias(users, 'resolver');

const commentColumns = {
  comment: comments,
  authorName: users.name,
  resolvedByName: resolver.name,
};

export type CommentRow = {
  comment: typeof comments.$inferSelect;
  authorName: string | null;
  resolvedByName: string | null;
};

const selectComments = (db: Db) =>
  db
    .select(commentColumns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .leftJoin(resolver, eq(resolver.id, comments.resolvedBy));

/** Whether the subject is a record of this engagement (milestones and plans through their action). */
export async function subjectExists(db: Db, engagementId: string, type: CommentSubjectType, id: string): Promise<boolean> {
  const q = (() => {
    switch (type) {
      case 'node':
        return db
          .select({ id: treeNodes.id })
          .from(treeNodes)
          .where(and(eq(treeNodes.engagementId, engagementId), eq(treeNodes.id, id)));
      case 'action':
        return db
          .select({ id: actions.id })
          .from(actions)
          .where(and(eq(actions.engagementId, engagementId), eq(actions.id, id)));
      case 'milestone':
        return db
          .select({ id: milestones.id })
          .from(milestones)
          .innerJoin(actions, eq(actions.id, milestones.actionId))
          .where(and(eq(actions.engagementId, engagementId), eq(milestones.id, id)));
      case 'plan':
        return db
          .select({ id: verificationPlans.id })
          .from(verificationPlans)
          .innerJoin(actions, eq(actions.id, verificationPlans.actionId))
          .where(and(eq(actions.engagementId, engagementId), eq(verificationPlans.id, id)));
      case 'visit':
        return db
          .select({ id: visits.id })
          .from(visits)
          .where(and(eq(visits.engagementId, engagementId), eq(visits.id, id)));
    }
  })();
  return (await q.limit(1)).length > 0;
}

/** One comment of the engagement, when its visibility is among `visibilities`. */
export async function findComment(
  db: Db,
  engagementId: string,
  id: string,
  visibilities: readonly FindingVisibility[],
): Promise<CommentRow | undefined> {
  const [row] = await selectComments(db)
    .where(and(eq(comments.engagementId, engagementId), eq(comments.id, id), inArray(comments.visibility, [...visibilities])))
    .limit(1);
  return row;
}

export async function insertComment(db: Db, values: CommentInsert): Promise<string> {
  const [row] = await db.insert(comments).values(values).returning({ id: comments.id });
  if (!row) throw new Error('comment insert failed');
  return row.id;
}

/** Thread roots, newest first, after the (createdAt, id) cursor. */
export async function listRoots(
  db: Db,
  opts: {
    engagementId: string;
    visibilities: readonly FindingVisibility[];
    subjectType?: CommentSubjectType | undefined;
    subjectId?: string | undefined;
    after?: { createdAt: Date; id: string } | undefined;
    limit: number;
  },
): Promise<CommentRow[]> {
  const conditions: (SQL | undefined)[] = [
    eq(comments.engagementId, opts.engagementId),
    isNull(comments.parentId),
    inArray(comments.visibility, [...opts.visibilities]),
  ];
  if (opts.subjectType) conditions.push(eq(comments.subjectType, opts.subjectType));
  if (opts.subjectId) conditions.push(eq(comments.subjectId, opts.subjectId));
  if (opts.after)
    conditions.push(
      sql`(${comments.createdAt}, ${comments.id}) < (${opts.after.createdAt.toISOString()}::timestamptz, ${opts.after.id}::uuid)`,
    );
  return selectComments(db)
    .where(and(...conditions))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(opts.limit);
}

/** The replies of these threads, oldest first. */
export async function listReplies(db: Db, engagementId: string, rootIds: readonly string[]): Promise<CommentRow[]> {
  if (rootIds.length === 0) return [];
  return selectComments(db)
    .where(and(eq(comments.engagementId, engagementId), inArray(comments.parentId, [...rootIds])))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}

export async function mentionsOf(db: Db, commentIds: readonly string[]) {
  if (commentIds.length === 0) return [];
  return db
    .select({ commentId: commentMentions.commentId, id: users.id, name: users.name })
    .from(commentMentions)
    .innerJoin(users, eq(users.id, commentMentions.userId))
    .where(inArray(commentMentions.commentId, [...commentIds]))
    .orderBy(asc(users.name));
}

export async function replaceMentions(db: Db, commentId: string, userIds: readonly string[]) {
  await db.delete(commentMentions).where(eq(commentMentions.commentId, commentId));
  if (userIds.length > 0) await db.insert(commentMentions).values(userIds.map((userId) => ({ commentId, userId })));
}

/** The team members (advisors, municipal members) among `userIds`, with their policy role. */
export async function membersAmong(db: Db, engagementId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.engagementId, engagementId), inArray(memberships.userId, [...userIds])));
}

export async function updateComment(
  db: Db,
  engagementId: string,
  id: string,
  version: number,
  changes: Partial<Pick<CommentInsert, 'body' | 'editedAt' | 'deletedAt' | 'resolvedAt' | 'resolvedBy'>>,
): Promise<number> {
  const rows = await db
    .update(comments)
    .set({ ...changes, version: sql`${comments.version} + 1` })
    .where(and(eq(comments.engagementId, engagementId), eq(comments.id, id), eq(comments.version, version)))
    .returning({ id: comments.id });
  return rows.length;
}

/** Per subject of a type: threads (undeleted roots, or roots with replies) the reader may read, and how many are open. */
export async function countThreads(
  db: Db,
  engagementId: string,
  subjectType: CommentSubjectType,
  visibilities: readonly FindingVisibility[],
) {
  return db
    .select({
      subjectId: comments.subjectId,
      total: count(),
      open: sql<number>`count(*) filter (where ${comments.resolvedAt} is null)`.mapWith(Number),
    })
    .from(comments)
    .where(
      and(
        eq(comments.engagementId, engagementId),
        eq(comments.subjectType, subjectType),
        isNull(comments.parentId),
        isNull(comments.deletedAt),
        inArray(comments.visibility, [...visibilities]),
      ),
    )
    .groupBy(comments.subjectId)
    .orderBy(asc(comments.subjectId));
}
