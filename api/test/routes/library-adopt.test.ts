import { validateTree, type Tree } from '@banso/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, treeNodeSources, treeRevisions } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let midori: string;
let aoba: string;
let yamanami: string;
let published: { id: string; facts: { tree: { nodes: { id: string; title: string; kind: string; parentId: string | null }[] } } };
let aobaDraft: { id: string; facts: { tree: { nodes: { id: string; title: string; kind: string }[] } } };

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-03-10' });
  midori = await engagementIdOf(ctx, 'みどり区');
  aoba = await engagementIdOf(ctx, 'あおば市');
  yamanami = await engagementIdOf(ctx, 'やまなみ町');
  const advisor = await ctx.login(demo.morikawa);
  const draft = (await advisor.post(`/api/engagements/${midori}/reports`, {})).json();
  const res = await (
    await ctx.login(demo.office)
  ).post(`/api/engagements/${midori}/reports/${draft.id}/publish`, undefined, {
    'if-match': `"${draft.version}"`,
  });
  expect(res.statusCode).toBe(200);
  published = res.json();
  aobaDraft = (await advisor.post(`/api/engagements/${aoba}/reports`, {})).json();
});
afterAll(() => ctx.close());

const sourceNode = (title: string) => published.facts.tree.nodes.find((n) => n.title === title)!;

async function yamanamiTree(email = demo.yamanami) {
  const res = await (await ctx.login(email)).get(`/api/engagements/${yamanami}/tree`);
  return res.json() as Tree;
}

