import { type PdcaAdvisorComment, type PdcaReview, pdcaMarks, type PutPdcaAdvisorCommentBody, type PutPdcaReviewBody } from '@banso/shared';
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
 * Creates the year's review (no If-Match) or updates it (If-Match required: 428 without, 412 when
 * stale). An If-Match on a review that does not exist yet fails with 412, as HTTP prescribes.
 */
export async function putReview(
  ctx: ServiceContext,
  {
    engagementId,
    fiscalYear,
    ifMatch,
    body,
  }: {
    engagementId: string;
    fiscalYear: number;
    ifMatch: () => number | null;
    body: PutPdcaReviewBody;
  },
): Promise<{ review: PdcaReview; created: boolean }> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'pdca.self');
  const version = ifMatch();
  const fields = { assessment: body.assessment, comment: body.comment, nextActions: body.nextActions, updatedBy: actor.id };
  return db.transaction(async (tx) => {
    const before = await repo.findReview(tx, engagementId, fiscalYear);
    if (!before) {
      if (version !== null) throw new PreconditionFailed(undefined, 'There is no review of this year yet; create it without If-Match');
      if (!(await repo.insertReview(tx, { engagementId, fiscalYear, ...fields }))) {
        const current = await repo.findReview(tx, engagementId, fiscalYear);
        throw new PreconditionFailed(current ? toReview(current) : undefined);
      }
      const row = await repo.findReview(tx, engagementId, fiscalYear);
      if (!row) throw new NotFound('PDCA review');
      const review = toReview(row);
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId,
        entity: 'pdca_review',
        entityId: review.id,
        action: 'create',
        after: review,
      });
      return { review, created: true };
    }
    // created by someone else since the caller loaded the year: they get it back to compare
    if (version === null) throw new PreconditionRequired(toReview(before));
    if (before.review.version !== version || (await repo.updateReview(tx, engagementId, fiscalYear, version, fields, clock.now())) === 0)
      throw new PreconditionFailed(toReview(before));
    const row = await repo.findReview(tx, engagementId, fiscalYear);
    if (!row) throw new NotFound('PDCA review');
    const review = toReview(row);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'pdca_review',
      entityId: review.id,
      action: 'update',
      before: toReview(before),
      after: review,
    });
    return { review, created: false };
  });
}

/**
 * The advisors' comment on a fiscal year, beside (never inside) the municipality's self-evaluation:
 * created without If-Match, updated with it (428 without, 412 stale with the current comment).
 */
export async function putAdvisorComment(
  ctx: ServiceContext,
  {
    engagementId,
    fiscalYear,
    ifMatch,
    body,
  }: { engagementId: string; fiscalYear: number; ifMatch: () => number | null; body: PutPdcaAdvisorCommentBody },
): Promise<{ comment: PdcaAdvisorComment; created: boolean }> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'pdca.comment');
  const version = ifMatch();
  const fields = { comment: body.comment, updatedBy: actor.id };
  return db.transaction(async (tx) => {
    const before = await repo.findAdvisorComment(tx, engagementId, fiscalYear);
    if (!before && version !== null)
      throw new PreconditionFailed(undefined, 'There is no comment on this year yet; create it without If-Match');
    if (before && version === null) throw new PreconditionRequired(toComment(before));
    const written = before
      ? before.comment.version === version &&
        (await repo.updateAdvisorComment(tx, engagementId, fiscalYear, version, fields, clock.now())) > 0
      : await repo.insertAdvisorComment(tx, { engagementId, fiscalYear, ...fields });
    const row = await repo.findAdvisorComment(tx, engagementId, fiscalYear);
    if (!row) throw new NotFound('PDCA advisor comment');
    if (!written) throw new PreconditionFailed(toComment(row));
    const comment = toComment(row);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'pdca_advisor_comment',
      entityId: comment.id,
      action: before ? 'update' : 'create',
      ...(before && { before: toComment(before) }),
      after: comment,
    });
    return { comment, created: !before };
  });
}
