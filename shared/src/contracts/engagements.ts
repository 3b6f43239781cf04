import { z } from 'zod';
import { engagementRoles, engagementStatuses, municipalityCategories, regionTypes } from '../domain.js';
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

export const EngagementDetailSchema = EngagementSummarySchema.extend({
  program: z.object({
    id: UuidSchema,
    name: z.string(),
    fiscalYear: z.number().int(),
    visitWindows: z.array(z.object({ seq: z.number().int(), start: z.string(), end: z.string(), purpose: z.string() })),
    reportMeeting: z.string().nullable(),
  }),
});
export type EngagementDetail = z.infer<typeof EngagementDetailSchema>;
