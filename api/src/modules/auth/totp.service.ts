import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { RecoveryCodes, TotpEnrolment } from '@banso/shared';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { and, count, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { totpRecoveryCodes, users } from '../../db/schema/index.js';
import { recordAudit } from '../../lib/audit.js';
import { Conflict, DomainError, NotFound } from '../../lib/errors.js';

/**
 * Two-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30 s, what every authenticator app speaks), by otplib.
 * The secret is sealed with AES-256-GCM under TOTP_KEY (or a key derived from SESSION_SECRET), bound to the user's
 * id, so neither a copy of the database nor a secret moved to another row signs anyone in.
 */

const PERIOD_SECONDS = 30;
/** ±1 time step of clock drift between the phone and the server. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;
export const RECOVERY_CODE_COUNT = 10;

export interface TotpConfig {
  TOTP_KEY?: string | undefined;
  TOTP_ISSUER: string;
  SESSION_SECRET: string;
}

const keys = new WeakMap<TotpConfig, Buffer>();
/** The 32-byte sealing key: TOTP_KEY (hex or base64), else HKDF-SHA256 of SESSION_SECRET. */
export function totpKeyOf(config: TotpConfig): Buffer {
  let key = keys.get(config);
  if (key) return key;
  const raw = config.TOTP_KEY;
  if (raw)
    key = /^[0-9a-fA-F]{64}$/.test(raw)
      ? Buffer.from(raw, 'hex')
      : Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64');
  else key = Buffer.from(hkdfSync('sha256', config.SESSION_SECRET, 'banso', 'totp-secret-sealing-key', 32));
  if (key.length !== 32) throw new Error('TOTP_KEY must be 32 bytes');
  keys.set(config, key);
  return key;
}

/** `v1.iv.tag.ciphertext` (base64url), the user's id as additional data. */
export function sealSecret(key: Buffer, userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(userId));
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function openSecret(key: Buffer, userId: string, sealed: string): string | null {
  const [version, iv, tag, ct] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !ct) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // Another key (TOTP_KEY changed) or a tampered value: the code cannot be checked.
    return null;
  }
}

/** Recovery codes: 16 Base32 characters (80 random bits) in groups of four; typed with or without dashes, any case. */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += BASE32[bytes[i]! & 31];
  return out.match(/.{4}/g)!.join('-');
}
export const normalizeRecoveryCode = (code: string) => code.toUpperCase().replace(/[\s-]+/g, '');
const recoveryHashOf = (code: string) => createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s+/g, ''));

interface TotpUser {
  id: string;
  totpSecret: string | null;
  totpLastStep: number | null;
}

/**
 * Checks a 6-digit code against the user's secret (±1 step) and uses its time step up atomically: a code
 * (or an earlier one) is never accepted twice, however many requests race.
 */
export async function acceptTotpCode(db: Db, config: TotpConfig, user: TotpUser, code: string, now: Date): Promise<boolean> {
  if (!user.totpSecret || !isTotpCode(code)) return false;
  const secret = openSecret(totpKeyOf(config), user.id, user.totpSecret);
  if (!secret) return false;
  let result;
  try {
    result = await verify({
      secret,
      token: code.replace(/\s+/g, ''),
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(user.totpLastStep !== null ? { afterTimeStep: user.totpLastStep } : {}),
    });
  } catch {
    // afterTimeStep ahead of the clock (the server's clock went back): refuse rather than fail.
    return false;
  }
  if (!result.valid || !('timeStep' in result)) return false;
  const step = result.timeStep;
  const updated = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return updated.length === 1;
}

/** Uses up one unused recovery code of the user (atomically: once only). */
export async function acceptRecoveryCode(db: Db, userId: string, code: string, now: Date): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (!/^[A-Z2-7]{16}$/.test(normalized)) return false;
  const used = await db
    .update(totpRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(totpRecoveryCodes.userId, userId),
        eq(totpRecoveryCodes.codeHash, recoveryHashOf(normalized)),
        isNull(totpRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: totpRecoveryCodes.id });
  return used.length === 1;
}

