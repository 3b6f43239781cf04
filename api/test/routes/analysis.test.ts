/**
 * 地域分析: a 見える化-layout Shift_JIS CSV of 62 municipalities × 5 years (written here, encoded with
 * iconv-lite), imported through the preview and the all-or-nothing apply, read back, and the
 * analysis of みどり区 against its similar municipalities.
 */
import { municipalityCheckDigit } from '@banso/shared/municipality-code';
import { and, count, eq, inArray, like } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, indicators, indicatorValues, municipalities } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let office: Session;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  office = await ctx.login(demo.office);
});
afterAll(() => ctx.close());

const YEARS = ['令和2年度', '令和3年度', '令和4年度', '令和5年度', '令和6年度'];
const PERIODS = ['FY2020', 'FY2021', 'FY2022', 'FY2023', 'FY2024'];
const code = (n: number) => {
  const five = `98${String(n).padStart(3, '0')}`;
  return `${five}${municipalityCheckDigit(five)}`;
};
/** 62 wards of the 大都市型 (similar to みどり区), plus さくら区 (990011), みどり区 itself and 全国. */
const areas = [
  ...Array.from({ length: 62 }, (_, i) => ({ code: code(i + 1), name: `テスト${i + 1}区` })),
  { code: '990011', name: 'さくら区' },
];
const valueOf = (row: number, year: number) => Math.round((5 + ((row * 7 + year * 3) % 40) / 4) * 10) / 10;

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
const sjis = (text: string) => iconv.encode(text, 'Shift_JIS');
const mierukaFile = (extra: string[][] = []) =>
  sjis(
    csv([
      ['地域包括ケア「見える化」システム 通いの場への参加率'],
      ['団体コード', '団体名', ...YEARS],
      ['00', '全国', ...YEARS.map((_, y) => String(6 + y * 0.2))],
      ...areas.map((a, r) => [a.code, a.name, ...YEARS.map((_, y) => String(valueOf(r, y)))]),
      ...extra,
    ]),
  );
const send = (url: string, body: Buffer) => office.request({ method: 'POST', url, payload: body, headers: { 'content-type': 'text/csv' } });

async function storedA01() {
  return ctx.database.db
    .select({ code: municipalities.code, period: indicatorValues.period, value: indicatorValues.value })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .innerJoin(municipalities, eq(municipalities.id, indicatorValues.municipalityId))
    .where(
      and(
        eq(indicators.code, 'A01'),
        inArray(
          municipalities.code,
          areas.map((a) => a.code),
        ),
      ),
    );
}

