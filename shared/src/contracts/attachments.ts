import { z } from 'zod';
import { IsoDateTimeSchema, PersonRefSchema, UuidSchema } from './common.js';

/** What a file hangs on: a visit (事前資料), a finding, homework (its result), a report, or a program (参考資料). */
export const attachmentParentTypes = ['visit', 'finding', 'homework', 'report', 'program', 'event'] as const;
export const AttachmentParentTypeSchema = z.enum(attachmentParentTypes);
export type AttachmentParentType = z.infer<typeof AttachmentParentTypeSchema>;

export const AttachmentSchema = z.object({
  id: UuidSchema,
  parentType: AttachmentParentTypeSchema,
  parentId: UuidSchema,
  engagementId: UuidSchema.nullable(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: z.string(),
  /** Observers of the engagement see it (when they may read its parent). Reference materials are read by the whole jurisdiction. */
  shareable: z.boolean(),
  /** Null for observers (they see roles, not names) and when the account is gone. */
  uploadedBy: PersonRefSchema,
  createdAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const AttachmentListSchema = z.object({ items: z.array(AttachmentSchema) });
export type AttachmentList = z.infer<typeof AttachmentListSchema>;

export const AttachmentParamsSchema = z.object({ id: UuidSchema, attachmentId: UuidSchema }).strict();
export const VisitAttachmentParamsSchema = z.object({ id: UuidSchema, visitId: UuidSchema }).strict();
export const FindingAttachmentParamsSchema = z.object({ id: UuidSchema, findingId: UuidSchema }).strict();
export const HomeworkAttachmentParamsSchema = z.object({ id: UuidSchema, homeworkId: UuidSchema }).strict();
export const ReportAttachmentParamsSchema = z.object({ id: UuidSchema, reportId: UuidSchema }).strict();
export const ProgramMaterialsParamsSchema = z.object({ programId: UuidSchema }).strict();
export const ProgramMaterialParamsSchema = z.object({ programId: UuidSchema, materialId: UuidSchema }).strict();

const BoolString = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Upload options travel in the query; the body is multipart/form-data with one `file` part. */
export const UploadAttachmentQuerySchema = z.object({ shareable: BoolString.default(false) }).strict();

export const UpdateAttachmentBodySchema = z
  .object({ shareable: z.boolean().optional(), name: z.string().trim().min(1).max(120).optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateAttachmentBody = z.infer<typeof UpdateAttachmentBodySchema>;

/** PATCH a reference material: its title (the file name shown), by the program office; If-Match. */
export const UpdateReferenceMaterialBodySchema = z.object({ name: z.string().trim().min(1).max(120) }).strict();
export type UpdateReferenceMaterialBody = z.infer<typeof UpdateReferenceMaterialBodySchema>;
