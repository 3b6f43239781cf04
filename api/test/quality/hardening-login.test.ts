/**
 * Login throttling (issue 11, finding 1): failed sign-ins are counted per account and per client address
 * in the database, so a flood with spoofed X-Forwarded-For across two replicas is stopped after the limit;
 * the address is the socket's unless TRUST_PROXY says which proxy to believe; successful sign-ins never
 * count; expired sessions and old failures are purged at start.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import * as s from '../../src/db/schema/index.js';
import type { Clock } from '../../src/lib/clock.js';
import { createTestContext, demo, DEMO_PASSWORD, type TestContext } from '../support/test-app.js';

function movableClock(startIso: string): Clock & { advanceMinutes(m: number): void } {
  let at = new Date(startIso);
  return {
    now: () => at,
    today: () => at.toISOString().slice(0, 10),
    advanceMinutes(m: number) {
      at = new Date(at.getTime() + m * 60_000);
    },
  };
}

const clock = movableClock('2025-12-01T03:00:00Z');
let ctx: TestContext;
const apps: FastifyInstance[] = [];

/** Another replica on the same database. */
async function replica(env: Record<string, string> = {}) {
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }),
    database: ctx.database,
    clock,
    logger: false,
  });
  await app.ready();
  apps.push(app);
  return app;
}

const spoofed = () => `${10 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.7`;
const login = (app: FastifyInstance, email: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers });

beforeAll(async () => {
  ctx = await createTestContext({ clock });
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await ctx.close();
});

describe('failed sign-ins per account, shared by every replica', () => {
  it('answers 429 with Retry-After after 5 failures on one account, whatever X-Forwarded-For says, across two replicas', async () => {
    const [a, b] = [await replica(), await replica()];
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await login(i % 2 === 0 ? a : b, demo.kitano, `guess-${i}`, { 'x-forwarded-for': spoofed() });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('rate_limited');
        const retryAfter = Number(res.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      }
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    // The right password is turned away too while the account is locked, and sets no cookie.
    const locked = await login(b, demo.kitano, DEMO_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.cookies).toEqual([]);
    // Turned-away attempts do not prolong the lock: once the window has passed, the account signs in.
    clock.advanceMinutes(16);
    expect((await login(a, demo.kitano, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('lets at most 5 of 20 simultaneous guesses on two replicas try a password', async () => {
    const [a, b] = [await replica(), await replica()];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(i % 2 ? a : b, demo.takada, `guess-${i}`, { 'x-forwarded-for': spoofed() })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 401 && c !== 429)).toEqual([]);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(15);
  });

  it('throttles unknown accounts the same way (no difference reveals which exist)', async () => {
    const app = await replica();
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await login(app, 'nobody@example.jp', 'x')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});

describe('successful sign-ins never count', () => {
  it('100 sign-ins from one address within a minute all succeed, and failures before a success still lock at 5', async () => {
    const app = await replica({ TRUST_PROXY: '1' });
    const office = { 'x-forwarded-for': '203.0.113.10' };
    const users = [demo.midori, demo.aoba, demo.yamanami, demo.sakura, demo.higashi];
    for (let i = 0; i < 100; i++) {
      const res = await login(app, users[i % users.length]!, DEMO_PASSWORD, office);
      expect(res.statusCode).toBe(200);
    }
    // 4 failures, a success, then the 5th failure is still a 401 and the 6th a 429: the success reset nothing.
    for (let i = 0; i < 4; i++) expect((await login(app, demo.shiosai, 'wrong', office)).statusCode).toBe(401);
    expect((await login(app, demo.shiosai, DEMO_PASSWORD, office)).statusCode).toBe(200);
    expect((await login(app, demo.shiosai, 'wrong', office)).statusCode).toBe(401);
    expect((await login(app, demo.shiosai, 'wrong', office)).statusCode).toBe(429);
  });
});

describe('failed sign-ins per address', () => {
  it('with TRUST_PROXY=1 counts the forwarded address, and stops one address at its ceiling across many accounts', async () => {
    const app = await replica({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_ADDRESS: '8' });
    const attacker = { 'x-forwarded-for': '198.51.100.66' };
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await login(app, `user${i}@example.jp`, 'x', attacker)).statusCode);
    expect(codes).toEqual([...Array(8).fill(401), 429, 429]);
    // Another address (another office behind the same balancer) is not affected.
    expect((await login(app, 'user0@example.jp', 'x', { 'x-forwarded-for': '198.51.100.67' })).statusCode).toBe(401);
  });

  it('without TRUST_PROXY ignores X-Forwarded-For: the socket address is the client', async () => {
    clock.advanceMinutes(16); // the earlier tests' failures all came from the inject socket's address
    const app = await replica({ LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login(app, `other${i}@example.jp`, 'x', { 'x-forwarded-for': spoofed() })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('purge', () => {
  it('deletes expired sessions and login failures older than the window when the app starts', async () => {
    const db = ctx.database.db;
    const [user] = await db.select({ id: s.users.id }).from(s.users).limit(1);
    const old = new Date(clock.now().getTime() - 24 * 3600_000);
    const expiredId = `expired-${randomUUID()}`;
    await db.insert(s.sessions).values({ id: expiredId, userId: user!.id, csrfToken: 'x', expiresAt: old });
    await db.insert(s.loginFailures).values({ account: 'old@example.jp', address: '192.0.2.1', at: old });
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      database: ctx.database,
      clock,
      logger: false,
    });
    await app.ready();
    await app.close(); // waits for the purge started at ready
    const sessions = await db.select({ id: s.sessions.id }).from(s.sessions);
    expect(sessions.map((r) => r.id)).not.toContain(expiredId);
    const failures = await db.select({ account: s.loginFailures.account }).from(s.loginFailures);
    expect(failures.map((r) => r.account)).not.toContain('old@example.jp');
    // Live sessions survive.
    expect(sessions.length).toBeGreaterThan(0);
  });
});
