import { z } from 'zod';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: IsoDateTimeSchema,
  actor: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  /** e.g. engagement, visit, finding, homework, member, observer_grant, pdca_review, action, tree … */
  entity: z.string(),
  entityId: z.string(),
  /** e.g. create, update, delete, status, revoke, continue */
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Newest first; pass `nextBefore` as `before` for the next page (null on the last page). */
export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() });
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AuditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Entries older than this entry id. */
    before: z.coerce.number().int().min(1).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
