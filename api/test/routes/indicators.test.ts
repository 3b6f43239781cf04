import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
});
afterAll(() => ctx.close());

describe('GET /api/indicators', () => {
  it('lists the catalogue to any signed-in user', async () => {
    const res = await (await ctx.login(demo.sakura)).get('/api/indicators');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string; direction: string; level: string; unit: string }[];
    expect(items.map((i) => i.code)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`),
      ...['I01', 'I02', 'I03', 'I04', 'I05', 'I06', 'I07', 'I08', 'I09', 'I10', 'M01', 'M02'],
    ]);
    expect(items.find((i) => i.code === 'M01')).toMatchObject({ name: '調整済み認定率', direction: 'lower', level: 'outcome', unit: '%' });
    expect((await ctx.anonymous.get('/api/indicators')).statusCode).toBe(401);
  });
});

describe('GET /api/engagements/:id/indicator-values', () => {
  it('gives every role of the engagement its municipality’s values with the indicator', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    for (const who of [demo.office, demo.morikawa, demo.midori, demo.sakura]) {
      const res = await (await ctx.login(who)).get(`/api/engagements/${id}/indicator-values`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { code: string; value: number; period: string; direction: string; unit: string }[];
      expect(items.find((v) => v.code === 'M01' && v.period === 'FY2024')).toMatchObject({
        value: 19.6,
        period: 'FY2024',
        direction: 'lower',
        unit: '%',
      });
      expect(items.find((v) => v.code === 'I05')).toMatchObject({ value: 58 });
      // Only this municipality's values: あおば市's M01 is 18.9.
      expect(items.filter((v) => v.code === 'M01').map((v) => v.period)).toEqual(['FY2020', 'FY2021', 'FY2022', 'FY2023', 'FY2024']);
    }
  });

  it('answers 404 to outsiders and 400 for a malformed id', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    expect((await (await ctx.login(demo.higashi)).get(`/api/engagements/${id}/indicator-values`)).statusCode).toBe(404);
    expect((await (await ctx.login(demo.office)).get('/api/engagements/x/indicator-values')).statusCode).toBe(400);
  });
});
