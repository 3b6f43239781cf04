/** Contracts of applications and selection (希望制): municipalities apply, the program office selects. */
import { z } from 'zod';
import { indicatorDirections, municipalityCategories, regionTypes } from '../domain.js';
import { IsoDateTimeSchema, PersonRefSchema, ShortText, UuidSchema } from './common.js';

export const applicationStatuses = ['submitted', 'selected', 'declined', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const ProgramApplicationsParamsSchema = z.object({ programId: UuidSchema }).strict();
export const ApplicationParamsSchema = z.object({ programId: UuidSchema, applicationId: UuidSchema }).strict();

/** POST /programs/{programId}/applications: a municipal user applies for their own municipality. */
export const CreateApplicationBodySchema = z
  .object({
    theme: ShortText(100),
    /** 応募の動機: what the municipality wants to solve. */
    motivation: z.string().trim().min(1).max(5_000),
    contactName: ShortText(100),
    contactEmail: z.email().max(200),
    contactPhone: z.string().trim().max(40).optional(),
  })
  .strict();
export type CreateApplicationBody = z.infer<typeof CreateApplicationBodySchema>;

/** PATCH …/applications/{applicationId} with If-Match, while submitted: the applicant municipality edits or withdraws. */
export const UpdateApplicationBodySchema = z
  .object({
    theme: ShortText(100).optional(),
    motivation: z.string().trim().min(1).max(5_000).optional(),
    contactName: ShortText(100).optional(),
    contactEmail: z.email().max(200).optional(),
    contactPhone: z.string().trim().max(40).optional(),
    withdraw: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Send at least one field');
export type UpdateApplicationBody = z.infer<typeof UpdateApplicationBodySchema>;

/** POST …/applications/{applicationId}/selection with If-Match (program office). */
export const SelectApplicationBodySchema = z
  .object({
    /** The advisory team of the new engagement. */
    advisorIds: z.array(UuidSchema).min(1).max(10),
    /** 目指す姿, if already known. */
    desiredState: z.string().trim().max(1000).optional(),
    /** Select although another selected application has the same category (the program aims at one of each). */
    force: z.boolean().optional(),
    /**
     * When the municipality had an engagement the year before: copy its tree, open actions,
     * verification plans and team into the new one (default), or only link it.
     */
    carryOver: z.boolean().optional(),
  })
  .strict();
export type SelectApplicationBody = z.infer<typeof SelectApplicationBodySchema>;

export const ApplicationIndicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(indicatorDirections),
  period: z.string(),
  value: z.number(),
});

export const ApplicationSchema = z.object({
  id: UuidSchema,
  programId: UuidSchema,
  municipality: z.object({
    id: UuidSchema,
    code: z.string(),
    name: z.string(),
    category: z.enum(municipalityCategories),
    regionType: z.enum(regionTypes),
    population: z.number().int().nullable(),
    agingRate: z.number().nullable(),
    pop85Rate: z.number().nullable(),
  }),
  theme: z.string(),
  motivation: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  status: z.enum(applicationStatuses),
  applicant: PersonRefSchema,
  /** The municipality's engagement of the previous fiscal year, which a selection continues. */
  previousEngagement: z.object({ id: UuidSchema, fiscalYear: z.number().int(), theme: z.string() }).nullable(),
  /** The engagement created at selection. */
  engagementId: UuidSchema.nullable(),
  /** The municipality's latest value of each indicator, for the side-by-side comparison. */
  indicators: z.array(ApplicationIndicatorSchema),
  decidedAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type Application = z.infer<typeof ApplicationSchema>;

export const ApplicationListSchema = z.object({
  program: z.object({ id: UuidSchema, name: z.string(), fiscalYear: z.number().int() }),
  /** Whether the caller administers the program (sees every application, may select). */
  administered: z.boolean(),
  items: z.array(ApplicationSchema),
  /** Categories already taken by a selected application. */
  selectedCategories: z.array(z.enum(municipalityCategories)),
});
export type ApplicationList = z.infer<typeof ApplicationListSchema>;

export const SelectionResultSchema = z.object({
  application: ApplicationSchema,
  engagementId: UuidSchema,
  /** Set when `force` overrode a category already taken. */
  warning: z.string().nullable(),
});
export type SelectionResult = z.infer<typeof SelectionResultSchema>;

export const AdvisorCandidateSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  title: z.string().nullable(),
  organization: z.string().nullable(),
  /** Engagements of the program's organizer the person advises. */
  engagementCount: z.number().int(),
});
export const AdvisorCandidateListSchema = z.object({ items: z.array(AdvisorCandidateSchema) });
export type AdvisorCandidate = z.infer<typeof AdvisorCandidateSchema>;
