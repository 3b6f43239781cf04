/**
 * 交付金: the scores of both grants by evaluation area, imported like indicator figures (a Shift_JIS
 * CSV or xlsx, preview listing every bad row, all-or-nothing apply, upsert, audited), read back
 * through the engagement's analysis, and attached to a tree node as evidence.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, grantScores, municipalities } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let office: Session;
let codes: Record<string, string>;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  office = await ctx.login(demo.office);
  const rows = await ctx.database.db
    .select({ code: municipalities.code, name: municipalities.name })
    .from(municipalities)
    .where(inArray(municipalities.name, ['みどり区', 'あおば市', 'やまなみ町']));
  codes = Object.fromEntries(rows.map((r) => [r.name, r.code]));
});
afterAll(() => ctx.close());

const HEADER = ['団体コード', '団体名', '交付金', '年度', '分野コード', '分野', '配点', '得点', '全国平均', '都道府県平均'];
const AREAS: [string, string, number][] = [
  ['A', '目標Ⅰ 持続可能な地域のあるべき姿をかたちにする', 400],
  ['B', '目標Ⅱ 公正・公平な給付を行う体制を構築する', 300],
  ['C', '目標Ⅲ 介護人材の確保その他のサービス提供基盤の整備を推進する', 300],
];
const NAMES = ['みどり区', 'あおば市', 'やまなみ町'] as const;
const scoreOf = (m: number, g: number, y: number, a: number, max: number) =>
  Math.round(max * (0.4 + ((m * 5 + g * 3 + y * 7 + a * 11) % 50) / 100));
/** 3 municipalities × 2 grants × 2 years (令和8・9年度, after the demo's) × 3 areas = 36 rows. */
const rows = () =>
  NAMES.flatMap((name, m) =>
    ['推進', '介護保険保険者努力支援交付金'].flatMap((grant, g) =>
      ['令和8年度', 'R9'].flatMap((year, y) =>
        AREAS.map(([code, area, max], a) => [
          codes[name]!,
          name,
          grant,
          year,
          code,
          area,
          String(max),
          String(scoreOf(m, g, y, a, max)),
          String(Math.round(max * 0.6)),
          a === 2 ? '' : String(Math.round(max * 0.58)),
        ]),
      ),
    ),
  );
const csv = (r: string[][]) => r.map((x) => x.join(',')).join('\r\n') + '\r\n';
const sjis = (text: string) => iconv.encode(text, 'Shift_JIS');
const send = (s: Session, url: string, body: Buffer, type = 'text/csv') =>
  s.request({ method: 'POST', url, payload: body, headers: { 'content-type': type } });
const stored = () =>
  ctx.database.db
    .select()
    .from(grantScores)
    .where(inArray(grantScores.fiscalYear, [2026, 2027]));

