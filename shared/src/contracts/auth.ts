import { z } from 'zod';
import { UuidSchema } from './common.js';

export const LoginBodySchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(200),
    /**
     * For an account with two-factor sign-in: the 6-digit code of the authenticator app, or one of the
     * recovery codes. Without it such an account is answered 401 `totp_required` (no session).
     */
    code: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const MeSchema = z.object({
  user: z.object({
    id: UuidSchema,
    email: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    organization: z.string().nullable(),
    isProgramOffice: z.boolean(),
    municipality: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  }),
  twoFactor: z.object({
    /** TOTP two-factor sign-in is on for this account. */
    enabled: z.boolean(),
    /** The account's program requires two-factor sign-in of its program-office accounts. */
    required: z.boolean(),
    /** Required but not enabled: until it is, only enrolment, sign-out and this answer are open. */
    enrolmentRequired: z.boolean(),
    /** Unused recovery codes left (0 when not enabled). */
    recoveryCodesLeft: z.number().int().min(0),
  }),
  /** Send back in the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof MeSchema>;

// ── Two-factor sign-in (TOTP, RFC 6238) ──

/** A 6-digit code of the authenticator app (spaces tolerated). */
export const TotpCodeSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Six digits'));

export const TotpEnrolmentSchema = z.object({
  /** otpauth://totp/… for authenticator apps (what the QR code holds). */
  uri: z.string(),
  /** The QR code of `uri` as an SVG image. */
  qrSvg: z.string(),
  /** The Base32 secret in groups of four, for typing into an app by hand. */
  secretGroups: z.array(z.string()),
  issuer: z.string(),
  account: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolmentSchema>;

export const TotpConfirmBodySchema = z.object({ code: TotpCodeSchema }).strict();
export type TotpConfirmBody = z.infer<typeof TotpConfirmBodySchema>;

/** Recovery codes, shown once: each signs in once in place of a code. */
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

export const TotpDisableBodySchema = z.object({ password: z.string().min(1).max(200), code: TotpCodeSchema }).strict();
export type TotpDisableBody = z.infer<typeof TotpDisableBodySchema>;

/** Whether a program requires two-factor sign-in of its program-office accounts (its own version for If-Match). */
export const TwoFactorRequirementSchema = z.object({
  organizerId: UuidSchema,
  required: z.boolean(),
  version: z.number().int(),
});
export type TwoFactorRequirement = z.infer<typeof TwoFactorRequirementSchema>;

export const TwoFactorRequirementBodySchema = z.object({ required: z.boolean() }).strict();
export type TwoFactorRequirementBody = z.infer<typeof TwoFactorRequirementBodySchema>;
