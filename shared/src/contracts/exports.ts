/** Contracts of export jobs (PDF / Excel / PowerPoint), run by the export worker. */
import { z } from 'zod';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

export const exportFormats = ['pdf', 'xlsx', 'pptx'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type ExportStatus = (typeof exportStatuses)[number];

/** POST /engagements/{id}/exports: pdf needs the report; xlsx and pptx are of the engagement. */
export const CreateExportBodySchema = z
  .object({
    format: z.enum(exportFormats),
    reportId: UuidSchema.optional(),
  })
  .strict()
  .refine((b) => b.format !== 'pdf' || b.reportId !== undefined, { message: 'A PDF export needs reportId', path: ['reportId'] });
export type CreateExportBody = z.infer<typeof CreateExportBodySchema>;

export const ExportJobSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  reportId: UuidSchema.nullable(),
  format: z.enum(exportFormats),
  status: z.enum(exportStatuses),
  /** 0–100 */
  progress: z.number().int(),
  error: z.string().nullable(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  createdAt: IsoDateTimeSchema,
  startedAt: IsoDateTimeSchema.nullable(),
  finishedAt: IsoDateTimeSchema.nullable(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

export const ExportJobParamsSchema = z.object({ id: UuidSchema, jobId: UuidSchema }).strict();
