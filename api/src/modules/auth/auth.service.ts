import { createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Me } from '@banso/shared';
import type { Db } from '../../db/client.js';
import { TooManyRequests, Unauthorized } from '../../lib/errors.js';
import * as repo from './auth.repository.js';

/** OWASP-recommended argon2id parameters (19 MiB, 2 iterations). */
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export const hashPassword = (password: string) => hash(password, argonOptions);

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
  programOfficeOf: string | null;
  municipalityId: string | null;
  municipalityName: string | null;
  sessionId: string;
  csrfToken: string;
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
async function withLoginThrottle<T>(db: Db, account: string, throttle: LoginThrottle, now: Date, attempt: () => Promise<T>): Promise<T> {
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
      keep = err instanceof Unauthorized;
      throw err;
    }
  } finally {
    if (!keep) await repo.deleteLoginFailure(db, id);
  }
}

export async function login(
  db: Db,
  email: string,
  password: string,
  opts: { ttlHours: number; secret: string; now: Date; throttle: LoginThrottle },
) {
  const { ttlHours, secret, now } = opts;
  const user = await withLoginThrottle(db, email.toLowerCase(), opts.throttle, now, async () => {
    const found = await repo.findUserByEmail(db, email);
    const ok = found
      ? found.active && (await verify(found.passwordHash, password))
      : await verify(await (dummyHash ??= hashPassword('not-a-real-password')), password).then(() => false);
    if (!found || !ok) throw new Unauthorized('E-mail or password is wrong');
    return found;
  });
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await repo.insertSession(db, { id: sessionIdOf(token, secret), userId: user.id, csrfToken, expiresAt });
  return { token, expiresAt };
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
    programOfficeOf: row.programOfficeOf,
    municipalityId: row.municipalityId,
    municipalityName: row.municipalityName,
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
  };
}

export function describeMe(actor: Actor): Me {
  return {
    user: {
      id: actor.id,
      email: actor.email,
      name: actor.name,
      title: actor.title,
      organization: actor.organization,
      isProgramOffice: actor.programOfficeOf !== null,
      municipality: actor.municipalityId ? { id: actor.municipalityId, name: actor.municipalityName ?? '' } : null,
    },
    csrfToken: actor.csrfToken,
  };
}
