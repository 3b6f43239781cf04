/**
 * Migration 0024 on rows of the earlier schema: every verification plan (all of them an action's)
 * gets its action's engagement and stays an action's plan (not qualitative); every 交付金 score gets
 * an area code from its place in its grant's year.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from '../support/test-app.js';

const migrations = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const files = readdirSync(migrations)
  .filter((f) => /^\d{4}_.*\.sql$/.test(f))
  .sort();

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function run(db: Database['db'], file: string) {
  for (const statement of readFileSync(path.join(migrations, file), 'utf8').split('--> statement-breakpoint'))
    if (statement.trim()) await db.execute(sql.raw(statement));
}
const rows = async <T>(db: Database['db'], query: string) => ((await db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;

describe('migration 0024 (node-level plans, grant area codes)', () => {
  it('backfills each plan’s engagement from its action and each score’s area code from its position', async () => {
    const database = await freshDatabase({ unmigrated: true });
    cleanups.push(database.drop);
    const db = database.db;
    for (const f of files.filter((f) => f < '0024')) await run(db, f);
    const seed = [
      `insert into municipalities (id, code, name, category, region_type) values ('00000000-0000-4000-8000-000000000001', '131016', '甲区', 'ward', 'metro')`,
      `insert into organizers (id, name) values ('00000000-0000-4000-8000-0000000000f1', '都 福祉局')`,
      `insert into programs (id, fiscal_year, name, organizer_id) values ('00000000-0000-4000-8000-0000000000a1', 2025, 'P', '00000000-0000-4000-8000-0000000000f1')`,
      `insert into engagements (id, program_id, municipality_id, theme) values ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 't')`,
      `insert into trees (engagement_id) values ('00000000-0000-4000-8000-0000000000c1')`,
      `insert into tree_nodes (id, engagement_id, kind, title) values ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 'goal', '目指す姿')`,
      `insert into tree_nodes (id, engagement_id, parent_id, kind, title) values ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d1', 'measure', '取組')`,
      `insert into actions (id, engagement_id, node_id, rationale) values ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d2', 'r')`,
      `insert into verification_plans (id, action_id, indicator_name) values ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000e1', '参加率')`,
      `insert into grant_scores (municipality_id, fiscal_year, "grant", area, position, score, max_score) values
        ('00000000-0000-4000-8000-000000000001', 2024, 'promotion', '目標Ⅰ', 0, 200, 400),
        ('00000000-0000-4000-8000-000000000001', 2024, 'promotion', '目標Ⅱ', 1, 150, 300)`,
    ];
    for (const s of seed) await db.execute(sql.raw(s));
    await run(
      db,
      files.find((f) => f.startsWith('0024'))!,
    );

    expect(await rows(db, 'select engagement_id, action_id, node_id, qualitative from verification_plans')).toEqual([
      {
        engagement_id: '00000000-0000-4000-8000-0000000000c1',
        action_id: '00000000-0000-4000-8000-0000000000e1',
        node_id: null,
        qualitative: false,
      },
    ]);
    expect(await rows(db, 'select area, area_code, version from grant_scores order by position')).toEqual([
      { area: '目標Ⅰ', area_code: '1', version: 1 },
      { area: '目標Ⅱ', area_code: '2', version: 1 },
    ]);
    // A plan is an action's or a node's, never both or neither.
    await expect(
      db.execute(
        sql.raw(
          `insert into verification_plans (engagement_id, action_id, node_id, indicator_name) values ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000d1', 'x')`,
        ),
      ),
    ).rejects.toThrow();
    // A qualitative plan on the goal node needs no indicator.
    await db.execute(
      sql.raw(
        `insert into verification_plans (engagement_id, node_id, qualitative, method) values ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d1', true, '議事録で確認')`,
      ),
    );
  });
});