/** The second factor at sign-in: a current code, or a recovery code in its place. */
export async function acceptSecondFactor(
  db: Db,
  config: TotpConfig,
  user: TotpUser,
  code: string,
  now: Date,
): Promise<'totp' | 'recovery' | null> {
  if (isTotpCode(code)) return (await acceptTotpCode(db, config, user, code, now)) ? 'totp' : null;
  return (await acceptRecoveryCode(db, user.id, code, now)) ? 'recovery' : null;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(totpRecoveryCodes)
    .where(and(eq(totpRecoveryCodes.userId, userId), isNull(totpRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

async function findUser(db: Db, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!row) throw new NotFound('User');
  return row;
}

/** 400 naming the field of a wrong code (counted as a failed attempt by the caller's throttle). */
export class WrongCode extends DomainError {
  constructor(path: string, message = 'The code is wrong or has been used') {
    super(400, 'bad_request', message, { errors: [{ path, message, rule: 'totp_invalid' }] });
  }
}

/**
 * Starts (or restarts) an enrolment: a new secret, sealed on the user but not yet in force. 409
 * totp_already_enabled while two-factor is on (disable first).
 */
export async function startEnrolment(db: Db, config: TotpConfig, userId: string): Promise<TotpEnrolment> {
  const user = await findUser(db, userId);
  if (user.totpEnabledAt) throw new Conflict('totp_already_enabled', 'Two-factor sign-in is on already; turn it off first to enrol again');
  const secret = generateSecret({ length: 20 });
  await db
    .update(users)
    .set({ totpSecret: sealSecret(totpKeyOf(config), userId, secret), totpLastStep: null })
    .where(eq(users.id, userId));
  const uri = generateURI({ issuer: config.TOTP_ISSUER, label: user.email, secret, period: PERIOD_SECONDS, digits: 6, algorithm: 'sha1' });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, qrSvg, secretGroups: secret.match(/.{1,4}/g) ?? [secret], issuer: config.TOTP_ISSUER, account: user.email };
}

/** New recovery codes for the user, replacing any earlier ones; only their hashes are kept. */
async function issueRecoveryCodes(tx: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
  await tx.insert(totpRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: recoveryHashOf(c) })));
  return codes;
}

/**
 * Confirms the pending enrolment with a current code: only then is two-factor on. Returns the recovery codes
 * (shown once). 409 totp_already_enabled when on, 409 totp_not_enabled when no enrolment was started, 400 for a wrong code.
 */
export async function confirmEnrolment(db: Db, config: TotpConfig, userId: string, code: string, now: Date): Promise<RecoveryCodes> {
  const user = await findUser(db, userId);
  if (user.totpEnabledAt) throw new Conflict('totp_already_enabled', 'Two-factor sign-in is on already');
  if (!user.totpSecret) throw new Conflict('totp_not_enabled', 'Start the enrolment first');
  if (!(await acceptTotpCode(db, config, user, code, now))) throw new WrongCode('body.code');
  return db.transaction(async (tx) => {
    // Only the enrolment just checked: a restart in another tab meanwhile replaced the secret.
    const enabled = await tx
      .update(users)
      .set({ totpEnabledAt: now })
      .where(and(eq(users.id, userId), isNull(users.totpEnabledAt), eq(users.totpSecret, user.totpSecret!)))
      .returning({ id: users.id });
    if (enabled.length !== 1) throw new Conflict('totp_already_enabled', 'The enrolment changed meanwhile; start again');
    const recoveryCodes = await issueRecoveryCodes(tx, userId);
    await recordAudit(tx, { actorId: userId, engagementId: null, entity: 'user', entityId: userId, action: 'enable_two_factor' });
    return { recoveryCodes };
  });
}

/** Replaces the recovery codes (a current code needed): the old ones stop working. */
export async function renewRecoveryCodes(db: Db, config: TotpConfig, userId: string, code: string, now: Date): Promise<RecoveryCodes> {
  const user = await findUser(db, userId);
  if (!user.totpEnabledAt) throw new Conflict('totp_not_enabled', 'Two-factor sign-in is off');
  if (!(await acceptTotpCode(db, config, user, code, now))) throw new WrongCode('body.code');
  return db.transaction(async (tx) => {
    const recoveryCodes = await issueRecoveryCodes(tx, userId);
    await recordAudit(tx, { actorId: userId, engagementId: null, entity: 'user', entityId: userId, action: 'renew_recovery_codes' });
    return { recoveryCodes };
  });
}

/** Turns two-factor off in the caller's transaction: the secret and the recovery codes are deleted. The caller has checked. */
export async function disable(tx: Db, userId: string, actorId: string) {
  await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
  await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
  await recordAudit(tx, { actorId, engagementId: null, entity: 'user', entityId: userId, action: 'disable_two_factor' });
}
