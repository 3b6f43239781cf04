/**
 * Sessions and headers: logout and expiry end the session on the server, the cookie is HttpOnly and
 * SameSite, every state-changing route refuses a request without the CSRF token, login does not
 * reveal which accounts exist, security headers are set, and 5xx bodies reveal nothing internal.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import * as s from '../../src/db/schema/index.js';
import type { Clock } from '../../src/lib/clock.js';
import { createTestContext, demo, DEMO_PASSWORD, type TestContext } from '../support/test-app.js';
import { changedTables, databaseDigest } from './support/digest.js';
import { httpMethod } from './support/http.js';

/** A clock the test moves forward. */
function movableClock(startIso: string): Clock & { advanceHours(h: number): void } {
  let at = new Date(startIso);
  return {
    now: () => at,
    today: () => at.toISOString().slice(0, 10),
    advanceHours(h: number) {
      at = new Date(at.getTime() + h * 3600_000);
    },
  };
}

const clock = movableClock('2025-12-01T03:00:00Z');
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ clock, env: { SESSION_TTL_HOURS: '12' } });
});
afterAll(() => ctx.close());

async function signIn(email: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'banso_session');
  if (!cookie) throw new Error('no session cookie');
  return { res, cookie, header: `banso_session=${cookie.value}`, csrf: String(res.json().csrfToken) };
}

