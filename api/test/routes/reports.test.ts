import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, findings, pdcaReviews, users } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let midori: string;
let aoba: string;
const MUNICIPALITY_ONLY = '区議会への説明前のため庁内限定: 予算要求額は未確定';

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-02-20' });
  midori = await engagementIdOf(ctx, 'みどり区');
  aoba = await engagementIdOf(ctx, 'あおば市');
  // みどり区 has team-only findings in the demo; add a municipality-only one so both kinds are checked.
  await ctx.database.db
    .insert(findings)
    .values({ engagementId: midori, kind: 'decision', text: MUNICIPALITY_ONLY, source: '高齢福祉課', visibility: 'municipality' });
  await ctx.database.db.insert(pdcaReviews).values({
    engagementId: midori,
    fiscalYear: 2025,
    assessment: 'good',
    comment: '連絡票の試行が始まった',
    nextActions: '全区展開に向けて医師会と協議',
  });
});
afterAll(() => ctx.close());

const url = (engagementId: string, rest = '') => `/api/engagements/${engagementId}/reports${rest}`;

/** The demo's みどり区 record (api/src/db/demo/engagements.ja.yaml). */
const midoriActions = [
  'マンション管理組合・配達事業者と見守り協定',
  '医師会と「もの忘れ連絡票」を定型化',
  'チーム依頼基準を包括合同で統一',
  '圏域ごとの認知症カフェに介護者相談を併設',
  '区報・薬局で相談窓口を周知',
];

