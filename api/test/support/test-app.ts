import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { fiscalYearOf } from '@banso/shared';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { type Clock, fixedClock, systemClock } from '../../src/lib/clock.js';
import { DEMO_SEED_DATE, withDatabase } from './global-setup.js';
import { eq } from 'drizzle-orm';
import { organizers } from '../../src/db/schema/index.js';

export const DEMO_PASSWORD = 'banso-demo-2025';
export const demo = {
  office: 'office@demo.banso.jp',
  morikawa: 'morikawa@demo.banso.jp',
  kitano: 'kitano@demo.banso.jp',
  takada: 'takada@demo.banso.jp',
  midori: 'midori@demo.banso.jp',
  aoba: 'aoba@demo.banso.jp',
  yamanami: 'yamanami@demo.banso.jp',
  sakura: 'sakura@demo.banso.jp',
  higashi: 'higashi@demo.banso.jp',
  shiosai: 'shiosai@demo.banso.jp',
} as const;

/**
 * A fresh database for one test file, copied from the run's migrated and seeded template; `empty`:
 * migrated with no rows (a first run); `unmigrated`: not even the schema (a migration's own test).
 */
export async function freshDatabase(opts: { empty?: boolean; unmigrated?: boolean } = {}): Promise<Database & { drop(): Promise<void> }> {
  const empty = opts.empty || opts.unmigrated;
  if (process.env.TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `banso_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(empty ? `create database ${name}` : `create database ${name} template ${inject('postgresTemplate')}`);
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 20 });
    if (empty && !opts.unmigrated) await database.migrate();
    return {
      ...database,
      close: database.close,
      drop: async () => {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  if (empty) {
    const database = await openDatabase({});
    if (!opts.unmigrated) await database.migrate();
    return { ...database, drop: database.close };
  }
  const dump = await readFile(inject('pgliteTemplate'));
  const database = await openDatabase({ loadDataDir: new Blob([dump]) });
  return { ...database, drop: database.close };
}

export interface Session {
  email: string;
  cookie: string;
  csrf: string;
  userId: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  login(email: string): Promise<Session>;
  anonymous: Session;
  close(): Promise<void>;
}

/** Builds the app on a fresh database. `today` pins the clock (YYYY-MM-DD). */
export async function createTestContext(
  opts: { today?: string; clock?: Clock; env?: Record<string, string>; empty?: boolean } = {},
): Promise<TestContext> {
  const database = await freshDatabase({ empty: opts.empty ?? false });
  // Attachment bytes of this context go to a directory of its own, removed on close.
  const filesDir = opts.env?.FILES_DIR ? null : await mkdtemp(path.join(tmpdir(), 'banso-files-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...(filesDir ? { FILES_DIR: filesDir } : {}), ...opts.env });
  const clock = opts.clock ?? (opts.today ? fixedClock(opts.today) : systemClock);
  const app = await buildApp({ config, database, clock, logger: false });
  await app.ready();
  const sessions = new Map<string, Session>();

  const makeSession = (email: string, cookie: string, csrf: string, userId: string): Session => {
    const request = (o: InjectOptions) =>
      app.inject({
        ...o,
        headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(o.headers ?? {}) },
      });
    const withBody = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown, headers?: Record<string, string>) =>
      request({
        method,
        url,
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
        ...(headers ? { headers } : {}),
      });
    return {
      email,
      cookie,
      csrf,
      userId,
      request,
      get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
      post: withBody('POST'),
      patch: withBody('PATCH'),
      put: withBody('PUT'),
      delete: (url, headers) => request({ method: 'DELETE', url, ...(headers ? { headers } : {}) }),
    };
  };

  return {
    app,
    database,
    anonymous: makeSession('', '', '', ''),
    async login(email: string) {
      const cached = sessions.get(email);
      if (cached) return cached;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      const token = res.cookies.find((c) => c.name === 'banso_session')!.value;
      const me = res.json() as { csrfToken: string; user: { id: string } };
      const session = makeSession(email, `banso_session=${token}`, me.csrfToken, me.user.id);
      sessions.set(email, session);
      return session;
    },
    async close() {
      await app.close();
      await database.drop();
      if (filesDir) await rm(filesDir, { recursive: true, force: true });
    },
  };
}

/** The demo engagement of a municipality in the demo program's fiscal year (not last year's, not one a test added), as seen by the program office. */
export async function engagementIdOf(ctx: TestContext, municipality: 'みどり区' | 'あおば市' | 'やまなみ町'): Promise<string> {
  const office = await ctx.login(demo.office);
  const res = await office.get('/api/engagements');
  const item = (res.json() as { items: { id: string; fiscalYear: number; municipality: { name: string } }[] }).items.find(
    (e) => e.municipality.name === municipality && e.fiscalYear === fiscalYearOf(DEMO_SEED_DATE),
  );
  if (!item) throw new Error(`no engagement for ${municipality}`);
  return item.id;
}

/**
 * ロードマップ合意 in its two steps: `advisor` proposes, `member` agrees. Returns the first refusal, or
 * the agreement's answer.
 */
export async function agreeRoadmap(ctx: TestContext, engagementId: string, advisor: string, member: string) {
  const team = await ctx.login(advisor);
  const { version } = (await team.get(`/api/engagements/${engagementId}`)).json() as { version: number };
  const proposed = await team.post(`/api/engagements/${engagementId}/roadmap-proposal`, {}, { 'if-match': `"${version}"` });
  if (proposed.statusCode !== 200) return proposed;
  const municipality = await ctx.login(member);
  return municipality.post(`/api/engagements/${engagementId}/roadmap-agreement`, {}, { 'if-match': `"${proposed.json().version}"` });
}

/** The id of the organizer (実施主体) of that name, made when missing. */
export async function organizerIdOf(db: Database['db'], name: string): Promise<string> {
  const [found] = await db.select({ id: organizers.id }).from(organizers).where(eq(organizers.name, name));
  if (found) return found.id;
  const [row] = await db.insert(organizers).values({ name }).returning({ id: organizers.id });
  return row!.id;
}