describe('POST /api/grant-scores/import', () => {
  it('previews every bad row (unknown code, unreadable grant and year, not a number, above the maximum, an area given two maxima) and applies nothing', async () => {
    const good = rows();
    const bad = [
      ...good,
      ['999999', '不明町', '推進', '令和8年度', 'A', AREAS[0]![1], '400', '100', '', ''],
      [codes.みどり区!, 'みどり区', '何か', '令和8年度', 'A', AREAS[0]![1], '400', '100', '', ''],
      [codes.みどり区!, 'みどり区', '推進', '来年', 'A', AREAS[0]![1], '400', '100', '', ''],
      [codes.みどり区!, 'みどり区', '推進', '令和7年度', 'A', AREAS[0]![1], '400', 'abc', '', ''],
      [codes.みどり区!, 'みどり区', '推進', '令和7年度', 'B', AREAS[1]![1], '300', '301', '', ''],
      [codes.あおば市!, 'あおば市', '推進', '令和8年度', 'A', AREAS[0]![1], '500', '100', '', ''],
    ];
    const file = sjis(csv([['保険者機能強化推進交付金・介護保険保険者努力支援交付金 評価結果'], HEADER, ...bad]));
    const before = await stored();
    const preview = await send(office, '/api/grant-scores/import/preview', file);
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ format: 'csv', encoding: 'shift_jis', scores: 36, create: 36 });
    const first = 3 + good.length;
    expect(body.errors.map((e: { row: number; reason: string }) => [e.row, e.reason])).toEqual([
      [first, 'unknown_area'],
      [first + 1, 'unknown_grant'],
      [first + 2, 'bad_fiscal_year'],
      [first + 3, 'not_a_number'],
      [first + 4, 'out_of_range'],
      [first + 5, 'inconsistent_area'],
    ]);
    const applied = await send(office, '/api/grant-scores/import', file);
    expect(applied.statusCode).toBe(400);
    expect(applied.json().code).toBe('invalid_rows');
    expect(await stored()).toEqual(before);
  });

  it('imports 36 rows: read back through the analysis they equal the file; again, nothing is written', async () => {
    const file = sjis(csv([HEADER, ...rows()]));
    const res = await send(office, '/api/grant-scores/import', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ scores: 36, created: 36, updated: 0, unchanged: 0 });

    const advisor = await ctx.login(demo.morikawa);
    for (const [m, name] of NAMES.entries()) {
      const analysis = (await advisor.get(`/api/engagements/${await engagementIdOf(ctx, name)}/analysis`)).json();
      const mine = (
        analysis.grants as {
          fiscalYear: number;
          grant: string;
          areaCode: string;
          area: string;
          score: number;
          maxScore: number;
          nationalAverage: number | null;
          prefectureAverage: number | null;
          position: number;
        }[]
      ).filter((g) => g.fiscalYear >= 2026);
      expect(mine).toHaveLength(12);
      for (const [g, grant] of (['promotion', 'support'] as const).entries())
        for (const [y, fy] of [2026, 2027].entries())
          AREAS.forEach(([code, area, max], a) =>
            expect(mine.find((x) => x.grant === grant && x.fiscalYear === fy && x.areaCode === code)).toMatchObject({
              area,
              position: a,
              maxScore: max,
              score: scoreOf(m, g, y, a, max),
              nationalAverage: Math.round(max * 0.6),
              prefectureAverage: a === 2 ? null : Math.round(max * 0.58),
            }),
          );
    }

    const audits = async () =>
      (await ctx.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, 'grant_score')))[0]!.n;
    const n = await audits();
    expect(n).toBe(36);
    const again = await send(office, '/api/grant-scores/import', file);
    expect(again.json()).toEqual({ scores: 36, created: 0, updated: 0, unchanged: 36 });
    expect(await audits()).toBe(n);
  });

  it('reads the same scores from xlsx and upserts a changed one (audited with before and after)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('評価結果');
    sheet.addRow(HEADER);
    const changed = rows().map((r, i) => (i === 0 ? r.map((c, j) => (j === 7 ? '399' : c)) : r));
    for (const r of changed) sheet.addRow(r.map((c, j) => (j >= 6 && c !== '' ? Number(c) : c)));
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await send(office, '/api/grant-scores/import', file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ scores: 36, created: 0, updated: 1, unchanged: 35 });
    const [row] = await ctx.database.db
      .select()
      .from(grantScores)
      .innerJoin(municipalities, eq(municipalities.id, grantScores.municipalityId))
      .where(
        and(
          eq(municipalities.name, 'みどり区'),
          eq(grantScores.fiscalYear, 2026),
          eq(grantScores.grant, 'promotion'),
          eq(grantScores.areaCode, 'A'),
        ),
      );
    expect(row!.grant_scores).toMatchObject({ score: 399, version: 2 });
    const [audit] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'grant_score'), eq(auditLog.action, 'import_update')));
    expect(audit).toMatchObject({
      before: expect.objectContaining({ score: scoreOf(0, 0, 0, 0, 400) }),
      after: expect.objectContaining({ score: 399 }),
    });
  });

  it('refuses advisors, municipal members and observers (403) and signed-out callers (401); every role of the engagement reads the scores', async () => {
    const file = sjis(csv([HEADER, ...rows()]));
    for (const who of [demo.morikawa, demo.midori, demo.sakura]) {
      const s = await ctx.login(who);
      expect((await send(s, '/api/grant-scores/import/preview', file)).statusCode).toBe(403);
      expect((await send(s, '/api/grant-scores/import', file)).statusCode).toBe(403);
    }
    expect((await send(ctx.anonymous, '/api/grant-scores/import', file)).statusCode).toBe(401);
    const midori = await engagementIdOf(ctx, 'みどり区');
    for (const who of [demo.office, demo.morikawa, demo.midori, demo.sakura]) {
      const res = await (await ctx.login(who)).get(`/api/engagements/${midori}/analysis`);
      expect(res.statusCode).toBe(200);
      expect(res.json().grants.length).toBeGreaterThan(0);
    }
    // Another municipality's member and observer do not read みどり区.
    expect((await (await ctx.login(demo.aoba)).get(`/api/engagements/${midori}/analysis`)).statusCode).toBe(404);
  });

  it('a score attached to a tree node is evidence with its fiscal year and source; another municipality’s score is 400', async () => {
    const midori = await engagementIdOf(ctx, 'みどり区');
    const advisor = await ctx.login(demo.morikawa);
    const grants = (await advisor.get(`/api/engagements/${midori}/analysis`)).json().grants as {
      id: string;
      fiscalYear: number;
      area: string;
      score: number;
    }[];
    const score = grants.find((g) => g.fiscalYear === 2027)!;
    const nodes = (await advisor.get(`/api/engagements/${midori}/tree`)).json().nodes as { id: string; kind: string }[];
    const cause = nodes.find((n) => n.kind === 'cause')!;
    const url = `/api/engagements/${midori}/tree/nodes/${cause.id}/evidence`;
    const res = await advisor.post(url, { kind: 'grant_score', grantScoreId: score.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'grant_score',
      grantScoreId: score.id,
      period: 'FY2027',
      area: score.area,
      score: score.score,
    });
    expect(res.json().source).toContain('交付金');
    expect((await advisor.post(url, { kind: 'grant_score', grantScoreId: score.id })).statusCode).toBe(409);
    const listed = (await (await ctx.login(demo.sakura)).get(url)).json().items as { kind: string; createdBy: unknown }[];
    expect(listed.find((e) => e.kind === 'grant_score')).toMatchObject({ createdBy: null, period: 'FY2027' });
    const aoba = (await advisor.get(`/api/engagements/${await engagementIdOf(ctx, 'あおば市')}/analysis`)).json().grants as {
      id: string;
    }[];
    expect((await advisor.post(url, { kind: 'grant_score', grantScoreId: aoba[0]!.id })).statusCode).toBe(400);
  });

  it('the report’s municipality profile carries both grants of the two latest years and prints them', async () => {
    const yamanami = await engagementIdOf(ctx, 'やまなみ町');
    const advisor = await ctx.login(demo.morikawa);
    const created = await advisor.post(`/api/engagements/${yamanami}/reports`, {});
    expect(created.statusCode, created.body).toBe(201);
    const grants = created.json().facts.grants as { fiscalYear: number; grant: string }[];
    const years = [...new Set(grants.map((g) => g.fiscalYear))];
    expect(years).toHaveLength(2);
    expect(new Set(grants.map((g) => g.grant))).toEqual(new Set(['promotion', 'support']));
    const html = await advisor.get(`/api/engagements/${yamanami}/reports/${created.json().id}/preview`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('交付金の評価');
    expect(html.body).toContain('介護保険保険者努力支援交付金');
  });

  it('a file without the score column is 400 invalid_file naming it', async () => {
    const res = await send(office, '/api/grant-scores/import/preview', Buffer.from(csv([HEADER.slice(0, 7), rows()[0]!.slice(0, 7)])));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_file' });
    expect(res.json().detail).toContain('得点');
  });
});
