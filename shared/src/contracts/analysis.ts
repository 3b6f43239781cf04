/** 地域分析: indicator figures brought in from files, and an engagement's municipality beside the others. */
import { z } from 'zod';
import { grantKinds, indicatorDirections, indicatorFigureKinds, indicatorLevels } from '../domain.js';
import { UuidSchema } from './common.js';

export const indicatorImportReasons = [
  'unknown_area',
  'unknown_indicator',
  'bad_period',
  'not_a_number',
  'out_of_range',
  'duplicate',
] as const;

/**
 * The header of Bansō's own indicator template (one value a row), as api/src/modules/indicators/indicator-file.ts
 * reads it, and a sample row: 全国 (code 00) in fiscal year 2024. The web offers it as a CSV to download.
 */
export const indicatorTemplateColumns = ['団体コード', '団体名', '指標コード', '期間', '値'] as const;
export const indicatorTemplateSample = ['00', '全国', 'A01', 'FY2024', '6.8'] as const;

/** One bad cell of an indicator file: its row (header = 1), the column, and why. */
export const IndicatorImportRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  areaCode: z.string().nullable(),
  reason: z.enum(indicatorImportReasons),
  message: z.string(),
});
export type IndicatorImportRowError = z.infer<typeof IndicatorImportRowErrorSchema>;

/** ?indicator=CODE names the indicator of a 見える化 table (one indicator per file); Bansō's template names it on each row. */
export const IndicatorImportQuerySchema = z.object({ indicator: z.string().min(1).max(40).optional() }).strict();
export type IndicatorImportQuery = z.infer<typeof IndicatorImportQuerySchema>;

export const IndicatorImportPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'shift_jis']).nullable(),
  /** `template`: Bansō's own (団体コード, 指標コード, 期間, 値); `mieruka`: areas as rows, periods as columns. */
  layout: z.enum(['template', 'mieruka']),
  /** Values read (a blank cell is no value). */
  values: z.number().int(),
  errors: z.array(IndicatorImportRowErrorSchema),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
});
export type IndicatorImportPreview = z.infer<typeof IndicatorImportPreviewSchema>;

