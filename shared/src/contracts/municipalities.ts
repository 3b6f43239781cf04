import { z } from 'zod';

/** Why a row of a municipality master file is refused. */
export const municipalityImportReasons = [
  'missing_code',
  'not_six_digits',
  'bad_check_digit',
  'duplicate_code',
  'missing_name',
  'not_a_number',
  'out_of_range',
  'unknown_category',
  'unknown_region_type',
] as const;
export type MunicipalityImportReason = (typeof municipalityImportReasons)[number];

export const MunicipalityImportRowErrorSchema = z.object({
  /** The row as a spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  /** The column's header as written in the file (e.g. 団体コード). */
  column: z.string(),
  field: z.enum(['code', 'prefecture', 'name', 'prefectureKana', 'nameKana', 'category', 'regionType', 'population', 'agingRate']),
  /** The code on that row, when it has one. */
  code: z.string().nullable(),
  reason: z.enum(municipalityImportReasons),
  message: z.string(),
});
export type MunicipalityImportRowError = z.infer<typeof MunicipalityImportRowErrorSchema>;

/** ?jurisdiction=add (default): the file's municipalities join the importing office's jurisdiction; keep: the master only. */
export const MunicipalityImportQuerySchema = z.object({ jurisdiction: z.enum(['add', 'keep']).default('add') }).strict();
export type MunicipalityImportQuery = z.infer<typeof MunicipalityImportQuerySchema>;

export const MunicipalityImportPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  /** CSV only: how the bytes were read. */
  encoding: z.enum(['utf-8', 'shift_jis']).nullable(),
  /** Data rows read (blank rows and prefecture rows not counted). */
  rows: z.number().int(),
  /** Prefecture rows of the official list (code ending in 000x, no municipality name), skipped. */
  skipped: z.number().int(),
  valid: z.number().int(),
  errors: z.array(MunicipalityImportRowErrorSchema),
  /** What applying the file would do, by code. */
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  /** Municipalities of the file not yet in the importing organizer's jurisdiction (added on apply unless jurisdiction=keep). */
  jurisdictionAdd: z.number().int(),
});
export type MunicipalityImportPreview = z.infer<typeof MunicipalityImportPreviewSchema>;

export const MunicipalityImportResultSchema = z.object({
  rows: z.number().int(),
  skipped: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** How many municipalities joined the organizer's jurisdiction. */
  addedToJurisdiction: z.number().int(),
});
export type MunicipalityImportResult = z.infer<typeof MunicipalityImportResultSchema>;
