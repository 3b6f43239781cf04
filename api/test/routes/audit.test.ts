import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let id: string;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  id = await engagementIdOf(ctx, 'あおば市');
  // Five writes: three visits, a finding, a PDCA review.
  const advisor = await ctx.login(demo.kitano);
  for (const date of ['2026-01-10', '2026-01-20', '2026-01-30'])
    await advisor.post(`/api/engagements/${id}/visits`, { kind: 'online', date });
  await advisor.post(`/api/engagements/${id}/findings`, { kind: 'advice', text: '監査対象の助言' });
  await (await ctx.login(demo.aoba)).put(`/api/engagements/${id}/pdca-reviews/2025`, { assessment: 'good' });
});
afterAll(() => ctx.close());

describe('GET /api/engagements/:id/audit', () => {
  it('lists writes newest first with the actor’s name, before and after', async () => {
    const res = await (await ctx.login(demo.office)).get(`/api/engagements/${id}/audit`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      id: number;
      entity: string;
      action: string;
      actor: { name: string } | null;
      at: string;
      after: unknown;
    }[];
    expect(items.map((e) => e.entity)).toEqual(['pdca_review', 'finding', 'visit', 'visit', 'visit']);
    expect(items[0]!.actor?.name).toBe('小池 健');
    expect(items[1]).toMatchObject({ action: 'create', actor: { name: '北野 修' }, after: { text: '監査対象の助言' } });
    expect(items.map((e) => e.id)).toEqual([...items.map((e) => e.id)].sort((a, b) => b - a));
    expect(res.json().nextBefore).toBeNull();
  });

  it('pages with limit and before', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const first = (await advisor.get(`/api/engagements/${id}/audit?limit=2`)).json();
    expect(first.items.map((e: { entity: string }) => e.entity)).toEqual(['pdca_review', 'finding']);
    expect(first.nextBefore).toBe(first.items[1].id);
    const second = (await advisor.get(`/api/engagements/${id}/audit?limit=2&before=${first.nextBefore}`)).json();
    expect(second.items.map((e: { entity: string }) => e.entity)).toEqual(['visit', 'visit']);
    const third = (await advisor.get(`/api/engagements/${id}/audit?limit=2&before=${second.nextBefore}`)).json();
    expect(third.items).toHaveLength(1);
    expect(third.nextBefore).toBeNull();
    expect((await advisor.get(`/api/engagements/${id}/audit?limit=0`)).statusCode).toBe(400);
    expect((await advisor.get(`/api/engagements/${id}/audit?limit=500`)).statusCode).toBe(400);
    expect((await advisor.get(`/api/engagements/${id}/audit?cursor=1`)).statusCode).toBe(400);
  });

  it('is for advisors and the office: municipal members and observers get 403, outsiders 404', async () => {
    for (const who of [demo.aoba, demo.higashi])
      expect((await (await ctx.login(who)).get(`/api/engagements/${id}/audit`)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.midori)).get(`/api/engagements/${id}/audit`)).statusCode).toBe(404);
  });
});
