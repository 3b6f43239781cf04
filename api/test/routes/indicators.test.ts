import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
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

describe('the catalogue, kept by the program office', () => {
  const entry = {
    code: 'T01',
    name: '介護予防教室の修了者数',
    unit: '人',
    direction: 'higher',
    level: 'output',
    figureKind: 'count',
    decimals: 0,
  };

  it('adds an indicator with defaults, refuses a code twice (409) and every other role (403)', async () => {
    const office = await ctx.login(demo.office);
    const created = await office.post('/api/indicators', entry);
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({
      ...entry,
      source: '',
      cumulative: false,
      periodKind: 'fiscal_year',
      minValue: null,
      version: 1,
    });
    expect((await office.get('/api/indicators')).json().items.map((i: { code: string }) => i.code)).toContain('T01');

    const again = await office.post('/api/indicators', { ...entry, name: '別名' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('indicator_code_taken');
    for (const who of [demo.morikawa, demo.midori, demo.sakura]) {
      expect((await (await ctx.login(who)).post('/api/indicators', { ...entry, code: 'T99' })).statusCode).toBe(403);
    }
  });

  it('names the bad field (400): a code with spaces, an unknown level, a range upside down', async () => {
    const office = await ctx.login(demo.office);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...entry, code: 'T 02' }, 'code'],
      [{ ...entry, code: 'T02', level: 'impact' }, 'level'],
      [{ ...entry, code: 'T02', minValue: 10, maxValue: 1 }, 'maxValue'],
      [{ ...entry, code: 'T02', colour: 'red' }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await office.post('/api/indicators', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      if (field) expect(JSON.stringify(res.json())).toContain(field);
    }
  });

  it('edits with If-Match (428, 412) and keeps the entry consistent with its stored figures (409)', async () => {
    const office = await ctx.login(demo.office);
    const m01 = ((await office.get('/api/indicators')).json().items as { id: string; code: string; version: number }[]).find(
      (i) => i.code === 'M01',
    )!;
    expect((await office.patch(`/api/indicators/${m01.id}`, { definition: '年齢・性別構成を調整した認定率' })).statusCode).toBe(428);
    const edited = await office.patch(
      `/api/indicators/${m01.id}`,
      { definition: '年齢・性別構成を調整した認定率' },
      { 'if-match': `"${m01.version}"` },
    );
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ definition: '年齢・性別構成を調整した認定率', version: m01.version + 1 });
    const stale = await office.patch(`/api/indicators/${m01.id}`, { name: 'x' }, { 'if-match': `"${m01.version}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current.version).toBe(m01.version + 1);

    const v = `"${m01.version + 1}"`;
    // みどり区's M01 is 19.6 in FY2024: a maximum of 15 would leave it outside.
    const narrow = await office.patch(`/api/indicators/${m01.id}`, { maxValue: 15 }, { 'if-match': v });
    expect(narrow.statusCode).toBe(409);
    expect(narrow.json().code).toBe('indicator_values_out_of_range');
    const monthly = await office.patch(`/api/indicators/${m01.id}`, { periodKind: 'month' }, { 'if-match': v });
    expect(monthly.statusCode).toBe(409);
    expect(monthly.json().code).toBe('indicator_period_kind');
    expect((await office.patch(`/api/indicators/${m01.id}`, { minValue: 0, maxValue: 100 }, { 'if-match': v })).statusCode).toBe(200);
    expect(
      (await (await ctx.login(demo.morikawa)).patch(`/api/indicators/${m01.id}`, { name: 'x' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(403);
    expect(
      (await office.patch('/api/indicators/00000000-0000-4000-8000-000000000000', { name: 'x' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(404);
  });
});

describe('PUT /api/indicator-values: one figure entered', () => {
  it('creates then updates the figure of a period written as people write it, audited, and the engagement reads it', async () => {
    const office = await ctx.login(demo.office);
    const i04 = ((await office.get('/api/indicators')).json().items as { id: string; code: string }[]).find((i) => i.code === 'I04')!;
    const midori = ((await office.get('/api/municipalities')).json().items as { id: string; name: string }[]).find(
      (m) => m.name === 'みどり区',
    )!;
    const first = await office.put('/api/indicator-values', {
      indicatorId: i04.id,
      municipalityId: midori.id,
      period: '令和7年度',
      value: 7.4,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ period: 'FY2025', value: 7.4, previous: null });
    const second = await office.put('/api/indicator-values', {
      indicatorId: i04.id,
      municipalityId: midori.id,
      period: 'FY2025',
      value: 7.6,
    });
    expect(second.json()).toMatchObject({ id: first.json().id, value: 7.6, previous: 7.4 });

    const id = await engagementIdOf(ctx, 'みどり区');
    const values = (await (await ctx.login(demo.midori)).get(`/api/engagements/${id}/indicator-values`)).json().items as {
      code: string;
      period: string;
      value: number;
    }[];
    expect(values.filter((v) => v.code === 'I04' && v.period === 'FY2025').map((v) => v.value)).toEqual([7.6]);
    const audit = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'indicator_value'), eq(auditLog.entityId, first.json().id)))
      .orderBy(auditLog.at);
    expect(audit.map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('refuses, naming the field: a month for a yearly indicator, a value out of range, no area or two, an unknown indicator; others 403', async () => {
    const office = await ctx.login(demo.office);
    const items = (await office.get('/api/indicators')).json().items as { id: string; code: string; maxValue: number | null }[];
    const t = items.find((i) => i.code === 'I04')!;
    const midori = ((await office.get('/api/municipalities')).json().items as { id: string; name: string }[]).find(
      (m) => m.name === 'みどり区',
    )!;
    const base = { indicatorId: t.id, municipalityId: midori.id, period: 'FY2025', value: 5 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, period: '2025-07' }, 'period'],
      [{ ...base, period: '昨年' }, 'period'],
      [{ ...base, municipalityId: undefined }, 'municipalityId'],
      [{ ...base, referenceAreaId: midori.id }, 'municipalityId'],
      [{ ...base, indicatorId: midori.id }, 'indicatorId'],
      [{ ...base, municipalityId: t.id }, 'municipalityId'],
    ];
    if (t.maxValue !== null) cases.push([{ ...base, value: t.maxValue + 1 }, 'value']);
    for (const [body, field] of cases) {
      const res = await office.put('/api/indicator-values', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.json().errors ?? res.json())).toContain(field);
    }
    for (const who of [demo.morikawa, demo.midori])
      expect((await (await ctx.login(who)).put('/api/indicator-values', base)).statusCode).toBe(403);
  });
});
