/**
 * Comment threads and observers' questions. Every read is scoped to the visibilities the reader's
 * role reads (readableFindingVisibilities, as for findings): a thread outside them is absent from
 * lists and counts and 404 by id. Writes are authorized from the policy table (comment.create,
 * comment.question, comment.edit with the author, comment.resolve) and audited through recordAudit,
 * whose live event carries the thread's visibility as its audience.
 */
import {
  can,
  type Comment,
  type CommentCounts,
  type CommentListQuery,
  type CommentSubjectType,
  type CommentThread,
  type CommentThreadPage,
  type CreateCommentBody,
  type EngagementRole,
  type FindingVisibility,
  readableFindingVisibilities,
  type UpdateCommentBody,
  writableFindingVisibilities,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../lib/audit.js';
import type { ServiceContext } from '../../lib/context.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../lib/cursor.js';
import { BadRequest, Conflict, Forbidden, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorize, type EngagementAccess } from '../access/access.service.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import * as repo from './comments.repository.js';

type Mention = { id: string; name: string };

/** The reader's view of one comment: observers see only their own name, and no mentions. */
function toComment(row: repo.CommentRow, access: EngagementAccess, mentions: Mention[]): Comment {
  const c = row.comment;
  const mine = c.authorId !== null && c.authorId === access.userId;
  const observer = access.role === 'observer';
  const deleted = c.deletedAt !== null;
  return {
    id: c.id,
    engagementId: c.engagementId,
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    parentId: c.parentId,
    kind: c.kind,
    visibility: c.visibility,
    body: deleted ? '' : c.body,
    author: c.authorId && row.authorName && (!observer || mine) ? { id: c.authorId, name: row.authorName } : null,
    authorRole: c.authorRole,
    mine,
    mentions: deleted || observer ? [] : mentions,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt ? c.editedAt.toISOString() : null,
    deletedAt: c.deletedAt ? c.deletedAt.toISOString() : null,
    resolvedAt: c.resolvedAt ? c.resolvedAt.toISOString() : null,
    resolvedBy: c.resolvedBy && row.resolvedByName && !observer ? { id: c.resolvedBy, name: row.resolvedByName } : null,
    version: c.version,
  };
}

async function viewsOf(db: Db, rows: repo.CommentRow[], access: EngagementAccess): Promise<Comment[]> {
  const mentions = await repo.mentionsOf(
    db,
    rows.map((r) => r.comment.id),
  );
  return rows.map((r) =>
    toComment(
      r,
      access,
      mentions.filter((m) => m.commentId === r.comment.id).map(({ id, name }) => ({ id, name })),
    ),
  );
}

/** What the audit log keeps (and what the live event's audience is read from: `visibility`). */
const auditView = (c: Comment, mentionIds: readonly string[]) => ({
  id: c.id,
  subjectType: c.subjectType,
  subjectId: c.subjectId,
  parentId: c.parentId,
  kind: c.kind,
  visibility: c.visibility,
  body: c.body,
  mentions: mentionIds,
  resolvedAt: c.resolvedAt,
  deletedAt: c.deletedAt,
  version: c.version,
});

const readable = (access: EngagementAccess) => readableFindingVisibilities(access.role);

// ── Reads ────────────────────────────────────────────────────────────────────────────────────────

/** Threads the reader may read, newest first, each with its replies (oldest first); a page of `limit` threads. */
export async function listComments(ctx: ServiceContext, engagementId: string, query: CommentListQuery): Promise<CommentThreadPage> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'comment.read');
  const rows = await repo.listRoots(db, {
    engagementId,
    visibilities: readable(access),
    subjectType: query.subjectType,
    subjectId: query.subjectId,
    after: query.cursor ? decodeTimeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const roots = rows.slice(0, query.limit);
  const replies = await repo.listReplies(
    db,
    engagementId,
    roots.map((r) => r.comment.id),
  );
  const views = await viewsOf(db, [...roots, ...replies], access);
  const byId = new Map(views.map((v) => [v.id, v]));
  const items: CommentThread[] = roots.map((r) => ({
    ...byId.get(r.comment.id)!,
    replies: views.filter((v) => v.parentId === r.comment.id),
  }));
  return { items, nextCursor: rows.length > query.limit ? encodeTimeCursor(roots[roots.length - 1]!.comment) : null };
}

/** Per subject of a type, the threads the reader may read: open (unresolved) and total — for the badges. */
export async function countComments(ctx: ServiceContext, engagementId: string, subjectType: CommentSubjectType): Promise<CommentCounts> {
  const access = await authorize(ctx, engagementId, 'comment.read');
  return { items: await repo.countThreads(ctx.db, engagementId, subjectType, readable(access)) };
}

export async function getComment(ctx: ServiceContext, engagementId: string, commentId: string): Promise<Comment> {
  const access = await authorize(ctx, engagementId, 'comment.read');
  const row = await repo.findComment(ctx.db, engagementId, commentId, readable(access));
  if (!row) throw new NotFound('Comment');
  const [view] = await viewsOf(ctx.db, [row], access);
  return view!;
}

// ── Writes ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Mentioned users must be members of the team (advisors or municipal members) whose role reads the
 * thread's visibility; observers are never members, so they cannot be mentioned. 400 naming body.mentions.N.
 */
async function validateMentions(db: Db, engagementId: string, visibility: FindingVisibility, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const members = new Map((await repo.membersAmong(db, engagementId, unique)).map((m) => [m.userId, m.role as EngagementRole]));
  const errors = ids.flatMap((id, i) => {
    const role = members.get(id);
    if (!role) return [{ path: `body.mentions.${i}`, message: 'Not a member of this engagement' }];
    if (!readableFindingVisibilities(role).includes(visibility))
      return [{ path: `body.mentions.${i}`, message: `A ${role} cannot read a ${visibility} thread` }];
    return [];
  });
  if (errors.length > 0) throw new BadRequest('Mention members who can read the thread', errors);
  return unique;
}

/** Whether the role may write into a thread of this visibility and kind (root's kind for a reply). */
function requireWritable(access: EngagementAccess, visibility: FindingVisibility, kind: 'comment' | 'question') {
  const { role } = access;
  if (can(access, 'comment.create')) {
    if (!writableFindingVisibilities(role).includes(visibility))
      throw new BadRequest('This visibility is not yours to write', [
        { path: 'body.visibility', message: `Your role (${role}) writes ${writableFindingVisibilities(role).join(' or ')} threads` },
      ]);
    return;
  }
  if (!can(access, 'comment.question')) throw new Forbidden(`Your role (${role}) may not comment`);
  if (visibility !== 'observers')
    throw new BadRequest('Questions are read by observers', [
      { path: 'body.visibility', message: 'Observers write only observers threads' },
    ]);
  if (kind !== 'question')
    throw new BadRequest('Observers ask questions', [{ path: 'body.kind', message: 'Observers write only questions (質問)' }]);
}

/**
 * A new thread, or a reply in one (`parentId`: the root). A reply takes its thread's subject and
 * visibility. Returns the comment and the users it mentions (for notifications).
 */
export async function createComment(
  ctx: ServiceContext,
  engagementId: string,
  body: CreateCommentBody,
): Promise<{ comment: Comment; mentionedUserIds: string[] }> {
  const { db, actor } = ctx;
  const access = await authorize(ctx, engagementId, 'comment.read');
  let visibility: FindingVisibility;
  let threadKind = body.kind;
  if (body.parentId) {
    const root = await repo.findComment(db, engagementId, body.parentId, readable(access));
    if (!root) throw new BadRequest('Unknown thread', [{ path: 'body.parentId', message: 'No such thread in this engagement' }]);
    if (root.comment.parentId !== null)
      throw new BadRequest('Reply to the thread', [{ path: 'body.parentId', message: 'Name the first comment of the thread' }]);
    if (root.comment.subjectType !== body.subjectType || root.comment.subjectId !== body.subjectId)
      throw new BadRequest('A reply is about its thread’s subject', [{ path: 'body.subjectId', message: 'Not the thread’s subject' }]);
    if (body.visibility !== undefined && body.visibility !== root.comment.visibility)
      throw new BadRequest('A reply has its thread’s visibility', [
        { path: 'body.visibility', message: `The thread is ${root.comment.visibility}` },
      ]);
    visibility = root.comment.visibility;
    threadKind = root.comment.kind;
  } else {
    visibility =
      body.visibility ??
      (body.kind === 'question' || access.role === 'observer' ? 'observers' : access.role === 'municipal_member' ? 'municipality' : 'team');
    if (!(await repo.subjectExists(db, engagementId, body.subjectType, body.subjectId)))
      throw new BadRequest('Unknown subject', [{ path: 'body.subjectId', message: `No such ${body.subjectType} in this engagement` }]);
  }
  requireWritable(access, visibility, threadKind);
  const mentionedUserIds = await validateMentions(db, engagementId, visibility, body.mentions);
  return db.transaction(async (tx) => {
    const id = await repo.insertComment(tx, {
      engagementId,
      subjectType: body.subjectType,
      subjectId: body.subjectId,
      parentId: body.parentId ?? null,
      kind: body.parentId ? (access.role === 'observer' ? 'question' : 'comment') : body.kind,
      visibility,
      body: body.body,
      authorId: actor.id,
      authorRole: access.role,
    });
    await repo.replaceMentions(tx, id, mentionedUserIds);
    const row = await repo.findComment(tx, engagementId, id, readable(access));
    const [comment] = await viewsOf(tx, [row!], access);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'comment',
      entityId: id,
      action: 'create',
      after: auditView(comment!, mentionedUserIds),
    });
    for (const userId of mentionedUserIds)
      if (userId !== actor.id) await enqueueNotification(ctx, tx, { kind: 'mention', commentId: id, userId });
    // A reply by the team in a question thread answers the question (the job checks the thread).
    if (body.parentId && threadKind === 'question' && access.role !== 'observer')
      await enqueueNotification(ctx, tx, { kind: 'question_answered', commentId: id });
    return { comment: comment!, mentionedUserIds };
  });
}