const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('session cookie', () => {
  it('is HttpOnly, SameSite, path /, not readable as the stored session id, and expires with the session', async () => {
    const { cookie } = await signIn(demo.midori);
    expect(cookie.httpOnly).toBe(true);
    expect(['Lax', 'Strict']).toContain(cookie.sameSite);
    expect(cookie.path).toBe('/');
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    expect(new Date(cookie.expires ?? 0).getTime()).toBe(clock.now().getTime() + 12 * 3600_000);
    // The database keeps an HMAC of the token, never the token itself.
    const rows = await ctx.database.db.select({ id: s.sessions.id }).from(s.sessions);
    expect(rows.map((r) => r.id)).not.toContain(cookie.value);
  });

  it('is marked Secure when COOKIE_SECURE=true', async () => {
    const secure = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', COOKIE_SECURE: 'true' }),
      database: ctx.database,
      clock,
      logger: false,
    });
    try {
      const res = await secure.inject({ method: 'POST', url: '/api/auth/login', payload: { email: demo.aoba, password: DEMO_PASSWORD } });
      expect(res.cookies.find((c) => c.name === 'banso_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });
});

describe('POST /api/auth/logout', () => {
  it('deletes the session on the server, so the same cookie replayed afterwards gets 401', async () => {
    const { header, csrf } = await signIn(demo.takada);
    expect((await me(header)).statusCode).toBe(200);
    const userId = (await me(header)).json().user.id as string;
    const before = await ctx.database.db.select().from(s.sessions).where(eq(s.sessions.userId, userId));
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: header, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    // The browser is told to drop the cookie …
    const cleared = out.cookies.find((c) => c.name === 'banso_session');
    expect(cleared && (cleared.value === '' || new Date(cleared.expires ?? 0).getTime() <= Date.now())).toBe(true);
    // … and the server forgets it even if the browser does not.
    const after = await ctx.database.db.select().from(s.sessions).where(eq(s.sessions.userId, userId));
    expect(after.length).toBe(before.length - 1);
    expect((await me(header)).statusCode).toBe(401);
  });
});

describe('session expiry', () => {
  it('accepts the session until SESSION_TTL_HOURS and refuses it afterwards', async () => {
    const { header } = await signIn(demo.kitano);
    clock.advanceHours(11.9);
    expect((await me(header)).statusCode).toBe(200);
    clock.advanceHours(0.2);
    const expired = await me(header);
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['content-type']).toContain('application/problem+json');
  });
});

describe('CSRF', () => {
  it('refuses every state-changing route without the session’s x-csrf-token (403) and changes nothing', async () => {
    const { header, csrf } = await signIn(demo.morikawa);
    const digest = await databaseDigest(ctx.database.db, { exclude: ['sessions'] });
    const routes = ctx.app.routeInventory.filter((r) => r.url.startsWith('/api/') && r.method !== 'GET' && !r.public);
    expect(routes.length).toBeGreaterThan(5);
    const wrong: string[] = [];
    for (const route of routes) {
      // Parameters do not matter: the token is checked before anything else.
      const url = route.url.replace(/:[A-Za-z]+/g, (m) => (m === ':fiscalYear' ? '2025' : randomUUID()));
      for (const headers of [{ cookie: header }, { cookie: header, 'x-csrf-token': `${csrf}x` }, { cookie: header, 'x-csrf-token': '' }]) {
        const res = await ctx.app.inject({ method: httpMethod(route.method), url, headers, payload: {} });
        if (res.statusCode !== 403) wrong.push(`${route.method} ${route.url} with ${Object.keys(headers).join('+')}: ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(changedTables(digest, await databaseDigest(ctx.database.db, { exclude: ['sessions'] }))).toEqual([]);
  });

  it('accepts the same request with the token (the refusal above is the token’s doing)', async () => {
    const { header, csrf } = await signIn(demo.morikawa);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: header, 'x-csrf-token': csrf } });
    expect(res.statusCode).toBe(200);
  });
});

describe('POST /api/auth/login without user enumeration', () => {
  it('answers an unknown e-mail, a wrong password and an inactive account identically', async () => {
    const inactiveEmail = `inactive-${randomUUID().slice(0, 8)}@example.test`;
    const [template] = await ctx.database.db.select({ hash: s.users.passwordHash }).from(s.users).where(eq(s.users.email, demo.yamanami));
    await ctx.database.db
      .insert(s.users)
      .values({ email: inactiveEmail, name: '停止 ユーザー', passwordHash: template!.hash, active: false });
    const attempt = (email: string, password: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    const answers = [
      await attempt(demo.yamanami, 'wrong-password'),
      await attempt('nobody-here@demo.banso.jp', 'wrong-password'),
      await attempt('nobody-here@demo.banso.jp', DEMO_PASSWORD),
      await attempt(inactiveEmail, DEMO_PASSWORD),
    ];
    for (const a of answers) {
      expect(a.statusCode).toBe(401);
      expect(a.cookies).toEqual([]);
    }
    const bodies = new Set(answers.map((a) => a.body));
    expect(bodies.size).toBe(1);
    const types = new Set(answers.map((a) => a.headers['content-type']));
    expect(types.size).toBe(1);
  });
});

describe('security headers', () => {
  it('sets CSP (with frame-ancestors), nosniff, frame options, referrer policy and HSTS on API answers, errors included', async () => {
    const { header } = await signIn(demo.office);
    for (const res of [
      await ctx.app.inject({ method: 'GET', url: '/api/health' }),
      await ctx.app.inject({ method: 'GET', url: '/api/engagements', headers: { cookie: header } }),
      await ctx.app.inject({ method: 'GET', url: '/api/engagements' }),
      await ctx.app.inject({ method: 'GET', url: '/api/no-such-route' }),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/frame-ancestors '(self|none)'/);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toMatch(/SAMEORIGIN|DENY/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('5xx answers', () => {
  it('reveal no message, stack, SQL or path of the failure', async () => {
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      database: ctx.database,
      clock,
      logger: false,
    });
    const secret = 'SECRET-INTERNAL-DETAIL';
    app.get('/api/__test/throw', { config: { public: true } }, async () => {
      throw new Error(`${secret} at /srv/banso/api/src/modules/thing.ts:42`);
    });
    app.get('/api/__test/throw-status', { config: { public: true } }, async () => {
      throw Object.assign(new Error(`${secret} with a status`), { statusCode: 502 });
    });
    app.get('/api/__test/sql', { config: { public: true } }, async () => {
      await ctx.database.db.execute(sql`select * from table_that_does_not_exist_${sql.raw(secret.toLowerCase().replace(/-/g, '_'))}`);
      return { ok: true };
    });
    app.get('/api/__test/throw-string', { config: { public: true } }, async () => {
      throw `${secret} as a string`;
    });
    app.get('/api/__test/throw-object', { config: { public: true } }, async () => {
      throw { message: `${secret} in an object`, detail: secret };
    });
    app.get(
      '/api/__test/bad-response',
      { config: { public: true }, schema: { response: { 200: z.object({ count: z.number() }) } } },
      async () => ({ count: `${secret} where a number belongs` }),
    );
    const urls = ['throw', 'throw-status', 'sql', 'throw-string', 'throw-object', 'bad-response'].map((u) => `/api/__test/${u}`);
    try {
      await app.ready();
      for (const url of urls) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBeGreaterThanOrEqual(500);
        expect(res.headers['content-type'], `${url}: ${res.body}`).toContain('application/problem+json');
        const body = res.body.toLowerCase();
        for (const leak of [secret.toLowerCase(), 'stack', '.ts:', 'select ', 'table_that', 'node_modules', ' at '])
          expect(body, `${url} leaks "${leak}"`).not.toContain(leak);
        expect(res.json()).toMatchObject({ status: res.statusCode, title: expect.any(String) });
      }
    } finally {
      await app.close();
    }
  });
});
