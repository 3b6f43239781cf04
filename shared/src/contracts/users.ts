import { z } from 'zod';
import { IsoDateTimeSchema, ShortText, UuidSchema } from './common.js';

/** Passwords: at least this many characters, and rated "safely unguessable" (zxcvbn score ≥ 3) by the server. */
export const PASSWORD_MIN_LENGTH = 12;
export const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(200);

/** Where an invited person works: the program office itself, an advisor organization, or a municipality. */
export const organizationKinds = ['program_office', 'advisor_organization', 'municipality'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const userStatuses = ['pending', 'active', 'deactivated'] as const;
export type UserStatus = (typeof userStatuses)[number];

export const InvitationBodySchema = z
  .object({
    email: z.email().max(254),
    name: ShortText(100),
    title: z.string().trim().max(100).optional(),
    organizationKind: z.enum(organizationKinds),
    /** The organization's name (an advisor organization's; for the others it defaults to the office's or municipality's). */
    organization: z.string().trim().max(200).optional(),
    /** Required for organizationKind municipality. */
    municipalityId: UuidSchema.optional(),
  })
  .strict();
export type InvitationBody = z.infer<typeof InvitationBodySchema>;

export const TokenParamsSchema = z.object({ token: z.string().min(16).max(100) }).strict();
export const UserIdParamsSchema = z.object({ userId: UuidSchema }).strict();

export const tokenKinds = ['invitation', 'reset'] as const;
export type TokenKind = (typeof tokenKinds)[number];

/** What a one-time link says before it is used: who it is for and whether it still works. */
export const InvitationSchema = z.object({
  kind: z.enum(tokenKinds),
  email: z.string(),
  name: z.string(),
  organization: z.string().nullable(),
  expiresAt: IsoDateTimeSchema,
  status: z.enum(['valid', 'used', 'expired']),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const AcceptInvitationBodySchema = z
  .object({
    password: PasswordSchema,
    /** A reset link of an account with two-factor sign-in on also needs a current code or a recovery code (401 totp_required without). */
    code: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBodySchema>;

export const ChangePasswordBodySchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: PasswordSchema }).strict();
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

export const UserSummarySchema = z.object({
  id: UuidSchema,
  email: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  organization: z.string().nullable(),
  organizationKind: z.enum(organizationKinds),
  municipality: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  status: z.enum(userStatuses),
  /** Engagement memberships: the municipality of each engagement and the role held. */
  memberships: z.array(z.object({ engagementId: UuidSchema, municipalityName: z.string(), role: z.string() })),
  lastSignInAt: IsoDateTimeSchema.nullable(),
  /** Two-factor sign-in (TOTP) is on. */
  twoFactor: z.boolean(),
  version: z.number().int(),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;

export const UsersQuerySchema = z
  .object({
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type UsersQuery = z.infer<typeof UsersQuerySchema>;

export const UsersPageSchema = z.object({ items: z.array(UserSummarySchema), nextCursor: z.string().nullable() });
export type UsersPage = z.infer<typeof UsersPageSchema>;

export const InvitationCreatedSchema = z.object({ user: UserSummarySchema, expiresAt: IsoDateTimeSchema, mailId: UuidSchema });
export type InvitationCreated = z.infer<typeof InvitationCreatedSchema>;

export const SetupStatusSchema = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export const SetupBodySchema = z
  .object({
    token: z.string().min(16).max(100),
    email: z.email().max(254),
    name: ShortText(100),
    organization: ShortText(200),
    title: z.string().trim().max(100).optional(),
    password: PasswordSchema,
  })
  .strict();
export type SetupBody = z.infer<typeof SetupBodySchema>;