/** The comment the author may change: readable (404), theirs (403), not deleted (409), current (428/412). */
async function ownComment(tx: Db, access: EngagementAccess, engagementId: string, commentId: string, ifMatch: () => number) {
  const row = await repo.findComment(tx, engagementId, commentId, readable(access));
  if (!row) throw new NotFound('Comment');
  if (!can(access, 'comment.edit', { authorUserId: row.comment.authorId })) throw new Forbidden('Only its author may change a comment');
  const version = ifMatch();
  if (row.comment.deletedAt) throw new Conflict('comment_deleted', 'This comment was deleted');
  if (row.comment.version !== version) throw new PreconditionFailed((await viewsOf(tx, [row], access))[0]);
  return { row, version };
}

/** The author edits the text (and its mentions); returns the comment and the users newly mentioned. */
export async function updateComment(
  ctx: ServiceContext,
  { engagementId, commentId, ifMatch, body }: { engagementId: string; commentId: string; ifMatch: () => number; body: UpdateCommentBody },
): Promise<{ comment: Comment; mentionedUserIds: string[] }> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, engagementId, 'comment.read');
  return db.transaction(async (tx) => {
    const { row, version } = await ownComment(tx, access, engagementId, commentId, ifMatch);
    const [before] = await viewsOf(tx, [row], access);
    const mentionIds = body.mentions
      ? await validateMentions(tx, engagementId, row.comment.visibility, body.mentions)
      : before!.mentions.map((m) => m.id);
    if ((await repo.updateComment(tx, engagementId, commentId, version, { body: body.body, editedAt: clock.now() })) === 0)
      throw new PreconditionFailed(before);
    if (body.mentions) await repo.replaceMentions(tx, commentId, mentionIds);
    const after = await repo.findComment(tx, engagementId, commentId, readable(access));
    const [comment] = await viewsOf(tx, [after!], access);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'comment',
      entityId: commentId,
      action: 'update',
      before: auditView(
        before!,
        before!.mentions.map((m) => m.id),
      ),
      after: auditView(comment!, mentionIds),
    });
    const earlier = new Set(before!.mentions.map((m) => m.id));
    const newlyMentioned = mentionIds.filter((id) => !earlier.has(id));
    // Only those newly mentioned by this edit.
    for (const userId of newlyMentioned)
      if (userId !== actor.id) await enqueueNotification(ctx, tx, { kind: 'mention', commentId, userId });
    return { comment: comment!, mentionedUserIds: newlyMentioned };
  });
}