describe('POST /api/engagements/:id/tree/adoptions', () => {
  it('adopts みどり区’s 要因 sub-tree under a 課題 of やまなみ町 as hypotheses with source links, in one revision', async () => {
    const member = await ctx.login(demo.yamanami);
    const before = await yamanamiTree();
    const issue = before.nodes.find((n) => n.title === '町外病院の退院情報が直前に届く')!;
    expect(issue.kind).toBe('issue');
    const cause = sourceNode('単身世帯が多く異変に気づく人がいない');
    expect(cause.kind).toBe('cause');
    const res = await member.post(
      `/api/engagements/${yamanami}/tree/adoptions`,
      { reportId: published.id, sourceNodeId: cause.id, parentId: issue.id },
      { 'if-match': `"${before.revision}"` },
    );
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Tree;
    expect(after.revision).toBe(before.revision + 1);
    expect(res.headers.etag).toBe(`"${after.revision}"`);

    const added = after.nodes.filter((n) => !before.nodes.some((b) => b.id === n.id));
    expect(added.map((n) => [n.kind, n.title])).toEqual([
      ['cause', '単身世帯が多く異変に気づく人がいない'],
      ['measure', 'マンション管理組合・配達事業者と見守り協定'],
    ]);
    const [top, measure] = added;
    expect(top!.parentId).toBe(issue.id);
    expect(measure!.parentId).toBe(top!.id);
    expect(added.every((n) => n.hypothesisState === 'hypothesis')).toBe(true);
    // the source's action comes as a candidate measure (no action of this engagement), carrying what was done
    expect(measure!.action).toBeNull();
    expect(measure!.detail).toContain('みどり区の取組');
    // new ids, the tree rules hold
    expect(added.some((n) => published.facts.tree.nodes.some((s) => s.id === n.id))).toBe(false);
    expect(validateTree(after.nodes)).toEqual([]);

    // one revision, one audit entry
    const revisions = await ctx.database.db.select().from(treeRevisions).where(eq(treeRevisions.engagementId, yamanami));
    expect(revisions.filter((r) => r.revision > before.revision)).toHaveLength(1);
    const audits = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'tree.adopt'));
    expect(audits).toHaveLength(1);

    // each node names its source; everyone who reads the tree sees it
    const sources = await member.get(`/api/engagements/${yamanami}/tree/sources`);
    expect(sources.statusCode).toBe(200);
    const items = sources.json().items as {
      nodeId: string;
      reportId: string;
      sourceNodeId: string;
      municipalityName: string;
      sourceEngagementId: string;
    }[];
    expect(items).toHaveLength(2);
    expect(items.find((i) => i.nodeId === top!.id)).toMatchObject({
      reportId: published.id,
      sourceNodeId: cause.id,
      municipalityName: 'みどり区',
      sourceEngagementId: midori,
    });
    expect((await (await ctx.login(demo.shiosai)).get(`/api/engagements/${yamanami}/tree/sources`)).json().items).toHaveLength(2);
  });

  it('refuses a placement the tree rules forbid (a 要因 under the 目指す姿) with 400 tree_rule, changing nothing', async () => {
    const before = await yamanamiTree();
    const goal = before.nodes.find((n) => n.kind === 'goal')!;
    const res = await (
      await ctx.login(demo.morikawa)
    ).post(
      `/api/engagements/${yamanami}/tree/adoptions`,
      { reportId: published.id, sourceNodeId: sourceNode('相談窓口が知られていない').id, parentId: goal.id },
      { 'if-match': `"${before.revision}"` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'tree_rule', errors: [{ rule: 'kind_follows_parent' }] });
    expect((await yamanamiTree()).revision).toBe(before.revision);
  });

  it('adopts a 課題 with its whole sub-tree under an outcome', async () => {
    const before = await yamanamiTree();
    const outcome = before.nodes.find((n) => n.kind === 'outcome')!;
    const issue = sourceNode('相談が重度化してから来る');
    const res = await (
      await ctx.login(demo.morikawa)
    ).post(
      `/api/engagements/${yamanami}/tree/adoptions`,
      { reportId: published.id, sourceNodeId: issue.id, parentId: outcome.id },
      { 'if-match': `"${before.revision}"` },
    );
    expect(res.statusCode, res.body).toBe(200);
    const added = (res.json() as Tree).nodes.filter((n) => !before.nodes.some((b) => b.id === n.id));
    // 相談が重度化してから来る: 3 causes, each with its measure
    expect(added).toHaveLength(7);
    expect(validateTree((res.json() as Tree).nodes)).toEqual([]);
  });

  it('cannot adopt from a draft report (404), nor a node the case does not have (404)', async () => {
    const before = await yamanamiTree();
    const issue = before.nodes.find((n) => n.kind === 'issue')!;
    const member = await ctx.login(demo.yamanami);
    const fromDraft = await member.post(
      `/api/engagements/${yamanami}/tree/adoptions`,
      { reportId: aobaDraft.id, sourceNodeId: aobaDraft.facts.tree.nodes.find((n) => n.kind === 'cause')!.id, parentId: issue.id },
      { 'if-match': `"${before.revision}"` },
    );
    expect(fromDraft.statusCode).toBe(404);
    const unknownNode = await member.post(
      `/api/engagements/${yamanami}/tree/adoptions`,
      { reportId: published.id, sourceNodeId: issue.id, parentId: issue.id },
      { 'if-match': `"${before.revision}"` },
    );
    expect(unknownNode.statusCode).toBe(404);
    expect((await yamanamiTree()).revision).toBe(before.revision);
  });

  it('needs If-Match (428), answers a stale one with 412, and lets only those who edit the tree adopt', async () => {
    const before = await yamanamiTree();
    const issue = before.nodes.find((n) => n.kind === 'issue')!;
    const body = { reportId: published.id, sourceNodeId: sourceNode('日中の居場所が少ない').id, parentId: issue.id };
    const url = `/api/engagements/${yamanami}/tree/adoptions`;
    expect((await (await ctx.login(demo.yamanami)).post(url, body)).statusCode).toBe(428);
    expect((await (await ctx.login(demo.yamanami)).post(url, body, { 'if-match': `"${before.revision - 1}"` })).statusCode).toBe(412);
    // observers and the program office read the tree but do not edit it; another municipality's member is not on it
    expect((await (await ctx.login(demo.shiosai)).post(url, body, { 'if-match': `"${before.revision}"` })).statusCode).toBe(403);
    expect((await (await ctx.login(demo.office)).post(url, body, { 'if-match': `"${before.revision}"` })).statusCode).toBe(403);
    expect((await (await ctx.login(demo.midori)).post(url, body, { 'if-match': `"${before.revision}"` })).statusCode).toBe(404);
    expect((await yamanamiTree()).revision).toBe(before.revision);
  });

  it('drops the source link with its node', async () => {
    const tree = await yamanamiTree();
    const sources = (await (await ctx.login(demo.yamanami)).get(`/api/engagements/${yamanami}/tree/sources`)).json().items as {
      nodeId: string;
    }[];
    const adoptedTop = tree.nodes.find((n) => n.title === '単身世帯が多く異変に気づく人がいない')!;
    const res = await (
      await ctx.login(demo.yamanami)
    ).post(
      `/api/engagements/${yamanami}/tree/operations`,
      { operations: [{ op: 'remove', id: adoptedTop.id }] },
      { 'if-match': `"${tree.revision}"` },
    );
    expect(res.statusCode).toBe(200);
    const left = await ctx.database.db.select().from(treeNodeSources).where(eq(treeNodeSources.engagementId, yamanami));
    expect(left).toHaveLength(sources.length - 2);
  });
});
