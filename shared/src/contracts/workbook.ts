import { z } from 'zod';

/*
 * The engagement workbook round trip (issue 17.1): the xlsx export carries hidden ids and versions,
 * a municipal member edits it offline and uploads it; the preview lists what would change, the
 * apply writes what the user confirmed (tree titles as one revision, the rest in the same transaction).
 */

/** The format the export writes into its hidden `_banso` sheet; an upload of another format is refused. */
export const WORKBOOK_FORMAT = 'banso-engagement-workbook/1';

/** The editable sheets, by a key that does not depend on the workbook's language. */
export const workbookSheetKeys = ['tree', 'actions', 'roadmap', 'plans', 'measurements'] as const;
export type WorkbookSheetKey = (typeof workbookSheetKeys)[number];

/** What a row of each sheet is in Bansō. */
export const workbookEntities = ['node', 'action', 'milestone', 'plan', 'measurement'] as const;
export type WorkbookEntity = (typeof workbookEntities)[number];

const cellValue = z.union([z.string(), z.number(), z.null()]);

const place = {
  sheet: z.enum(workbookSheetKeys),
  /** The sheet's name in the file (ロジックツリー, 測定値, …). */
  sheetName: z.string(),
  row: z.number().int(),
  entity: z.enum(workbookEntities),
  /** The record's id, null for a row the workbook adds. */
  id: z.string().nullable(),
  /** A label of the row for people: the node's or the action's title, the indicator and period. */
  label: z.string(),
  /** Whether the caller's role may make this change (policy table); apply refuses the file otherwise. */
  allowed: z.boolean(),
};

export const WorkbookChangeSchema = z.object({
  ...place,
  field: z.string(),
  /** The column's letter and header (D, 項目). */
  column: z.string(),
  header: z.string(),
  from: cellValue,
  to: cellValue,
});
export type WorkbookChange = z.infer<typeof WorkbookChangeSchema>;

export const WorkbookConflictSchema = WorkbookChangeSchema.omit({ from: true, to: true }).extend({
  /** The choice's key for apply (`take`): `sheet!A1`. */
  key: z.string(),
  exported: cellValue,
  current: cellValue,
  uploaded: cellValue,
});
export type WorkbookConflict = z.infer<typeof WorkbookConflictSchema>;

export const WorkbookRowChangeSchema = z.object({
  ...place,
  values: z.record(z.string(), cellValue),
  /** Whether apply writes it (added and removed rows are written for measurements only). */
  applied: z.boolean(),
});
export type WorkbookRowChange = z.infer<typeof WorkbookRowChangeSchema>;

/** A row the import does not write: it was deleted in Bansō since the export. */
export const WorkbookNoteSchema = z.object({
  sheet: z.enum(workbookSheetKeys),
  sheetName: z.string(),
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.enum(['gone_in_banso']),
  message: z.string(),
});

export const WorkbookPreviewSchema = z.object({
  engagementId: z.string(),
  exportedAt: z.string(),
  /** The tree revision the workbook was exported at, and the tree's revision now. */
  exportedRevision: z.number().int(),
  treeRevision: z.number().int(),
  /** The preview's ETag: send it back as If-Match to apply; 412 when the engagement changed in a way that affects it. */
  digest: z.string(),
  changed: z.array(WorkbookChangeSchema),
  added: z.array(WorkbookRowChangeSchema),
  removed: z.array(WorkbookRowChangeSchema),
  conflicts: z.array(WorkbookConflictSchema),
  notes: z.array(WorkbookNoteSchema),
  unchanged: z.number().int(),
});
export type WorkbookPreview = z.infer<typeof WorkbookPreviewSchema>;

/** Conflict keys (`tree!D5`) whose workbook value the user takes, separated by commas; any other conflict keeps Bansō's value. */
export const WorkbookApplyQuerySchema = z
  .object({
    take: z
      .string()
      .max(100_000)
      .regex(/^(?:[a-z]+![A-Z]{1,3}[0-9]{1,7}(?:,|$))*$/, 'sheet!A1 keys separated by commas')
      .optional(),
  })
  .strict();
export type WorkbookApplyQuery = z.infer<typeof WorkbookApplyQuerySchema>;

export const WorkbookApplyResultSchema = z.object({
  /** The tree's revision after the apply (a new one when titles changed). */
  treeRevision: z.number().int(),
  changed: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  /** Conflicts written with the workbook's value, and those that kept Bansō's. */
  taken: z.number().int(),
  kept: z.number().int(),
});
export type WorkbookApplyResult = z.infer<typeof WorkbookApplyResultSchema>;
