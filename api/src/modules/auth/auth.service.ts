import { createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { type Me, PASSWORD_MIN_LENGTH } from '@banso/shared';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import type { Db } from '../../db/client.js';
import { BadRequest, Conflict, DomainError, NotFound, TooManyRequests, Unauthorized } from '../../lib/errors.js';
import * as repo from './auth.repository.js';
import * as totp from './totp.service.js';

/** OWASP-recommended argon2id parameters (19 MiB, 2 iterations). */
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export const hashPassword = (password: string) => hash(password, argonOptions);

/** Common passwords, names, words and keyboard patterns (zxcvbn-ts with its common and English dictionaries). */
let zxcvbn: ZxcvbnFactory | undefined;
const MIN_SCORE = 3;

/**
 * The password rules: at least PASSWORD_MIN_LENGTH characters and a zxcvbn score of 3 or more ("safely
 * unguessable"), judged also against the person's own e-mail and name. 400 naming `path` with the feedback.
 */
export async function checkPasswordStrength(password: string, path: string, personal: string[] = []): Promise<void> {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new BadRequest('The password is too short', [
      { path, message: `At least ${PASSWORD_MIN_LENGTH} characters`, rule: 'password_too_short' },
    ]);
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  const inputs = personal.flatMap((p) => [p, ...p.split(/[@.\s]+/)]).filter((p) => p.length >= 3);
  const result = await zxcvbn.checkAsync(password, inputs);
  if (result.score >= MIN_SCORE) return;
  const feedback = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  throw new BadRequest('The password is too easy to guess', [
    { path, message: feedback || 'Too easy to guess: use a longer phrase of unrelated words', rule: 'password_weak' },
  ]);
}

/** A hash to verify against when the e-mail is unknown, so timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | undefined;

/** The session id stored in the database: HMAC of the cookie token with SESSION_SECRET, so a copy of the table cannot be replayed as cookies. */
export const sessionIdOf = (token: string, secret: string) => createHmac('sha256', secret).update(token).digest('base64url');

export interface Actor {
  id: string;
  email: string;
  name: string;
  title: string | null;
  organization: string | null;
  organizerId: string | null;
  municipalityId: string | null;
  municipalityName: string | null;
  sessionId: string;
  csrfToken: string;
  /** Two-factor sign-in is on. */
  twoFactorEnabled: boolean;
  /** The program of this office account requires two-factor sign-in. */
  twoFactorRequired: boolean;
}

export interface LoginThrottle {
  /** The client address (request.ip, which honours TRUST_PROXY only). */
  address: string;
  maxPerAccount: number;
  maxPerAddress: number;
  windowMs: number;
}

/**
 * Throttles failed sign-ins per account and per address, in the database so every replica shares the counts.
 * Each attempt first records itself as a failure, then counts: of N simultaneous attempts the j-th recorded sees
 * at least j rows, so no more than the limit get to try a password however many replicas race. A successful
 * sign-in, or an attempt turned away, withdraws its row: only wrong passwords count.
 */
export async function withLoginThrottle<T>(
  db: Db,
  account: string,
  throttle: LoginThrottle,
  now: Date,
  attempt: () => Promise<T>,
  /** Which refusals count as a failed attempt (a wrong password; for one-time links, an unknown token). */
  isFailure: (err: unknown) => boolean = (err) => err instanceof Unauthorized,
): Promise<T> {
  const since = new Date(now.getTime() - throttle.windowMs);
  const id = await repo.insertLoginFailure(db, { account, address: throttle.address, at: now });
  let keep = false;
  try {
    for (const [by, key, max] of [
      ['account', account, throttle.maxPerAccount],
      ['address', throttle.address, throttle.maxPerAddress],
    ] as const) {
      // Our own row is among them: the attempt may go ahead while the count, with it, is within the limit.
      if ((await repo.countLoginFailures(db, by, key, since)) <= max) continue;
      // Retry when the max-th most recent earlier failure leaves the window.
      const nth = await repo.nthRecentLoginFailure(db, by, key, since, max + 1);
      const retryAfter = nth ? (nth.getTime() + throttle.windowMs - now.getTime()) / 1000 : throttle.windowMs / 1000;
      throw new TooManyRequests('rate_limited', 'Too many failed sign-ins; try again later', retryAfter);
    }
    try {
      return await attempt();
    } catch (err) {
      keep = isFailure(err);
      throw err;
    }
  } finally {
    if (!keep) await repo.deleteLoginFailure(db, id);
  }
}

/** 401 for an account with two-factor sign-in when no code came with the right password: not a failed attempt. */
export class TotpRequired extends DomainError {
  constructor() {
    super(401, 'totp_required', 'Enter the code of your authenticator app (or a recovery code)');
  }
}
/** 401 for a wrong, used or replayed code: counted as a failed attempt. */
export class TotpInvalid extends DomainError {
  constructor() {
    super(401, 'totp_invalid', 'The code is wrong or has been used');
  }
}

/**
 * Password, then (for an account with two-factor on) the code in the same request: the client resubmits
 * the form with `code` after a 401 totp_required, so no session, cookie or pending state exists until both
 * are right. Wrong passwords and wrong codes count in the throttle; a code is accepted once.
 */
export async function login(
  db: Db,
  body: { email: string; password: string; code?: string | undefined },
  opts: { ttlHours: number; secret: string; now: Date; throttle: LoginThrottle; totp: totp.TotpConfig },
) {
  const { ttlHours, secret, now } = opts;
  const { email, password, code } = body;
  const user = await withLoginThrottle(
    db,
    email.toLowerCase(),
    opts.throttle,
    now,
    async () => {
      const found = await repo.findUserByEmail(db, email);
      const ok = found
        ? found.active && found.passwordHash !== null && (await verify(found.passwordHash, password))
        : await verify(await (dummyHash ??= hashPassword('not-a-real-password')), password).then(() => false);
      if (!found || !ok) throw new Unauthorized('E-mail or password is wrong');
      if (found.totpEnabledAt) await checkSecondFactor(db, opts.totp, found, code, now);
      return found;
    },
    (err) => err instanceof Unauthorized || err instanceof TotpInvalid,
  );
  return createSession(db, user.id, { ttlHours, secret, now });
}

/** 401 totp_required without a code, 401 totp_invalid for a wrong one; a used code (or recovery code) is used up. */
export async function checkSecondFactor(
  db: Db,
  config: totp.TotpConfig,
  user: { id: string; totpSecret: string | null; totpLastStep: number | null },
  code: string | undefined,
  now: Date,
) {
  if (!code) throw new TotpRequired();
  if (!(await totp.acceptSecondFactor(db, config, user, code, now))) throw new TotpInvalid();
}

/** Opens a session for the user (sign-in, accepted invitation, first-run setup) and records the sign-in time. */
export async function createSession(db: Db, userId: string, opts: { ttlHours: number; secret: string; now: Date }) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(opts.now.getTime() + opts.ttlHours * 3600_000);
  await repo.insertSession(db, { id: sessionIdOf(token, opts.secret), userId, csrfToken, expiresAt });
  await repo.recordSignIn(db, userId, opts.now);
  return { token, expiresAt };
}

