import { type PdcaAdvisorComment, type PdcaReview, pdcaMarks, type PutPdcaAdvisorCommentBody, type PutPdcaReviewBody } from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { NotFound, PreconditionFailed, PreconditionRequired } from '../../lib/errors.js';
import { authorize } from '../access/access.service.js';
import * as repo from './pdca.repository.js';

type ReviewRow = NonNullable<Awaited<ReturnType<typeof repo.findReview>>>;

const toReview = ({ review: r, updatedByName }: ReviewRow): PdcaReview => ({
  id: r.id,
  engagementId: r.engagementId,
  fiscalYear: r.fiscalYear,
  assessment: r.assessment,
  mark: pdcaMarks[r.assessment],
  comment: r.comment,
  nextActions: r.nextActions,
  updatedBy: r.updatedBy && updatedByName ? { id: r.updatedBy, name: updatedByName } : null,
  updatedAt: r.updatedAt.toISOString(),
  version: r.version,
});

type CommentRow = NonNullable<Awaited<ReturnType<typeof repo.findAdvisorComment>>>;

const toComment = ({ comment: c, updatedByName }: CommentRow): PdcaAdvisorComment => ({
  id: c.id,
  engagementId: c.engagementId,
  fiscalYear: c.fiscalYear,
  comment: c.comment,
  updatedBy: c.updatedBy && updatedByName ? { id: c.updatedBy, name: updatedByName } : null,
  updatedAt: c.updatedAt.toISOString(),
  version: c.version,
});

/** The municipality's self-evaluations and the advisors' comments, newest fiscal year first. */
export async function listReviews(
  ctx: ServiceContext,
  engagementId: string,
): Promise<{ items: PdcaReview[]; advisorComments: PdcaAdvisorComment[] }> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'pdca.read');
  const [reviews, comments] = await Promise.all([repo.listReviews(db, engagementId), repo.listAdvisorComments(db, engagementId)]);
  return { items: reviews.map(toReview), advisorComments: comments.map(toComment) };
}

export async function getReview(ctx: ServiceContext, engagementId: string, fiscalYear: number): Promise<PdcaReview> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'pdca.read');
  const row = await repo.findReview(db, engagementId, fiscalYear);
  if (!row) throw new NotFound('PDCA review');
  return toReview(row);
}

/**
 * One record per engagement and fiscal year, written by one side: created without If-Match,
 * updated with it (428 without, 412 when stale, each with the current record to compare). An
 * If-Match on a record that does not exist yet fails with 412, as HTTP prescribes; a create that
 * loses a race to another create fails with 412 and the winner.
 */
async function putYearRecord<Row, View extends { id: string }>(
  ctx: ServiceContext,
  {
    engagementId,
    ifMatch,
    entity,
    find,
    insert,
    update,
    versionOf,
    view,
  }: {
    engagementId: string;
    ifMatch: () => number | null;
    entity: 'pdca_review' | 'pdca_advisor_comment';
    find: (tx: Db) => Promise<Row | undefined>;
    insert: (tx: Db) => Promise<boolean>;
    update: (tx: Db, version: number) => Promise<number>;
    versionOf: (row: Row) => number;
    view: (row: Row) => View;
  },
): Promise<{ record: View; created: boolean }> {
  const { db, actor } = ctx;
  const version = ifMatch();
  return db.transaction(async (tx) => {
    const before = await find(tx);
    if (!before && version !== null)
      throw new PreconditionFailed(undefined, 'There is nothing of this year yet; create it without If-Match');
    // created by someone else since the caller loaded the year: they get it back to compare
    if (before && version === null) throw new PreconditionRequired(view(before));
    const written = before ? versionOf(before) === version && (await update(tx, version!)) > 0 : await insert(tx);
    const row = await find(tx);
    if (!row) throw new NotFound(entity === 'pdca_review' ? 'PDCA review' : 'PDCA advisor comment');
    if (!written) throw new PreconditionFailed(view(row));
    const record = view(row);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity,
      entityId: record.id,
      action: before ? 'update' : 'create',
      ...(before && { before: view(before) }),
      after: record,
    });
    return { record, created: !before };
  });
}

/** The municipality's own self-evaluation of a fiscal year (`pdca.self`). */
export async function putReview(
  ctx: ServiceContext,
  {
    engagementId,
    fiscalYear,
    ifMatch,
    body,
  }: { engagementId: string; fiscalYear: number; ifMatch: () => number | null; body: PutPdcaReviewBody },
): Promise<{ review: PdcaReview; created: boolean }> {
  await authorize(ctx, engagementId, 'pdca.self');
  const fields = { assessment: body.assessment, comment: body.comment, nextActions: body.nextActions, updatedBy: ctx.actor.id };
  const { record, created } = await putYearRecord(ctx, {
    engagementId,
    ifMatch,
    entity: 'pdca_review',
    find: (tx) => repo.findReview(tx, engagementId, fiscalYear),
    insert: (tx) => repo.insertReview(tx, { engagementId, fiscalYear, ...fields }),
    update: (tx, version) => repo.updateReview(tx, engagementId, fiscalYear, version, fields, ctx.clock.now()),
    versionOf: (row) => row.review.version,
    view: toReview,
  });
  return { review: record, created };
}

/** The advisors' comment on a fiscal year, beside (never inside) the municipality's self-evaluation (`pdca.comment`). */
export async function putAdvisorComment(
  ctx: ServiceContext,
  {
    engagementId,
    fiscalYear,
    ifMatch,
    body,
  }: { engagementId: string; fiscalYear: number; ifMatch: () => number | null; body: PutPdcaAdvisorCommentBody },
): Promise<{ comment: PdcaAdvisorComment; created: boolean }> {
  await authorize(ctx, engagementId, 'pdca.comment');
  const fields = { comment: body.comment, updatedBy: ctx.actor.id };
  const { record, created } = await putYearRecord(ctx, {
    engagementId,
    ifMatch,
    entity: 'pdca_advisor_comment',
    find: (tx) => repo.findAdvisorComment(tx, engagementId, fiscalYear),
    insert: (tx) => repo.insertAdvisorComment(tx, { engagementId, fiscalYear, ...fields }),
    update: (tx, version) => repo.updateAdvisorComment(tx, engagementId, fiscalYear, version, fields, ctx.clock.now()),
    versionOf: (row) => row.comment.version,
    view: toComment,
  });
  return { comment: record, created };
}
