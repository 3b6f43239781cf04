import { type PdcaReview, pdcaMarks, type PutPdcaReviewBody } from '@banso/shared';
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

export async function listReviews(ctx: ServiceContext, engagementId: string): Promise<PdcaReview[]> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'pdca.read');
  return (await repo.listReviews(db, engagementId)).map(toReview);
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
  await authorize(ctx, engagementId, 'pdca.write');
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