/**
 * Changes one's own password: the current one must match (throttled like sign-in), the new one must
 * pass the strength check; every other session of the user is revoked.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  body: { currentPassword: string; newPassword: string },
  opts: { now: Date; throttle: LoginThrottle },
) {
  await withLoginThrottle(
    db,
    actor.email,
    opts.throttle,
    opts.now,
    async () => {
      const user = await repo.findUserById(db, actor.id);
      if (!user) throw new NotFound('User');
      const ok = user.passwordHash !== null && (await verify(user.passwordHash, body.currentPassword));
      if (!ok) throw new WrongCurrentPassword();
    },
    (err) => err instanceof WrongCurrentPassword,
  );
  await checkPasswordStrength(body.newPassword, 'body.newPassword', [actor.email, actor.name]);
  if (body.newPassword === body.currentPassword)
    throw new BadRequest('The new password is the current one', [
      { path: 'body.newPassword', message: 'Choose a new password', rule: 'password_unchanged' },
    ]);
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await repo.setPasswordHash(tx, actor.id, passwordHash);
    await repo.deleteUserSessions(tx, actor.id, actor.sessionId);
  });
}

class WrongCurrentPassword extends DomainError {
  constructor(path = 'body.currentPassword') {
    super(400, 'bad_request', 'The current password is wrong', {
      errors: [{ path, message: 'The current password is wrong', rule: 'password_wrong' }],
    });
  }
}

/**
 * Turns one's own two-factor sign-in off: the password and a current code (not a recovery code) must both
 * be right; wrong ones count in the sign-in throttle. 409 totp_not_enabled when it is off.
 */
