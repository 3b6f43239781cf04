/**
 * Migration 0012 on a database with rows of the earlier schema: one organizer per distinct organizer
 * text (a program without one becomes its own), program-office staff belong to their program's
 * organizer, invitees stay with the inviting organizer, and the jurisdiction starts as the
 * municipalities the organizer's programs support or let observe.
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

describe('migration 0012 (organizers)', () => {
  it('turns organizer texts into organizers and keeps every office, invitee and supported municipality with its organizer', async () => {
    const database = await freshDatabase({ unmigrated: true });
    cleanups.push(database.drop);
    const db = database.db;
    const before = files.filter((f) => f < '0012');
    for (const f of before) await run(db, f);
    const seed = `
      insert into municipalities (id, code, name, category, region_type) values
        ('00000000-0000-4000-8000-000000000001', '131016', '甲区', 'ward', 'metro'),
        ('00000000-0000-4000-8000-000000000002', '131024', '乙区', 'ward', 'metro'),
        ('00000000-0000-4000-8000-000000000003', '131032', '丙区', 'ward', 'metro');
      insert into programs (id, fiscal_year, name, organizer, require_two_factor) values
        ('00000000-0000-4000-8000-0000000000a1', 2025, 'P2025', '都 福祉局', true),
        ('00000000-0000-4000-8000-0000000000a2', 2026, 'P2026', '都 福祉局', false),
        ('00000000-0000-4000-8000-0000000000a3', 2025, '別県P', null, false);
      insert into users (id, email, name, program_office_of) values
        ('00000000-0000-4000-8000-0000000000b1', 'o@x.test', 'O', '00000000-0000-4000-8000-0000000000a1'),
        ('00000000-0000-4000-8000-0000000000b2', 'p@x.test', 'P', '00000000-0000-4000-8000-0000000000a3');
      insert into users (id, email, name, municipality_id) values
        ('00000000-0000-4000-8000-0000000000b3', 'm@x.test', 'M', '00000000-0000-4000-8000-000000000003');
      insert into user_tokens (user_id, kind, token_hash, created_by, expires_at) values
        ('00000000-0000-4000-8000-0000000000b3', 'invitation', 'h1', '00000000-0000-4000-8000-0000000000b1', now());
      insert into engagements (id, program_id, municipality_id, theme) values
        ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 't');
      insert into observer_grants (engagement_id, municipality_id, valid_until) values
        ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000002', '2099-03-31');
    `;
    // One statement per query (PGlite's extended protocol takes one at a time).
    for (const statement of seed.split(';')) if (statement.trim()) await db.execute(sql.raw(statement));
    for (const f of files.filter((x) => x >= '0012')) await run(db, f);

    expect(
      await rows(db, `select p.name as program, o.name as organizer from programs p join organizers o on o.id = p.organizer_id order by 1`),
    ).toEqual([
      { program: 'P2025', organizer: '都 福祉局' },
      { program: 'P2026', organizer: '都 福祉局' },
      { program: '別県P', organizer: '別県P' },
    ]);
    // The two-factor requirement of a program (0010) becomes its organizer's.
    expect(await rows(db, `select name, require_two_factor from organizers order by 1`)).toEqual([
      { name: '別県P', require_two_factor: false },
      { name: '都 福祉局', require_two_factor: true },
    ]);
    expect(
      await rows(
        db,
        `select u.email, o.name as office, i.name as invited_by from users u
         left join organizers o on o.id = u.organizer_id left join organizers i on i.id = u.invited_by_organizer_id order by 1`,
      ),
    ).toEqual([
      { email: 'm@x.test', office: null, invited_by: '都 福祉局' },
      { email: 'o@x.test', office: '都 福祉局', invited_by: null },
      { email: 'p@x.test', office: '別県P', invited_by: null },
    ]);
    expect(
      await rows(
        db,
        `select o.name as organizer, m.name as municipality from organizer_municipalities om
         join organizers o on o.id = om.organizer_id join municipalities m on m.id = om.municipality_id order by 2`,
      ),
    ).toEqual([
      { organizer: '都 福祉局', municipality: '乙区' },
      { organizer: '都 福祉局', municipality: '甲区' },
    ]);
  }, 180_000);
});
