/**
 * The migration to revisions stored as deltas (issue 18, item 2), on a database of the earlier schema
 * where every revision is a whole tree: afterwards every revision rebuilds to exactly the tree it held
 * before, and only the first, every 50th and the large changes still hold a whole tree.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { orderTree, type TreeNodeShape } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { findRevisionNodes } from '../../src/modules/tree/tree.repository.js';
import { freshDatabase } from '../support/test-app.js';

const migrations = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const files = readdirSync(migrations)
  .filter((f) => /^\d{4}_.*\.sql$/.test(f))
  .sort();
const deltaMigration = files.find((f) => f.endsWith('_tree_revision_deltas.sql'))!;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function run(db: Database['db'], file: string) {
  for (const statement of readFileSync(path.join(migrations, file), 'utf8').split('--> statement-breakpoint'))
    if (statement.trim()) await db.execute(sql.raw(statement));
}

/** 130 whole-tree revisions of a growing, edited tree (deterministic), as the earlier schema stored them. */
function history(): TreeNodeShape[][] {
  let seed = 18;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const node = (parentId: string | null, kind: TreeNodeShape['kind'], title: string, position = 0): TreeNodeShape => ({
    id: randomUUID(),
    parentId,
    position,
    kind,
    title,
    detail: '',
    hypothesisState: null,
  });
  const goal = node(null, 'goal', '目指す姿');
  let tree: TreeNodeShape[] = [goal, node(goal.id, 'issue', '課題A'), node(goal.id, 'issue', '課題B', 1)];
  const out = [tree];
  for (let r = 2; r <= 130; r++) {
    const pick = (kind: string) => {
      const xs = tree.filter((n) => n.kind === kind);
      return xs[Math.floor(next() * xs.length)];
    };
    const roll = next();
    if (r === 90) tree = tree.map((n) => ({ ...n, detail: `一斉見直し ${r}` }));
    else if (roll < 0.4) tree = [...tree, node(pick('issue')!.id, 'cause', `要因${r}`, r)];
    else if (roll < 0.6 && pick('cause')) tree = [...tree, node(pick('cause')!.id, 'measure', `取組${r}`, r)];
    else if (roll < 0.8) {
      const target = pick(next() < 0.5 ? 'cause' : 'issue')!;
      tree = tree.map((n) => (n.id === target.id ? { ...n, title: `見直し${r}`, hypothesisState: 'supported' } : n));
    } else {
      const leaf = tree.find((n) => n.kind === 'measure' && !tree.some((c) => c.parentId === n.id));
      tree = leaf ? tree.filter((n) => n.id !== leaf.id) : tree.map((n) => (n.kind === 'goal' ? { ...n, detail: `更新${r}` } : n));
    }
    out.push(tree);
  }
  return out;
}

describe(`migration ${deltaMigration}`, () => {
  it('keeps every revision’s tree and stores most of them as deltas', async () => {
    const database = await freshDatabase({ unmigrated: true });
    cleanups.push(database.drop);
    const db = database.db;
    for (const f of files.filter((x) => x < deltaMigration)) await run(db, f);
    const engagement = '00000000-0000-4000-8000-0000000000c1';
    for (const statement of [
      `insert into organizers (id, name) values ('00000000-0000-4000-8000-0000000000a0', '都 福祉局')`,
      `insert into programs (id, fiscal_year, name, organizer_id) values ('00000000-0000-4000-8000-0000000000a1', 2025, 'P', '00000000-0000-4000-8000-0000000000a0')`,
      `insert into municipalities (id, code, name, category, region_type) values ('00000000-0000-4000-8000-000000000001', '131016', '甲区', 'ward', 'metro')`,
      `insert into engagements (id, program_id, municipality_id, theme) values ('${engagement}', '00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 't')`,
      `insert into trees (engagement_id, revision) values ('${engagement}', 130)`,
    ])
      await db.execute(sql.raw(statement));
    const trees = history();
    for (const [i, nodes] of trees.entries())
      await db.execute(
        sql`insert into tree_revisions (engagement_id, revision, summary, operations, nodes) values (${engagement}, ${i + 1}, ${`r${i + 1}`}, '[]'::jsonb, ${JSON.stringify(nodes)}::jsonb)`,
      );

    for (const f of files.filter((x) => x >= deltaMigration)) await run(db, f);

    for (const [i, nodes] of trees.entries())
      expect(await findRevisionNodes(db, engagement, i + 1), `revision ${i + 1}`).toEqual(orderTree(nodes));
    const kept = (
      (await db.execute(sql`select revision from tree_revisions where nodes is not null order by revision`)) as unknown as {
        rows: { revision: number }[];
      }
    ).rows.map((r) => r.revision);
    // The first, the 50th, the 100th and the revision that rewrote every node.
    expect(kept).toEqual([1, 50, 90, 100]);
  }, 60_000);
});