/** The author deletes a comment: the row stays (「削除されました」), its text and mentions go. */
export async function deleteComment(
  ctx: ServiceContext,
  { engagementId, commentId, ifMatch }: { engagementId: string; commentId: string; ifMatch: () => number },
): Promise<void> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, engagementId, 'comment.read');
  await db.transaction(async (tx) => {
    const { row, version } = await ownComment(tx, access, engagementId, commentId, ifMatch);
    const [before] = await viewsOf(tx, [row], access);
    if ((await repo.updateComment(tx, engagementId, commentId, version, { body: '', deletedAt: clock.now() })) === 0)
      throw new PreconditionFailed(before);
    await repo.replaceMentions(tx, commentId, []);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'comment',
      entityId: commentId,
      action: 'delete',
      before: auditView(
        before!,
        before!.mentions.map((m) => m.id),
      ),
    });
  });
}

/** Resolves or reopens a thread (its root): the team and the municipality, or the observer who asked. */
export async function setResolution(
  ctx: ServiceContext,
  { engagementId, commentId, ifMatch, resolved }: { engagementId: string; commentId: string; ifMatch: () => number; resolved: boolean },
): Promise<Comment> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, engagementId, 'comment.read');
  return db.transaction(async (tx) => {
    const row = await repo.findComment(tx, engagementId, commentId, readable(access));
    if (!row) throw new NotFound('Comment');
    if (!can(access, 'comment.resolve', { authorUserId: row.comment.authorId }))
      throw new Forbidden(`Your role (${access.role}) may resolve only its own questions`);
    const version = ifMatch();
    const [before] = await viewsOf(tx, [row], access);
    if (row.comment.parentId !== null)
      throw new BadRequest('Resolve the thread', [{ path: 'params.commentId', message: 'Name the first comment of the thread' }]);
    if (row.comment.version !== version) throw new PreconditionFailed(before);
    const changes = resolved ? { resolvedAt: clock.now(), resolvedBy: actor.id } : { resolvedAt: null, resolvedBy: null };
    if ((await repo.updateComment(tx, engagementId, commentId, version, changes)) === 0) throw new PreconditionFailed(before);
    const after = await repo.findComment(tx, engagementId, commentId, readable(access));
    const [comment] = await viewsOf(tx, [after!], access);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'comment',
      entityId: commentId,
      action: resolved ? 'resolve' : 'reopen',
      before: auditView(
        before!,
        before!.mentions.map((m) => m.id),
      ),
      after: auditView(
        comment!,
        comment!.mentions.map((m) => m.id),
      ),
    });
    return comment!;
  });
}
