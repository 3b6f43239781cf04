import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, demo, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
});
afterAll(() => ctx.close());

const namesFor = async (email: string) => {
  const res = await (await ctx.login(email)).get('/api/engagements');
  expect(res.statusCode).toBe(200);
  return (res.json().items as { municipality: { name: string } }[]).map((e) => e.municipality.name).sort();
};

describe('GET /api/engagements', () => {
  it('shows each role exactly the engagements it may see', async () => {
    expect(await namesFor(demo.office)).toEqual(['あおば市', 'みどり区', 'やまなみ町']);
    expect(await namesFor(demo.morikawa)).toEqual(['あおば市', 'みどり区', 'やまなみ町']);
    expect(await namesFor(demo.kitano)).toEqual(['あおば市', 'やまなみ町']);
    expect(await namesFor(demo.midori)).toEqual(['みどり区']);
    expect(await namesFor(demo.yamanami)).toEqual(['やまなみ町']);
    expect(await namesFor(demo.sakura)).toEqual(['みどり区']);
    expect(await namesFor(demo.higashi)).toEqual(['あおば市']);
    expect(await namesFor(demo.shiosai)).toEqual(['やまなみ町']);
  });

  it('reports the caller’s role, theme, status and category', async () => {
    const res = await (await ctx.login(demo.sakura)).get('/api/engagements');
    expect(res.json().items[0]).toMatchObject({
      myRole: 'observer',
      theme: '認知症',
      status: 'actions_selected',
      municipality: { category: 'ward', code: '990001' },
    });
  });

  it('requires a session', async () => {
    expect((await ctx.anonymous.get('/api/engagements')).statusCode).toBe(401);
  });
});

describe('GET /api/engagements/:id', () => {
  it('returns the engagement with its program and an ETag', async () => {
    const list = (await (await ctx.login(demo.midori)).get('/api/engagements')).json().items;
    const res = await (await ctx.login(demo.midori)).get(`/api/engagements/${list[0].id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json().program.visitWindows).toHaveLength(3);
    expect(res.json().myRole).toBe('municipal_member');
  });

  it('answers 404 for an engagement the caller has no role in, and for an unknown id', async () => {
    const aoba = (await (await ctx.login(demo.aoba)).get('/api/engagements')).json().items[0].id;
    expect((await (await ctx.login(demo.midori)).get(`/api/engagements/${aoba}`)).statusCode).toBe(404);
    expect((await (await ctx.login(demo.sakura)).get(`/api/engagements/${aoba}`)).statusCode).toBe(404);
    const unknown = await (await ctx.login(demo.office)).get('/api/engagements/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 400 naming the parameter for a malformed id', async () => {
    const res = await (await ctx.login(demo.office)).get('/api/engagements/not-a-uuid');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('params.id');
  });
});

describe('observer grants', () => {
  it('an expired grant behaves as no grant', async () => {
    const late = await createTestContext({ today: '2027-04-01' });
    try {
      const res = await (await late.login(demo.sakura)).get('/api/engagements');
      expect(res.json().items).toEqual([]);
    } finally {
      await late.close();
    }
  });
});
