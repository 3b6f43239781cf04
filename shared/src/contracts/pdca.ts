import { z } from 'zod';
import { pdcaAssessments } from '../domain.js';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

/** 振り返り: the self-assessment of one fiscal year (◎ excellent, ○ good, △ fair, × poor). */
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

export const PdcaReviewListSchema = z.object({ items: z.array(PdcaReviewSchema) });
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
