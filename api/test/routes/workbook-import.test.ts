import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

interface Change {
  sheet: string;
  sheetName: string;
  row: number;
  entity: string;
  id: string | null;
  field: string;
  column: string;
  from: unknown;
  to: unknown;
  allowed: boolean;
}
interface Conflict extends Omit<Change, 'from' | 'to'> {
  key: string;
  exported: unknown;
  current: unknown;
  uploaded: unknown;
}
interface Preview {
  digest: string;
  changed: Change[];
  added: { sheet: string; row: number; values: Record<string, unknown>; applied: boolean; allowed: boolean }[];
  removed: { sheet: string; id: string; applied: boolean }[];
  conflicts: Conflict[];
  unchanged: number;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PLAN_NODE = '医師会と「もの忘れ連絡票」を定型化';

let ctx: TestContext;
let midori: string;
let aoba: string;
let member: Session;
let advisor: Session;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-02-20' });
  ctx.database.pool?.on('error', () => {});
  midori = await engagementIdOf(ctx, 'みどり区');
  aoba = await engagementIdOf(ctx, 'あおば市');
  member = await ctx.login(demo.midori);
  advisor = await ctx.login(demo.morikawa);
  const [plan] = await ctx.database.db
    .select({ id: s.verificationPlans.id })
    .from(s.verificationPlans)
    .innerJoin(s.actions, eq(s.actions.id, s.verificationPlans.actionId))
    .innerJoin(s.treeNodes, eq(s.treeNodes.id, s.actions.nodeId))
    .where(eq(s.treeNodes.title, PLAN_NODE));
  await ctx.database.db.insert(s.measurements).values([
    { planId: plan!.id, period: '2025-12', value: 4, comment: '試行2診療所から' },
    { planId: plan!.id, period: '2026-01', value: 9, comment: '' },
  ]);
});
afterAll(() => ctx.close());

const url = (id: string, what: 'preview' | 'apply', query = '') => `/api/engagements/${id}/workbook/${what}${query}`;
const upload = (session: Session, target: string, file: Buffer, headers: Record<string, string> = {}) =>
  session.request({ method: 'POST', url: target, payload: file, headers: { 'content-type': XLSX, ...headers } });

async function exportWorkbook(session: Session, engagementId = midori): Promise<ExcelJS.Workbook> {
  const res = await session.post(`/api/engagements/${engagementId}/exports`, { format: 'xlsx' });
  expect(res.statusCode, res.body).toBe(202);
  let job = res.json();
  for (let i = 0; i < 600 && job.status !== 'done' && job.status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await session.get(`/api/engagements/${engagementId}/exports/${job.id}`)).json();
  }
  expect(job.status).toBe('done');
  const file = await session.get(`/api/engagements/${engagementId}/exports/${job.id}/file`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(file.rawPayload).buffer);
  return wb;
}

const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** The column number of a header in row 1. */
function col(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) found = n;
  });
  if (!found) throw new Error(`no column ${header} in ${ws.name}`);
  return found;
}
/** The row whose cell under `header` reads `text`. */
function rowWhere(ws: ExcelJS.Worksheet, header: string, text: unknown): ExcelJS.Row {
  const c = col(ws, header);
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row, n) => {
    if (n > 1 && !found && (row.getCell(c).value === text || String(row.getCell(c).value) === String(text))) found = row;
  });
  if (!found) throw new Error(`no row with ${header} = ${String(text)} in ${ws.name}`);
  return found;
}

/** A digest of every table the import may write: equal before and after means nothing was written. */
async function tablesDigest(): Promise<string> {
  const db = ctx.database.db;
  const tables = await Promise.all([
    db.select().from(s.treeNodes).orderBy(asc(s.treeNodes.id)),
    db.select().from(s.treeRevisions).orderBy(asc(s.treeRevisions.engagementId), asc(s.treeRevisions.revision)),
    db.select().from(s.trees).orderBy(asc(s.trees.engagementId)),
    db.select().from(s.actions).orderBy(asc(s.actions.id)),
    db.select().from(s.milestones).orderBy(asc(s.milestones.id)),
    db.select().from(s.verificationPlans).orderBy(asc(s.verificationPlans.id)),
    db.select().from(s.measurements).orderBy(asc(s.measurements.id)),
    db.select({ id: s.auditLog.id }).from(s.auditLog).orderBy(asc(s.auditLog.id)),
  ]);
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex');
}