export async function disableTwoFactor(
  db: Db,
  actor: Actor,
  body: { password: string; code: string },
  opts: { now: Date; throttle: LoginThrottle; totp: totp.TotpConfig },
) {
  await withLoginThrottle(
    db,
    actor.email,
    opts.throttle,
    opts.now,
    async () => {
      const user = await repo.findUserById(db, actor.id);
      if (!user) throw new NotFound('User');
      if (!user.totpEnabledAt) throw new Conflict('totp_not_enabled', 'Two-factor sign-in is off');
      const ok = user.passwordHash !== null && (await verify(user.passwordHash, body.password));
      if (!ok) throw new WrongCurrentPassword('body.password');
      if (!(await totp.acceptTotpCode(db, opts.totp, user, body.code, opts.now))) throw new totp.WrongCode('body.code');
    },
    (err) => err instanceof WrongCurrentPassword || err instanceof totp.WrongCode,
  );
  await db.transaction((tx) => totp.disable(tx, actor.id, actor.id));
}

type CodeOptions = { now: Date; throttle: LoginThrottle; totp: totp.TotpConfig };

/** Runs a step that checks the actor's current code, throttled like sign-in (wrong codes count). */
function withCodeThrottle<T>(db: Db, actor: Actor, opts: CodeOptions, step: () => Promise<T>) {
  return withLoginThrottle(db, actor.email, opts.throttle, opts.now, step, (err) => err instanceof totp.WrongCode);
}

/** Confirms the enrolment with a code, throttled like sign-in (wrong codes count). */
export async function confirmTwoFactor(db: Db, actor: Actor, code: string, opts: CodeOptions) {
  return withCodeThrottle(db, actor, opts, () => totp.confirmEnrolment(db, opts.totp, actor.id, code, opts.now));
}

export async function renewRecoveryCodes(db: Db, actor: Actor, code: string, opts: CodeOptions) {
  return withCodeThrottle(db, actor, opts, () => totp.renewRecoveryCodes(db, opts.totp, actor.id, code, opts.now));
}

/** Removes expired sessions and login failures older than the throttle window. */
export async function purgeExpired(db: Db, now: Date, loginWindowMs: number) {
  await repo.deleteExpiredSessions(db, now);
  await repo.deleteLoginFailuresBefore(db, new Date(now.getTime() - loginWindowMs));
}

export async function logout(db: Db, actor: Actor) {
  await repo.deleteSession(db, actor.sessionId);
}

export async function actorFromToken(db: Db, token: string, secret: string, now: Date): Promise<Actor | null> {
  const row = await repo.findSessionUser(db, sessionIdOf(token, secret), now);
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    title: row.title,
    organization: row.organization,
    organizerId: row.organizerId,
    municipalityId: row.municipalityId,
    municipalityName: row.municipalityName,
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    twoFactorEnabled: row.totpEnabledAt !== null,
    twoFactorRequired: row.organizerId !== null && row.requireTwoFactor === true,
  };
}

/** Required of the account but not on: only enrolment, sign-out and /auth/me answer until it is. */
export const enrolmentRequired = (actor: Actor) => actor.twoFactorRequired && !actor.twoFactorEnabled;

export async function describeMe(db: Db, actor: Actor): Promise<Me> {
  return {
    twoFactor: {
      enabled: actor.twoFactorEnabled,
      required: actor.twoFactorRequired,
      enrolmentRequired: enrolmentRequired(actor),
      recoveryCodesLeft: actor.twoFactorEnabled ? await totp.recoveryCodesLeft(db, actor.id) : 0,
    },
    user: {
      id: actor.id,
      email: actor.email,
      name: actor.name,
      title: actor.title,
      organization: actor.organization,
      isProgramOffice: actor.organizerId !== null,
      municipality: actor.municipalityId ? { id: actor.municipalityId, name: actor.municipalityName ?? '' } : null,
    },
    csrfToken: actor.csrfToken,
  };
}
