import { ReportSchema, SelfEvaluationItemSchema, SelfEvaluationListSchema } from '@banso/shared';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, auditLog, selfEvaluationItems } from '../../src/db/schema/index.js';
import { reportHtml } from '../../src/modules/reports/render/report-html.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let midori: string;
let aoba: string;
let midoriActions: string[];
let aobaAction: string;
beforeAll(async () => {
  // The demo was seeded on 2025-12-01: its sheet is of 令和7年度 (FY2025), in the plan period 第9期 (FY2024–2026).
  ctx = await createTestContext({ today: '2025-12-01' });
  midori = await engagementIdOf(ctx, 'みどり区');
  aoba = await engagementIdOf(ctx, 'あおば市');
  const db = ctx.database.db;
  midoriActions = (await db.select({ id: actions.id }).from(actions).where(eq(actions.engagementId, midori))).map((a) => a.id);
  aobaAction = (await db.select({ id: actions.id }).from(actions).where(eq(actions.engagementId, aoba)).limit(1))[0]!.id;
});
afterAll(() => ctx.close());

const url = (id: string, rest = '') => `/api/engagements/${id}/self-evaluations${rest}`;
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const lastAudit = async (id: string) =>
  (await ctx.database.db.select().from(auditLog).where(eq(auditLog.engagementId, id)).orderBy(desc(auditLog.id)).limit(1))[0];

