/** Contracts of the case library (事例ライブラリ, 横展開): published reports other municipalities read. */
import { z } from 'zod';
import { municipalityCategories, regionTypes } from '../domain.js';
import { IsoDateTimeSchema, UuidSchema } from './common.js';
import { insurerKinds } from './organizers.js';
import { ReportFactsSchema, ReportNarrativesSchema } from './reports.js';

/** Population bands of the library's filter (人口規模), each [min, max) inhabitants. */
export const populationBands = ['under_10k', '10k_50k', '50k_100k', '100k_300k', '300k_plus'] as const;
export type PopulationBand = (typeof populationBands)[number];
export const populationBandRanges = {
  under_10k: [0, 10_000],
  '10k_50k': [10_000, 50_000],
  '50k_100k': [50_000, 100_000],
  '100k_300k': [100_000, 300_000],
  '300k_plus': [300_000, null],
} as const satisfies Record<PopulationBand, readonly [number, number | null]>;

/** Aging-rate bands (高齢化率, %), each [min, max). */
export const agingBands = ['under_25', '25_30', '30_35', '35_40', '40_plus'] as const;
export type AgingBand = (typeof agingBands)[number];
export const agingBandRanges = {
  under_25: [0, 25],
  '25_30': [25, 30],
  '30_35': [30, 35],
  '35_40': [35, 40],
  '40_plus': [40, null],
} as const satisfies Record<AgingBand, readonly [number, number | null]>;

/** The insurer (保険者) of the case's municipality: itself, or a 広域連合 / 一部事務組合 covering it. */
export const insurerTypes = ['single', ...insurerKinds] as const;
export type InsurerType = (typeof insurerTypes)[number];

/**
 * Orders of the library: by relevance to the text (ts_rank; newest without text), newest published
 * first, or similar to the reader's municipality (same category and region type first, then the
 * nearest population and aging rate).
 */
export const librarySorts = ['relevance', 'newest', 'similar'] as const;
export type LibrarySort = (typeof librarySorts)[number];

export const LibraryQuerySchema = z
  .object({
    /** Full text (Japanese bigrams) over title, municipality, theme, desired state, tree nodes, actions and narratives. */
    q: z.string().trim().max(100).optional(),
    theme: z.string().trim().max(100).optional(),
    category: z.enum(municipalityCategories).optional(),
    regionType: z.enum(regionTypes).optional(),
    /** Indicator code (e.g. I05) used by a verification plan or among the key indicators. */
    indicator: z.string().trim().max(40).optional(),
    fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
    populationBand: z.enum(populationBands).optional(),
    agingBand: z.enum(agingBands).optional(),
    insurerType: z.enum(insurerTypes).optional(),
    sort: z.enum(librarySorts).optional(),
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(50).optional(),
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
  /** With a text query: a window of the report's text around the first match, and where the terms are in it. */
  snippet: z.object({ text: z.string(), highlights: z.array(z.object({ start: z.number().int(), length: z.number().int() })) }).nullable(),
});
export type LibraryCaseSummary = z.infer<typeof LibraryCaseSummarySchema>;

export const LibraryListSchema = z.object({
  items: z.array(LibraryCaseSummarySchema),
  /** The next page's cursor (same query, `cursor=`), null on the last page. */
  nextCursor: z.string().nullable(),
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

// ── 事例を使う: a published tree or sub-tree adopted into one's own engagement ─────────────────────

/**
 * POST /engagements/{id}/tree/adoptions with `If-Match: "<tree revision>"`: copies the published
 * node `sourceNodeId` of report `reportId` and everything under it under `parentId` of this tree
 * (null: as the root, into an empty tree), as hypotheses, in one revision. The source's actions come
 * as candidate measures (取組案) carrying what the source did.
 */
export const AdoptCaseBodySchema = z.object({ reportId: UuidSchema, sourceNodeId: UuidSchema, parentId: UuidSchema.nullable() }).strict();
export type AdoptCaseBody = z.infer<typeof AdoptCaseBodySchema>;

/** Where an adopted node came from: the published case (report version) and the node in it. */
export const TreeNodeSourceSchema = z.object({
  nodeId: UuidSchema,
  reportId: UuidSchema,
  sourceEngagementId: UuidSchema,
  sourceNodeId: UuidSchema,
  sourceNodeTitle: z.string(),
  municipalityName: z.string(),
  reportTitle: z.string(),
  fiscalYear: z.number().int(),
  adoptedAt: IsoDateTimeSchema,
});
export type TreeNodeSource = z.infer<typeof TreeNodeSourceSchema>;

/** GET /engagements/{id}/tree/sources: the source of every adopted node of the tree. */
export const TreeNodeSourceListSchema = z.object({ items: z.array(TreeNodeSourceSchema) });
export type TreeNodeSourceList = z.infer<typeof TreeNodeSourceListSchema>;
