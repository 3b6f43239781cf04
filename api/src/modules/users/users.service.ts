import { createHash, randomBytes } from 'node:crypto';
import {
  type Invitation,
  type InvitationBody,
  type InvitationCreated,
  type OrganizationKind,
  type TokenKind,
  type TwoFactorRequirement,
  type TwoFactorRequirementBody,
  type UserSummary,
  type UsersPage,
  type UsersQuery,
} from '@banso/shared';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';
import { recordAudit } from '../../lib/audit.js';
import type { ServiceContext } from '../../lib/context.js';
import { BadRequest, Conflict, DomainError, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorizeOffice } from '../access/access.service.js';
import { checkPasswordStrength, checkSecondFactor, hashPassword } from '../auth/auth.service.js';
import { disable as disableTotp, type TotpConfig } from '../auth/totp.service.js';
import * as authRepo from '../auth/auth.repository.js';
import { sendMail } from '../mail/mail.service.js';
import * as repo from './users.repository.js';

/** Only the SHA-256 of a one-time token is stored. */
export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

const kindOf = (u: repo.UserRow): OrganizationKind =>
  u.organizerId ? 'program_office' : u.municipalityId ? 'municipality' : 'advisor_organization';
const statusOf = (u: repo.UserRow): UserSummary['status'] => (!u.active ? 'deactivated' : u.passwordHash === null ? 'pending' : 'active');

async function summarize(db: Db, rows: { user: repo.UserRow; municipalityName: string | null }[]): Promise<UserSummary[]> {
  const members = await repo.membershipsOf(
    db,
    rows.map((r) => r.user.id),
  );
  return rows.map(({ user: u, municipalityName }) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    title: u.title,
    organization: u.organization,
    organizationKind: kindOf(u),
    municipality: u.municipalityId ? { id: u.municipalityId, name: municipalityName ?? '' } : null,
    status: statusOf(u),
    memberships: members
      .filter((m) => m.userId === u.id)
      .map((m) => ({ engagementId: m.engagementId, municipalityName: m.municipalityName, role: m.role })),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    twoFactor: u.totpEnabledAt !== null,
    version: u.version,
  }));
}

async function summaryOf(db: Db, u: repo.UserRow): Promise<UserSummary> {
  const municipalityName = u.municipalityId ? ((await repo.municipalityName(db, u.municipalityId)) ?? null) : null;
  return (await summarize(db, [{ user: u, municipalityName }]))[0]!;
}

// ── First program-office account (admin:create and the first-run setup page) ─────────────────────

export interface ProgramOfficeInput {
  email: string;
  name: string;
  organization: string;
  title?: string | null | undefined;
  passwordHash: string;
  fiscalYear: number;
}

/**
 * Creates a program-office account in the transaction: its program is the organization's latest, or a
 * new one for the fiscal year. `refused` when the e-mail exists.
 */
export async function createProgramOffice(tx: Db, input: ProgramOfficeInput) {
  const email = input.email.trim().toLowerCase();
  const org = input.organization.trim();
  const [existing] = await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email));
  if (existing) return { refused: true as const };
  let [organizer] = await tx.select().from(s.organizers).where(eq(s.organizers.name, org));
  if (!organizer) {
    [organizer] = await tx.insert(s.organizers).values({ name: org }).returning();
    await recordAudit(tx, {
      actorId: null,
      engagementId: null,
      entity: 'organizer',
      entityId: organizer!.id,
      action: 'admin_create',
      after: { name: org },
    });
  }
  const organizerId = organizer!.id;
  const [program] = await tx
    .select()
    .from(s.programs)
    .where(eq(s.programs.organizerId, organizerId))
    .orderBy(desc(s.programs.fiscalYear))
    .limit(1);
  let programId = program?.id;
  let createdProgram = false;
  if (!programId) {
    const [created] = await tx
      .insert(s.programs)
      .values({ fiscalYear: input.fiscalYear, name: `${org} 伴走型支援（${input.fiscalYear}年度）`, organizerId })
      .returning({ id: s.programs.id });
    programId = created!.id;
    createdProgram = true;
    await recordAudit(tx, {
      actorId: null,
      engagementId: null,
      entity: 'program',
      entityId: programId,
      action: 'admin_create',
      after: { fiscalYear: input.fiscalYear, organizer: org },
    });
  }
  const user = await repo.insertUser(tx, {
    email,
    name: input.name.trim(),
    title: input.title?.trim() || null,
    organization: org,
    passwordHash: input.passwordHash,
    organizerId,
  });
  await recordAudit(tx, {
    actorId: null,
    engagementId: null,
    entity: 'user',
    entityId: user.id,
    action: 'admin_create',
    after: { email, name: user.name, organization: org, organizerId },
  });
  return { refused: false as const, createdProgram, userId: user.id, programId };
}