async function roadmapOf(id = midori) {
  const res = await advisor.get(`/api/engagements/${id}/roadmap`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    items: {
      action: { id: string; ownerDepartment: string };
      node: { title: string };
      milestones: { id: string; title: string; status: string; storedStatus: string }[];
      plans: { id: string; indicatorName: string; measurements: { period: string; value: number }[] }[];
    }[];
  };
}

describe('the engagement workbook carries ids and versions', () => {
  it('adds hidden id, version and parent columns and a very hidden metadata sheet, leaving the visible layout', async () => {
    const wb = await exportWorkbook(member);
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([
      'ロジックツリー',
      '取組',
      'ロードマップ',
      '検証方法',
      '測定値',
      'ロジックフレーム',
    ]);
    const meta = wb.getWorksheet('_banso')!;
    expect(meta.state).toBe('veryHidden');
    expect(meta.getCell('A1').value).toBe('format');
    expect(meta.getCell('B2').value).toBe(midori);
    const tree = wb.getWorksheet('ロジックツリー')!;
    const idCol = col(tree, 'banso:id');
    expect(tree.getColumn(idCol).hidden).toBe(true);
    expect(tree.getColumn(col(tree, 'banso:version')).hidden).toBe(true);
    expect(idCol).toBe(8); // after the seven visible columns
    expect(String(tree.getRow(2).getCell(idCol).value)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('POST /api/engagements/:id/workbook/preview and /apply', () => {
  it('previews exactly the five cells a member changed offline, applies them, and the API shows them', async () => {
    const wb = await exportWorkbook(member);
    const values = wb.getWorksheet('測定値')!;
    rowWhere(values, '値', 4).getCell(col(values, '値')).value = 5;
    rowWhere(values, '値', 9).getCell(col(values, '値')).value = 12;
    const roadmap = wb.getWorksheet('ロードマップ')!;
    const stone = rowWhere(roadmap, 'マイルストーン', '連絡票試行(2診療所)');
    stone.getCell(col(roadmap, 'マイルストーン状態')).value = '完了';
    const tree = wb.getWorksheet('ロジックツリー')!;
    const node = tree.getRow(3);
    const oldTitle = String(node.getCell(col(tree, '項目')).value);
    node.getCell(col(tree, '項目')).value = `${oldTitle}（庁内で修正）`;
    const acts = wb.getWorksheet('取組')!;
    const act = rowWhere(acts, '取組', PLAN_NODE);
    act.getCell(col(acts, '担当部署')).value = '地域包括ケア推進課';
    const file = await bytes(wb);

    const before = await tablesDigest();
    const res = await upload(member, url(midori, 'preview'), file);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as Preview;
    expect(await tablesDigest()).toBe(before); // the preview writes nothing
    expect(p.conflicts).toEqual([]);
    expect(p.added).toEqual([]);
    expect(p.removed).toEqual([]);
    expect(p.changed.map((c) => [c.sheetName, c.row, c.column, c.field, c.from, c.to]).sort()).toEqual(
      [
        ['測定値', rowWhere(values, '値', 5).number, 'D', 'value', 4, 5],
        ['測定値', rowWhere(values, '値', 12).number, 'D', 'value', 9, 12],
        ['ロードマップ', stone.number, 'G', 'status', 'delayed', 'done'],
        ['ロジックツリー', 3, 'D', 'title', oldTitle, `${oldTitle}（庁内で修正）`],
        ['取組', act.number, 'C', 'ownerDepartment', expect.any(String), '地域包括ケア推進課'],
      ].sort(),
    );
    expect(p.changed.every((c) => c.allowed)).toBe(true);

    // Apply needs the preview's digest.
    expect((await upload(member, url(midori, 'apply'), file)).statusCode).toBe(428);
    const revisionBefore = (await advisor.get(`/api/engagements/${midori}/tree`)).json().revision;
    const applied = await upload(member, url(midori, 'apply'), file, { 'if-match': `"${p.digest}"` });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ changed: 5, taken: 0, kept: 0, treeRevision: revisionBefore + 1 });

    const treeNow = (await advisor.get(`/api/engagements/${midori}/tree`)).json();
    expect(treeNow.revision).toBe(revisionBefore + 1); // one revision for the titles
    expect(treeNow.nodes.map((n: { title: string }) => n.title)).toContain(`${oldTitle}（庁内で修正）`);
    const rm = await roadmapOf();
    const item = rm.items.find((i) => i.node.title === PLAN_NODE)!;
    expect(item.action.ownerDepartment).toBe('地域包括ケア推進課');
    expect(item.plans.flatMap((pl) => pl.measurements.map((m) => [m.period, m.value]))).toEqual([
      ['2025-12', 5],
      ['2026-01', 12],
    ]);
    const milestone = rm.items.flatMap((i) => i.milestones).find((m) => m.title === '連絡票試行(2診療所)')!;
    expect(milestone.storedStatus).toBe('done');

    // The same file again changes nothing more.
    const again = (await upload(member, url(midori, 'preview'), file)).json() as Preview;
    expect(again.changed).toEqual([]);
  });

  it('shows a node edited in Bansō after the export as a conflict, keeps Bansō’s value unless the user takes the workbook’s', async () => {
    const wb = await exportWorkbook(member);
    const tree = wb.getWorksheet('ロジックツリー')!;
    const row = tree.getRow(4);
    const nodeId = String(row.getCell(col(tree, 'banso:id')).value);
    const exported = String(row.getCell(col(tree, '項目')).value);
    row.getCell(col(tree, '項目')).value = 'Excelでの見出し';
    const file = await bytes(wb);
    // Meanwhile the advisor renames the same node in Bansō.
    const { revision } = (await advisor.get(`/api/engagements/${midori}/tree`)).json();
    const edit = await advisor.post(
      `/api/engagements/${midori}/tree/operations`,
      { operations: [{ op: 'update', id: nodeId, title: 'Bansōでの見出し' }] },
      { 'if-match': `"${revision}"` },
    );
    expect(edit.statusCode, edit.body).toBe(200);

    const p = (await upload(member, url(midori, 'preview'), file)).json() as Preview;
    expect(p.changed).toEqual([]);
    expect(p.conflicts).toHaveLength(1);
    expect(p.conflicts[0]).toMatchObject({
      key: 'tree!D4',
      sheetName: 'ロジックツリー',
      row: 4,
      column: 'D',
      field: 'title',
      exported,
      current: 'Bansōでの見出し',
      uploaded: 'Excelでの見出し',
    });
    const title = async () =>
      (await advisor.get(`/api/engagements/${midori}/tree`)).json().nodes.find((n: { id: string }) => n.id === nodeId).title;

    const kept = await upload(member, url(midori, 'apply'), file, { 'if-match': `"${p.digest}"` });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ kept: 1, taken: 0 });
    expect(await title()).toBe('Bansōでの見出し');

    expect((await upload(member, url(midori, 'apply', '?take=tree!D99'), file, { 'if-match': `"${p.digest}"` })).statusCode).toBe(400);
    const taken = await upload(member, url(midori, 'apply', '?take=tree!D4'), file, { 'if-match': `"${p.digest}"` });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ kept: 0, taken: 1 });
    expect(await title()).toBe('Excelでの見出し');
  });

  it('adds a measurement typed into a new row and removes one whose row was deleted', async () => {
    const wb = await exportWorkbook(member);
    const values = wb.getWorksheet('測定値')!;
    const first = values.getRow(2);
    const last = values.rowCount;
    values.addRow([first.getCell(1).value, first.getCell(2).value, new Date(Date.UTC(2026, 1, 1)), 15, '件/年', '2月分']);
    values.spliceRows(2, 1); // the 2025-12 value
    const file = await bytes(wb);
    const p = (await upload(member, url(midori, 'preview'), file)).json() as Preview;
    expect(p.added.map((a) => [a.sheet, a.row, a.values, a.applied])).toEqual([
      ['measurements', last, { period: '2026-02', value: 15, comment: '2月分' }, true],
    ]);
    expect(p.removed.map((r) => [r.sheet, r.applied])).toEqual([['measurements', true]]);
    const res = await upload(member, url(midori, 'apply'), file, { 'if-match': `"${p.digest}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ added: 1, removed: 1 });
    const item = (await roadmapOf()).items.find((i) => i.node.title === PLAN_NODE)!;
    expect(item.plans.flatMap((pl) => pl.measurements.map((m) => [m.period, m.value]))).toEqual([
      ['2026-01', 12],
      ['2026-02', 15],
    ]);
  });

  it('answers 412 with the new preview when the engagement changed since the preview in a way that affects it', async () => {
    const wb = await exportWorkbook(member);
    const values = wb.getWorksheet('測定値')!;
    const row = rowWhere(values, '値', 12);
    row.getCell(col(values, '値')).value = 13;
    const file = await bytes(wb);
    const p = (await upload(member, url(midori, 'preview'), file)).json() as Preview;
    expect(p.changed).toHaveLength(1);
    // Someone corrects the same value in Bansō.
    const m = p.changed[0]!;
    const [stored] = await ctx.database.db.select().from(s.measurements).where(eq(s.measurements.id, m.id!));
    const patched = await advisor.patch(
      `/api/engagements/${midori}/verification-plans/${stored!.planId}/measurements/${stored!.id}`,
      { value: 14 },
      { 'if-match': `"${stored!.version}"` },
    );
    expect(patched.statusCode, patched.body).toBe(200);
    const before = await tablesDigest();
    const res = await upload(member, url(midori, 'apply'), file, { 'if-match': `"${p.digest}"` });
    expect(res.statusCode).toBe(412);
    expect(res.json().current.conflicts).toHaveLength(1);
    expect(await tablesDigest()).toBe(before);
  });

  it('lets the program office preview but refuses its apply with 403 naming every row, writing nothing', async () => {
    const office = await ctx.login(demo.office);
    const wb = await exportWorkbook(member);
    const acts = wb.getWorksheet('取組')!;
    acts.getRow(2).getCell(col(acts, '担当部署')).value = '事務局が変えた課';
    acts.getRow(3).getCell(col(acts, '担当部署')).value = '事務局が変えた課2';
    const file = await bytes(wb);
    const p = (await upload(office, url(midori, 'preview'), file)).json() as Preview;
    expect(p.changed.map((c) => c.allowed)).toEqual([false, false]);
    const before = await tablesDigest();
    const res = await upload(office, url(midori, 'apply'), file, { 'if-match': `"${p.digest}"` });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    expect(await tablesDigest()).toBe(before);
    expect((await upload(await ctx.login(demo.sakura), url(midori, 'preview'), file)).statusCode).toBe(403);
  });
});

describe('a malformed workbook', () => {
  async function refused(edit: (wb: ExcelJS.Workbook) => void | Promise<void>) {
    const wb = await exportWorkbook(member);
    await edit(wb);
    const file = await bytes(wb);
    const before = await tablesDigest();
    const preview = await upload(member, url(midori, 'preview'), file);
    const apply = await upload(member, url(midori, 'apply'), file, { 'if-match': '"0123456789abcdef"' });
    expect(await tablesDigest()).toBe(before);
    expect(preview.statusCode, preview.body).toBe(400);
    expect(apply.statusCode).toBe(400);
    expect(preview.json().code).toBe('invalid_workbook');
    return preview.json().errors as { sheet: string; row?: number; column?: string; rule: string; message: string }[];
  }

  it('names a missing sheet', async () => {
    const errors = await refused((wb) => wb.removeWorksheet(wb.getWorksheet('ロードマップ')!.id));
    expect(errors).toMatchObject([{ sheet: 'ロードマップ', rule: 'missing_sheet' }]);
  });

  it('names text in a number cell by sheet, row and column', async () => {
    const errors = await refused((wb) => {
      const values = wb.getWorksheet('測定値')!;
      values.getRow(2).getCell(col(values, '値')).value = 'たくさん';
    });
    expect(errors).toMatchObject([{ sheet: '測定値', row: 2, column: 'D', rule: 'not_a_number' }]);
    expect(errors[0]!.message).toContain('測定値 D2');
  });

  it('names an unknown id and a row from another engagement', async () => {
    const [foreign] = await ctx.database.db.select({ id: s.actions.id }).from(s.actions).where(eq(s.actions.engagementId, aoba)).limit(1);
    const errors = await refused((wb) => {
      const acts = wb.getWorksheet('取組')!;
      acts.getRow(2).getCell(col(acts, 'banso:id')).value = '00000000-0000-4000-8000-000000000000';
      acts.getRow(3).getCell(col(acts, 'banso:id')).value = foreign!.id;
    });
    expect(errors.map((e) => [e.sheet, e.row, e.column, e.rule])).toEqual([
      ['取組', 2, 'H', 'unknown_id'],
      ['取組', 3, 'H', 'other_engagement'],
    ]);
  });

  it('refuses a workbook of another engagement, a file that is not Bansō’s, and one that is not xlsx', async () => {
    const other = await exportWorkbook(await ctx.login(demo.aoba), aoba);
    const res = await upload(member, url(midori, 'preview'), await bytes(other));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toMatchObject([{ rule: 'other_engagement' }]);
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('測定値').addRow(['取組', '指標']);
    expect((await upload(member, url(midori, 'preview'), await bytes(plain))).json().errors).toMatchObject([{ rule: 'missing_sheet' }]);
    expect((await upload(member, url(midori, 'preview'), Buffer.from('a,b\n1,2'), { 'content-type': 'text/csv' })).statusCode).toBe(415);
    expect(
      (await upload(member, url(midori, 'preview'), Buffer.from('a,b\n1,2'), { 'content-type': 'application/octet-stream' })).statusCode,
    ).toBe(400);
  });
});
