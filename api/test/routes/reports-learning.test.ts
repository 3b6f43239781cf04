/**
 * A report others can learn from (issue 16): the visit log by role, the team, Before ⇒ After per
 * theme, the questions, lessons and next steps — and a PDF that is tagged and has bookmarks, so it
 * reads in a screen reader. Older versions, drafted before these fields, still read and print.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import type { ReportFacts } from '@banso/shared';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, measurements, reports, treeNodes, verificationPlans } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const run = promisify(execFile);

let ctx: TestContext;
let midori: string;
let reportId: string;
let facts: ReportFacts;
let dir: string;

const url = (rest = '') => `/api/engagements/${midori}/reports${rest}`;

const narratives = {
  questions: '相談が重度化してから来るのは、窓口を知らないからか、気づく人がいないからか。',
  successFactors: '医師会の在宅医療担当理事に最初に相談し、連絡票の様式を医師と一緒に作った。',
  difficulties: '包括ごとに受付基準が違い、依頼件数の数字をそろえるまでに半年かかった。',
  nextSteps: '連絡票を全区に広げ、初回相談時の自立度を毎年5月に測る。',
};

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-02-20' });
  ctx.database.pool?.on('error', () => {});
  midori = await engagementIdOf(ctx, 'みどり区');
  dir = await mkdtemp(path.join(tmpdir(), 'banso-learning-'));
  // The demo stands at 2025-12-01, before みどり区's first measurements: record one, so a theme has an after.
  const [plan] = await ctx.database.db
    .select({ id: verificationPlans.id })
    .from(verificationPlans)
    .innerJoin(actions, eq(actions.id, verificationPlans.actionId))
    .innerJoin(treeNodes, eq(treeNodes.id, actions.nodeId))
    .where(and(eq(actions.engagementId, midori), eq(treeNodes.title, '区報・薬局で相談窓口を周知')));
  await ctx.database.db.insert(measurements).values({ planId: plan!.id, period: '2026-01', value: 31, comment: '' });
  const created = await (await ctx.login(demo.morikawa)).post(url(), {});
  expect(created.statusCode).toBe(201);
  reportId = created.json().id;
  facts = created.json().facts;
});
afterAll(async () => {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

async function waitForPdf(session: Session, body: Record<string, unknown>): Promise<Buffer> {
  const res = await session.post(`/api/engagements/${midori}/exports`, body);
  expect(res.statusCode).toBe(202);
  let job = res.json();
  for (let i = 0; i < 600 && job.status !== 'done' && job.status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    job = (await session.get(`/api/engagements/${midori}/exports/${job.id}`)).json();
  }
  expect(job).toMatchObject({ status: 'done', error: null });
  return (await session.get(`/api/engagements/${midori}/exports/${job.id}/file`)).rawPayload;
}

/** The bookmark titles of a PDF: Chromium writes its outline items as (possibly deflated) dictionaries with a UTF-16 /Title. */
function outlineTitles(pdf: Buffer): string[] {
  const texts = [pdf.toString('latin1')];
  for (const m of pdf.toString('latin1').matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = pdf.indexOf('endstream', start);
    try {
      texts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream
    }
  }
  const decode = (hex: string) => {
    const bytes = Buffer.from(hex, 'hex');
    const start = bytes[0] === 0xfe && bytes[1] === 0xff ? 2 : 0;
    let out = '';
    for (let i = start; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
    return out;
  };
  const titles: string[] = [];
  for (const text of texts) {
    if (!/\/Outlines/.test(text) && !/\/Parent\s+\d+\s+0\s+R/.test(text)) continue;
    for (const m of text.matchAll(/\/Title\s*<([0-9A-Fa-f\s]+)>/g)) titles.push(decode(m[1]!.replace(/\s/g, '')));
  }
  return titles;
}

describe('the facts others learn from', () => {
  it('log every visit with its date, kind, what was done and the participants by role and organization', () => {
    expect(facts.visits!.map((v) => [v.seq, v.date, v.kind])).toEqual([
      [1, '2025-07-10', 'hearing'],
      [2, '2025-10-02', 'workshop'],
      [3, '2026-01-20', 'hearing'],
    ]);
    const first = facts.visits![0]!;
    expect(first.participants).toEqual([
      { role: 'lead_advisor', organization: '架空大学 社会福祉学部', count: 1 },
      { role: 'secretariat', organization: '株式会社ひかり総研', count: 1 },
      { role: 'municipal_member', organization: 'みどり区', count: 1 },
      { role: 'observer', organization: 'さくら区', count: 1 },
    ]);
    expect(first.summary).toContain('初回相談時点で認知症が進んでいる人が多い');
    expect(first.agenda).toBe('ヒアリング・現状共有');
    // The observer registered for the third visit (参加登録) is counted from the registration.
    expect(facts.visits![2]!.participants).toEqual([{ role: 'observer', organization: 'さくら区', count: 1 }]);
  });

  it('list the team by role, title and organization', () => {
    expect(facts.team).toEqual([
      { teamRole: 'lead_advisor', title: '主任アドバイザー', organization: '架空大学 社会福祉学部' },
      { teamRole: 'secretariat', title: '事務局', organization: '株式会社ひかり総研' },
      { teamRole: 'municipal_member', title: '高齢福祉課 係長', organization: 'みどり区' },
    ]);
  });

  it('name no one: no e-mail, no person’s name, no user id, no minutes', async () => {
    const text = JSON.stringify({ visits: facts.visits, team: facts.team });
    for (const leak of ['@', '森川', '高田', '中村', '石井', 'userId'] as const) expect(text).not.toContain(leak);
    const visit = facts.visits![0]! as unknown as Record<string, unknown>;
    expect(Object.keys(visit).sort()).toEqual(['agenda', 'date', 'kind', 'participants', 'seq', 'status', 'summary']);
  });

  it('group the verification plans under the 課題 they answer, with the seeded baseline and the latest measurement', async () => {
    const themes = facts.themes!;
    expect(themes.map((t) => [t.kind, t.title])).toEqual([
      ['issue', '相談が重度化してから来る'],
      ['issue', '初期集中支援チームの稼働が少ない'],
      ['issue', '介護者の負担で施設入所に至る'],
    ]);
    expect(themes.flatMap((t) => t.planIds).sort()).toEqual(facts.verification.map((p) => p.planId).sort());
    const byId = new Map(facts.verification.map((p) => [p.planId, p]));
    const first = themes[0]!.planIds.map((id) => byId.get(id)!.indicatorName).sort();
    expect(first).toEqual(['初回相談時 認知症自立度Ⅱb以下の割合', '認知症相談窓口の認知度', '連絡票受理件数'].sort());
    // Each plan's before and after are the database's baseline and its newest measurement.
    for (const p of facts.verification) {
      const [plan] = await ctx.database.db.select().from(verificationPlans).where(eq(verificationPlans.id, p.planId));
      const series = await ctx.database.db
        .select()
        .from(measurements)
        .where(eq(measurements.planId, p.planId))
        .orderBy(asc(measurements.period));
      expect([p.baselineValue, p.baselineAsOf]).toEqual([plan!.baselineValue, plan!.baselineAsOf]);
      expect(p.latest).toEqual(series.length ? { period: series.at(-1)!.period, value: series.at(-1)!.value } : null);
    }
    const awareness = facts.verification.find((p) => p.indicatorCode === 'I07')!;
    expect([awareness.baselineValue, awareness.baselineAsOf, awareness.latest]).toEqual([24, '2022-12', { period: '2026-01', value: 31 }]);
  });
});

describe('the new narratives', () => {
  it('are written with If-Match: questions, both lessons, next steps and Before ⇒ After per theme', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const [theme] = facts.themes!;
    const res = await advisor.patch(
      url(`/${reportId}`),
      { narratives: { ...narratives, byTheme: { [theme!.nodeId]: '窓口の認知度は24%から31%に上がった。' } } },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().narratives).toMatchObject({ ...narratives, byTheme: { [theme!.nodeId]: '窓口の認知度は24%から31%に上がった。' } });
    // byTheme merges: another theme's text leaves the first one's alone.
    const second = facts.themes![1]!.nodeId;
    const next = await advisor.patch(
      url(`/${reportId}`),
      { narratives: { byTheme: { [second]: '依頼基準の統一はこれから。' } } },
      { 'if-match': '"2"' },
    );
    expect(Object.keys(next.json().narratives.byTheme).sort()).toEqual([theme!.nodeId, second].sort());
  });

  it('refuse a theme that is not a node id, and an unknown field, with 400 naming it', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const bad = await advisor.patch(url(`/${reportId}`), { narratives: { byTheme: { 'not-a-uuid': 'x' } } }, { 'if-match': '"3"' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(' '),
    ).toContain('body.narratives.byTheme');
    const unknown = await advisor.patch(url(`/${reportId}`), { narratives: { lessons: 'x' } }, { 'if-match': '"3"' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((e: { path: string }) => e.path)).toContain('body.narratives.lessons');
  });

  it('are found by the library once published', async () => {
    const published = await (await ctx.login(demo.office)).post(url(`/${reportId}/publish`), undefined, { 'if-match': '"3"' });
    expect(published.statusCode).toBe(200);
    const hits = (await (await ctx.login(demo.yamanami)).get(`/api/library?q=${encodeURIComponent('在宅医療担当理事')}`)).json().items;
    expect(hits.map((h: { reportId: string }) => h.reportId)).toEqual([reportId]);
  });
});

describe('the print page and the PDF', () => {
  it('preview the new sections with h2 headings, h3 sub-headings and header cells with scope', async () => {
    const html = (await (await ctx.login(demo.morikawa)).get(url(`/${reportId}/preview`))).body;
    for (const heading of ['支援の経過', 'Before ⇒ After', '問い', '成功要因・苦労した点', '今後の展開'])
      expect(html).toMatch(new RegExp(`<h2><span class="no">\\d+</span> ${heading}</h2>`));
    for (const sub of ['支援チーム', '支援の記録', '成功要因', '苦労した点', '課題: 相談が重度化してから来る'])
      expect(html).toContain(`<h3>${sub}</h3>`);
    expect(html).toContain('<th scope="col">');
    expect(html).toContain('<th scope="row">第1回支援</th>');
    expect(html).toContain('主任アドバイザー（架空大学 社会福祉学部） 1名');
    expect(html).toContain('令和7年7月10日');
    expect(html).not.toContain('@demo.banso.jp');
    expect(html).not.toContain('森川');
    // Section numbers run on without gaps.
    const numbers = [...html.matchAll(/<h2><span class="no">(\d+)<\/span>/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('print a tagged PDF with bookmarks, the new headings and the visit dates', async () => {
    const pdf = await waitForPdf(await ctx.login(demo.morikawa), { format: 'pdf', reportId });
    const pdfPath = path.join(dir, 'learning.pdf');
    await writeFile(pdfPath, pdf);
    const { stdout: info } = await run('pdfinfo', [pdfPath]);
    expect(info).toMatch(/Tagged:\s+yes/);
    const { stdout: struct } = await run('pdfinfo', ['-struct', pdfPath]);
    for (const tag of ['H1', 'H2', 'H3', 'Table', 'TH']) expect(struct).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    const titles = outlineTitles(pdf);
    for (const heading of ['支援の経過', '問い', '成功要因・苦労した点', '今後の展開', '支援の記録', '成功要因'])
      expect(
        titles.some((t) => t.includes(heading)),
        `bookmark ${heading} in ${titles.join(' | ')}`,
      ).toBe(true);
    const { stdout: text } = await run('pdftotext', [pdfPath, '-']);
    for (const s of ['支援の経過', 'Before ⇒ After', '問い', '成功要因', '苦労した点', '今後の展開', '令和7年7月10日', '令和7年10月2日'])
      expect(text.replace(/\s+/g, '')).toContain(s.replace(/\s+/g, ''));
    expect(text).toContain('在宅医療担当理事');
    expect(text).not.toContain('森川');
  });
});

describe('a version drafted before issue 16', () => {
  let oldId: string;
  beforeAll(async () => {
    // As such a row is stored: facts without visits, team or themes; narratives with the nine old sections only.
    const { visits: _v, team: _t, themes: _th, ...oldFacts } = facts;
    const oldNarratives = {
      summary: '旧版の総括。',
      profile: '',
      theme: '',
      findings: '',
      tree: '',
      actions: '',
      roadmap: '',
      verification: '',
      review: '',
    };
    const [row] = await ctx.database.db
      .insert(reports)
      .values({
        engagementId: midori,
        fiscalYear: 2024,
        versionNumber: 1,
        title: '令和6年度 みどり区 伴走型支援 報告書',
        status: 'published',
        facts: { ...oldFacts, fiscalYear: 2024 } as ReportFacts,
        narratives: oldNarratives as never,
        theme: '認知症',
        municipalityCategory: 'ward',
        regionType: 'metro',
        indicatorCodes: [],
        searchText: '',
        publishedAt: new Date('2025-03-14T06:00:00Z'),
      })
      .returning({ id: reports.id });
    oldId = row!.id;
  });

  it('reads with every new narrative empty', async () => {
    const res = await (await ctx.login(demo.morikawa)).get(url(`/${oldId}`));
    expect(res.statusCode).toBe(200);
    expect(res.json().narratives).toMatchObject({
      summary: '旧版の総括。',
      questions: '',
      successFactors: '',
      difficulties: '',
      nextSteps: '',
      byTheme: {},
    });
    expect(res.json().facts.visits).toBeUndefined();
  });

  it('renders and prints without the sections it has no facts or text for', async () => {
    const html = (await (await ctx.login(demo.morikawa)).get(url(`/${oldId}/preview`))).body;
    expect(html).toContain('旧版の総括。');
    expect(html).toContain('検証方法と進捗');
    for (const absent of ['支援の経過', 'Before ⇒ After', '<h2><span class="no">12</span>', '成功要因']) expect(html).not.toContain(absent);
    const library = await (await ctx.login(demo.yamanami)).get(`/api/library/${oldId}`);
    expect(library.statusCode).toBe(200);
    const pdf = await waitForPdf(await ctx.login(demo.morikawa), { format: 'pdf', reportId: oldId });
    const pdfPath = path.join(dir, 'old.pdf');
    await writeFile(pdfPath, pdf);
    const { stdout: text } = await run('pdftotext', [pdfPath, '-']);
    expect(text).toContain('旧版の総括。');
    expect(text).not.toContain('支援の経過');
  });
});