async function sheet(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('GET /api/engagements/:id/self-evaluations', () => {
  it('lists the current fiscal year’s sheet in its order, with the plan period (the demo’s items of みどり区)', async () => {
    const res = await (await ctx.login(demo.midori)).get(url(midori));
    expect(res.statusCode).toBe(200);
    const list = SelfEvaluationListSchema.parse(res.json());
    expect(list.fiscalYear).toBe(2025);
    expect(list.planPeriod).toEqual({ term: 9, firstYear: 2024, lastYear: 2026 });
    expect(list.items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(list.items[0]).toMatchObject({
      title: '認知症相談窓口の周知',
      indicator: { code: 'I07' },
      targetValue: 35,
      actualValue: 31,
      mark: 'mostly_achieved',
      direction: 'improve',
      updatedBy: { name: '中村 陽子' },
    });
    for (const item of list.items) for (const a of item.actionIds) expect(midoriActions).toContain(a);
    // Another year of the period has no sheet yet.
    const next = SelfEvaluationListSchema.parse((await (await ctx.login(demo.midori)).get(url(midori, '?fiscalYear=2026'))).json());
    expect(next).toMatchObject({ fiscalYear: 2026, items: [] });
  });
});

describe('writing the sheet', () => {
  it('creates, edits with If-Match (428 without, 412 stale), and deletes an item; every write is audited', async () => {
    const member = await ctx.login(demo.midori);
    const created = await member.post(url(midori), {
      fiscalYear: 2025,
      theme: '在宅医療・介護連携',
      title: '入退院時の情報共有',
      indicatorName: '入院時情報提供率',
      unit: '%',
      targetValue: 80,
      actionIds: [midoriActions[0]],
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const item = SelfEvaluationItemSchema.parse(created.json());
    expect(item).toMatchObject({
      position: 7,
      mark: null,
      direction: null,
      actualValue: null,
      version: 1,
      updatedBy: { name: '中村 陽子' },
    });
    expect(await lastAudit(midori)).toMatchObject({
      entity: 'self_evaluation',
      entityId: item.id,
      action: 'create',
      actorId: member.userId,
    });

    const unversioned = await member.patch(url(midori, `/${item.id}`), { mark: 'mostly_achieved' });
    expect(unversioned.statusCode).toBe(428);
    const stale = await member.patch(url(midori, `/${item.id}`), { mark: 'mostly_achieved' }, ifMatch(7));
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ id: item.id, mark: null, version: 1 });

    const marked = await member.patch(
      url(midori, `/${item.id}`),
      { actualValue: 76.5, mark: 'mostly_achieved', comment: '目標にあと一歩', direction: 'continue', directionText: '様式を統一する' },
      ifMatch(1),
    );
    expect(marked.statusCode).toBe(200);
    expect(marked.headers.etag).toBe('"2"');
    expect(marked.json()).toMatchObject({ actualValue: 76.5, mark: 'mostly_achieved', direction: 'continue', targetValue: 80, version: 2 });
    expect(await lastAudit(midori)).toMatchObject({ action: 'update', before: { mark: null }, after: { mark: 'mostly_achieved' } });

    // An advisor and the program office write the sheet beside the municipality.
    const advisor = await ctx.login(demo.morikawa);
    expect((await advisor.patch(url(midori, `/${item.id}`), { comment: '目標にあと一歩。様式の差が要因' }, ifMatch(2))).statusCode).toBe(
      200,
    );

    expect((await member.delete(url(midori, `/${item.id}`))).statusCode).toBe(428);
    expect((await member.delete(url(midori, `/${item.id}`), ifMatch(2))).statusCode).toBe(412);
    expect((await member.delete(url(midori, `/${item.id}`), ifMatch(3))).statusCode).toBe(204);
    expect(await lastAudit(midori)).toMatchObject({ entity: 'self_evaluation', entityId: item.id, action: 'delete' });
    expect((await member.patch(url(midori, `/${item.id}`), { mark: 'unmet' }, ifMatch(3))).statusCode).toBe(404);
  });

  it('closes the gap in the order on delete, and reorders the year (409 list_changed on a list that no longer matches)', async () => {
    const office = await ctx.login(demo.office);
    const a = SelfEvaluationItemSchema.parse((await office.post(url(midori), { fiscalYear: 2026, title: '一つ目' })).json());
    const b = SelfEvaluationItemSchema.parse((await office.post(url(midori), { fiscalYear: 2026, title: '二つ目' })).json());
    const c = SelfEvaluationItemSchema.parse((await office.post(url(midori), { fiscalYear: 2026, title: '三つ目' })).json());
    expect([a.position, b.position, c.position]).toEqual([1, 2, 3]);

    const reordered = await office.put(url(midori, '/order'), { fiscalYear: 2026, itemIds: [c.id, a.id, b.id] });
    expect(reordered.statusCode).toBe(200);
    expect(SelfEvaluationListSchema.parse(reordered.json()).items.map((i) => i.title)).toEqual(['三つ目', '一つ目', '二つ目']);
    const missing = await office.put(url(midori, '/order'), { fiscalYear: 2026, itemIds: [a.id, b.id] });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().code).toBe('list_changed');

    expect((await office.delete(url(midori, `/${c.id}`), ifMatch(1))).statusCode).toBe(204);
    const left = SelfEvaluationListSchema.parse((await office.get(url(midori, '?fiscalYear=2026'))).json()).items;
    expect(left.map((i) => [i.title, i.position])).toEqual([
      ['一つ目', 1],
      ['二つ目', 2],
    ]);
  });

  it('answers 400 naming the field for an action of another engagement, an unknown indicator or a year outside the plan period', async () => {
    const member = await ctx.login(demo.midori);
    const foreign = await member.post(url(midori), {
      fiscalYear: 2025,
      title: '他の案件の取組',
      actionIds: [midoriActions[0], aobaAction],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([expect.objectContaining({ path: 'body.actionIds.1' })]);

    const first = SelfEvaluationItemSchema.parse(SelfEvaluationListSchema.parse((await member.get(url(midori))).json()).items[0]);
    const patched = await member.patch(url(midori, `/${first.id}`), { actionIds: [aobaAction] }, ifMatch(first.version));
    expect(patched.statusCode).toBe(400);
    expect(patched.json().errors[0].path).toBe('body.actionIds.0');
    const [row] = await ctx.database.db.select().from(selfEvaluationItems).where(eq(selfEvaluationItems.id, first.id));
    expect(row!.actionIds).toEqual(first.actionIds);

    const indicator = await member.post(url(midori), { fiscalYear: 2025, title: '存在しない指標', indicatorId: aobaAction });
    expect(indicator.statusCode).toBe(400);
    expect(indicator.json().errors[0].path).toBe('body.indicatorId');

    const outside = await member.post(url(midori), { fiscalYear: 2027, title: '次の計画期間' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].path).toBe('body.fiscalYear');

    expect((await member.post(url(midori), { fiscalYear: 2025, title: '印', mark: '○' })).statusCode).toBe(400);
  });

  it('answers 409 already_exists for a title twice in one year', async () => {
    const member = await ctx.login(demo.midori);
    const twice = await member.post(url(midori), { fiscalYear: 2025, title: '認知症相談窓口の周知' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('already_exists');
    // The same title in another year of the period is another item.
    expect((await member.post(url(midori), { fiscalYear: 2024, title: '認知症相談窓口の周知' })).statusCode).toBe(201);
  });
});

describe('who reads and writes the sheet', () => {
  it('lets observers read it but not write; an account with no role in the engagement gets 404; anonymous 401', async () => {
    const observer = await ctx.login(demo.sakura);
    const list = SelfEvaluationListSchema.parse((await observer.get(url(midori))).json());
    expect(list.items.length).toBeGreaterThan(0);
    // …without the staff's names.
    expect(list.items.every((i) => i.updatedBy === null)).toBe(true);
    expect((await observer.post(url(midori), { fiscalYear: 2025, title: '傍聴者の追加' })).statusCode).toBe(403);
    expect((await observer.patch(url(midori, `/${list.items[0]!.id}`), { mark: 'unmet' }, ifMatch(1))).statusCode).toBe(403);
    expect((await observer.delete(url(midori, `/${list.items[0]!.id}`), ifMatch(1))).statusCode).toBe(403);
    expect((await observer.get(url(midori, '.xlsx'))).statusCode).toBe(200);

    const outsider = await ctx.login(demo.aoba);
    expect((await outsider.get(url(midori))).statusCode).toBe(404);
    expect((await outsider.get(url(midori, '.xlsx'))).statusCode).toBe(404);
    expect((await outsider.post(url(midori), { fiscalYear: 2025, title: '他の自治体' })).statusCode).toBe(404);
    expect((await ctx.anonymous.get(url(midori))).statusCode).toBe(401);
    // An item of みどり区 is not found under あおば市's path.
    const advisor = await ctx.login(demo.morikawa);
    expect((await advisor.patch(url(aoba, `/${list.items[0]!.id}`), { mark: 'unmet' }, ifMatch(1))).statusCode).toBe(404);
  });
});

describe('GET /api/engagements/:id/self-evaluations.xlsx', () => {
  it('is a printable sheet: title with the fiscal year, the insurer, the header row repeated, the rows with their marks', async () => {
    const res = await (await ctx.login(demo.midori)).get(url(midori, '.xlsx?fiscalYear=2025'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml\.sheet/);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment;/);
    const ws = await sheet(res.rawPayload);
    expect(ws.getCell('A1').value).toBe('令和7年度 取組と目標 自己評価シート');
    expect(String(ws.getCell('A2').value)).toContain('みどり区');
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['No', '取組と目標', '指標', '目標', '実績', '自己評価', '今後の方向性']));
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '1:3' });
    const rows = [4, 5, 6, 7, 8, 9].map((r) => ws.getRow(r));
    expect(rows.map((r) => r.getCell(3).value)).toEqual([
      '認知症相談窓口の周知',
      '認知症初期集中支援チームの活用',
      'かかりつけ医と地域包括支援センターの連携',
      '見守り協定の締結',
      '通いの場への参加促進',
      '認知症カフェでの介護者相談',
    ]);
    expect(rows.map((r) => r.getCell(8).value ?? null)).toEqual(['○', '△', '△', '◎', null, null]);
    expect(rows[0]!.getCell(4).value).toBe('認知症相談窓口の認知度');
    expect(rows[0]!.getCell(6).value).toBe(35);
    expect(rows[0]!.getCell(7).value).toBe(31);
    expect(rows[0]!.getCell(10).value).toBe('改善');
    expect(String(rows[0]!.getCell(12).value)).toContain('区報・薬局で相談窓口を周知');
    expect(rows[0]!.getCell(9).alignment).toMatchObject({ wrapText: true });
  });

  it('titles another fiscal year’s sheet with its year (令和8年度) and writes English on request', async () => {
    const member = await ctx.login(demo.midori);
    await member.post(url(midori), { fiscalYear: 2026, title: '認知症サポーターの養成', targetValue: 500, unit: '人', mark: 'achieved' });
    const ws = await sheet((await member.get(url(midori, '.xlsx?fiscalYear=2026'))).rawPayload);
    expect(ws.getCell('A1').value).toBe('令和8年度 取組と目標 自己評価シート');
    const en = await sheet((await member.get(url(midori, '.xlsx?fiscalYear=2026&locale=en'))).rawPayload);
    expect(String(en.getCell('A1').value)).toMatch(/^FY2026 \(Reiwa 8\) self-evaluation sheet/);
    expect(en.getRow(3).values).toEqual(expect.arrayContaining(['Goal of the plan', 'Self-evaluation', 'Way forward']));
    // A year without items still prints its title and headers.
    const empty = await sheet((await member.get(url(midori, '.xlsx?fiscalYear=2024&locale=ja'))).rawPayload);
    expect(empty.getCell('A1').value).toBe('令和6年度 取組と目標 自己評価シート');
  });
});

describe('the report', () => {
  it('has a section with the self-evaluation table of its fiscal year; a version drafted before it still renders', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const created = await advisor.post(`/api/engagements/${midori}/reports`, {});
    expect(created.statusCode).toBe(201);
    const report = ReportSchema.parse(created.json());
    expect(report.facts.selfEvaluations?.map((r) => r.title)).toContain('認知症相談窓口の周知');
    const preview = await advisor.get(`/api/engagements/${midori}/reports/${report.id}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('取組と目標の自己評価');
    expect(preview.body).toContain('認知症初期集中支援チームの活用');
    expect(preview.body).toContain('◎');
    // A version whose facts predate the sheet: no section, and the rest as before.
    const { selfEvaluations: _dropped, ...older } = report.facts;
    const html = reportHtml({ ...report, facts: older });
    expect(html).not.toContain('取組と目標の自己評価');
    expect(html).toContain('検証方法と進捗');
    expect(html).toContain('振り返り(PDCA)');
    const en = reportHtml(report, 'en');
    expect(en).toContain('Self-evaluation of the plan’s goals');
  });

  it('keeps items of other years out of the report', async () => {
    const db = ctx.database.db;
    const other = await db
      .select({ title: selfEvaluationItems.title })
      .from(selfEvaluationItems)
      .where(and(eq(selfEvaluationItems.engagementId, midori), eq(selfEvaluationItems.fiscalYear, 2026)));
    expect(other.length).toBeGreaterThan(0);
    const reports = (await (await ctx.login(demo.morikawa)).get(`/api/engagements/${midori}/reports`)).json().items as { id: string }[];
    const report = ReportSchema.parse(
      (await (await ctx.login(demo.morikawa)).get(`/api/engagements/${midori}/reports/${reports[0]!.id}`)).json(),
    );
    expect(report.fiscalYear).toBe(2025);
    for (const o of other) expect(report.facts.selfEvaluations?.map((r) => r.title)).not.toContain(o.title);
  });
});
