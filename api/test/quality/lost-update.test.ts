/**
 * Lost updates: 50 concurrent writes carrying the same If-Match. Exactly one wins, the other 49 get
 * 412 with the current representation, the stored state is the winner's, and the history (tree
 * revisions, audit log) grows by exactly one entry. On PostgreSQL the writes really run in parallel
 * (a pool of 20 connections); on PGlite they are serialized, and the rule must hold all the same.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as s from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const WRITERS = 50;

let ctx: TestContext;
let advisor: Session;
let engagementId: string;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-01' });
  advisor = await ctx.login(demo.morikawa);
  engagementId = await engagementIdOf(ctx, 'みどり区');
});
afterAll(() => ctx.close());

const TreeSchema = z.object({
  revision: z.number(),
  nodes: z.array(z.object({ id: z.string(), parentId: z.string().nullable(), title: z.string() })),
});
const ActionSchema = z.object({ id: z.string(), rationale: z.string(), version: z.number() });

async function auditCount(entity: string, entityId?: string) {
  const db = ctx.database.db;
  const [row] = await db
    .select({ n: count() })
    .from(s.auditLog)
    .where(
      and(
        eq(s.auditLog.engagementId, engagementId),
        eq(s.auditLog.entity, entity),
        ...(entityId ? [eq(s.auditLog.entityId, entityId)] : []),
      ),
    );
  return row?.n ?? 0;
}

function tally(statuses: number[]) {
  const counts = new Map<number, number>();
  for (const st of statuses) counts.set(st, (counts.get(st) ?? 0) + 1);
  return Object.fromEntries(counts);
}

describe('POST /api/engagements/:id/tree/operations under 50 concurrent writers', () => {
  it('applies exactly one batch; the other 49 get 412 with the current tree, and one revision is added', async () => {
    const before = await advisor.get(`/api/engagements/${engagementId}/tree`);
    expect(before.statusCode).toBe(200);
    const tree = TreeSchema.parse(before.json());
    const etag = String(before.headers.etag);
    const node = tree.nodes.find((n) => n.parentId !== null);
    if (!node) throw new Error('the demo tree has no child node');
    const revisionsBefore = await ctx.database.db
      .select({ n: count() })
      .from(s.treeRevisions)
      .where(eq(s.treeRevisions.engagementId, engagementId));
    const auditBefore = await auditCount('tree');

    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        advisor.post(
          `/api/engagements/${engagementId}/tree/operations`,
          { operations: [{ op: 'update', id: node.id, title: `同時編集 ${i}` }] },
          { 'if-match': etag },
        ),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(tally(statuses)).toEqual({ 200: 1, 412: WRITERS - 1 });

    const winnerIndex = statuses.indexOf(200);
    const winner = TreeSchema.parse(results[winnerIndex]!.json());
    expect(winner.revision).toBe(tree.revision + 1);
    for (const loser of results.filter((r) => r.statusCode === 412)) {
      expect(loser.headers['content-type']).toContain('application/problem+json');
      // The loser learns the state it lost to (the winner's or, for early losers, the one before).
      const current = TreeSchema.parse(loser.json().current);
      expect([tree.revision, winner.revision]).toContain(current.revision);
    }

    const after = TreeSchema.parse((await advisor.get(`/api/engagements/${engagementId}/tree`)).json());
    expect(after.revision).toBe(tree.revision + 1);
    expect(after.nodes.find((n) => n.id === node.id)?.title).toBe(`同時編集 ${winnerIndex}`);
    expect(after).toEqual(winner);
    const revisionsAfter = await ctx.database.db
      .select({ n: count() })
      .from(s.treeRevisions)
      .where(eq(s.treeRevisions.engagementId, engagementId));
    expect(revisionsAfter[0]!.n).toBe(revisionsBefore[0]!.n + 1);
    expect(await auditCount('tree')).toBe(auditBefore + 1);
    const listed = z
      .object({ items: z.array(z.object({ revision: z.number() })) })
      .parse((await advisor.get(`/api/engagements/${engagementId}/tree/revisions`)).json());
    expect(listed.items.filter((r) => r.revision > tree.revision)).toHaveLength(1);
  });
});

describe('PATCH /api/engagements/:id/actions/:actionId under 50 concurrent writers', () => {
  it('applies exactly one edit; the other 49 get 412 with the current action, and one audit entry is added', async () => {
    const list = z.object({ items: z.array(ActionSchema) }).parse((await advisor.get(`/api/engagements/${engagementId}/actions`)).json());
    const action = list.items[0];
    if (!action) throw new Error('the demo engagement has no action');
    const auditBefore = await auditCount('action', action.id);

    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        advisor.patch(
          `/api/engagements/${engagementId}/actions/${action.id}`,
          { rationale: `同時編集の根拠 ${i}` },
          { 'if-match': `"${action.version}"` },
        ),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(tally(statuses)).toEqual({ 200: 1, 412: WRITERS - 1 });
    const winnerIndex = statuses.indexOf(200);
    const winner = ActionSchema.parse(results[winnerIndex]!.json());
    expect(winner.version).toBe(action.version + 1);
    expect(results[winnerIndex]!.headers.etag).toBe(`"${action.version + 1}"`);
    for (const loser of results.filter((r) => r.statusCode === 412)) {
      const current = ActionSchema.parse(loser.json().current);
      expect([action.version, winner.version]).toContain(current.version);
    }

    const [stored] = await ctx.database.db.select().from(s.actions).where(eq(s.actions.id, action.id));
    expect(stored?.rationale).toBe(`同時編集の根拠 ${winnerIndex}`);
    expect(stored?.version).toBe(action.version + 1);
    expect(await auditCount('action', action.id)).toBe(auditBefore + 1);
  });
});
