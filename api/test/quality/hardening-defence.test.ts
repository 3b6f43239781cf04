/**
 * Defence in depth (issue 11, finding 10): state-changing requests from another origin are refused even
 * with the CSRF token (non-browser clients without Origin/Sec-Fetch-Site keep working); COOKIE_SECURE
 * defaults to true in production; production refuses to start without SESSION_SECRET; a tree batch
 * beyond MAX_TREE_NODES is answered 413.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-01' });
});
afterAll(() => ctx.close());

describe('Origin and Sec-Fetch-Site on state-changing requests', () => {
  it('refuses another origin and a cross-site fetch with 403 cross_origin, even with the CSRF token', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const id = await engagementIdOf(ctx, 'みどり区');
    const body = { kind: 'advice', text: '別オリジンからの書き込み' };
    const evil = await advisor.post(`/api/engagements/${id}/findings`, body, { origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('cross_origin');
    const crossSite = await advisor.post(`/api/engagements/${id}/findings`, body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    // A login form posted from another site is refused too.
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: demo.aoba, password: 'x' },
    });
    expect(login.statusCode).toBe(403);
  });

  it('accepts the same origin, same-origin fetches, configured origins and clients that send neither header', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const id = await engagementIdOf(ctx, 'みどり区');
    const body = { kind: 'advice', text: '同一オリジン' };
    expect(
      (await advisor.post(`/api/engagements/${id}/findings`, body, { origin: 'http://localhost:3000', host: 'localhost:3000' })).statusCode,
    ).toBe(201);
    expect((await advisor.post(`/api/engagements/${id}/findings`, body, { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await advisor.post(`/api/engagements/${id}/findings`, body)).statusCode).toBe(201);
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ALLOWED_ORIGINS: 'https://portal.example.jp' }),
      database: ctx.database,
      clock: fixedClock('2025-12-01'),
      logger: false,
    });
    try {
      const res = await app.inject({
        method: 'POST',
        url: `/api/engagements/${id}/findings`,
        headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf, origin: 'https://portal.example.jp' },
        payload: body,
      });
      expect(res.statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });
});

describe('production settings', () => {
  it('marks the cookie Secure by default in production and refuses to start without SESSION_SECRET', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).COOKIE_SECURE).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).COOKIE_SECURE).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });

  it('parses TRUST_PROXY as off, a hop count or a list of addresses', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.5' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '192.0.2.5']);
  });
});

describe('tree size quota', () => {
  it('answers 413 tree_too_large to a batch that would take the tree past MAX_TREE_NODES, and keeps the tree', async () => {
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MAX_TREE_NODES: '30' }),
      database: ctx.database,
      clock: fixedClock('2025-12-01'),
      logger: false,
    });
    try {
      const advisor = await ctx.login(demo.morikawa);
      const id = await engagementIdOf(ctx, 'みどり区');
      const headers = { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf };
      const tree = (await app.inject({ method: 'GET', url: `/api/engagements/${id}/tree`, headers })).json();
      const goal = tree.nodes.find((n: { parentId: string | null }) => n.parentId === null);
      const operations = Array.from({ length: 40 }, (_, i) => ({
        op: 'add',
        id: randomUUID(),
        parentId: goal.id,
        kind: 'issue',
        title: `課題 ${i}`,
      }));
      const res = await app.inject({
        method: 'POST',
        url: `/api/engagements/${id}/tree/operations`,
        headers: { ...headers, 'if-match': `"${tree.revision}"` },
        payload: { operations },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('tree_too_large');
      const after = (await app.inject({ method: 'GET', url: `/api/engagements/${id}/tree`, headers })).json();
      expect(after.revision).toBe(tree.revision);
    } finally {
      await app.close();
    }
  });
});

describe('text the database cannot store', () => {
  it('answers 400 naming the field for half a surrogate pair, anywhere in the body, and stores a whole pair', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const id = await engagementIdOf(ctx, 'みどり区');
    for (const text of ['lone \udfff surrogate', 'lone \ud83d high', '\udc00 first']) {
      const res = await advisor.post(`/api/engagements/${id}/findings`, { kind: 'advice', text });
      expect(res.statusCode, text).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.text' })]);
    }
    const report = await advisor.post(`/api/engagements/${id}/reports`, { fiscalYear: 2017, title: 'lone \udfff surrogate' });
    expect(report.statusCode).toBe(400);
    expect(report.json().errors[0].path).toBe('body.title');
    const emoji = await advisor.post(`/api/engagements/${id}/findings`, { kind: 'advice', text: '笑顔が増えた 😊' });
    expect(emoji.statusCode).toBe(201);
    expect(emoji.json().text).toBe('笑顔が増えた 😊');
  });
});
