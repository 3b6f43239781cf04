/**
 * Export jobs survive their worker (issue 11, finding 3), now on the job queue (pg-boss, ADR 0004): a real
 * replica process killed with SIGKILL during an export stops its queue heartbeat; the queue's supervisor
 * retries the attempt and the surviving instance finishes it (attempts=2). SIGTERM hands the running job
 * back at once, uncounted. A job whose workers keep dying fails with the reason. Quota: a user's queued
 * and running exports are limited (429 with Retry-After). A server without Chromium refuses PDF with a
 * clear code (the web menu says so) while Excel still works.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { PgBoss, fromPglite } from 'pg-boss';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import * as s from '../../src/db/schema/index.js';
import { EXPORT_JOB } from '../../src/modules/reports/exports/export-runner.js';
import * as repo from '../../src/modules/reports/exports/exports.repository.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

const onPostgres = process.env.TEST_DB === 'postgres';
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The shortest heartbeat pg-boss takes, a quick poll, and a supervisor that looks every second. */
const queueEnv = { EXPORT_HEARTBEAT_SECONDS: '10', JOBS_POLL_MS: '500', JOBS_SUPERVISE_SECONDS: '1' };

let ctx: TestContext;
let engagementId: string;
let officeId: string;
beforeAll(async () => {
  // The context's own replica queues exports but runs none (EXPORT_CONCURRENCY=0); the tests start their own.
  ctx = await createTestContext({ env: { ...queueEnv, EXPORT_CONCURRENCY: '0' } });
  ctx.database.pool?.on('error', () => {});
  engagementId = await engagementIdOf(ctx, 'みどり区');
  officeId = (await ctx.login(demo.office)).userId;
});
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});
afterAll(() => ctx.close());

const jobRow = async (id: string) => (await ctx.database.db.select().from(s.exportJobs).where(eq(s.exportJobs.id, id)))[0]!;
/** The queue's jobs for one export, newest first. */
type QueueJob = { state: string; retry_count: number; heartbeat_on: Date | string | null };
const queueJobs = async (exportId: string) =>
  (
    (await ctx.database.db.execute(
      sql`select state, retry_count, heartbeat_on from pgboss.job where name = ${EXPORT_JOB} and data->>'exportId' = ${exportId} order by created_on desc`,
    )) as unknown as { rows: QueueJob[] }
  ).rows;
/** An export as the API queues it: the row and its queue job, in one transaction. */
const queueJob = () =>
  ctx.database.db.transaction(async (tx) => {
    const row = await repo.insertJob(tx, { engagementId, reportId: null, format: 'xlsx', requestedBy: officeId, createdAt: new Date() });
    await ctx.app.jobs.send(EXPORT_JOB, { exportId: row.id }, { db: tx });
    return row;
  });

/** Starts a replica process; resolves once its queue worker has taken an export. */
function startWorkerProcess(): { child: ChildProcess; claimed: Promise<string>; exited: Promise<number | null> } {
  const url = String(ctx.database.pool!.options.connectionString);
  // node itself with tsx's loader (the tsx CLI would run the script in a grandchild that SIGKILL does not reach).
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/export-worker-process.ts'], {
    cwd: apiDir,
    env: { ...process.env, ...queueEnv, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  let out = '';
  const claimed = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /claimed (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`worker process exited before claiming: ${out}`)));
  });
  claimed.catch(() => {});
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, claimed, exited };
}

async function survivor(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...queueEnv, ...env }),
    database: ctx.database,
    logger: false,
  });
  await app.ready();
  return app;
}

async function until(what: string, check: () => Promise<boolean>, ms = 40_000) {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return;
    await pause(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!onPostgres)('a worker process that dies', () => {
  it(
    'SIGKILL during an export: its heartbeat lapses, the queue retries it and the surviving instance finishes it',
    { timeout: 90_000 },
    async () => {
      const worker = startWorkerProcess();
      const job = await queueJob();
      expect(await worker.claimed).toBe(job.id);
      expect(await jobRow(job.id)).toMatchObject({ status: 'running', attempts: 1 });
      const [active] = await queueJobs(job.id);
      expect(active).toMatchObject({ state: 'active', retry_count: 0 });
      // The live worker's queue heartbeat is renewed (every half of the 10 s).
      const beat = new Date(active!.heartbeat_on!).getTime();
      await until(
        'the heartbeat to be renewed',
        async () => new Date((await queueJobs(job.id))[0]!.heartbeat_on!).getTime() > beat,
        15_000,
      );

      worker.child.kill('SIGKILL');
      await worker.exited;
      const app = await survivor();
      try {
        await until('the job to finish on the survivor', async () => (await jobRow(job.id)).status === 'done');
        const done = await jobRow(job.id);
        expect(done).toMatchObject({ status: 'done', attempts: 2, workerId: null, error: null });
        expect(done.size).toBeGreaterThan(1000);
        expect((await queueJobs(job.id))[0]).toMatchObject({ state: 'completed', retry_count: 1 });
      } finally {
        await app.close();
      }
    },
  );

  it('SIGTERM hands the running job back to the queue at once (its attempt does not count)', { timeout: 60_000 }, async () => {
    const worker = startWorkerProcess();
    const job = await queueJob();
    expect(await worker.claimed).toBe(job.id);
    const t0 = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    // At once: not after the queue's grace for jobs in flight (10 s).
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await jobRow(job.id)).toMatchObject({ status: 'queued', attempts: 0, workerId: null });
    // The attempt completed as handed back; a fresh queue job waits for anyone.
    expect((await queueJobs(job.id)).map((j) => j.state)).toEqual(['created', 'completed']);
    const app = await survivor();
    try {
      await until('the handed-back job to finish', async () => (await jobRow(job.id)).status === 'done');
      expect(await jobRow(job.id)).toMatchObject({ status: 'done', attempts: 1 });
    } finally {
      await app.close();
    }
  });
});

