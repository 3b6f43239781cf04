/**
 * First run: with no program-office account (an empty database started with SEED_DEMO=never), the
 * server prints a one-time setup token at start and keeps only its SHA-256 in memory; `POST /api/setup`
 * with it creates the first program-office account. Until one exists every other API route answers
 * 503 setup_required (health, setup, docs and the web app's files excepted).
 */
import { timingSafeEqual } from 'node:crypto';
import type { SetupBody } from '@banso/shared';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { Conflict, Forbidden } from '../../lib/errors.js';
import { checkPasswordStrength, hashPassword } from '../auth/auth.service.js';
import { anyProgramOffice, createProgramOffice, newToken, tokenHashOf } from './users.service.js';

export interface FirstRunState {
  /** Known to be set up (a program-office account exists): never asked again. */
  done: boolean;
  tokenHash: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    firstRun: FirstRunState;
  }
}

/** Whether setup is still needed; once an office account exists (made here or by another replica) the answer stays no. */
export async function isNeeded(app: FastifyInstance): Promise<boolean> {
  if (app.firstRun.done) return false;
  if (await anyProgramOffice(app.db.db)) {
    app.firstRun.done = true;
    app.firstRun.tokenHash = null;
    return false;
  }
  return true;
}

/** Called at start, after migrations and seeding: the one-time token to print, or null when no setup is needed. */
export async function prepare(app: FastifyInstance): Promise<string | null> {
  if (!(await isNeeded(app))) return null;
  const token = newToken();
  app.firstRun.tokenHash = tokenHashOf(token);
  return token;
}

function tokenMatches(app: FastifyInstance, token: string): boolean {
  const expected = app.firstRun.tokenHash;
  if (!expected) return false;
  return timingSafeEqual(Buffer.from(tokenHashOf(token)), Buffer.from(expected));
}

/** Creates the first program-office account; 409 setup_done when one exists, 403 for a wrong token. Returns its id. */
export async function complete(app: FastifyInstance, body: SetupBody, fiscalYear: number): Promise<string> {
  if (!(await isNeeded(app))) throw new Conflict('setup_done', 'Setup is done: a program-office account exists');
  if (!tokenMatches(app, body.token)) throw new Forbidden('Not the setup token this server printed');
  await checkPasswordStrength(body.password, 'body.password', [body.email, body.name]);
  const passwordHash = await hashPassword(body.password);
  const userId = await app.db.db.transaction(async (tx) => {
    // One setup at a time across replicas; the second finds the office and refuses.
    await tx.execute(sql`select pg_advisory_xact_lock(7301013)`);
    if (await anyProgramOffice(tx)) throw new Conflict('setup_done', 'Setup is done: a program-office account exists');
    const outcome = await createProgramOffice(tx, { ...body, passwordHash, fiscalYear });
    if (outcome.refused) throw new Conflict('already_exists', 'An account with this e-mail exists');
    return outcome.userId;
  });
  app.firstRun.done = true;
  app.firstRun.tokenHash = null;
  return userId;
}
