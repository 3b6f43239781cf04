/**
 * How a 2,000-node tree reads: GET with a cached body, after an annotation change (rebuild), 304,
 * and what the zod serializer would cost per request. Prints figures; runs only with TREE_BENCH=1
 * (`TREE_BENCH=1 npx vitest run test/routes/tree-perf.test.ts`), since timings are not tests.
 */
import { randomUUID } from 'node:crypto';
import { TreeSchema } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(n: number, fn: () => Promise<unknown>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

describe.runIf(process.env.TREE_BENCH)('a 2,000-node tree (figures, not assertions of speed)', () => {
  let ctx: TestContext;
  let id: string;
  let s: Session;
  beforeAll(async () => {
    ctx = await createTestContext({ today: '2025-12-15' });
    id = await engagementIdOf(ctx, 'みどり区');
    s = await ctx.login(demo.morikawa);
  });
  afterAll(() => ctx.close());

  it('reads', async () => {
    const start = (await s.get(`/api/engagements/${id}/tree`)).json() as { revision: number; nodes: { id: string }[] };
    const goal = start.nodes[0]!.id;
    const operations: Record<string, unknown>[] = [];
    for (let o = 0; operations.length < 2_000 - start.nodes.length; o++) {
      const outcome = randomUUID();
      operations.push({ op: 'add', id: outcome, parentId: goal, kind: 'outcome', title: `成果${o}` });
      for (let i = 0; i < 5 && operations.length < 2_000 - start.nodes.length; i++) {
        const issue = randomUUID();
        operations.push({ op: 'add', id: issue, parentId: outcome, kind: 'issue', title: `課題${o}-${i}`, detail: '詳細'.repeat(20) });
        for (let c = 0; c < 9 && operations.length < 2_000 - start.nodes.length; c++) {
          const cause = randomUUID();
          operations.push({ op: 'add', id: cause, parentId: issue, kind: 'cause', title: `要因${o}-${i}-${c}` });
          operations.push({ op: 'add', id: randomUUID(), parentId: cause, kind: 'measure', title: `取組${o}-${i}-${c}` });
        }
      }
    }
    let t = performance.now();
    const grown = await s.post(`/api/engagements/${id}/tree/operations`, { operations }, { 'if-match': `"${start.revision}"` });
    const batchMs = performance.now() - t;
    expect(grown.statusCode).toBe(200);
    const body = grown.json() as { revision: number; nodes: unknown[] };
    expect(body.nodes.length).toBeGreaterThanOrEqual(2_000);

    const url = `/api/engagements/${id}/tree`;
    const warm = await time(30, () => s.get(url));
    const notModified = await time(30, () => s.get(url, { 'if-none-match': `"${body.revision}"` }));
    const action = (await s.get(`/api/engagements/${id}/actions`)).json().items[0] as { id: string };
    const rebuilds: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Changing an action changes the annotations' stamp, so the next GET rebuilds the body.
      const { version } = (await s.get(`/api/engagements/${id}/actions`)).json().items.find((a: { id: string }) => a.id === action.id);
      await s.patch(`/api/engagements/${id}/actions/${action.id}`, { priority: i % 2 ? 'low' : 'high' }, { 'if-match': `"${version}"` });
      t = performance.now();
      await s.get(url);
      rebuilds.push(performance.now() - t);
    }
    const rebuild = median(rebuilds);
    const tree = (await s.get(url)).json();
    const zod = await time(30, async () => JSON.stringify(TreeSchema.parse(tree)));
    const plain = await time(30, async () => JSON.stringify(tree));
    console.log(
      `[${ctx.database.kind}] ${body.nodes.length} nodes, ${(JSON.stringify(tree).length / 1024).toFixed(0)} KiB: ` +
        `batch of ${operations.length} adds ${batchMs.toFixed(0)} ms; GET cached ${warm.toFixed(1)} ms, 304 ${notModified.toFixed(1)} ms, ` +
        `GET rebuilding the body ${rebuild.toFixed(1)} ms; zod parse+stringify ${zod.toFixed(2)} ms vs stringify ${plain.toFixed(2)} ms`,
    );
  }, 300_000);
});
