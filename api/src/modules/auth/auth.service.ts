import { createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Me } from '@banso/shared';
import type { Db } from '../../db/client.js';
import { Unauthorized } from '../../lib/errors.js';
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

export async function login(db: Db, email: string, password: string, opts: { ttlHours: number; secret: string; now: Date }) {
  const { ttlHours, secret, now } = opts;
  const user = await repo.findUserByEmail(db, email);
  const ok = user
    ? user.active && (await verify(user.passwordHash, password))
    : await verify(await (dummyHash ??= hashPassword('not-a-real-password')), password).then(() => false);
  if (!user || !ok) throw new Unauthorized('E-mail or password is wrong');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await repo.insertSession(db, { id: sessionIdOf(token, secret), userId: user.id, csrfToken, expiresAt });
  return { token, expiresAt };
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
