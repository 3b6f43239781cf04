import { z } from 'zod';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

export const mailStatuses = ['outbox', 'sent', 'failed'] as const;
export type MailStatus = (typeof mailStatuses)[number];

export const MailMessageSchema = z.object({
  id: UuidSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  programId: UuidSchema.nullable(),
  status: z.enum(mailStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  sentAt: IsoDateTimeSchema.nullable(),
});
export type MailMessage = z.infer<typeof MailMessageSchema>;

export const MailOutboxQuerySchema = z
  .object({
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    status: z.enum(mailStatuses).optional(),
  })
  .strict();
export type MailOutboxQuery = z.infer<typeof MailOutboxQuerySchema>;

/** Newest first; `nextCursor` is null on the last page. */
export const MailOutboxPageSchema = z.object({ items: z.array(MailMessageSchema), nextCursor: z.string().nullable() });
export type MailOutboxPage = z.infer<typeof MailOutboxPageSchema>;
