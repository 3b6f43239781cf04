/**
 * A database that hangs or refuses (issue 11, finding 2): with a real TCP proxy between the app and
 * PostgreSQL, health answers 503 with the reason within 2 s, signed-in requests answer 503
 * database_unavailable with Retry-After within the configured timeouts (never a hang, never 500),
 * public routes never look the session up, and everything recovers once the proxy forwards again.
 * PostgreSQL only (PGlite runs in the process: there is no connection to cut).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Database, databaseOptionsFrom, openDatabase } from '../../src/db/client.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { demo, DEMO_PASSWORD, freshDatabase } from '../support/test-app.js';

const onPostgres = process.env.TEST_DB === 'postgres';

describe.skipIf(!onPostgres)('PostgreSQL behind a proxy that hangs and refuses', () => {
  let direct: Awaited<ReturnType<typeof freshDatabase>>;
  let proxy: TcpProxy;
  let database: Database;
  let app: FastifyInstance;
  let cookie = '';
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DB_CONNECTION_TIMEOUT_MS: '1000',
    DB_QUERY_TIMEOUT_MS: '1500',
    DB_STATEMENT_TIMEOUT_MS: '1000',
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000',
    DB_RETRY_AFTER_SECONDS: '3',
  };
  /** The longest a request may take while the database hangs: the query timeout plus a margin for a busy machine. */
  const LIMIT_MS = 1500 + 1500;

  beforeAll(async () => {
    direct = await freshDatabase();
    const url = new URL(String(direct.pool!.options.connectionString));
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    const port = await proxy.listen();
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const config = loadConfig({ ...env, DATABASE_URL: url.toString() });
    database = await openDatabase(databaseOptionsFrom(config));
    app = await buildApp({ config, database, logger: false });
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: demo.midori, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    cookie = `banso_session=${res.cookies.find((c) => c.name === 'banso_session')!.value}`;
  });
  afterAll(async () => {
    proxy?.forward();
    await app?.close();
    await database?.close().catch(() => {});
    await proxy?.close();
    await direct?.drop();
  });

  async function timed(url: string, withCookie = true) {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: withCookie ? { cookie } : {} });
    return { res, ms: performance.now() - started };
  }

  function expectUnavailable(res: Awaited<ReturnType<typeof timed>>['res']) {
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBe('3');
    const body = res.json();
    expect(body.code).toBe('database_unavailable');
    expect(body.type).toMatch(/database_unavailable$/);
  }

  async function untilHealthy() {
    const started = performance.now();
    while (performance.now() - started < 10_000) {
      const { res } = await timed('/api/health', false);
      if (res.statusCode === 200) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('health did not recover within 10 s');
  }

  it('answers normally while the proxy forwards', async () => {
    expect((await timed('/api/health')).res.statusCode).toBe(200);
    expect((await timed('/api/auth/me')).res.statusCode).toBe(200);
  });

  it('when PostgreSQL stops answering: health 503 within 2 s, a signed-in request 503 within the timeout, then recovery', async () => {
    proxy.hang();
    const health = await timed('/api/health');
    expect(health.ms).toBeLessThan(2_000);
    expect(health.res.statusCode).toBe(503);
    expect(health.res.json().database).toMatchObject({ kind: 'postgres', reachable: false });
    expect(health.res.json().database.reason).toEqual(expect.any(String));

    // Several at once: pooled connections hang, new ones time out; none waits past the limit.
    const results = await Promise.all([timed('/api/auth/me'), timed('/api/engagements'), timed('/api/auth/me')]);
    for (const { res, ms } of results) {
      expect(ms).toBeLessThan(LIMIT_MS + 1_000);
      expectUnavailable(res);
    }
    // A sign-in (public, writes) is a 503 too, not a 500.
    const started = performance.now();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: demo.aoba, password: DEMO_PASSWORD } });
    expect(performance.now() - started).toBeLessThan(LIMIT_MS + 1_000);
    expectUnavailable(login);
    // Unknown paths (the web app's client-side routes) never touch the database, cookie or not.
    const page = await timed('/no-such-page');
    expect(page.ms).toBeLessThan(500);
    expect(page.res.statusCode).toBe(404);

    proxy.forward();
    await untilHealthy();
    expect((await timed('/api/auth/me')).res.statusCode).toBe(200);
  });

  it('when PostgreSQL refuses connections: 503 at once with the reason, then recovery', async () => {
    proxy.refuse();
    const health = await timed('/api/health');
    expect(health.ms).toBeLessThan(2_000);
    expect(health.res.statusCode).toBe(503);
    expect(health.res.json().database.reachable).toBe(false);
    const me = await timed('/api/auth/me');
    expect(me.ms).toBeLessThan(LIMIT_MS);
    expectUnavailable(me.res);

    proxy.forward();
    await untilHealthy();
    expect((await timed('/api/auth/me')).res.statusCode).toBe(200);
  });
});