// ── Invitations and reset links ───────────────────────────────────────────────────────────────────

export interface LinkOptions {
  /** PUBLIC_URL or the request's origin. */
  origin: string;
  ttlMs: number;
}

function linkMail(kind: TokenKind, user: { name: string }, url: string, expiresAt: Date) {
  const until = expiresAt.toISOString().slice(0, 16).replace('T', ' ');
  if (kind === 'invitation')
    return {
      subject: '【伴走型支援】アカウントのご案内 / Your Bansō account',
      text: `${user.name} 様\n\n伴走型支援の事例管理システム Bansō に招待されました。\n下記のリンクを開き、パスワードを設定してください（${until} UTC まで有効、1回限り）。\n\n${url}\n\n---\nYou have been invited to Bansō. Open the link above to set your password (valid once, until ${until} UTC).\n`,
    };
  return {
    subject: '【伴走型支援】パスワード再設定のご案内 / Reset your Bansō password',
    text: `${user.name} 様\n\nパスワード再設定のリンクをお送りします。\n下記のリンクを開き、新しいパスワードを設定してください（${until} UTC まで有効、1回限り）。\n\n${url}\n\n---\nOpen the link above to set a new password (valid once, until ${until} UTC).\n`,
  };
}

/** Issues a one-time link for the user and queues its e-mail, in the caller's transaction. */
async function issueLink(
  tx: Db,
  kind: TokenKind,
  user: repo.UserRow,
  createdBy: string,
  programId: string | null,
  now: Date,
  opts: LinkOptions,
) {
  await repo.expireOpenTokens(tx, user.id, kind, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + opts.ttlMs);
  await repo.insertToken(tx, { userId: user.id, kind, tokenHash: tokenHashOf(token), createdBy, expiresAt });
  const url = `${opts.origin}/${kind === 'invitation' ? 'invite' : 'reset'}/${token}`;
  const mail = await sendMail(tx, { to: user.email, ...linkMail(kind, user, url, expiresAt), programId });
  return { token, expiresAt, mailId: mail.id };
}

export async function invite(ctx: ServiceContext, body: InvitationBody, opts: LinkOptions): Promise<InvitationCreated & { token: string }> {
  const { organizerId } = authorizeOffice(ctx, 'user.manage');
  let organization = body.organization?.trim() || null;
  let municipalityId: string | null = null;
  if (body.organizationKind === 'municipality') {
    if (!body.municipalityId)
      throw new BadRequest('A municipal account needs its municipality', [{ path: 'body.municipalityId', message: 'Required' }]);
    const name = await repo.municipalityName(ctx.db, body.municipalityId);
    if (name === undefined)
      throw new BadRequest('Unknown municipality', [{ path: 'body.municipalityId', message: 'Unknown municipality' }]);
    municipalityId = body.municipalityId;
    organization ??= name;
  } else if (body.municipalityId) {
    throw new BadRequest('Only a municipal account names a municipality', [{ path: 'body.municipalityId', message: 'Not allowed here' }]);
  }
  if (body.organizationKind === 'program_office') organization ??= (await repo.organizerName(ctx.db, organizerId)) ?? null;
  if (body.organizationKind === 'advisor_organization' && !organization)
    throw new BadRequest('Name the advisor organization', [{ path: 'body.organization', message: 'Required' }]);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const user = await repo.insertUser(tx, {
      email: body.email.trim().toLowerCase(),
      name: body.name,
      title: body.title?.trim() || null,
      organization,
      passwordHash: null,
      organizerId: body.organizationKind === 'program_office' ? organizerId : null,
      invitedByOrganizerId: organizerId,
      municipalityId,
    });
    const link = await issueLink(tx, 'invitation', user, ctx.actor.id, await repo.latestProgramOf(tx, organizerId), now, opts);
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: null,
      entity: 'user',
      entityId: user.id,
      action: 'invite',
      after: { email: user.email, name: user.name, organizationKind: body.organizationKind, organization, municipalityId },
    });
    return { user: await summaryOf(tx, user), expiresAt: link.expiresAt.toISOString(), mailId: link.mailId, token: link.token };
  });
}