describe('POST /api/indicator-values/import (見える化 table, Shift_JIS)', () => {
  beforeAll(async () => {
    // The 62 wards join the master and the jurisdiction first, through the municipality import.
    const master = csv([
      ['団体コード', '都道府県名（漢字）', '市区町村名（漢字）', '区分', '地域類型'],
      ...areas.slice(0, 62).map((a) => [a.code, 'テスト県', a.name, '区部', '大都市型']),
    ]);
    const res = await office.request({
      method: 'POST',
      url: '/api/municipalities/import',
      payload: sjis(master),
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('names 2 unknown codes and 1 non-number, and applies nothing', async () => {
    const bad = mierukaFile([
      ['981990', '不明1区', '1', '2', '3', '4', '5'],
      ['982990', '不明2区', '1', '2', '3', '4', '5'],
    ]);
    // One cell of テスト5区 (row 3 + 5) is not a number.
    const text = iconv.decode(bad, 'Shift_JIS').replace(new RegExp(`^(${code(5)},テスト5区,)[^,]+`, 'm'), '$1abc');
    const file = sjis(text);
    const seeded = await storedA01();
    const preview = await send('/api/indicator-values/import/preview?indicator=A01', file);
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ encoding: 'shift_jis', layout: 'mieruka' });
    expect(body.errors.map((e: { row: number; reason: string }) => [e.row, e.reason])).toEqual([
      [8, 'not_a_number'],
      [67, 'unknown_area'],
      [68, 'unknown_area'],
    ]);
    const applied = await send('/api/indicator-values/import?indicator=A01', file);
    expect(applied.statusCode).toBe(400);
    expect(applied.json().code ?? applied.json().type).toBeTruthy();
    // Only さくら区's seeded figures, untouched.
    expect(await storedA01()).toEqual(seeded);
    expect(seeded.every((v) => v.code === '990011')).toBe(true);
  });

  it('imports 62 municipalities × 5 years: every value read back equals the file; again, nothing is written', async () => {
    const file = mierukaFile();
    const preview = (await send('/api/indicator-values/import/preview?indicator=A01', file)).json();
    // さくら区 and 全国 already hold seeded figures of A01 (5 years each), which the file changes.
    expect(preview).toMatchObject({ errors: [], values: 64 * 5, create: 62 * 5 });
    const res = await send('/api/indicator-values/import?indicator=A01', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ values: 64 * 5, created: 62 * 5 });

    const stored = await storedA01();
    expect(stored).toHaveLength(63 * 5);
    const byKey = new Map(stored.map((v) => [`${v.code}|${v.period}`, v.value]));
    areas.forEach((a, r) => PERIODS.forEach((p, y) => expect(byKey.get(`${a.code}|${p}`)).toBe(valueOf(r, y))));

    const audits = async () => (await ctx.database.db.select({ n: count() }).from(auditLog).where(like(auditLog.action, 'import_%')))[0]!.n;
    const before = await audits();
    const again = await send('/api/indicator-values/import?indicator=A01', file);
    expect(again.json()).toEqual({ values: 320, created: 0, updated: 0, unchanged: 320 });
    expect(await audits()).toBe(before);
  });

  it('refuses the import to everyone but the program office', async () => {
    const res = await (
      await ctx.login(demo.morikawa)
    ).request({
      method: 'POST',
      url: '/api/indicator-values/import/preview?indicator=A01',
      payload: mierukaFile(),
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('GET /api/engagements/:id/analysis', () => {
  it('gives みどり区 the mean of its similar municipalities, computed from the file, 全国 and its rank', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    for (const who of [demo.office, demo.morikawa, demo.midori, demo.sakura]) {
      const res = await (await ctx.login(who)).get(`/api/engagements/${id}/analysis`);
      expect(res.statusCode, res.body).toBe(200);
    }
    const body = (await office.get(`/api/engagements/${id}/analysis`)).json();
    const a01 = body.indicators.find((i: { indicator: { code: string } }) => i.indicator.code === 'A01');
    expect(a01.indicator).toMatchObject({ direction: 'higher', unit: '%' });
    // Similar: the 62 wards and さくら区 (区部, 大都市型), every one of them in the file.
    expect(body.similar).toHaveLength(63);
    PERIODS.forEach((p, y) => {
      const mean = areas.reduce((s, _a, r) => s + valueOf(r, y), 0) / areas.length;
      const got = a01.series.similarMean.find((x: { period: string }) => x.period === p);
      expect(got.n).toBe(63);
      expect(got.value).toBeCloseTo(mean, 10);
    });
    expect(a01.series.national.map((x: { value: number }) => x.value)).toEqual([6, 6.2, 6.4, 6.6, 6.8]);
    expect(a01.series.own).toHaveLength(5);
    expect(a01.series.neighbours[0].name).toBe('さくら区');
    expect(a01.ranking).toMatchObject({ period: 'FY2024' });
    expect(a01.ranking.of).toBeGreaterThanOrEqual(64);
    expect(Object.keys(a01.valueIds)).toEqual(PERIODS);
    expect(body.grants.length).toBeGreaterThan(0);
    expect(body.grants[0]).toMatchObject({ grant: expect.any(String), maxScore: expect.any(Number) });
  });

  it('answers 404 to a user of another municipality without a grant', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    expect((await (await ctx.login(demo.higashi)).get(`/api/engagements/${id}/analysis`)).statusCode).toBe(404);
  });
});
