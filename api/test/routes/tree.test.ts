import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, engagements, memberships, municipalities, treeNodes, treeRevisions, users } from '../../src/db/schema/index.js';
import { TreeCache } from '../../src/modules/tree/tree.cache.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

interface Node {
  id: string;
  parentId: string | null;
  position: number;
  kind: string;
  title: string;
  detail: string;
  hypothesisState: string | null;
  evidenceCount: number;
  action: { id: string; status: string } | null;
}
interface TreeBody {
  engagementId: string;
  revision: number;
  currentRevision: number;
  nodes: Node[];
}

let ctx: TestContext;
let midori: string;
let advisor: Session;
const url = () => `/api/engagements/${midori}/tree`;
const ops = () => `/api/engagements/${midori}/tree/operations`;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  midori = await engagementIdOf(ctx, 'みどり区');
  advisor = await ctx.login(demo.morikawa);
});
afterAll(() => ctx.close());

const getTree = async (s: Session = advisor, suffix = '') => {
  const res = await s.get(`${url()}${suffix}`);
  expect(res.statusCode).toBe(200);
  return res.json() as TreeBody;
};
const nodeByTitle = (tree: TreeBody, title: string) => {
  const n = tree.nodes.find((x) => x.title === title);
  if (!n) throw new Error(`no node ${title}`);
  return n;
};
/** The structure only, as the revision snapshot keeps it. */
const structure = (tree: TreeBody) =>
  tree.nodes.map(({ id, parentId, position, kind, title, detail, hypothesisState }) => ({
    id,
    parentId,
    position,
    kind,
    title,
    detail,
    hypothesisState,
  }));
const dbCounts = async () => {
  const db = ctx.database.db;
  const [nodes] = await db.select({ n: count() }).from(treeNodes).where(eq(treeNodes.engagementId, midori));
  const [revisions] = await db.select({ n: count() }).from(treeRevisions).where(eq(treeRevisions.engagementId, midori));
  return { nodes: nodes!.n, revisions: revisions!.n };
};

