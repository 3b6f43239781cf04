/**
 * Unique-constraint races (issue 11, finding 8): simultaneous creates of visits, continuations and
 * programs answer 201 or 409 problem+json naming the conflicting field, never 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import * as s from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-01' });
});
afterAll(() => ctx.close());

type Res = Awaited<ReturnType<TestContext['app']['inject']>>;

function expectCreatedOrConflict(results: Res[]) {
  const codes = results.map((r) => r.statusCode);
  expect(
    codes.filter((c) => c !== 201 && c !== 409),
    JSON.stringify(results.map((r) => r.json())),
  ).toEqual([]);
  expect(codes.filter((c) => c === 201).length).toBeGreaterThanOrEqual(1);
  for (const r of results.filter((x) => x.statusCode === 409)) {
    expect(r.headers['content-type']).toContain('application/problem+json');
    const body = r.json();
    expect(body.status).toBe(409);
    expect(typeof body.code).toBe('string');
  }
  return codes;
}

describe('simultaneous creates', () => {
  it('10 programs with the same year and name: one 201, the rest 409 naming the field', async () => {
    const office = await ctx.login(demo.office);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => office.post('/api/programs', { fiscalYear: 2027, name: '令和9年度 伴走型支援' })),
    );
    const codes = expectCreatedOrConflict(results);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
  });

  it('8 visits without a number on one engagement: each 201 with its own number, or 409 on the number', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const id = await engagementIdOf(ctx, 'みどり区');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        advisor.post(`/api/engagements/${id}/visits`, { kind: 'online', date: `2026-02-${String(10 + i)}` }),
      ),
    );
    expectCreatedOrConflict(results);
    const seqs = results.filter((r) => r.statusCode === 201).map((r) => r.json().seq as number);
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      const paths = (r.json().errors ?? []).map((e: { path: string }) => e.path);
      expect(paths.some((p: string) => /seq/.test(p)) || r.json().code !== 'already_exists').toBe(true);
    }
  });

  it('6 continuations of one engagement into the same program: one 201, the rest 409', async () => {
    const office = await ctx.login(demo.office);
    const program = await office.post('/api/programs', { fiscalYear: 2026, name: '令和8年度 伴走型支援' });
    expect(program.statusCode).toBe(201);
    const id = await engagementIdOf(ctx, 'あおば市');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => office.post(`/api/engagements/${id}/continuations`, { programId: program.json().id })),
    );
    const codes = expectCreatedOrConflict(results);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
  });
});

describe('the mapping itself', () => {
  it('turns a unique violation that no service check caught into 409 naming the columns as fields', async () => {
    // A route of this test only, on a second app over the same database: it inserts a program that exists.
    const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: ctx.database, logger: false });
    app.post('/test/duplicate-program', { config: { public: true } }, async () => {
      const [program] = await ctx.database.db.select().from(s.programs).limit(1);
      await ctx.database.db
        .insert(s.programs)
        .values({ fiscalYear: program!.fiscalYear, name: program!.name, organizerId: program!.organizerId });
      return { ok: true };
    });
    await app.ready();
    try {
      const res = await app.inject({ method: 'POST', url: '/test/duplicate-program' });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        status: 409,
        code: 'already_exists',
        errors: [
          { path: 'body.fiscalYear', message: 'Already exists', rule: 'programs_fiscalYear_name_unique' },
          { path: 'body.name', message: 'Already exists', rule: 'programs_fiscalYear_name_unique' },
        ],
      });
    } finally {
      await app.close();
    }
  });
});
