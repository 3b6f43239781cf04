import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, auditLog, treeRevisions } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

interface PreviewNode {
  ref: string;
  row: number;
  depth: number;
  parentRef: string | null;
  title: string;
  suggested: string;
  kind: string;
}
interface Preview {
  source: string;
  layout: string;
  revision: number;
  treeHasNodes: boolean;
  nodes: PreviewNode[];
  errors: { row: number | null; code: string; message: string }[];
}
interface TreeNode {
  id: string;
  parentId: string | null;
  kind: string;
  title: string;
}

let ctx: TestContext;
let midori: string;
let yamanami: string;
let advisor: Session;
const preview = (id: string, query = '') => `/api/engagements/${id}/tree/import/preview${query}`;
const importUrl = (id: string) => `/api/engagements/${id}/tree/import`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  midori = await engagementIdOf(ctx, 'みどり区');
  yamanami = await engagementIdOf(ctx, 'やまなみ町');
  advisor = await ctx.login(demo.morikawa);
  // やまなみ町 stands for a tree without selected actions, which a replace may take away whole.
  await ctx.database.db.delete(actions).where(eq(actions.engagementId, yamanami));
});
afterAll(() => ctx.close());

const postFile = (s: Session, url: string, body: Buffer, type = XLSX) =>
  s.request({ method: 'POST', url, payload: body, headers: { 'content-type': type } });

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('ロジックツリー'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet as municipalities keep it: a column per level, parents merged down over their children. */
const columnSheet = () =>
  xlsx((sheet) => {
    sheet.addRow(['目指す姿', '課題', '要因', '取組']);
    sheet.addRow(['誰もが住み慣れた地域で暮らし続けられる', '外出の機会が減っている', '移動手段がない', '乗合タクシーの運行']);
    sheet.addRow(['', '', '', '移動販売との連携']);
    sheet.addRow(['', '', '通いの場が遠い', '']);
    sheet.addRow(['', '担い手が足りない', '', '']);
    sheet.mergeCells('A2:A5');
    sheet.mergeCells('B2:B4');
    sheet.mergeCells('C2:C3');
  });

const shape = (nodes: { depth?: number; kind: string; title: string }[]) => nodes.map((n) => `${n.depth ?? ''}${n.kind} ${n.title}`);

async function treeOf(id: string): Promise<{ revision: number; nodes: TreeNode[] }> {
  const res = await advisor.get(`/api/engagements/${id}/tree`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
/** Depth-first nodes as `depth kind title`. */
function outlineOf(nodes: readonly TreeNode[], rootParent: string | null = null): string[] {
  const out: string[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const n of nodes.filter((x) => x.parentId === parent)) {
      out.push(`${depth}${n.kind} ${n.title}`);
      walk(n.id, depth + 1);
    }
  };
  walk(rootParent, 0);
  return out;
}
const revisionCount = async (id: string) => {
  const [row] = await ctx.database.db.select({ n: count() }).from(treeRevisions).where(eq(treeRevisions.engagementId, id));
  return row!.n;
};
const toImport = (p: Preview) => p.nodes.map(({ ref, row, parentRef, kind, title }) => ({ ref, row, parentRef, kind, title }));

describe('POST /api/engagements/:id/tree/import/preview', () => {
  it('reads an xlsx with a column per level and merged parents, naming each node’s row, and writes nothing', async () => {
    const before = await revisionCount(midori);
    const res = await postFile(advisor, preview(midori), await columnSheet());
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as Preview;
    expect(p).toMatchObject({ source: 'xlsx', layout: 'columns', treeHasNodes: true, errors: [] });
    expect(shape(p.nodes)).toEqual([
      '0goal 誰もが住み慣れた地域で暮らし続けられる',
      '1issue 外出の機会が減っている',
      '2cause 移動手段がない',
      '3measure 乗合タクシーの運行',
      '3measure 移動販売との連携',
      '2cause 通いの場が遠い',
      '1issue 担い手が足りない',
    ]);
    expect(p.nodes.map((n) => n.row)).toEqual([2, 2, 2, 2, 3, 4, 5]);
    expect(await revisionCount(midori)).toBe(before);
  });

  it('reads an xlsx outline in one column by Excel indent and leading spaces, English header', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['Title']);
      sheet.addRow(['Older people stay active']);
      sheet.addRow(['Fewer outings']).getCell(1).alignment = { indent: 1 };
      sheet.addRow(['No transport']).getCell(1).alignment = { indent: 2 };
      sheet.addRow(['      Shared taxi']);
    });
    const p = (await postFile(advisor, preview(midori), file)).json() as Preview;
    expect(p.layout).toBe('indent');
    expect(shape(p.nodes)).toEqual([
      '0goal Older people stay active',
      '1issue Fewer outings',
      '2cause No transport',
      '3measure Shared taxi',
    ]);
    expect(p.nodes.map((n) => n.row)).toEqual([2, 3, 4, 5]);
  });

  it('reads pasted text with bullets and numbering, applies kind overrides, and names rows in its errors', async () => {
    const text = [
      '■ 目指す姿',
      '1. 外出が減っている',
      '1-1 移動手段がない',
      '2. 担い手不足',
      '■ 二つ目の目指す姿',
      `1. ${'長'.repeat(201)}`,
    ].join('\n');
    const res = await advisor.post(preview(midori, '?kinds=3%3Dcause'), { text });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as Preview;
    expect(p.source).toBe('text');
    expect(p.errors.map((e) => [e.row, e.code])).toEqual([
      [5, 'single_goal_root'],
      [6, 'title_too_long'],
    ]);
    const fixed = (await advisor.post(preview(midori, '?kinds=2%3Doutcome'), { text: 'G\n I\n  C' })).json() as Preview;
    expect(shape(fixed.nodes)).toEqual(['0goal G', '1outcome I', '2issue C']);
  });

  it('answers 400 for an unreadable body and a malformed kinds override, 413 for a file over the limit', async () => {
    expect((await postFile(advisor, preview(midori), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).statusCode).toBe(400);
    const bad = await advisor.post(preview(midori, '?kinds=2%3Dtree'), { text: 'G' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('kinds');
    const big = await postFile(advisor, preview(midori), Buffer.alloc(6 * 1024 * 1024, 0x41), 'text/csv');
    expect(big.statusCode).toBe(413);
  });

  it('refuses an observer (403) and a stranger (404)', async () => {
    expect((await (await ctx.login(demo.sakura)).post(preview(midori), { text: 'G' })).statusCode).toBe(403);
    expect((await (await ctx.login(demo.kitano)).post(preview(midori), { text: 'G' })).statusCode).toBe(404);
  });
});

describe('POST /api/engagements/:id/tree/import', () => {
  it('refuses to replace a tree with nodes without confirmation (409), and needs If-Match (428)', async () => {
    const p = (await postFile(advisor, preview(yamanami), await columnSheet())).json() as Preview;
    const body = { mode: 'replace', nodes: toImport(p) };
    expect((await advisor.post(importUrl(yamanami), body)).statusCode).toBe(428);
    const res = await advisor.post(importUrl(yamanami), body, { 'if-match': `"${p.revision}"` });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('replace_needs_confirmation');
    expect((await treeOf(yamanami)).revision).toBe(p.revision);
  });

  it('refuses to replace a tree whose measures carry selected actions (409 node_has_action)', async () => {
    const p = (await postFile(advisor, preview(midori), await columnSheet())).json() as Preview;
    const res = await advisor.post(
      importUrl(midori),
      { mode: 'replace', confirmReplace: true, nodes: toImport(p) },
      { 'if-match': `"${p.revision}"` },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'node_has_action', nodeIds: expect.arrayContaining([expect.any(String)]) });
  });

  it('replaces the tree as exactly one audited revision equal to the preview', async () => {
    const p = (await postFile(advisor, preview(yamanami), await columnSheet())).json() as Preview;
    const before = await revisionCount(yamanami);
    const res = await advisor.post(
      importUrl(yamanami),
      { mode: 'replace', confirmReplace: true, nodes: toImport(p) },
      { 'if-match': `"${p.revision}"` },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe(`"${p.revision + 1}"`);
    expect(await revisionCount(yamanami)).toBe(before + 1);
    const tree = await treeOf(yamanami);
    expect(tree.revision).toBe(p.revision + 1);
    expect(outlineOf(tree.nodes)).toEqual(shape(p.nodes));
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, yamanami), eq(auditLog.action, 'tree.import')));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ mode: 'replace', imported: 7, revision: p.revision + 1 });
  });

  it('answers 412 with the current tree to a stale If-Match, and writes nothing', async () => {
    const current = await treeOf(yamanami);
    const before = await revisionCount(yamanami);
    const res = await advisor.post(
      importUrl(yamanami),
      { mode: 'replace', confirmReplace: true, nodes: [{ ref: '1', row: 1, parentRef: null, kind: 'goal', title: 'G' }] },
      { 'if-match': `"${current.revision - 1}"` },
    );
    expect(res.statusCode).toBe(412);
    expect(res.json().current.revision).toBe(current.revision);
    expect(await revisionCount(yamanami)).toBe(before);
  });

  it('appends under a chosen node, inferring kinds from it', async () => {
    const current = await treeOf(midori);
    const issue = current.nodes.find((n) => n.kind === 'issue')!;
    const p = (
      await advisor.post(preview(midori, `?mode=append&parentId=${issue.id}`), { text: '・ボランティアの高齢化\n　・養成講座の開催' })
    ).json() as Preview;
    expect(p.errors).toEqual([]);
    expect(shape(p.nodes)).toEqual(['0cause ボランティアの高齢化', '1measure 養成講座の開催']);
    const res = await advisor.post(
      importUrl(midori),
      { mode: 'append', parentId: issue.id, nodes: toImport(p) },
      { 'if-match': `"${current.revision}"` },
    );
    expect(res.statusCode, res.body).toBe(200);
    const tree = await treeOf(midori);
    expect(outlineOf(tree.nodes, issue.id).slice(-2)).toEqual(['0cause ボランティアの高齢化', '1measure 養成講座の開催']);
    expect(tree.nodes).toHaveLength(current.nodes.length + 2);
  });

  it('answers 400 naming the row of a node that breaks a tree rule, and writes nothing', async () => {
    const current = await treeOf(midori);
    const res = await advisor.post(
      importUrl(midori),
      {
        mode: 'replace',
        confirmReplace: true,
        nodes: [
          { ref: '4', row: 4, parentRef: null, kind: 'goal', title: 'G' },
          { ref: '5', row: 5, parentRef: '4', kind: 'measure', title: 'M' },
          { ref: '6', row: 6, parentRef: '5', kind: 'cause', title: 'C' },
        ],
      },
      { 'if-match': `"${current.revision}"` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_outline');
    expect(res.json().errors.map((e: { row: number; rule: string }) => [e.row, e.rule])).toEqual([
      [5, 'kind_follows_parent'],
      [6, 'measure_is_leaf'],
    ]);
    expect((await treeOf(midori)).revision).toBe(current.revision);
  });

  it('refuses an observer (403) and lets the municipal member import', async () => {
    const current = await treeOf(yamanami);
    const body = { mode: 'replace', confirmReplace: true, nodes: [{ ref: '1', row: 1, parentRef: null, kind: 'goal', title: 'G' }] };
    expect((await (await ctx.login(demo.sakura)).post(importUrl(midori), body, { 'if-match': '"1"' })).statusCode).toBe(403);
    const headers = { 'if-match': `"${current.revision}"` };
    const member = await ctx.login(demo.yamanami);
    const res = await member.post(importUrl(yamanami), body, headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(outlineOf((await treeOf(yamanami)).nodes)).toEqual(['0goal G']);
  });
});
