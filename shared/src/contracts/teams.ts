import { z } from 'zod';
import { observerScopes } from '../domain.js';
import { IsoDateSchema, IsoDateTimeSchema, UuidSchema } from './common.js';

export const memberRoles = ['advisor', 'municipal_member'] as const;
export type MemberRole = (typeof memberRoles)[number];

/**
 * The role a person holds on an engagement's team (issue 13 item 5). Stored on the membership;
 * the policy table knows only the policy role each maps to (`policyRoleOfTeamRole`).
 * - lead_advisor: 主任アドバイザー
 * - advisor: 外部有識者, or staff of an advanced municipality (who keeps their own municipality)
 * - organizer_staff: prefecture / bureau staff of the 実施主体 on the team
 * - secretariat: 事務局, the contractor's staff
 * - municipal_member: staff of the supported municipality
 */
export const teamRoles = ['lead_advisor', 'advisor', 'organizer_staff', 'secretariat', 'municipal_member'] as const;
export type TeamRole = (typeof teamRoles)[number];

/** The policy role each team role acts as: the first four as `advisor`, the municipal member as `municipal_member`. */
export const policyRoleOfTeamRole: Record<TeamRole, MemberRole> = {
  lead_advisor: 'advisor',
  advisor: 'advisor',
  organizer_staff: 'advisor',
  secretariat: 'advisor',
  municipal_member: 'municipal_member',
};

/**
 * Which team roles a user may take on an engagement: staff of the engagement's municipality are its
 * municipal members; staff of another municipality may advise (an advanced municipality's staff keep
 * their own municipality); people outside any municipality take any advising role.
 */
export function allowedTeamRoles(user: { municipalityId: string | null }, engagementMunicipalityId: string): TeamRole[] {
  if (user.municipalityId === null) return ['lead_advisor', 'advisor', 'organizer_staff', 'secretariat'];
  if (user.municipalityId === engagementMunicipalityId) return ['municipal_member'];
  return ['lead_advisor', 'advisor'];
}

export const MemberSchema = z.object({
  userId: UuidSchema,
  name: z.string(),
  email: z.string(),
  organization: z.string().nullable(),
  /** The policy role (what the member may do), derived from teamRole. */
  role: z.enum(memberRoles),
  teamRole: z.enum(teamRoles),
  /** Title in this engagement, e.g. 主任アドバイザー, 事務局, 高齢福祉課 係長. */
  title: z.string().nullable(),
  /** Optimistic-concurrency version of the membership (If-Match on PATCH). */
  version: z.number().int(),
  createdAt: IsoDateTimeSchema,
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberListSchema = z.object({ items: z.array(MemberSchema) });

/** ?cursor=&limit= for lists that grow (member candidates, observer grants); the cursor is the last item's id. */
export const TeamPageQuerySchema = z
  .object({
    cursor: UuidSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type TeamPageQuery = z.infer<typeof TeamPageQuerySchema>;
export type MemberList = z.infer<typeof MemberListSchema>;

/**
 * POST /engagements/{id}/members. A municipal member must work for the engagement's municipality.
 * `teamRole` is the team role; `role` (advisor / municipal_member), the older form, stands for the
 * team role of the same name when teamRole is absent.
 */
export const AddMemberBodySchema = z
  .object({
    userId: UuidSchema,
    teamRole: z.enum(teamRoles).optional(),
    role: z.enum(memberRoles).optional(),
    title: z.string().trim().max(100).nullable().optional(),
  })
  .strict()
  .refine((b) => b.teamRole !== undefined || b.role !== undefined, { message: 'Send teamRole', path: ['teamRole'] });
export type AddMemberBody = z.infer<typeof AddMemberBodySchema>;

/** PATCH /engagements/{id}/members/{userId} with If-Match: the team role and title. */
export const UpdateMemberBodySchema = z
  .object({
    teamRole: z.enum(teamRoles).optional(),
    title: z.string().trim().max(100).nullable().optional(),
  })
  .strict()
  .refine((b) => b.teamRole !== undefined || b.title !== undefined, { message: 'Send teamRole or title', path: ['teamRole'] });
export type UpdateMemberBody = z.infer<typeof UpdateMemberBodySchema>;

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
  /** Team roles this user may take here (see allowedTeamRoles). */
  allowedTeamRoles: z.array(z.enum(teamRoles)),
  /** Invited but not signed in yet. */
  pending: z.boolean(),
});
export type MemberCandidate = z.infer<typeof MemberCandidateSchema>;
export const MemberCandidateListSchema = z.object({ items: z.array(MemberCandidateSchema), nextCursor: z.string().nullable() });

export const observerGrantStates = ['active', 'expired', 'revoked'] as const;
export type ObserverGrantState = (typeof observerGrantStates)[number];

export const ObserverGrantSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  municipality: z.object({ id: UuidSchema, code: z.string(), name: z.string() }),
  scope: z.enum(observerScopes),
  validUntil: IsoDateSchema,
  revokedAt: IsoDateTimeSchema.nullable(),
  /** Not revoked and not expired today. */
  active: z.boolean(),
  /** active, expired (past validUntil, never revoked) or revoked. */
  state: z.enum(observerGrantStates),
  grantedBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  createdAt: IsoDateTimeSchema,
});
export type ObserverGrant = z.infer<typeof ObserverGrantSchema>;

export const ObserverGrantListSchema = z.object({ items: z.array(ObserverGrantSchema), nextCursor: z.string().nullable() });
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