export async function sendReset(ctx: ServiceContext, userId: string, opts: LinkOptions): Promise<{ expiresAt: string; mailId: string }> {
  const { organizerId } = authorizeOffice(ctx, 'user.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const user = await repo.findUserForUpdate(tx, userId, organizerId);
    if (!user) throw new NotFound('User');
    if (!user.active) throw new Conflict('user_deactivated', 'A deactivated account gets no reset link; reactivate it first');
    // A pending invitee gets a fresh invitation instead (their account has no password to reset).
    const kind: TokenKind = user.passwordHash === null ? 'invitation' : 'reset';
    const link = await issueLink(tx, kind, user, ctx.actor.id, await repo.latestProgramOf(tx, organizerId), now, opts);
    await recordAudit(tx, { actorId: ctx.actor.id, engagementId: null, entity: 'user', entityId: user.id, action: `send_${kind}` });
    return { expiresAt: link.expiresAt.toISOString(), mailId: link.mailId };
  });
}

class TokenGone extends DomainError {}

function tokenState(row: { token: repo.TokenRow }, now: Date): Invitation['status'] {
  if (row.token.usedAt) return 'used';
  if (row.token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** What a one-time link opens: 404 for a token never issued. */
export async function describeToken(db: Db, token: string, now: Date): Promise<Invitation> {
  const row = await repo.findToken(db, tokenHashOf(token));
  if (!row) throw new NotFound('Invitation');
  return {
    kind: row.token.kind,
    email: row.user.email,
    name: row.user.name,
    organization: row.user.organization,
    expiresAt: row.token.expiresAt.toISOString(),
    status: tokenState(row, now),
  };
}

/**
 * Sets the password through a one-time link and uses the link up: 404 unknown, 409 invitation_used,
 * 410 invitation_expired, 400 naming body.password when it is weak. A reset revokes every session.
 * Returns the user to sign in.
 */
export async function acceptToken(
  db: Db,
  token: string,
  body: { password: string; code?: string | undefined },
  now: Date,
  totpConfig: TotpConfig,
): Promise<string> {
  const { password } = body;
  const found = await repo.findToken(db, tokenHashOf(token));
  if (!found) throw new NotFound('Invitation');
  const refuse = (state: Invitation['status']) => {
    if (state === 'used') throw new Conflict('invitation_used', 'This link has been used already');
    if (state === 'expired') throw new TokenGone(410, 'invitation_expired', 'This link has expired');
  };
  refuse(tokenState(found, now));
  if (!found.user.active) throw new Conflict('user_deactivated', 'This account is deactivated');
  await checkPasswordStrength(password, 'body.password', [found.user.email, found.user.name]);
  // A reset link alone never signs in an account with two-factor on: the code (or a recovery code) comes too.
  if (found.user.totpEnabledAt) await checkSecondFactor(db, totpConfig, found.user, body.code, now);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const row = await repo.findToken(tx, tokenHashOf(token), true);
    if (!row) throw new NotFound('Invitation');
    // Two tabs submitting at once: the row lock lets one through; the other sees it used.
    refuse(tokenState(row, now));
    await repo.markTokenUsed(tx, row.token.id, now);
    await authRepo.setPasswordHash(tx, row.user.id, passwordHash);
    if (row.token.kind === 'reset') await authRepo.deleteUserSessions(tx, row.user.id);
    await recordAudit(tx, {
      actorId: row.user.id,
      engagementId: null,
      entity: 'user',
      entityId: row.user.id,
      action: row.token.kind === 'invitation' ? 'accept_invitation' : 'reset_password',
    });
    return row.user.id;
  });
}

// ── The users list, deactivation ──────────────────────────────────────────────────────────────────

const encodeCursor = (email: string) => Buffer.from(email).toString('base64url');
function decodeCursor(cursor: string): string {
  const email = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw new BadRequest('The cursor is not one this list returned', [{ path: 'querystring.cursor', message: 'Unknown cursor' }]);
  return email;
}

export async function listUsers(ctx: ServiceContext, query: UsersQuery): Promise<UsersPage> {
  const { organizerId } = authorizeOffice(ctx, 'user.manage');
  const rows = await repo.listUsers(ctx.db, organizerId, {
    limit: query.limit + 1,
    ...(query.cursor ? { afterEmail: decodeCursor(query.cursor) } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    items: await summarize(ctx.db, page),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!.user.email) : null,
  };
}

/** Deactivation revokes every session at once and blocks sign-in; reactivation lifts the block. If-Match on the user's version. */
export async function setActive(ctx: ServiceContext, userId: string, ifMatchOf: () => number, active: boolean): Promise<UserSummary> {
  const { organizerId } = authorizeOffice(ctx, 'user.manage');
  const version = ifMatchOf();
  return ctx.db.transaction(async (tx) => {
    const user = await repo.findUserForUpdate(tx, userId, organizerId);
    if (!user) throw new NotFound('User');
    if (user.version !== version) throw new PreconditionFailed(await summaryOf(tx, user));
    if (user.id === ctx.actor.id) throw new Conflict('own_account', 'You cannot deactivate your own account');
    const updated = await repo.updateUser(tx, userId, { active });
    if (!active) await authRepo.deleteUserSessions(tx, userId);
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: null,
      entity: 'user',
      entityId: userId,
      action: active ? 'reactivate' : 'deactivate',
      before: { active: user.active },
      after: { active },
    });
    return summaryOf(tx, updated);
  });
}