describe('GET /api/engagements/:id/tree', () => {
  it('returns the seeded tree in depth-first order with ETag "1", evidence counts and action statuses', async () => {
    const res = await advisor.get(url());
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    // Browsers must not revalidate a stored copy: annotations change without a new revision.
    expect(res.headers['cache-control']).toContain('no-store');
    const tree = res.json() as TreeBody;
    expect(tree).toMatchObject({ engagementId: midori, revision: 1, currentRevision: 1 });
    expect(tree.nodes).toHaveLength(18);
    expect(tree.nodes[0]).toMatchObject({ kind: 'goal', parentId: null, title: '認知症になっても住み慣れた地域で自分らしく暮らせる' });
    // Parents come before their children.
    const seen = new Set<string>();
    for (const n of tree.nodes) {
      if (n.parentId) expect(seen.has(n.parentId)).toBe(true);
      seen.add(n.id);
    }
    expect(nodeByTitle(tree, '相談が重度化してから来る').evidenceCount).toBe(1);
    expect(nodeByTitle(tree, '日中の居場所が少ない').evidenceCount).toBe(0);
    expect(nodeByTitle(tree, 'マンション管理組合・配達事業者と見守り協定').action).toMatchObject({ status: expect.any(String) });
    expect(nodeByTitle(tree, '認知症対応型通所の整備誘導').action).toBeNull();
    expect(tree.nodes.filter((n) => n.action !== null)).toHaveLength(5);
  });

  it('answers 304 to If-None-Match with the current revision, 200 to an older one', async () => {
    const same = await advisor.get(url(), { 'if-none-match': '"1"' });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    expect(same.headers.etag).toBe('"1"');
    expect((await advisor.get(url(), { 'if-none-match': 'W/"1"' })).statusCode).toBe(304);
    expect((await advisor.get(url(), { 'if-none-match': '"0"' })).statusCode).toBe(200);
  });

  it('serves the same body again from its cache, byte for byte', async () => {
    const a = await advisor.get(url());
    const b = await advisor.get(url());
    expect(b.body).toBe(a.body);
  });

  it('never serves a stale action status: selecting and moving an action shows at once without a new revision', async () => {
    const before = await getTree();
    const measure = nodeByTitle(before, '認知症対応型通所の整備誘導');
    const created = await advisor.post(`/api/engagements/${midori}/actions`, { nodeId: measure.id, rationale: '日中の居場所を増やす' });
    expect(created.statusCode).toBe(201);
    const after = await getTree();
    expect(after.revision).toBe(before.revision);
    expect(nodeByTitle(after, '認知症対応型通所の整備誘導').action).toEqual({ id: created.json().id, status: 'selected' });
    const moved = await advisor.patch(
      `/api/engagements/${midori}/actions/${created.json().id}`,
      { status: 'in_progress' },
      { 'if-match': '"1"' },
    );
    expect(moved.statusCode).toBe(200);
    expect(nodeByTitle(await getTree(), '認知症対応型通所の整備誘導').action?.status).toBe('in_progress');
  });

  it('never serves a stale evidence count', async () => {
    const node = nodeByTitle(await getTree(), '日中の居場所が少ない');
    const added = await advisor.post(`/api/engagements/${midori}/tree/nodes/${node.id}/evidence`, {
      kind: 'text',
      text: '日中の通所先が区内に3か所',
      source: '区資料',
    });
    expect(added.statusCode).toBe(201);
    expect(nodeByTitle(await getTree(), '日中の居場所が少ない').evidenceCount).toBe(1);
    expect((await advisor.delete(`/api/engagements/${midori}/tree/nodes/${node.id}/evidence/${added.json().id}`)).statusCode).toBe(204);
    expect(nodeByTitle(await getTree(), '日中の居場所が少ない').evidenceCount).toBe(0);
  });

  it('is readable by every role in the engagement', async () => {
    for (const email of [demo.office, demo.takada, demo.midori, demo.sakura]) {
      const res = await (await ctx.login(email)).get(url());
      expect(res.statusCode, email).toBe(200);
      expect((res.json() as TreeBody).nodes.length).toBeGreaterThanOrEqual(18);
    }
  });

  it('answers 404 to an advisor of other engagements (demo.kitano), 401 without a session, 404 for an unknown engagement', async () => {
    expect((await (await ctx.login(demo.kitano)).get(url())).statusCode).toBe(404);
    expect((await ctx.anonymous.get(url())).statusCode).toBe(401);
    expect((await advisor.get('/api/engagements/00000000-0000-4000-8000-000000000000/tree')).statusCode).toBe(404);
  });

  it('answers 400 naming the query parameter for a malformed revision', async () => {
    const res = await advisor.get(`${url()}?revision=abc`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toContain('querystring');
  });
});

describe('POST /api/engagements/:id/tree/operations', () => {
  it('applies a batch atomically as one new revision and records it with its author and an audit entry', async () => {
    const before = await getTree();
    const counts = await dbCounts();
    const issue = nodeByTitle(before, '介護者の負担で施設入所に至る');
    const cause = randomUUID();
    const measure = randomUUID();
    const res = await advisor.post(
      ops(),
      {
        operations: [
          { op: 'add', id: cause, parentId: issue.id, kind: 'cause', title: '介護者が制度を知らない', position: 0 },
          { op: 'add', id: measure, parentId: cause, kind: 'measure', title: '介護者向けガイドブック' },
          { op: 'update', id: issue.id, hypothesisState: 'supported', detail: '在宅介護実態調査で確認' },
        ],
      },
      { 'if-match': `"${before.revision}"` },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${before.revision + 1}"`);
    const tree = res.json() as TreeBody;
    expect(tree.revision).toBe(before.revision + 1);
    expect(tree.nodes).toHaveLength(before.nodes.length + 2);
    expect(tree.nodes.find((n) => n.id === cause)).toMatchObject({ parentId: issue.id, position: 0, kind: 'cause' });
    expect(tree.nodes.find((n) => n.id === issue.id)).toMatchObject({ hypothesisState: 'supported', detail: '在宅介護実態調査で確認' });
    // The sibling that was at position 0 moved to 1.
    expect(nodeByTitle(tree, '日中の居場所が少ない').position).toBe(1);
    expect(await dbCounts()).toEqual({ nodes: counts.nodes + 2, revisions: counts.revisions + 1 });
    // A fresh GET equals the response, and the revision's snapshot equals the tree.
    expect(await getTree()).toEqual(tree);
    expect(structure(await getTree(advisor, `?revision=${tree.revision}`))).toEqual(structure(tree));

    const revisions = (await advisor.get(`${url()}/revisions`)).json().items;
    expect(revisions[0]).toMatchObject({ revision: tree.revision, summary: 'add 2, update 1', actor: { name: '森川 恵子' } });
    expect(revisions.at(-1)).toMatchObject({ revision: 1 });
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, midori), eq(auditLog.action, 'tree.operations')));
    expect(audit.at(-1)).toMatchObject({ entity: 'tree', after: { revision: tree.revision, summary: 'add 2, update 1' } });
  });

  it('moves and removes nodes, deleting whole subtrees', async () => {
    const before = await getTree();
    const cause = nodeByTitle(before, '介護者が制度を知らない');
    const target = nodeByTitle(before, '介護者が相談・休息できる場が少ない');
    const res = await advisor.post(
      ops(),
      {
        operations: [
          { op: 'move', id: nodeByTitle(before, '介護者向けガイドブック').id, parentId: target.id, position: 0 },
          { op: 'remove', id: cause.id },
        ],
      },
      { 'if-match': `"${before.revision}"` },
    );
    expect(res.statusCode).toBe(200);
    const tree = res.json() as TreeBody;
    expect(tree.nodes.find((n) => n.id === cause.id)).toBeUndefined();
    expect(nodeByTitle(tree, '介護者向けガイドブック')).toMatchObject({ parentId: target.id, position: 0 });
    const remove = await advisor.post(
      ops(),
      { operations: [{ op: 'remove', id: nodeByTitle(tree, '介護者向けガイドブック').id }] },
      { 'if-match': `"${tree.revision}"` },
    );
    expect(remove.statusCode).toBe(200);
    expect((remove.json() as TreeBody).nodes).toHaveLength(before.nodes.length - 2);
  });

  it('replays the seeded tree with ?revision=1 after later edits', async () => {
    const first = await getTree(advisor, '?revision=1');
    expect(first.revision).toBe(1);
    expect(first.currentRevision).toBeGreaterThan(1);
    expect(first.nodes).toHaveLength(18);
    expect(first.nodes.map((n) => n.title)).not.toContain('介護者が制度を知らない');
    expect(nodeByTitle(first, '介護者の負担で施設入所に至る')).toMatchObject({ hypothesisState: null, detail: '' });
    expect(nodeByTitle(first, '日中の居場所が少ない').position).toBe(0);
    // Past revisions are immutable, so their ETag is their revision too.
    expect((await advisor.get(`${url()}?revision=1`, { 'if-none-match': '"1"' })).statusCode).toBe(304);
  });

  it('answers 404 for an unknown revision', async () => {
    expect((await advisor.get(`${url()}?revision=999`)).statusCode).toBe(404);
  });

  it('requires If-Match (428)', async () => {
    const goal = (await getTree()).nodes[0]!;
    const res = await advisor.post(ops(), { operations: [{ op: 'update', id: goal.id, title: '変更' }] });
    expect(res.statusCode).toBe(428);
  });

  it('refuses a stale batch with 412 carrying the current tree, and changes nothing', async () => {
    const current = await getTree();
    const counts = await dbCounts();
    const res = await advisor.post(
      ops(),
      { operations: [{ op: 'update', id: current.nodes[0]!.id, title: '古い版からの変更' }] },
      { 'if-match': `"${current.revision - 1}"` },
    );
    expect(res.statusCode).toBe(412);
    expect(res.json().current).toMatchObject({ revision: current.revision, nodes: expect.any(Array) });
    expect(res.json().current.nodes).toHaveLength(current.nodes.length);
    expect(await dbCounts()).toEqual(counts);
    expect(await getTree()).toEqual(current);
  });

  it('lets exactly one of several concurrent batches with the same If-Match through', async () => {
    const current = await getTree();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        advisor.post(
          ops(),
          { operations: [{ op: 'update', id: current.nodes[1]!.id, detail: `同時編集${i}` }] },
          { 'if-match': `"${current.revision}"` },
        ),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412, 412, 412]);
    expect((await getTree()).revision).toBe(current.revision + 1);
  });

  it('rejects a rule violation with 400 tree_rule naming the operation, and changes nothing', async () => {
    const current = await getTree();
    const counts = await dbCounts();
    const res = await advisor.post(
      ops(),
      {
        operations: [
          { op: 'update', id: current.nodes[0]!.id, title: 'この変更も取り消される' },
          { op: 'add', id: randomUUID(), parentId: null, kind: 'goal', title: '二つ目の目指す姿' },
        ],
      },
      { 'if-match': `"${current.revision}"` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'tree_rule',
      errors: [{ index: 1, rule: 'single_goal_root', path: 'body.operations.1' }],
    });
    expect(await dbCounts()).toEqual(counts);
    expect(await getTree()).toEqual(current);
  });

  it.each([
    [
      'a measure under a goal',
      'kind_follows_parent',
      (t: TreeBody) => ({ op: 'add', id: randomUUID(), parentId: t.nodes[0]!.id, kind: 'measure', title: 'x' }),
    ],
    [
      'a child under a measure',
      'measure_is_leaf',
      (t: TreeBody) => ({
        op: 'add',
        id: randomUUID(),
        parentId: nodeByTitle(t, '区報・薬局で相談窓口を周知').id,
        kind: 'measure',
        title: 'x',
      }),
    ],
    [
      'a move under its own descendant',
      'cycle',
      (t: TreeBody) => ({
        op: 'move',
        id: nodeByTitle(t, '早期に相談・支援につながる').id,
        parentId: nodeByTitle(t, '相談が重度化してから来る').id,
      }),
    ],
    [
      'removing a measure with an action',
      'node_has_action',
      (t: TreeBody) => ({ op: 'remove', id: nodeByTitle(t, '区報・薬局で相談窓口を周知').id }),
    ],
    [
      'removing a subtree holding an action',
      'node_has_action',
      (t: TreeBody) => ({ op: 'remove', id: nodeByTitle(t, '在宅生活を継続できる').id }),
    ],
    [
      're-kinding a measure with an action',
      'node_has_action',
      (t: TreeBody) => ({ op: 'update', id: nodeByTitle(t, '区報・薬局で相談窓口を周知').id, kind: 'cause' }),
    ],
    ['an unknown node', 'unknown_node', () => ({ op: 'update', id: randomUUID(), title: 'x' })],
    ['a blank title', 'empty_title', (t: TreeBody) => ({ op: 'update', id: t.nodes[0]!.id, title: '   ' })],
  ])('rejects %s with 400 %s', async (_label, rule, make) => {
    const current = await getTree();
    const res = await advisor.post(ops(), { operations: [make(current)] }, { 'if-match': `"${current.revision}"` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ index: 0, rule, path: 'body.operations.0' });
  });

  it('rejects an add whose id belongs to another engagement’s tree (duplicate_id), not a 500', async () => {
    const aoba = await engagementIdOf(ctx, 'あおば市');
    const foreign = ((await advisor.get(`/api/engagements/${aoba}/tree`)).json() as TreeBody).nodes[1]!;
    const current = await getTree();
    const res = await advisor.post(
      ops(),
      { operations: [{ op: 'add', id: foreign.id, parentId: current.nodes[0]!.id, kind: 'issue', title: '衝突' }] },
      { 'if-match': `"${current.revision}"` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ index: 0, rule: 'duplicate_id' });
  });

  it('rejects malformed operations with 400 naming the field', async () => {
    const current = await getTree();
    const headers = { 'if-match': `"${current.revision}"` };
    const unknown = await advisor.post(ops(), { operations: [{ op: 'update', id: current.nodes[0]!.id, colour: 'red' }] }, headers);
    expect(unknown.statusCode).toBe(400);
    expect(
      unknown
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(' '),
    ).toContain('colour');
    const badOp = await advisor.post(ops(), { operations: [{ op: 'rename', id: current.nodes[0]!.id }] }, headers);
    expect(badOp.statusCode).toBe(400);
    const badId = await advisor.post(ops(), { operations: [{ op: 'remove', id: 'not-a-uuid' }] }, headers);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].path).toBe('body.operations.0.id');
    expect((await advisor.post(ops(), { operations: [] }, headers)).statusCode).toBe(400);
  });

  it('lets the advisor and the municipal member edit and refuses everyone else (403, or 404 without a role)', async () => {
    const current = await getTree();
    const body = { operations: [{ op: 'update', id: current.nodes[0]!.id, title: '認知症になっても住み慣れた地域で自分らしく暮らせる' }] };
    const headers = { 'if-match': `"${current.revision}"` };
    expect((await (await ctx.login(demo.takada)).post(ops(), body, headers)).statusCode).toBe(200);
    const next = { 'if-match': `"${current.revision + 1}"` };
    expect((await (await ctx.login(demo.sakura)).post(ops(), body, next)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.office)).post(ops(), body, next)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.kitano)).post(ops(), body, next)).statusCode).toBe(404);
    expect((await ctx.anonymous.post(ops(), body, next)).statusCode).toBe(401);
    // Co-ownership: the municipality edits its tree too.
    expect((await (await ctx.login(demo.midori)).post(ops(), body, next)).statusCode).toBe(200);
    expect((await getTree()).revision).toBe(current.revision + 2);
  });
});

