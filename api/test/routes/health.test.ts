import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('GET /api/health', () => {
  it('reports the database as reachable without a session', async () => {
    const res = await ctx.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: { kind: process.env.TEST_DB, reachable: true } });
  });
});

describe('GET /api/openapi.json', () => {
  it('describes every API route with an operationId and tags', async () => {
    const spec = (await ctx.anonymous.get('/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    const ops = Object.values(spec.paths as Record<string, Record<string, { operationId?: string; tags?: string[] }>>).flatMap((p) =>
      Object.values(p),
    );
    expect(ops.length).toBeGreaterThan(3);
    for (const op of ops) {
      expect(op.operationId).toBeTruthy();
      expect(op.tags?.length).toBeGreaterThan(0);
    }
  });
});

describe('unknown routes', () => {
  it('answer 404 problem+json', async () => {
    const res = await ctx.anonymous.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
