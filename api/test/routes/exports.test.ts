import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { layoutFigure } from '@banso/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurements, verificationPlans, actions, treeNodes, findings } from '../../src/db/schema/index.js';
import { reportFigureNodes } from '../../src/modules/reports/render/svg.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const run = promisify(execFile);

let ctx: TestContext;
let midori: string;
let reportId: string;
let dir: string;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-02-20' });
  // The worker and the requests use several pooled connections at once; when the harness drops the
  // database (WITH FORCE) right after ending the pool, a closing connection may report 57P01 to the
  // pool, which has no error listener of its own. That is teardown noise, not a test failure.
  ctx.database.pool?.on('error', () => {});
  midori = await engagementIdOf(ctx, 'みどり区');
  dir = await mkdtemp(path.join(tmpdir(), 'banso-exports-'));
  // A measurement with a comment, so the 測定値 sheet and the latest value have something to show.
  const [plan] = await ctx.database.db
    .select({ id: verificationPlans.id })
    .from(verificationPlans)
    .innerJoin(actions, eq(actions.id, verificationPlans.actionId))
    .innerJoin(treeNodes, eq(treeNodes.id, actions.nodeId))
    .where(eq(treeNodes.title, '医師会と「もの忘れ連絡票」を定型化'));
  await ctx.database.db.insert(measurements).values([
    { planId: plan!.id, period: '2025-12', value: 4, comment: '試行2診療所から' },
    { planId: plan!.id, period: '2026-01', value: 9, comment: '' },
  ]);
  await ctx.database.db
    .insert(findings)
    .values({ engagementId: midori, kind: 'decision', text: '庁内限定メモ: 課長決裁前', source: '高齢福祉課', visibility: 'municipality' });
  const created = await (await ctx.login(demo.morikawa)).post(`/api/engagements/${midori}/reports`, {});
  reportId = created.json().id;
  await (
    await ctx.login(demo.morikawa)
  ).patch(
    `/api/engagements/${midori}/reports/${reportId}`,
    { narratives: { summary: '早期相談の経路づくりが進んだ。' } },
    { 'if-match': '"1"' },
  );
  const published = await (
    await ctx.login(demo.office)
  ).post(`/api/engagements/${midori}/reports/${reportId}/publish`, undefined, { 'if-match': '"2"' });
  expect(published.statusCode).toBe(200);
});
afterAll(async () => {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

const exportsUrl = (rest = '') => `/api/engagements/${midori}/exports${rest}`;

async function waitForJob(session: Session, jobId: string) {
  const seen: number[] = [];
  for (let i = 0; i < 600; i++) {
    const res = await session.get(exportsUrl(`/${jobId}`));
    expect(res.statusCode).toBe(200);
    const job = res.json();
    seen.push(job.progress);
    if (job.status === 'done' || job.status === 'failed') return { job, seen };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('export did not finish');
}

async function exportFile(session: Session, body: Record<string, unknown>) {
  const res = await session.post(exportsUrl(), body);
  expect(res.statusCode).toBe(202);
  expect(['queued', 'running']).toContain(res.json().status);
  const { job } = await waitForJob(session, res.json().id);
  expect(job).toMatchObject({ status: 'done', progress: 100, error: null });
  const file = await session.get(exportsUrl(`/${job.id}/file`));
  expect(file.statusCode).toBe(200);
  return { job, file };
}

/** Names and contents of the entries of a zip archive (enough for .xlsx/.pptx checks without a zip library). */
function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('POST /api/engagements/:id/exports (pdf)', () => {
  it('prints the published report to a real A4 PDF with Japanese text and the municipality’s name', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const { job, file } = await exportFile(advisor, { format: 'pdf', reportId });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(job.fileName)}`);
    expect(job.fileName).toBe('みどり区_令和7年度_報告書_第1版.pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfPath = path.join(dir, 'report.pdf');
    await writeFile(pdfPath, file.rawPayload);
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-']);
    for (const heading of [
      '総括',
      '自治体の概要',
      'テーマと目指す姿',
      'ヒアリングで分かったこと',
      'ロジックツリー',
      '選定した取組',
      'ロードマップ',
      '検証方法と進捗',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('みどり区');
    expect(text).toContain('認知症になっても住み慣れた地域で自分らしく暮らせる');
    expect(text).toContain('早期相談の経路づくりが進んだ。');
    expect(text).not.toContain('人事評価');
    expect(text).not.toContain('庁内限定メモ');
    const { stdout: info } = await run('pdfinfo', ['-f', '1', '-l', '20', pdfPath]);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(3);
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [
      Math.round(Number(m[1])),
      Math.round(Number(m[2])),
    ]);
    expect(sizes[0]).toEqual([595, 842]); // A4 portrait
    expect(sizes).toContainEqual([842, 595]); // the tree and roadmap pages are A4 landscape
    const { stdout: fonts } = await run('pdffonts', [pdfPath]);
    expect(fonts).toMatch(/yes/); // fonts are embedded
  });

  it('prints the March report of each demo engagement', async () => {
    for (const name of ['あおば市', 'やまなみ町'] as const) {
      const id = await engagementIdOf(ctx, name);
      const advisor = await ctx.login(demo.kitano);
      const report = await advisor.post(`/api/engagements/${id}/reports`, {});
      expect(report.statusCode).toBe(201);
      const res = await advisor.post(`/api/engagements/${id}/exports`, { format: 'pdf', reportId: report.json().id });
      expect(res.statusCode).toBe(202);
      let job = res.json();
      for (let i = 0; i < 600 && job.status !== 'done' && job.status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await advisor.get(`/api/engagements/${id}/exports/${job.id}`)).json();
      }
      expect(job.status).toBe('done');
      const file = await advisor.get(`/api/engagements/${id}/exports/${job.id}/file`);
      const pdfPath = path.join(dir, `${job.id}.pdf`);
      await writeFile(pdfPath, file.rawPayload);
      const { stdout } = await run('pdftotext', [pdfPath, '-']);
      expect(stdout).toContain(name);
      expect(stdout).toContain('ロジックツリー');
      expect(stdout).not.toContain('診療所医師の負担が限界'); // やまなみ町's team-only finding
      expect(stdout).not.toContain('委託先事業所との契約更新'); // あおば市's municipality-only finding
    }
  });

  it('needs the report for a PDF (400 naming reportId) and a report of this engagement (404)', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const missing = await advisor.post(exportsUrl(), { format: 'pdf' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toContain('body.reportId');
    const aoba = await engagementIdOf(ctx, 'あおば市');
    const foreign = await advisor.post(`/api/engagements/${aoba}/exports`, { format: 'pdf', reportId });
    expect(foreign.statusCode).toBe(404);
    expect((await advisor.post(exportsUrl(), { format: 'docx' })).statusCode).toBe(400);
  });
});

describe('POST /api/engagements/:id/exports (xlsx)', () => {
  it('writes the workbook with the six sheets, checked cell by cell against the API', async () => {
    const member = await ctx.login(demo.midori);
    const { job, file } = await exportFile(member, { format: 'xlsx' });
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(job.fileName).toBe('みどり区_令和7年度_伴走支援.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(file.rawPayload).buffer);
    // The visible sheets (the round trip adds a very hidden metadata sheet, workbook-import.test.ts).
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([
      'ロジックツリー',
      '取組',
      'ロードマップ',
      '検証方法',
      '測定値',
      'ロジックフレーム',
    ]);

    // The API's view of the same record: the report generated now from it.
    const facts = (await (await ctx.login(demo.morikawa)).get(`/api/engagements/${midori}/reports/${reportId}`)).json().facts;
    const values = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const rows: unknown[][] = [];
      // The visible cells: the hidden id and version columns of the round trip follow them.
      const visible = ws.columns.filter((c) => !c.hidden).length;
      ws.eachRow((row, n) => {
        if (n > 1) {
          const cells = Array.isArray(row.values) ? row.values.slice(1, visible + 1) : [];
          while (cells.length > 0 && cells.at(-1) === undefined) cells.pop();
          rows.push(cells);
        }
      });
      return rows;
    };

    const tree = values('ロジックツリー');
    expect(tree).toHaveLength(facts.tree.nodes.length);
    facts.tree.nodes.forEach((n: { title: string; kind: string; actionStatus: string | null }, i: number) => {
      expect(tree[i]![3]).toBe(n.title);
      expect(tree[i]![2]).toBe({ goal: '目指す姿', outcome: '中間アウトカム', issue: '課題', cause: '要因', measure: '取組案' }[n.kind]);
    });
    expect(tree[0]!.slice(0, 4)).toEqual([1, 1, '目指す姿', '認知症になっても住み慣れた地域で自分らしく暮らせる']);
    expect(tree.find((r) => r[3] === '認知症対応型通所の整備誘導')![6]).toBe('未選定');

    const acts = values('取組');
    expect(acts.map((r) => r[1])).toEqual(facts.actions.map((a: { title: string }) => a.title));
    facts.actions.forEach((a: { ownerDepartment: string; rationale: string }, i: number) => {
      expect(acts[i]![2]).toBe(a.ownerDepartment);
      expect(acts[i]![6]).toBe(a.rationale);
    });

    // Dates are real date cells (UTC midnight of the day or month), shown in the 和暦 by their number format.
    const day = (iso: string) => new Date(`${iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`);
    const roadmap = values('ロードマップ');
    const stones = facts.roadmap.flatMap((r: { title: string; startMonth: string; milestones: { due: string; title: string }[] }) =>
      r.milestones.map((m) => [r.title, day(r.startMonth), day(m.due), m.title]),
    );
    // The last row is the roadmap agreement's line (this engagement is not proposed yet).
    expect(roadmap.at(-1)).toEqual(['合意: 未提案']);
    expect(roadmap.slice(0, -1).map((r) => [r[0], r[2], r[4], r[5]])).toEqual(stones);
    expect(roadmap.find((r) => r[5] === '医師会協議')!.slice(4)).toEqual([day('2025-10-31'), '医師会協議', '完了']);
    const dueCell = wb.getWorksheet('ロードマップ')!.getRow(2).getCell(5);
    expect(dueCell.numFmt).toBe('[$-ja-JP-x-gannen]ggge"年"m"月"d"日"');
    expect(wb.getWorksheet('ロードマップ')!.getRow(2).getCell(3).numFmt).toBe('[$-ja-JP-x-gannen]ggge"年"m"月"');
    expect(roadmap.find((r) => r[5] === '連絡票試行(2診療所)')![6]).toBe('遅延'); // due 2026-01-31, planned, today 2026-02-20

    const plans = values('検証方法');
    expect(plans).toHaveLength(facts.verification.length);
    facts.verification.forEach(
      (p: { actionTitle: string; indicatorName: string; baselineValue: number; targetValue: number; targetBy: string }, i: number) => {
        expect([plans[i]![0], plans[i]![2], plans[i]![4], plans[i]![7], plans[i]![8]]).toEqual([
          p.actionTitle,
          p.indicatorName,
          p.baselineValue,
          p.targetValue,
          /^\d{4}-\d{2}(-\d{2})?$/.test(p.targetBy) ? day(p.targetBy) : p.targetBy,
        ]);
      },
    );
    const renraku = plans.find((r) => r[2] === '連絡票受理件数')!;
    expect(renraku[13]).toBe(9); // latest measurement
    expect(renraku[14]).toBeCloseTo(9 / 60);

    expect(values('測定値')).toEqual([
      ['医師会と「もの忘れ連絡票」を定型化', '連絡票受理件数', day('2025-12'), 4, '件/年', '試行2診療所から'],
      ['医師会と「もの忘れ連絡票」を定型化', '連絡票受理件数', day('2026-01'), 9, '件/年'],
    ]);

    // ロジックフレーム: a row per plan of each action (one for an action without a plan), under its goal.
    const frame = values('ロジックフレーム');
    const planCount = (id: string) => facts.verification.filter((p: { actionId: string }) => p.actionId === id).length;
    expect(frame).toHaveLength(facts.actions.reduce((n: number, a: { id: string }) => n + Math.max(1, planCount(a.id)), 0));
    const goal = facts.tree.nodes.find((n: { kind: string }) => n.kind === 'goal').title;
    expect(frame[0]![0]).toBe(goal);
    const renrakuRow = frame.find((r) => r[3] === '連絡票受理件数 (件/年)')!;
    expect(renrakuRow[2]).toBe('医師会と「もの忘れ連絡票」を定型化');
    expect([renrakuRow[5], renrakuRow[7]]).toEqual([renraku[4], renraku[7]]);
    const sheet = wb.getWorksheet('ロジックフレーム')!;
    // The goal's cell spans the rows under it (one goal in this tree).
    expect(sheet.getCell(2, 1).isMerged && sheet.getCell(frame.length + 1, 1).master.address).toBe('A2');
  });

  it('formats every sheet for printing: A4 landscape, header row repeated and styled, column widths', async () => {
    const advisor = await ctx.login(demo.takada);
    const { file } = await exportFile(advisor, { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(file.rawPayload).buffer);
    for (const ws of wb.worksheets.filter((w) => w.state === 'visible')) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1', fitToWidth: 1 });
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.columns.every((c) => (c.width ?? 0) >= 6)).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
  });
});

describe('POST /api/engagements/:id/exports (pptx)', () => {
  it('writes a valid .pptx with a title, a tree, a roadmap and a visit-log slide', async () => {
    const office = await ctx.login(demo.office);
    const { job, file } = await exportFile(office, { format: 'pptx' });
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(job.fileName).toBe('みどり区_令和7年度_ツリーとロードマップ.pptx');
    const entries = unzip(file.rawPayload);
    expect(entries.has('[Content_Types].xml')).toBe(true);
    expect(entries.has('ppt/presentation.xml')).toBe(true);
    const slides = [...entries.keys()].filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).sort();
    expect(slides).toEqual(['ppt/slides/slide1.xml', 'ppt/slides/slide2.xml', 'ppt/slides/slide3.xml', 'ppt/slides/slide4.xml']);
    const text = (k: string) => entries.get(k)!.toString('utf8');
    expect(text('ppt/slides/slide1.xml')).toContain('みどり区');
    expect(text('ppt/slides/slide2.xml')).toContain('ロジックツリー');
    expect(text('ppt/slides/slide2.xml')).toContain('相談が重度化してから来る');
    expect(text('ppt/slides/slide3.xml')).toContain('ロードマップ');
    expect(text('ppt/slides/slide3.xml')).toContain('医師会協議');
    expect(text('ppt/slides/slide3.xml')).toContain('令和7年度');
    // The visit log: dates, kinds and participants by role and organization, never a name (a table cell's runs split at spaces).
    const visitLog = text('ppt/slides/slide4.xml').replace(/<[^>]+>/g, '');
    expect(visitLog).toContain('支援の記録');
    expect(visitLog).toContain('令和7年7月10日');
    expect(visitLog).toContain('主任アドバイザー（架空大学 社会福祉学部） 1名');
    expect(visitLog).not.toContain('森川');
  });

  it('places the tree of みどり区 where the report figure and the web export place it (one layout)', async () => {
    const facts = (await (await ctx.login(demo.morikawa)).get(`/api/engagements/${midori}/reports/${reportId}`)).json().facts;
    const expected = new Map(layoutFigure(reportFigureNodes(facts.tree.nodes)).nodes.map((p) => [p.node.id, p]));
    expect(expected.size).toBe(18);

    // The report figure (HTML/PDF, case library) draws each node group at the layout's position.
    const svg = (await (await ctx.login(demo.morikawa)).get(`/api/engagements/${midori}/reports/${reportId}/tree.svg`)).body;
    const drawn = [...svg.matchAll(/data-id="([^"]+)" transform="translate\(([\d.-]+) ([\d.-]+)\)"/g)];
    expect(drawn).toHaveLength(expected.size);
    for (const [, id, x, y] of drawn) expect({ x: Number(x), y: Number(y) }).toEqual({ x: expected.get(id!)!.x, y: expected.get(id!)!.y });

    // The PPTX places a shape named node:<id> at the same position, scaled: one affine map for all.
    const { file } = await exportFile(await ctx.login(demo.office), { format: 'pptx' });
    const slide = unzip(file.rawPayload).get('ppt/slides/slide2.xml')!.toString('utf8');
    const shapes = [...slide.matchAll(/name="node:([^"]+)"[\s\S]*?<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"/g)].map(
      (m) => ({
        id: m[1]!,
        x: Number(m[2]),
        y: Number(m[3]),
        w: Number(m[4]),
        h: Number(m[5]),
      }),
    );
    expect(shapes).toHaveLength(expected.size);
    const root = shapes.find((s) => s.id === facts.tree.nodes[0].id)!;
    const scale = root.w / expected.get(root.id)!.width;
    for (const s of shapes) {
      const p = expected.get(s.id)!;
      const r = expected.get(root.id)!;
      // EMUs are whole numbers: allow a rounding of a few EMU per coordinate.
      expect(Math.abs(s.x - root.x - (p.x - r.x) * scale)).toBeLessThan(200);
      expect(Math.abs(s.y - root.y - (p.y - r.y) * scale)).toBeLessThan(200);
      expect(Math.abs(s.h - p.height * scale)).toBeLessThan(200);
    }
  });
});

describe('export jobs', () => {
  it('does not let observers export (403) nor strangers see the engagement (404)', async () => {
    expect((await (await ctx.login(demo.sakura)).post(exportsUrl(), { format: 'xlsx' })).statusCode).toBe(403);
    expect((await (await ctx.login(demo.yamanami)).post(exportsUrl(), { format: 'xlsx' })).statusCode).toBe(404);
    expect((await ctx.anonymous.post(exportsUrl(), { format: 'xlsx' })).statusCode).toBe(401);
  });

  it('shows a job only to the person who asked for it', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const res = await advisor.post(exportsUrl(), { format: 'pptx' });
    expect(res.statusCode).toBe(202);
    await waitForJob(advisor, res.json().id);
    expect((await (await ctx.login(demo.midori)).get(exportsUrl(`/${res.json().id}`))).statusCode).toBe(404);
    expect((await (await ctx.login(demo.midori)).get(exportsUrl(`/${res.json().id}/file`))).statusCode).toBe(404);
  });

  it('answers at once with 202 while earlier jobs run, and 409 for the file until it is done', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const first = await advisor.post(exportsUrl(), { format: 'pdf', reportId });
    const second = await advisor.post(exportsUrl(), { format: 'xlsx' });
    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    const early = await advisor.get(exportsUrl(`/${second.json().id}/file`));
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('export_not_ready');
    const { job, seen } = await waitForJob(advisor, second.json().id);
    expect(job.status).toBe('done');
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    expect((await waitForJob(advisor, first.json().id)).job.status).toBe('done');
  });
});
