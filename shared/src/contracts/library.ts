/** Contracts of the case library (事例ライブラリ, 横展開): published reports other municipalities read. */
import { z } from 'zod';
import { municipalityCategories, regionTypes } from '../domain.js';
import { IsoDateTimeSchema, UuidSchema } from './common.js';
import { ReportFactsSchema, ReportNarrativesSchema } from './reports.js';

export const LibraryQuerySchema = z
  .object({
    /** Free text over municipality, theme, desired state, actions and tree. */
    q: z.string().trim().max(100).optional(),
    theme: z.string().trim().max(100).optional(),
    category: z.enum(municipalityCategories).optional(),
    regionType: z.enum(regionTypes).optional(),
    /** Indicator code (e.g. I05) used by a verification plan or among the key indicators. */
    indicator: z.string().trim().max(40).optional(),
    fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  })
  .strict();
export type LibraryQuery = z.infer<typeof LibraryQuerySchema>;

export const LibraryIndicatorSchema = z.object({ code: z.string(), name: z.string() });

export const LibraryCaseSummarySchema = z.object({
  reportId: UuidSchema,
  engagementId: UuidSchema,
  fiscalYear: z.number().int(),
  fiscalYearLabel: z.string(),
  versionNumber: z.number().int(),
  title: z.string(),
  theme: z.string(),
  desiredState: z.string(),
  municipality: z.object({
    name: z.string(),
    category: z.enum(municipalityCategories),
    regionType: z.enum(regionTypes),
    population: z.number().int().nullable(),
    agingRate: z.number().nullable(),
  }),
  publishedAt: IsoDateTimeSchema,
  actionCount: z.number().int(),
  actionTitles: z.array(z.string()),
  indicators: z.array(LibraryIndicatorSchema),
  /** Mean progress toward target over the measured plans, or null. */
  progress: z.number().nullable(),
});
export type LibraryCaseSummary = z.infer<typeof LibraryCaseSummarySchema>;

export const LibraryListSchema = z.object({
  items: z.array(LibraryCaseSummarySchema),
  facets: z.object({ themes: z.array(z.string()), indicators: z.array(LibraryIndicatorSchema), fiscalYears: z.array(z.number().int()) }),
});
export type LibraryList = z.infer<typeof LibraryListSchema>;

export const LibraryCaseSchema = z.object({
  reportId: UuidSchema,
  engagementId: UuidSchema,
  fiscalYear: z.number().int(),
  versionNumber: z.number().int(),
  title: z.string(),
  publishedAt: IsoDateTimeSchema,
  facts: ReportFactsSchema,
  narratives: ReportNarrativesSchema,
  /** Every published version of this report, newest first. */
  versions: z.array(z.object({ reportId: UuidSchema, versionNumber: z.number().int(), publishedAt: IsoDateTimeSchema })),
});
export type LibraryCase = z.infer<typeof LibraryCaseSchema>;

export const LibraryParamsSchema = z.object({ reportId: UuidSchema }).strict();
