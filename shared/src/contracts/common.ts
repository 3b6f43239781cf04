import { z } from 'zod';

export const UuidSchema = z.uuid();
export const IsoDateSchema = z.iso.date();
/** YYYY-MM, used for periods such as a baseline "as of". */
export const YearMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected YYYY-MM');
export const IsoDateTimeSchema = z.string();

/** Short single-line text (titles, names). */
export const ShortText = (max = 200) => z.string().trim().min(1).max(max);
/** Long free text (minutes, detail). */
export const LongText = (max = 20_000) => z.string().max(max);

/** A user named on a record (created by, published by, applicant); null when the account is gone. */
export const PersonRefSchema = z.object({ id: UuidSchema, name: z.string() }).nullable();

export const IdParamsSchema = z.object({ id: UuidSchema }).strict();

/** RFC 9457 problem details, with field-level errors for validation failures. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        rule: z.string().optional(),
        index: z.number().optional(),
        /** The source row of an imported file or text (tree import). */
        row: z.number().int().optional(),
        /** The sheet and column (letter) of an imported workbook's cell. */
        sheet: z.string().optional(),
        column: z.string().optional(),
      }),
    )
    .optional(),
  missing: z
    .array(
      z.object({
        actionId: z.string().nullable(),
        nodeId: z.string().optional(),
        planId: z.string().optional(),
        title: z.string(),
        lacks: z.array(z.string()),
      }),
    )
    .optional(),
  current: z.unknown().optional(),
  /** 409 visit_has_findings: the findings recorded under the visit, and how many of them back tree evidence. */
  findings: z.number().int().optional(),
  evidence: z.number().int().optional(),
  /** 413 attachment_quota_exceeded: the bytes the engagement's (or program's) files may hold together, and hold now. */
  quotaBytes: z.number().int().optional(),
  usedBytes: z.number().int().optional(),
  /** 409 on a tree restore: the nodes in the way (node_has_action, duplicate_id). */
  nodeIds: z.array(z.string()).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const OkSchema = z.object({ ok: z.literal(true) });

/**
 * The codes of refusals whose reason the user should read (409 a rule forbids it, 413 too large,
 * 429 throttled, 403 a cross-site request): the api throws only these, and the web shows each in
 * the reader's language from its catalog (`common:problem.<code>`), not the server's English detail.
 */
export const problemCodes = [
  'already_applied',
  'already_exists',
  'already_in_program',
  'already_member',
  'already_observing',
  'already_revoked',
  'already_selected',
  'application_decided',
  'attachment_quota_exceeded',
  'body_too_large',
  'category_taken',
  'comment_deleted',
  'cross_origin',
  'duplicate_evidence',
  'duplicate_id',
  'engagement_exists',
  'event_past',
  'export_not_ready',
  'export_quota',
  'file_too_large',
  'file_type_not_allowed',
  'grant_exists',
  'indicator_code_taken',
  'indicator_period_kind',
  'indicator_values_out_of_range',
  'insurer_overlap',
  'invitation_expired',
  'invitation_used',
  'link_already_revoked',
  'list_changed',
  'measurement_exists',
  'minutes_approved',
  'node_has_action',
  'not_a_later_year',
  'not_a_measure',
  'not_latest',
  'not_report_meeting',
  'own_account',
  'own_municipality',
  'program_closed',
  'program_exists',
  'program_office_user',
  'rate_limited',
  'request_decided',
  'request_pending',
  'report_exists',
  'report_not_published',
  'report_not_shareable',
  'report_published',
  'replace_needs_confirmation',
  'revision_is_current',
  'roadmap_agreement_locked',
  'roadmap_agreement_required',
  'roadmap_already_proposed',
  'roadmap_incomplete',
  'roadmap_not_proposed',
  'role_not_allowed',
  'seq_taken',
  'setup_done',
  'setup_required',
  'totp_already_enabled',
  'totp_enrolment_required',
  'totp_invalid',
  'totp_not_enabled',
  'totp_required',
  'transition_not_allowed',
  'tree_rule',
  'tree_too_large',
  'user_deactivated',
  'visit_has_findings',
  'visit_past',
] as const;
export type ProblemCode = (typeof problemCodes)[number];
export const isProblemCode = (code: string | undefined): code is ProblemCode => (problemCodes as readonly string[]).includes(code ?? '');