describe('POST /api/engagements/:id/tree/revisions/:revision/restore', () => {
  const restore = (revision: number | string, headers?: Record<string, string>, s: Session = advisor) =>
    s.post(`${url()}/revisions/${revision}/restore`, undefined, headers);

  it('restores an older revision as a NEW revision whose nodes equal it, keeping every revision in the history', async () => {
    const before = await getTree();
    const counts = await dbCounts();
    expect(before.revision).toBeGreaterThan(2);
    const first = await getTree(advisor, '?revision=1');
    const res = await restore(1, { 'if-match': `"${before.revision}"` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${before.revision + 1}"`);
    const tree = res.json() as TreeBody;
    expect(tree).toMatchObject({ revision: before.revision + 1, currentRevision: before.revision + 1 });
    expect(structure(tree)).toEqual(structure(first));
    // The database, the new snapshot and revision 1 agree; revision 1 itself is untouched.
    expect(structure(await getTree())).toEqual(structure(first));
    expect(structure(await getTree(advisor, `?revision=${tree.revision}`))).toEqual(structure(first));
    expect(structure(await getTree(advisor, '?revision=1'))).toEqual(structure(first));
    expect(await dbCounts()).toEqual({ nodes: first.nodes.length, revisions: counts.revisions + 1 });
    const revisions = (await advisor.get(`${url()}/revisions`)).json().items as { revision: number; summary: string }[];
    expect(revisions.map((r) => r.revision)).toEqual(Array.from({ length: tree.revision }, (_, i) => tree.revision - i));
    expect(revisions[0]).toMatchObject({ revision: tree.revision, summary: 'restore 1', actor: { name: '森川 恵子' } });
    // The revision before the restore still replays as it was.
    expect(structure(await getTree(advisor, `?revision=${before.revision}`))).toEqual(structure(before));
    const [audit] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, midori), eq(auditLog.action, 'tree.restore')));
    expect(audit).toMatchObject({
      entity: 'tree',
      actorId: advisor.userId,
      before: { revision: before.revision },
      after: { revision: tree.revision, restoredFrom: 1, summary: 'restore 1' },
    });
  });

  it('brings back nodes removed since, and a later restore returns to the newer shape', async () => {
    const start = await getTree();
    const goal = start.nodes[0]!.id;
    const outcome = randomUUID();
    const issue = randomUUID();
    const a = await advisor.post(
      ops(),
      {
        operations: [
          { op: 'add', id: outcome, parentId: goal, kind: 'outcome', title: '復元テストの成果', position: 0 },
          { op: 'add', id: issue, parentId: outcome, kind: 'issue', title: '復元テストの課題' },
        ],
      },
      { 'if-match': `"${start.revision}"` },
    );
    expect(a.statusCode).toBe(200);
    const withSubtree = a.json() as TreeBody;
    const b = await advisor.post(
      ops(),
      {
        operations: [
          { op: 'remove', id: outcome },
          { op: 'add', id: randomUUID(), parentId: goal, kind: 'issue', title: '後から足した課題' },
          { op: 'update', id: goal, detail: '復元テストで書き換え' },
        ],
      },
      { 'if-match': `"${withSubtree.revision}"` },
    );
    expect(b.statusCode).toBe(200);
    const later = b.json() as TreeBody;
    const back = await restore(withSubtree.revision, { 'if-match': `"${later.revision}"` });
    expect(back.statusCode).toBe(200);
    expect(structure(back.json() as TreeBody)).toEqual(structure(withSubtree));
    expect(nodeByTitle(back.json() as TreeBody, '復元テストの課題')).toMatchObject({ id: issue, parentId: outcome });
    const again = await restore(later.revision, { 'if-match': `"${later.revision + 1}"` });
    expect(again.statusCode).toBe(200);
    expect(structure(again.json() as TreeBody)).toEqual(structure(later));
    const reset = await restore(start.revision, { 'if-match': `"${later.revision + 2}"` });
    expect(reset.statusCode).toBe(200);
    expect(structure(reset.json() as TreeBody)).toEqual(structure(start));
  });

  it('answers 428 without If-Match, 412 with the current tree when stale, 404 for an unknown revision, 409 for the current one', async () => {
    const current = await getTree();
    const counts = await dbCounts();
    expect((await restore(1)).statusCode).toBe(428);
    const stale = await restore(1, { 'if-match': `"${current.revision - 1}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ revision: current.revision });
    expect((await restore(current.revision + 5, { 'if-match': `"${current.revision}"` })).statusCode).toBe(404);
    const same = await restore(current.revision, { 'if-match': `"${current.revision}"` });
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('revision_is_current');
    const bad = await restore('x', { 'if-match': `"${current.revision}"` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.revision');
    expect((await restore(0, { 'if-match': `"${current.revision}"` })).statusCode).toBe(400);
    expect(await dbCounts()).toEqual(counts);
    expect(await getTree()).toEqual(current);
  });

  it('respects the tree-size limit of batches (413 tree_too_large)', async () => {
    const current = await getTree();
    const limit = ctx.app.config.MAX_TREE_NODES;
    ctx.app.config.MAX_TREE_NODES = 5;
    try {
      const res = await restore(1, { 'if-match': `"${current.revision}"` });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'tree_too_large', errors: [{ path: 'params.revision' }] });
    } finally {
      ctx.app.config.MAX_TREE_NODES = limit;
    }
    expect((await getTree()).revision).toBe(current.revision);
  });

  it('is a tree edit: advisors and municipal members only (403, or 404 without a role)', async () => {
    const current = await getTree();
    const headers = { 'if-match': `"${current.revision}"` };
    for (const who of [demo.sakura, demo.office]) expect((await restore(1, headers, await ctx.login(who))).statusCode).toBe(403);
    expect((await restore(1, headers, await ctx.login(demo.kitano))).statusCode).toBe(404);
    expect((await ctx.anonymous.post(`${url()}/revisions/1/restore`, undefined, headers)).statusCode).toBe(401);
    expect((await getTree()).revision).toBe(current.revision);
  });

  it('refuses with 409 node_has_action when a measure with a selected action would go, and changes nothing', async () => {
    const start = await getTree();
    const cause = start.nodes.find((n) => n.kind === 'cause')!;
    const measure = randomUUID();
    const added = await advisor.post(
      ops(),
      { operations: [{ op: 'add', id: measure, parentId: cause.id, kind: 'measure', title: '復元で消えるはずの取組' }] },
      { 'if-match': `"${start.revision}"` },
    );
    expect(added.statusCode).toBe(200);
    expect((await advisor.post(`/api/engagements/${midori}/actions`, { nodeId: measure, rationale: '復元テスト' })).statusCode).toBe(201);
    const counts = await dbCounts();
    const res = await restore(start.revision, { 'if-match': `"${start.revision + 1}"` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'node_has_action', nodeIds: [measure] });
    expect(await dbCounts()).toEqual(counts);
  });
});

describe('a new engagement’s tree', () => {
  it('starts empty at revision 0 and accepts a first batch that adds the goal', async () => {
    // An engagement made directly in the database, so this test does not depend on the engagements module.
    const db = ctx.database.db;
    const [midoriRow] = await db.select().from(engagements).where(eq(engagements.id, midori));
    const [sakura] = await db.select().from(municipalities).where(eq(municipalities.name, 'さくら区'));
    const [morikawa] = await db.select().from(users).where(eq(users.email, demo.morikawa));
    const [fresh] = await db
      .insert(engagements)
      .values({ programId: midoriRow!.programId, municipalityId: sakura!.id, theme: '介護予防', status: 'hearing' })
      .returning();
    await db.insert(memberships).values({ engagementId: fresh!.id, userId: morikawa!.id, role: 'advisor', teamRole: 'advisor' });
    const treeUrl = `/api/engagements/${fresh!.id}/tree`;

    const empty = await advisor.get(treeUrl);
    expect(empty.statusCode).toBe(200);
    expect(empty.headers.etag).toBe('"0"');
    expect(empty.json()).toMatchObject({ revision: 0, nodes: [] });
    expect((await advisor.get(`${treeUrl}/revisions`)).json().items).toEqual([]);

    const noGoal = await advisor.post(
      `${treeUrl}/operations`,
      { operations: [{ op: 'add', id: randomUUID(), parentId: null, kind: 'issue', title: '課題' }] },
      { 'if-match': '"0"' },
    );
    expect(noGoal.statusCode).toBe(400);
    expect(noGoal.json().errors[0].rule).toBe('root_must_be_goal');

    const goal = randomUUID();
    const res = await advisor.post(
      `${treeUrl}/operations`,
      {
        operations: [
          { op: 'add', id: goal, parentId: null, kind: 'goal', title: '元気なうちから役割を持てる' },
          { op: 'add', id: randomUUID(), parentId: goal, kind: 'issue', title: '通いの場が少ない' },
        ],
      },
      { 'if-match': '"0"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      revision: 1,
      nodes: [
        { id: goal, kind: 'goal' },
        { kind: 'issue', parentId: goal },
      ],
    });
    expect((await advisor.get(`${treeUrl}/revisions`)).json().items).toHaveLength(1);
  });
});

describe('a large tree', () => {
  it('takes 2,000 nodes in one batch and renumbers 600 siblings in the next (chunked writes), snapshots intact', async () => {
    const start = await getTree();
    const goal = start.nodes[0]!.id;
    const operations: Record<string, unknown>[] = [];
    const issues: string[] = [];
    for (let i = 0; i < 600; i++) {
      const id = randomUUID();
      issues.push(id);
      operations.push({ op: 'add', id, parentId: goal, kind: 'issue', title: `課題${i}` });
    }
    for (let i = 0; operations.length < 2_000 - start.nodes.length; i++) {
      const cause = randomUUID();
      operations.push({ op: 'add', id: cause, parentId: issues[i % issues.length], kind: 'cause', title: `要因${i}` });
      operations.push({ op: 'add', id: randomUUID(), parentId: cause, kind: 'measure', title: `取組${i}` });
    }
    const big = await advisor.post(ops(), { operations }, { 'if-match': `"${start.revision}"` });
    expect(big.statusCode).toBe(200);
    const grown = big.json() as TreeBody;
    expect(grown.nodes.length).toBeGreaterThanOrEqual(2_000);

    const first = randomUUID();
    const shifted = await advisor.post(
      ops(),
      { operations: [{ op: 'add', id: first, parentId: goal, kind: 'outcome', title: '先頭', position: 0 }] },
      { 'if-match': `"${grown.revision}"` },
    );
    expect(shifted.statusCode).toBe(200);
    const tree = shifted.json() as TreeBody;
    const underGoal = tree.nodes.filter((n) => n.parentId === goal).sort((a, b) => a.position - b.position);
    expect(underGoal[0]!.id).toBe(first);
    expect(underGoal.map((n) => n.position)).toEqual(underGoal.map((_, i) => i));
    // The database agrees with the response, and the revision snapshot with both.
    expect(await getTree()).toEqual(tree);
    expect(structure(await getTree(advisor, `?revision=${tree.revision}`))).toEqual(structure(tree));
    expect(structure(await getTree(advisor, `?revision=${grown.revision}`))).toEqual(structure(grown));
  });
});

describe('TreeCache', () => {
  const body = (json: string) => ({ revision: 1, currentRevision: 1, json });

  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new TreeCache(2);
    cache.set('a', body('A'));
    cache.set('b', body('B'));
    expect(cache.get('a')?.json).toBe('A'); // a is now the most recent
    cache.set('c', body('C'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.json).toBe('A');
    expect(cache.size).toBe(2);
  });

  it('keeps the total size of the bodies under its bound and never stores a body larger than it', () => {
    const cache = new TreeCache(100, 10);
    cache.set('a', body('12345'));
    cache.set('b', body('12345'));
    cache.set('c', body('1'));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.set('huge', body('x'.repeat(11)));
    expect(cache.get('huge')).toBeUndefined();
    cache.set('b', body('123'));
    cache.set('d', body('123456'));
    expect([cache.get('b')?.json, cache.get('c')?.json, cache.get('d')?.json]).toEqual(['123', '1', '123456']);
  });
});