export const IndicatorImportResultSchema = z.object({
  values: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type IndicatorImportResult = z.infer<typeof IndicatorImportResultSchema>;

/**
 * PUT /indicator-values: the program office enters one figure of a municipality (or of 全国 / a
 * prefecture). The period is read like a file's (R6, 令和6年度, 2024-07) and must be of the
 * indicator's period kind; the value must be inside its range. Upserts by (area, indicator, period).
 */
export const IndicatorValueEntrySchema = z
  .object({
    indicatorId: UuidSchema,
    municipalityId: UuidSchema.optional(),
    referenceAreaId: UuidSchema.optional(),
    period: z.string().trim().min(1).max(20),
    value: z.number().finite(),
  })
  .strict()
  .refine((b) => (b.municipalityId === undefined) !== (b.referenceAreaId === undefined), {
    message: 'Name exactly one area: municipalityId or referenceAreaId',
    path: ['municipalityId'],
  });
export type IndicatorValueEntry = z.infer<typeof IndicatorValueEntrySchema>;

export const IndicatorValueEntryResultSchema = z.object({
  id: UuidSchema,
  indicatorId: UuidSchema,
  municipalityId: UuidSchema.nullable(),
  referenceAreaId: UuidSchema.nullable(),
  /** The canonical period key (FY2024, 2024-07, 2024-07-10). */
  period: z.string(),
  value: z.number(),
  /** null when it created the figure; the value it replaced otherwise. */
  previous: z.number().nullable(),
});
export type IndicatorValueEntryResult = z.infer<typeof IndicatorValueEntryResultSchema>;

export const AnalysisPointSchema = z.object({ period: z.string(), value: z.number() });

export const AnalysisSeriesSchema = z.object({
  /** The municipality's own values; reference lines beside them. */
  own: z.array(AnalysisPointSchema),
  national: z.array(AnalysisPointSchema),
  prefecture: z.array(AnalysisPointSchema),
  /** Mean of the jurisdiction's municipalities of the same category and region type (the municipality itself excluded). */
  similarMean: z.array(AnalysisPointSchema.extend({ n: z.number().int() })),
  neighbours: z.array(z.object({ municipalityId: UuidSchema, name: z.string(), points: z.array(AnalysisPointSchema) })),
});

export const AnalysisIndicatorSchema = z.object({
  indicator: z.object({
    id: UuidSchema,
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    direction: z.enum(indicatorDirections),
    level: z.enum(indicatorLevels),
    theme: z.string(),
    figureKind: z.enum(indicatorFigureKinds),
    decimals: z.number().int(),
    source: z.string(),
  }),
  series: AnalysisSeriesSchema,
  /** The latest period the municipality has a value of: its rank among the jurisdiction's municipalities (1 = best for the direction). */
  ranking: z.object({ period: z.string(), rank: z.number().int(), of: z.number().int() }).nullable(),
  /** Ids of the municipality's own values by period, to attach one as evidence. */
  valueIds: z.record(z.string(), UuidSchema),
});
export type AnalysisIndicator = z.infer<typeof AnalysisIndicatorSchema>;

export const GrantScoreSchema = z.object({
  /** The stored score's id: what a tree node's evidence points at. */
  id: UuidSchema,
  fiscalYear: z.number().int(),
  grant: z.enum(grantKinds),
  /** The evaluation area's code and name, as the file gave them (the areas are data, not code). */
  areaCode: z.string(),
  area: z.string(),
  position: z.number().int(),
  score: z.number(),
  maxScore: z.number(),
  nationalAverage: z.number().nullable(),
  prefectureAverage: z.number().nullable(),
  source: z.string(),
});
export type GrantScore = z.infer<typeof GrantScoreSchema>;

export const EngagementAnalysisSchema = z.object({
  municipality: z.object({ id: UuidSchema, code: z.string(), name: z.string(), category: z.string(), regionType: z.string() }),
  prefecture: z.object({ code: z.string(), name: z.string() }).nullable(),
  similar: z.array(z.object({ id: UuidSchema, name: z.string() })),
  indicators: z.array(AnalysisIndicatorSchema),
  grants: z.array(GrantScoreSchema),
});
export type EngagementAnalysis = z.infer<typeof EngagementAnalysisSchema>;

// ── 交付金 import ──

export const grantImportReasons = [
  'unknown_area',
  'outside_jurisdiction',
  'unknown_grant',
  'bad_fiscal_year',
  'missing_area',
  'not_a_number',
  'out_of_range',
  'inconsistent_area',
  'duplicate',
] as const;

/**
 * The header of the 交付金 file (one evaluation area of one municipality, grant and fiscal year a
 * row), as api/src/modules/indicators/grant-import.service.ts reads it, and a sample row. 交付金 is
 * 推進 / 支援 (or the grant's full name, or promotion / support); 年度 as people write it (令和6年度,
 * R6, 2024). The areas — code, name, 配点 — are data of the file: they change between years.
 */
export const grantTemplateColumns = [
  '団体コード',
  '団体名',
  '交付金',
  '年度',
  '分野コード',
  '分野',
  '配点',
  '得点',
  '全国平均',
  '都道府県平均',
] as const;
export const grantTemplateSample = [
  '131016',
  'みどり区',
  '推進',
  '令和6年度',
  '1',
  '目標Ⅰ 持続可能な地域のあるべき姿をかたちにする',
  '400',
  '268',
  '248',
  '252',
] as const;

export const GrantImportRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  areaCode: z.string().nullable(),
  reason: z.enum(grantImportReasons),
  message: z.string(),
});
export type GrantImportRowError = z.infer<typeof GrantImportRowErrorSchema>;

export const GrantImportPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'shift_jis']).nullable(),
  /** Scores read (one a row). */
  scores: z.number().int(),
  errors: z.array(GrantImportRowErrorSchema),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
});
export type GrantImportPreview = z.infer<typeof GrantImportPreviewSchema>;

export const GrantImportResultSchema = z.object({
  scores: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type GrantImportResult = z.infer<typeof GrantImportResultSchema>;
