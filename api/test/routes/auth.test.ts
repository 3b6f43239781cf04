import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, demo, DEMO_PASSWORD, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('POST /api/auth/login', () => {
  it('signs in a demo user with an HttpOnly, SameSite session cookie', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: demo.midori, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'banso_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json().user.name).toBe('中村 陽子');
    expect(res.json().user.municipality.name).toBe('みどり区');
  });

  it('answers a wrong password and an unknown e-mail alike (no user enumeration)', async () => {
    const wrong = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: demo.midori, password: 'nope' } });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ghost@demo.banso.jp', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('rejects unknown fields and wrong types with 400 naming the field', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 42, password: 'x', admin: true } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('body.email');
    expect(paths).toContain('body.admin');
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('malformed_json');
  });
});

describe('GET /api/auth/me and POST /api/auth/logout', () => {
  it('returns 401 problem+json without a session', async () => {
    const res = await ctx.anonymous.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('returns the signed-in user, and logout invalidates the session on the server', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: demo.aoba, password: DEMO_PASSWORD } });
    const cookie = `banso_session=${res.cookies[0]!.value}`;
    const csrf = res.json().csrfToken as string;
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().user.email).toBe(demo.aoba);
    const withoutCsrf = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(withoutCsrf.statusCode).toBe(403);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    // The same cookie replayed after logout is refused: the session is gone from the database.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
