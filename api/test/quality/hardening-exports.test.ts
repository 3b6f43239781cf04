/**
 * Export jobs survive their worker (issue 11, finding 3): a real worker process killed with SIGKILL
 * during an export leaves a lease that expires; the surviving instance re-queues the job and finishes
 * it. SIGTERM hands running jobs back at once. A job whose workers keep dying fails with the reason.
 * Quota: a user's queued and running exports are limited (429 with Retry-After). A server without
 * Chromium refuses PDF with a clear code (the web menu says so) while Excel still works.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import * as s from '../../src/db/schema/index.js';
import * as repo from '../../src/modules/reports/exports/exports.repository.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

const onPostgres = process.env.TEST_DB === 'postgres';
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let ctx: TestContext;
let engagementId: string;
let officeId: string;
beforeAll(async () => {
  // The context's own worker stays out of the way (it polls once an hour); the tests start their own.
  ctx = await createTestContext({ env: { EXPORT_POLL_INTERVAL_MS: '3600000' } });
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
const queueJob = () =>
  repo.insertJob(ctx.database.db, { engagementId, reportId: null, format: 'xlsx', requestedBy: officeId, createdAt: new Date() });

/** Starts the worker process; resolves once it has claimed a job. */
function startWorkerProcess(): { child: ChildProcess; claimed: Promise<string>; exited: Promise<number | null> } {
  const url = String(ctx.database.pool!.options.connectionString);
  // node itself with tsx's loader (the tsx CLI would run the script in a grandchild that SIGKILL does not reach).
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/export-worker-process.ts'], {
    cwd: apiDir,
    env: { ...process.env, DATABASE_URL: url, EXPORT_LEASE_MS: '1500', EXPORT_POLL_INTERVAL_MS: '200' },
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
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', EXPORT_LEASE_MS: '1500', EXPORT_POLL_INTERVAL_MS: '200', ...env }),
    database: ctx.database,
    logger: false,
  });
  await app.ready();
  return app;
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return;
    await pause(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!onPostgres)('a worker process that dies', () => {
  it('SIGKILL during an export: the lease expires, the job is re-queued and finishes on the surviving instance', async () => {
    const worker = startWorkerProcess();
    const job = await queueJob();
    expect(await worker.claimed).toBe(job.id);
    const running = await jobRow(job.id);
    expect(running).toMatchObject({ status: 'running', attempts: 1 });
    expect(running.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
    // The live worker renews its lease.
    await pause(1_200);
    expect((await jobRow(job.id)).leaseUntil!.getTime()).toBeGreaterThan(running.leaseUntil!.getTime());

    worker.child.kill('SIGKILL');
    await worker.exited;
    const app = await survivor();
    try {
      await until('the job to finish on the survivor', async () => (await jobRow(job.id)).status === 'done');
      const done = await jobRow(job.id);
      expect(done).toMatchObject({ status: 'done', attempts: 2, workerId: null, error: null });
      expect(done.size).toBeGreaterThan(1000);
    } finally {
      await app.close();
    }
  });

  it('SIGTERM hands the running job back to the queue at once (its attempt does not count)', async () => {
    const worker = startWorkerProcess();
    const job = await queueJob();
    expect(await worker.claimed).toBe(job.id);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(await jobRow(job.id)).toMatchObject({ status: 'queued', attempts: 0, workerId: null, leaseUntil: null });
    // Anyone may take it now.
    const app = await survivor();
    try {
      await until('the handed-back job to finish', async () => (await jobRow(job.id)).status === 'done');
    } finally {
      await app.close();
    }
  });
});

describe('the sweep', () => {
  it('re-queues an expired lease and fails a job that used its attempts, with the reason, at start-up', async () => {
    const db = ctx.database.db;
    const past = new Date(Date.now() - 60_000);
    const again = await queueJob();
    const dead = await queueJob();
    await db
      .update(s.exportJobs)
      .set({ status: 'running', workerId: 'gone:1', leaseUntil: past, attempts: 1 })
      .where(eq(s.exportJobs.id, again.id));
    await db
      .update(s.exportJobs)
      .set({ status: 'running', workerId: 'gone:1', leaseUntil: past, attempts: 3 })
      .where(eq(s.exportJobs.id, dead.id));
    const app = await survivor({ EXPORT_MAX_ATTEMPTS: '3' });
    try {
      await until('the swept job to finish', async () => (await jobRow(again.id)).status === 'done');
      expect(await jobRow(dead.id)).toMatchObject({ status: 'failed', error: 'the export was interrupted 3 times (its worker stopped)' });
      expect((await jobRow(again.id)).attempts).toBe(2);
    } finally {
      await app.close();
    }
  });
});

describe('export quota and availability', () => {
  it('answers 429 with Retry-After beyond EXPORT_QUOTA_PER_USER queued or running exports', async () => {
    // A quota of 2 and a worker that never runs (poll once an hour, nothing kicked before the jobs exist).
    const app = await survivor({ EXPORT_QUOTA_PER_USER: '2' });
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
        .set({ status: 'running', workerId: 'elsewhere', leaseUntil: new Date(Date.now() + 3600_000) })
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
