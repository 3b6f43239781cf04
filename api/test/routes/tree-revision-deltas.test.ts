/**
 * Revisions stored in proportion to change (issue 18, item 2): a batch stores its delta, the first
 * revision, every 50th and any batch that changes half the tree store the whole tree, and
 * `?revision=N` rebuilds every revision exactly (also after a restore).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeRevisions } from '../../src/db/schema/index.js';
import { SNAPSHOT_EVERY } from '../../src/modules/tree/tree.repository.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

interface Node {
  id: string;
  parentId: string | null;
  position: number;
  kind: string;
  title: string;
  detail: string;
  hypothesisState: string | null;
}
interface TreeBody {
  revision: number;
  nodes: Node[];
}

let ctx: TestContext;
let engagement: string;
let advisor: Session;
const url = () => `/api/engagements/${engagement}/tree`;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  engagement = await engagementIdOf(ctx, 'みどり区');
  advisor = await ctx.login(demo.morikawa);
});
afterAll(() => ctx.close());

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
const getTree = async (suffix = '') => {
  const res = await advisor.get(`${url()}${suffix}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TreeBody;
};

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One batch of the kind an advisor makes: add a cause or a measure, retitle, move a measure, remove a leaf. */
function batch(tree: TreeBody, next: () => number, step: number) {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  const by = (kind: string) => tree.nodes.filter((n) => n.kind === kind);
  const leaves = tree.nodes.filter((n) => n.kind !== 'goal' && !tree.nodes.some((c) => c.parentId === n.id));
  const roll = next();
  if (roll < 0.35) return [{ op: 'add', id: randomUUID(), parentId: pick(by('issue')).id, kind: 'cause', title: `要因 ${step}` }];
  if (roll < 0.55) return [{ op: 'add', id: randomUUID(), parentId: pick(by('cause')).id, kind: 'measure', title: `取組 ${step}` }];
  if (roll < 0.75) return [{ op: 'update', id: pick(tree.nodes).id, title: `見直し ${step}`, detail: `第${step}版` }];
  if (roll < 0.85 && by('measure').length > 0)
    return [{ op: 'move', id: pick(by('measure')).id, parentId: pick(by('cause')).id, position: 0 }];
  const removable = leaves.filter((n) => n.title.match(/^(要因|取組) \d+$/));
  if (removable.length > 0) return [{ op: 'remove', id: pick(removable).id }];
  return [{ op: 'update', id: pick(tree.nodes).id, hypothesisState: 'supported' }];
}

describe('tree revisions stored as deltas', () => {
  it('rebuilds every one of 120 revisions exactly, keeping whole trees only for the first, every 50th and large changes', async () => {
    const next = random(20261204);
    const seen = new Map<number, ReturnType<typeof structure>>();
    let tree = await getTree();
    seen.set(tree.revision, structure(tree));
    for (let step = 0; step < 120; step++) {
      const operations =
        step === 70 ? tree.nodes.map((n) => ({ op: 'update', id: n.id, detail: `一斉見直し ${step}` })) : batch(tree, next, step);
      const res = await advisor.post(`${url()}/operations`, { operations }, { 'if-match': `"${tree.revision}"` });
      expect(res.statusCode, res.body).toBe(200);
      tree = res.json() as TreeBody;
      seen.set(tree.revision, structure(tree));
    }
    // A restore of an old delta revision is a new revision equal to it.
    const restored = await advisor.post(`${url()}/revisions/40/restore`, {}, { 'if-match': `"${tree.revision}"` });
    expect(restored.statusCode, restored.body).toBe(200);
    tree = restored.json() as TreeBody;
    expect(structure(tree)).toEqual(seen.get(40));
    seen.set(tree.revision, structure(tree));

    for (const [revision, nodes] of seen) expect(structure(await getTree(`?revision=${revision}`)), `revision ${revision}`).toEqual(nodes);

    const db = ctx.database.db;
    const ofTree = eq(treeRevisions.engagementId, engagement);
    const snapshots = (
      await db
        .select({ r: treeRevisions.revision })
        .from(treeRevisions)
        .where(and(ofTree, isNotNull(treeRevisions.nodes)))
        .orderBy(treeRevisions.revision)
    ).map((x) => x.r);
    const deltas = await db
      .select({ delta: treeRevisions.delta })
      .from(treeRevisions)
      .where(and(ofTree, isNull(treeRevisions.nodes)));
    // Revision 1 (the seed), 50, 100, the one-batch rewrite of every node (72) and the restore across
    // it (122, which changes most of the tree), and nothing else.
    expect(snapshots).toEqual([1, SNAPSHOT_EVERY, 72, 2 * SNAPSHOT_EVERY, 122]);
    expect(deltas).toHaveLength(seen.size - snapshots.length);
    const stored = deltas.reduce((n, { delta }) => n + delta!.set.length + delta!.removed.length, 0);
    expect(stored / deltas.length).toBeLessThan(4);
  }, 120_000);
});
