import { z } from 'zod';
import { engagementRoles, engagementStatuses, municipalityCategories, regionTypes, roadmapAgreementStates } from '../domain.js';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

export const MunicipalitySummarySchema = z.object({
  id: UuidSchema,
  code: z.string(),
  name: z.string(),
  category: z.enum(municipalityCategories),
  regionType: z.enum(regionTypes),
  population: z.number().int().nullable(),
  agingRate: z.number().nullable(),
});
export type MunicipalitySummary = z.infer<typeof MunicipalitySummarySchema>;

export const EngagementSummarySchema = z.object({
  id: UuidSchema,
  programId: UuidSchema,
  fiscalYear: z.number().int(),
  municipality: MunicipalitySummarySchema,
  theme: z.string(),
  desiredState: z.string(),
  status: z.enum(engagementStatuses),
  /** The caller's role in this engagement. */
  myRole: z.enum(engagementRoles),
  /** Milestones past due and not done. */
  delayedMilestones: z.number().int(),
  previousEngagementId: UuidSchema.nullable(),
  version: z.number().int(),
  updatedAt: IsoDateTimeSchema,
});
export type EngagementSummary = z.infer<typeof EngagementSummarySchema>;

export const EngagementListSchema = z.object({ items: z.array(EngagementSummarySchema) });

const PersonSchema = z.object({ id: UuidSchema, name: z.string() });

/** ロードマップ合意: the team's proposal and the municipality's agreement, each with who and when (names hidden from observers). */
export const RoadmapAgreementSchema = z.object({
  state: z.enum(roadmapAgreementStates),
  proposedBy: PersonSchema.nullable(),
  proposedAt: IsoDateTimeSchema.nullable(),
  agreedBy: PersonSchema.nullable(),
  agreedAt: IsoDateTimeSchema.nullable(),
});
export type RoadmapAgreement = z.infer<typeof RoadmapAgreementSchema>;

export const EngagementDetailSchema = EngagementSummarySchema.extend({
  roadmapAgreement: RoadmapAgreementSchema,
  program: z.object({
    id: UuidSchema,
    name: z.string(),
    fiscalYear: z.number().int(),
    /** e.g. 第9期 (介護保険事業計画の期). */
    planPeriod: z.string().nullable(),
    visitWindows: z.array(z.object({ seq: z.number().int(), start: z.string(), end: z.string(), purpose: z.string() })),
    reportMeeting: z.string().nullable(),
  }),
});
export type EngagementDetail = z.infer<typeof EngagementDetailSchema>;

/** POST /engagements (program office of the program). */
export const CreateEngagementBodySchema = z
  .object({
    programId: UuidSchema,
    municipalityId: UuidSchema,
    theme: z.string().trim().min(1).max(100),
    /** 目指す姿 */
    desiredState: z.string().trim().max(1000).default(''),
  })
  .strict();
export type CreateEngagementBody = z.infer<typeof CreateEngagementBodySchema>;

/** PATCH /engagements/{id} with If-Match. */
export const UpdateEngagementBodySchema = z
  .object({
    theme: z.string().trim().min(1).max(100).optional(),
    desiredState: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((b) => b.theme !== undefined || b.desiredState !== undefined, 'Send theme or desiredState');
export type UpdateEngagementBody = z.infer<typeof UpdateEngagementBodySchema>;

/** POST /engagements/{id}/status with If-Match (the engagement's version). */
export const EngagementStatusBodySchema = z.object({ status: z.enum(engagementStatuses) }).strict();
export type EngagementStatusBody = z.infer<typeof EngagementStatusBodySchema>;

/** One action that keeps the roadmap from being agreed (also the `missing[]` of a 409 roadmap_incomplete). */
export const RoadmapGapSchema = z.object({
  /** The action; null for a plan on a goal or outcome node (then nodeId and planId name it). */
  actionId: UuidSchema.nullable(),
  nodeId: UuidSchema.optional(),
  planId: UuidSchema.optional(),
  /** The action's measure title, or the node's title with the plan's indicator. */
  title: z.string(),
  /** `roadmap_item`, `verification_plan`, or `plan.<part>` (indicator, baselineAsOf, baseline, targetValue, targetBy, timing, dataSource). */
  lacks: z.array(z.string()),
});
export type RoadmapGapItem = z.infer<typeof RoadmapGapSchema>;

/** GET /engagements/{id}/readiness: what the status control may offer. */
export const ReadinessSchema = z.object({
  status: z.enum(engagementStatuses),
  /** Statuses the engagement may move to next (by the transition table; roadmap_agreed still needs `ready`). */
  nextStatuses: z.array(z.enum(engagementStatuses)),
  /** Whether `roadmap_agreed` would pass the gate now. */
  ready: z.boolean(),
  missing: z.array(RoadmapGapSchema),
  version: z.number().int(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

/** POST /engagements/{id}/continuations: the next fiscal year's engagement in `programId`. */
export const ContinuationBodySchema = z.object({ programId: UuidSchema }).strict();
export type ContinuationBody = z.infer<typeof ContinuationBodySchema>;

/** GET /portfolio: one program, or the programs of one fiscal year, or (neither) every program the office administers. */
export const PortfolioQuerySchema = z
  .object({
    programId: UuidSchema.optional(),
    fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  })
  .strict();
export type PortfolioQuery = z.infer<typeof PortfolioQuerySchema>;

export const PortfolioItemSchema = z.object({
  engagementId: UuidSchema,
  programId: UuidSchema,
  fiscalYear: z.number().int(),
  municipality: MunicipalitySummarySchema,
  theme: z.string(),
  status: z.enum(engagementStatuses),
  /** Status is roadmap_agreed or later. */
  roadmapAgreed: z.boolean(),
  delayedMilestones: z.number().int(),
  /** Mean progress toward target (0 = baseline, 1 = target) over the plans that have measurements; null when none. */
  latestProgress: z.number().nullable(),
  /** Number of verification plans that contributed to latestProgress. */
  measuredPlans: z.number().int(),
  /** Latest audit entry of the engagement, or when it was last updated if it has none. */
  lastActivityAt: IsoDateTimeSchema,
  previousEngagementId: UuidSchema.nullable(),
});
export type PortfolioItem = z.infer<typeof PortfolioItemSchema>;

export const PortfolioSchema = z.object({ items: z.array(PortfolioItemSchema) });
export type Portfolio = z.infer<typeof PortfolioSchema>;
