import { z } from 'zod';
import { pdcaAssessments } from '../domain.js';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

/** 振り返り: the municipality's self-evaluation (自己評価) of one fiscal year (◎ excellent, ○ good, △ fair, × poor). */
export const PdcaReviewSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  fiscalYear: z.number().int(),
  assessment: z.enum(pdcaAssessments),
  /** ◎ ○ △ × */
  mark: z.string(),
  comment: z.string(),
  nextActions: z.string(),
  updatedBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  updatedAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type PdcaReview = z.infer<typeof PdcaReviewSchema>;

/** 振り返り: the advisors' comment on one fiscal year, beside the municipality's self-evaluation. */
export const PdcaAdvisorCommentSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  fiscalYear: z.number().int(),
  comment: z.string(),
  updatedBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  updatedAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type PdcaAdvisorComment = z.infer<typeof PdcaAdvisorCommentSchema>;

export const PdcaReviewListSchema = z.object({
  /** The self-evaluations, newest fiscal year first. */
  items: z.array(PdcaReviewSchema),
  /** The advisors' comments, newest fiscal year first. */
  advisorComments: z.array(PdcaAdvisorCommentSchema),
});
export type PdcaReviewList = z.infer<typeof PdcaReviewListSchema>;

export const PdcaParamsSchema = z.object({ id: UuidSchema, fiscalYear: z.coerce.number().int().min(2000).max(2100) }).strict();

/** PUT …/pdca-reviews/{fiscalYear}: creates without If-Match, updates with it. */
export const PutPdcaReviewBodySchema = z
  .object({
    assessment: z.enum(pdcaAssessments),
    comment: z.string().max(10_000).default(''),
    nextActions: z.string().max(10_000).default(''),
  })
  .strict();
export type PutPdcaReviewBody = z.infer<typeof PutPdcaReviewBodySchema>;

/** PUT …/pdca-reviews/{fiscalYear}/advisor-comment: creates without If-Match, updates with it. */
export const PutPdcaAdvisorCommentBodySchema = z.object({ comment: z.string().trim().min(1).max(10_000) }).strict();
export type PutPdcaAdvisorCommentBody = z.infer<typeof PutPdcaAdvisorCommentBodySchema>;