describe('a replica that stopped without a word', () => {
  it(
    'its jobs are retried once their heartbeat lapses; one that used its attempts fails with the reason',
    { timeout: 90_000 },
    async () => {
      const again = await queueJob();
      const dead = await queueJob();
      // The stopped replica: a queue client that took both jobs (heartbeat started) and then went silent.
      const gone = new PgBoss({
        ...(ctx.database.pglite
          ? { db: fromPglite(ctx.database.pglite), backend: 'pglite' as const }
          : { connectionString: String(ctx.database.pool!.options.connectionString), max: 2 }),
        schema: 'pgboss',
        supervise: false,
        schedule: false,
        migrate: false,
      });
      gone.on('error', () => {});
      await gone.start();
      const taken = await gone.fetch(EXPORT_JOB, { batchSize: 2 });
      expect(taken.length).toBe(2);
      const db = ctx.database.db;
      await db.update(s.exportJobs).set({ status: 'running', workerId: 'gone/0', attempts: 1 }).where(eq(s.exportJobs.id, again.id));
      await db.update(s.exportJobs).set({ status: 'running', workerId: 'gone/0', attempts: 3 }).where(eq(s.exportJobs.id, dead.id));
      const app = await survivor({ EXPORT_MAX_ATTEMPTS: '3' });
      try {
        await until('the retried job to finish', async () => (await jobRow(again.id)).status === 'done');
        await until('the exhausted job to fail', async () => (await jobRow(dead.id)).status === 'failed');
        expect(await jobRow(dead.id)).toMatchObject({ status: 'failed', error: 'the export was interrupted 3 times (its worker stopped)' });
        expect(await jobRow(again.id)).toMatchObject({ status: 'done', attempts: 2, workerId: null });
      } finally {
        await app.close();
        await gone.stop({ close: !ctx.database.pglite, graceful: false });
      }
    },
  );
});

describe('export quota and availability', () => {
  it('answers 429 with Retry-After beyond EXPORT_QUOTA_PER_USER queued or running exports', async () => {
    // A quota of 2 and a replica that runs no exports (rows only, no queue jobs).
    const app = await survivor({ EXPORT_QUOTA_PER_USER: '2', EXPORT_CONCURRENCY: '0' });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: demo.takada, password: 'banso-demo-2025' },
      });
      const cookie = `banso_session=${login.cookies.find((c) => c.name === 'banso_session')!.value}`;
      const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
      const userId = login.json().user.id as string;
      // Two jobs already waiting for this user.
      for (let i = 0; i < 2; i++)
        await repo.insertJob(ctx.database.db, { engagementId, reportId: null, format: 'xlsx', requestedBy: userId, createdAt: new Date() });
      await ctx.database.db
        .update(s.exportJobs)
        .set({ status: 'running', workerId: 'elsewhere/0' })
        .where(eq(s.exportJobs.requestedBy, userId));
      const res = await app.inject({
        method: 'POST',
        url: `/api/engagements/${engagementId}/exports`,
        headers,
        payload: { format: 'xlsx' },
      });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('export_quota');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await ctx.database.db.update(s.exportJobs).set({ status: 'failed', workerId: null }).where(eq(s.exportJobs.requestedBy, userId));
      const ok = await app.inject({
        method: 'POST',
        url: `/api/engagements/${engagementId}/exports`,
        headers,
        payload: { format: 'xlsx' },
      });
      expect(ok.statusCode).toBe(202);
    } finally {
      await app.close();
    }
  });

  it('without Chromium, refuses PDF with 503 pdf_unavailable and still makes Excel', async () => {
    const app = await survivor({ CHROMIUM_PATH: '/nonexistent/chromium' });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: demo.morikawa, password: 'banso-demo-2025' },
      });
      const cookie = `banso_session=${login.cookies.find((c) => c.name === 'banso_session')!.value}`;
      const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
      const [report] = await ctx.database.db
        .select({ id: s.reports.id })
        .from(s.reports)
        .where(eq(s.reports.engagementId, engagementId))
        .limit(1);
      const reportId = report?.id ?? '00000000-0000-4000-8000-000000000000';
      const pdf = await app.inject({
        method: 'POST',
        url: `/api/engagements/${engagementId}/exports`,
        headers,
        payload: { format: 'pdf', reportId },
      });
      if (report) {
        expect(pdf.statusCode).toBe(503);
        expect(pdf.json().code).toBe('pdf_unavailable');
        expect(pdf.json().detail).toContain('Chromium');
      }
      const xlsx = await app.inject({
        method: 'POST',
        url: `/api/engagements/${engagementId}/exports`,
        headers,
        payload: { format: 'xlsx' },
      });
      expect(xlsx.statusCode).toBe(202);
    } finally {
      await app.close();
    }
  });
});
