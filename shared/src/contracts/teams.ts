import { z } from 'zod';
import { observerScopes } from '../domain.js';
import { IsoDateSchema, IsoDateTimeSchema, UuidSchema } from './common.js';

export const memberRoles = ['advisor', 'municipal_member'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const MemberSchema = z.object({
  userId: UuidSchema,
  name: z.string(),
  email: z.string(),
  organization: z.string().nullable(),
  role: z.enum(memberRoles),
  /** Title in this engagement, e.g. 主任アドバイザー, 事務局, 高齢福祉課 係長. */
  title: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberListSchema = z.object({ items: z.array(MemberSchema) });
export type MemberList = z.infer<typeof MemberListSchema>;

/** POST /engagements/{id}/members. A municipal member must work for the engagement's municipality. */
export const AddMemberBodySchema = z
  .object({
    userId: UuidSchema,
    role: z.enum(memberRoles),
    title: z.string().trim().max(100).nullable().optional(),
  })
  .strict();
export type AddMemberBody = z.infer<typeof AddMemberBodySchema>;

export const MemberParamsSchema = z.object({ id: UuidSchema, userId: UuidSchema }).strict();

/** Users who could be added to the team (active, not yet members), for the program office's picker. */
export const MemberCandidateSchema = z.object({
  userId: UuidSchema,
  name: z.string(),
  email: z.string(),
  organization: z.string().nullable(),
  municipality: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  /** Roles this user may take here: municipal staff of the engagement's municipality may be members. */
  allowedRoles: z.array(z.enum(memberRoles)),
});
export type MemberCandidate = z.infer<typeof MemberCandidateSchema>;
export const MemberCandidateListSchema = z.object({ items: z.array(MemberCandidateSchema) });

export const ObserverGrantSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  municipality: z.object({ id: UuidSchema, code: z.string(), name: z.string() }),
  scope: z.enum(observerScopes),
  validUntil: IsoDateSchema,
  revokedAt: IsoDateTimeSchema.nullable(),
  /** Not revoked and not expired today. */
  active: z.boolean(),
  grantedBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  createdAt: IsoDateTimeSchema,
});
export type ObserverGrant = z.infer<typeof ObserverGrantSchema>;

export const ObserverGrantListSchema = z.object({ items: z.array(ObserverGrantSchema) });
export type ObserverGrantList = z.infer<typeof ObserverGrantListSchema>;

export const CreateObserverGrantBodySchema = z
  .object({
    municipalityId: UuidSchema,
    scope: z.enum(observerScopes).default('process'),
    validUntil: IsoDateSchema,
  })
  .strict();
export type CreateObserverGrantBody = z.infer<typeof CreateObserverGrantBodySchema>;

export const GrantParamsSchema = z.object({ id: UuidSchema, grantId: UuidSchema }).strict();