describe('POST /api/engagements/:id/reports', () => {
  let report: { id: string; version: number; facts: Record<string, unknown> } & Record<string, unknown>;

  it('generates the みどり区 draft from the record for the advisor', async () => {
    const res = await (await ctx.login(demo.morikawa)).post(url(midori), {});
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    report = res.json();
    expect(report).toMatchObject({
      status: 'draft',
      versionNumber: 1,
      fiscalYear: 2025,
      isLatest: true,
      title: '令和7年度 みどり区 伴走型支援 報告書',
    });
  });

  it('contains the desired state, every selected action and every verification target', async () => {
    const facts = (await (await ctx.login(demo.morikawa)).get(url(midori, `/${report.id}`))).json().facts;
    expect(facts.engagement.desiredState).toBe('認知症になっても住み慣れた地域で自分らしく暮らせる');
    expect(facts.municipality).toMatchObject({
      name: 'みどり区',
      category: 'ward',
      regionType: 'metro',
      population: 281000,
      agingRate: 21.4,
    });
    expect(facts.keyIndicators.map((v: { code: string }) => v.code)).toEqual(expect.arrayContaining(['M01', 'M02', 'I05']));
    expect(facts.actions.map((a: { title: string }) => a.title).sort()).toEqual([...midoriActions].sort());
    expect(facts.roadmap).toHaveLength(5);
    const targets = facts.verification.map((p: { actionTitle: string; indicatorName: string; targetValue: number; targetBy: string }) => [
      p.actionTitle,
      p.targetValue,
      p.targetBy,
    ]);
    expect(targets).toEqual(
      expect.arrayContaining([
        ['医師会と「もの忘れ連絡票」を定型化', 60, '2027-03'],
        ['チーム依頼基準を包括合同で統一', 30, '2027-03'],
        ['マンション管理組合・配達事業者と見守り協定', 70, '2027-03'],
        ['圏域ごとの認知症カフェに介護者相談を併設', 120, '2027-03'],
        ['区報・薬局で相談窓口を周知', 35, '2025-12'],
      ]),
    );
    expect(facts.verification).toHaveLength(5);
    // The tree: 18 nodes, the selected measures carry their action status, the unselected one none.
    expect(facts.tree.nodes).toHaveLength(18);
    const notSelected = facts.tree.nodes.find((n: { title: string }) => n.title === '認知症対応型通所の整備誘導');
    expect(notSelected.actionStatus).toBeNull();
    // The review's mark only: its comment and next actions are not for observers (issue 11), so a shared report leaves them out.
    expect(facts.review).toEqual({ fiscalYear: facts.fiscalYear, assessment: expect.any(String), mark: '○' });
    expect(JSON.stringify(facts)).not.toContain('連絡票の試行が始まった');
  });

  it('holds only findings shareable with observers: no team-only or municipality-only finding', async () => {
    const body = (await (await ctx.login(demo.morikawa)).get(url(midori, `/${report.id}`))).body;
    expect(body).toContain('初回相談時に認知症自立度Ⅱb以下の人は58%にとどまる');
    expect(body).not.toContain('人事評価');
    expect(body).not.toContain(MUNICIPALITY_ONLY);
    const facts = JSON.parse(body).facts;
    expect(facts.findings).toHaveLength(2);
  });

  it('records the creation in the audit log', async () => {
    const rows = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, report.id));
    expect(rows.map((r) => r.action)).toContain('create');
  });

  it('refuses a second report for the same fiscal year with 409', async () => {
    const res = await (await ctx.login(demo.takada)).post(url(midori), { fiscalYear: 2025 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('report_exists');
  });

  it('lets only advisors draft: program office, municipal member and observer get 403, another municipality 404', async () => {
    for (const who of [demo.office, demo.aoba, demo.higashi]) {
      const res = await (await ctx.login(who)).post(url(aoba), {});
      expect([who, res.statusCode]).toEqual([who, who === demo.higashi || who === demo.aoba || who === demo.office ? 403 : 201]);
    }
    expect((await (await ctx.login(demo.yamanami)).post(url(aoba), {})).statusCode).toBe(404);
    expect((await (await ctx.login(demo.kitano)).post(url(midori), {})).statusCode).toBe(404);
  });

  it('rejects unknown fields with 400 naming them', async () => {
    const res = await (await ctx.login(demo.morikawa)).post(url(aoba), { fiscalYear: 2025, colour: 'red' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.colour');
  });
});

describe('reading reports', () => {
  it('lets the team and the municipality read, not observers or strangers', async () => {
    const list = await (await ctx.login(demo.midori)).get(url(midori));
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect((await (await ctx.login(demo.office)).get(url(midori))).statusCode).toBe(200);
    expect((await (await ctx.login(demo.sakura)).get(url(midori))).statusCode).toBe(403);
    expect((await (await ctx.login(demo.yamanami)).get(url(midori))).statusCode).toBe(404);
    expect((await ctx.anonymous.get(url(midori))).statusCode).toBe(401);
  });

  it('answers 404 for a report of another engagement', async () => {
    const id = (await (await ctx.login(demo.morikawa)).get(url(midori))).json().items[0].id;
    expect((await (await ctx.login(demo.morikawa)).get(url(aoba, `/${id}`))).statusCode).toBe(404);
  });

  it('draws the tree as SVG with the node titles', async () => {
    const id = (await (await ctx.login(demo.morikawa)).get(url(midori))).json().items[0].id;
    const res = await (await ctx.login(demo.midori)).get(url(midori, `/${id}/tree.svg`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.body.startsWith('<svg')).toBe(true);
    expect(res.body).toContain('相談が重度化してから来る');
    expect(res.body).toContain('取組: 実施中');
  });

  it('previews the print page as HTML with the Japanese headings', async () => {
    const id = (await (await ctx.login(demo.morikawa)).get(url(midori))).json().items[0].id;
    const res = await (await ctx.login(demo.morikawa)).get(url(midori, `/${id}/preview`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const heading of ['自治体の概要', 'ロジックツリー', '選定した取組', 'ロードマップ', '検証方法と進捗'])
      expect(res.body).toContain(heading);
    expect(res.body).not.toContain('人事評価');
  });
});

describe('editing, publishing and versions', () => {
  let id: string;
  beforeAll(async () => {
    id = (await (await ctx.login(demo.morikawa)).get(url(midori))).json().items[0].id;
  });

  it('lets an advisor edit a narrative with If-Match', async () => {
    const advisor = await ctx.login(demo.takada);
    const res = await advisor.patch(
      url(midori, `/${id}`),
      { narratives: { summary: '連絡票の定型化で早期相談が増え始めた。' } },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json().narratives.summary).toBe('連絡票の定型化で早期相談が増え始めた。');
    expect(res.json().narratives.findings).toBe('');
    const [takada] = await ctx.database.db.select().from(users).where(eq(users.email, demo.takada));
    expect(res.json().updatedBy).toEqual({ id: takada!.id, name: takada!.name });
  });

  it('needs If-Match (428) and refuses a stale one with 412 and the current report', async () => {
    const advisor = await ctx.login(demo.takada);
    expect((await advisor.patch(url(midori, `/${id}`), { title: 'x' })).statusCode).toBe(428);
    const stale = await advisor.patch(url(midori, `/${id}`), { title: '古い版からの変更' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current.version).toBe(2);
  });

  it('names an unknown section in a 400', async () => {
    const res = await (await ctx.login(demo.takada)).patch(url(midori, `/${id}`), { narratives: { epilogue: 'x' } }, { 'if-match': '"2"' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.narratives.epilogue');
  });

  it('does not let the municipality, observers or the program office edit', async () => {
    for (const [who, status] of [
      [demo.midori, 403],
      [demo.office, 403],
      [demo.sakura, 403],
      [demo.aoba, 404],
    ] as const) {
      const res = await (await ctx.login(who)).patch(url(midori, `/${id}`), { title: 'x' }, { 'if-match': '"2"' });
      expect([who, res.statusCode]).toEqual([who, status]);
    }
  });

  it('lets only the program office publish', async () => {
    expect((await (await ctx.login(demo.morikawa)).post(url(midori, `/${id}/publish`), undefined, { 'if-match': '"2"' })).statusCode).toBe(
      403,
    );
    expect((await (await ctx.login(demo.midori)).post(url(midori, `/${id}/publish`), undefined, { 'if-match': '"2"' })).statusCode).toBe(
      403,
    );
    expect((await (await ctx.login(demo.office)).post(url(midori, `/${id}/publish`))).statusCode).toBe(428);
    const res = await (await ctx.login(demo.office)).post(url(midori, `/${id}/publish`), undefined, { 'if-match': '"2"' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', version: 3 });
    expect(res.json().publishedAt).toBeTruthy();
  });

  it('refuses to edit, refresh or republish a published report with 409', async () => {
    const edit = await (
      await ctx.login(demo.morikawa)
    ).patch(url(midori, `/${id}`), { narratives: { summary: '書き換え' } }, { 'if-match': '"3"' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('report_published');
    expect((await (await ctx.login(demo.morikawa)).post(url(midori, `/${id}/refresh`), undefined, { 'if-match': '"3"' })).statusCode).toBe(
      409,
    );
    expect((await (await ctx.login(demo.office)).post(url(midori, `/${id}/publish`), undefined, { 'if-match': '"3"' })).statusCode).toBe(
      409,
    );
  });

  it('makes a correction as a new version, and keeps the published one readable and unchanged', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const res = await advisor.post(url(midori, `/${id}/versions`));
    expect(res.statusCode).toBe(201);
    const v2 = res.json();
    expect(v2).toMatchObject({ versionNumber: 2, status: 'draft', previousReportId: id, isLatest: true, version: 1 });
    expect(v2.narratives.summary).toBe('連絡票の定型化で早期相談が増え始めた。');
    const edited = await advisor.patch(url(midori, `/${v2.id}`), { narratives: { summary: '第2版: 数値を訂正。' } }, { 'if-match': '"1"' });
    expect(edited.statusCode).toBe(200);

    const v1 = (await advisor.get(url(midori, `/${id}`))).json();
    expect(v1).toMatchObject({ status: 'published', versionNumber: 1, isLatest: false });
    expect(v1.narratives.summary).toBe('連絡票の定型化で早期相談が増え始めた。');
    const list = (await advisor.get(url(midori))).json().items;
    expect(list.map((r: { versionNumber: number }) => r.versionNumber)).toEqual([2, 1]);
  });

  it('refuses a new version from an old version or while the latest is a draft (409)', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const fromOld = await advisor.post(url(midori, `/${id}/versions`));
    expect(fromOld.statusCode).toBe(409);
    expect(fromOld.json().code).toBe('not_latest');
    const v2 = (await advisor.get(url(midori))).json().items[0];
    const fromDraft = await advisor.post(url(midori, `/${v2.id}/versions`));
    expect(fromDraft.statusCode).toBe(409);
    expect(fromDraft.json().code).toBe('report_not_published');
  });

  it('refreshes a draft’s facts from the record, keeping its narratives', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const v2 = (await advisor.get(url(midori))).json().items[0];
    const res = await advisor.post(url(midori, `/${v2.id}/refresh`), undefined, { 'if-match': `"${v2.version}"` });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(v2.version + 1);
    expect(res.json().narratives.summary).toBe('第2版: 数値を訂正。');
  });
});