export const anyProgramOffice = repo.anyProgramOffice;

// ── Two-factor sign-in: the program's requirement, and turning it off for someone who lost their device ──

async function organizerRequirement(db: Db, organizerId: string): Promise<TwoFactorRequirement> {
  const [row] = await db
    .select({ required: s.organizers.requireTwoFactor, version: s.organizers.twoFactorVersion })
    .from(s.organizers)
    .where(eq(s.organizers.id, organizerId));
  if (!row) throw new NotFound('Organizer');
  return { organizerId, ...row };
}

/** Whether the office's program requires two-factor sign-in of its program-office accounts (user.manage). */
export async function getTwoFactorRequirement(ctx: ServiceContext): Promise<TwoFactorRequirement> {
  const { organizerId } = authorizeOffice(ctx, 'user.manage');
  return organizerRequirement(ctx.db, organizerId);
}

/**
 * Requires (or no longer requires) two-factor sign-in of the program's office accounts; If-Match on the
 * requirement's own version. Switching it on needs two-factor on for oneself (409 totp_not_enabled), so the
 * office never locks itself out of everything but enrolment by accident.
 */
export async function setTwoFactorRequirement(
  ctx: ServiceContext,
  body: TwoFactorRequirementBody,
  ifMatchOf: () => number,
): Promise<TwoFactorRequirement> {
  const { organizerId } = authorizeOffice(ctx, 'user.manage');
  const version = ifMatchOf();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(s.organizers).where(eq(s.organizers.id, organizerId)).for('update');
    if (!row) throw new NotFound('Organizer');
    if (row.twoFactorVersion !== version)
      throw new PreconditionFailed({ organizerId, required: row.requireTwoFactor, version: row.twoFactorVersion });
    if (body.required && !row.requireTwoFactor) {
      const [me] = await tx.select({ on: s.users.totpEnabledAt }).from(s.users).where(eq(s.users.id, ctx.actor.id));
      if (!me?.on) throw new Conflict('totp_not_enabled', 'Turn on two-factor sign-in for your own account first');
    }
    const [updated] = await tx
      .update(s.organizers)
      .set({ requireTwoFactor: body.required, twoFactorVersion: row.twoFactorVersion + 1 })
      .where(eq(s.organizers.id, organizerId))
      .returning({ required: s.organizers.requireTwoFactor, version: s.organizers.twoFactorVersion });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: null,
      entity: 'organizer',
      entityId: organizerId,
      action: 'set_two_factor_requirement',
      before: { requireTwoFactor: row.requireTwoFactor },
      after: { requireTwoFactor: body.required },
    });
    return { organizerId, ...updated! };
  });
}

/**
 * Turns someone's two-factor sign-in off (lost phone and recovery codes): secret and recovery codes deleted,
 * every session revoked; they enrol again at next sign-in. user.manage, If-Match on the user's version.
 */
export async function resetTwoFactor(ctx: ServiceContext, userId: string, ifMatchOf: () => number): Promise<UserSummary> {
  const { organizerId } = authorizeOffice(ctx, 'user.manage');
  const version = ifMatchOf();
  return ctx.db.transaction(async (tx) => {
    const user = await repo.findUserForUpdate(tx, userId, organizerId);
    if (!user) throw new NotFound('User');
    if (user.version !== version) throw new PreconditionFailed(await summaryOf(tx, user));
    if (user.id === ctx.actor.id) throw new Conflict('own_account', 'Turn your own two-factor sign-in off on the account security page');
    if (!user.totpEnabledAt) throw new Conflict('totp_not_enabled', 'Two-factor sign-in is off for this account');
    await disableTotp(tx, userId, ctx.actor.id);
    await authRepo.deleteUserSessions(tx, userId);
    return summaryOf(tx, await repo.updateUser(tx, userId, {}));
  });
}
