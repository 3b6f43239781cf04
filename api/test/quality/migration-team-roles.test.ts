/**
 * Migration 0008 on a database that already has teams: existing memberships get their team role
 * (advisor → advisor, municipal_member → municipal_member, the demo's 主任アドバイザー / 事務局 titles →
 * lead_advisor / secretariat) and versions, on the database the suite runs on (PGlite or PostgreSQL).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/client.js';

interface Runner {
  exec(sql: string): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function openRunner(): Promise<Runner> {
  if (process.env.TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `banso_mig_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: target.toString() });
    await client.connect();
    return {
      exec: async (sql) => void (await client.query(sql)),
      rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
      close: async () => {
        await client.end();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const db = new PGlite();
  return {
    exec: async (sql) => void (await db.exec(sql)),
    rows: async <T>(sql: string) => (await db.query<T>(sql)).rows,
    close: () => db.close(),
  };
}

const files = readdirSync(migrationsFolder)
  .filter((f) => /^\d{4}_.*\.sql$/.test(f))
  .sort();
const apply = async (runner: Runner, file: string) => {
  for (const statement of readFileSync(path.join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint'))
    if (statement.trim()) await runner.exec(statement);
};

let runner: Runner;
beforeAll(async () => {
  runner = await openRunner();
  for (const f of files.filter((f) => f < '0008')) await apply(runner, f);
});
afterAll(() => runner?.close());

describe('migration 0008_team_roles', () => {
  it('gives existing memberships their team role and a version, and programs a version', async () => {
    await runner.exec(`
      insert into programs (id, fiscal_year, name) values ('00000000-0000-4000-8000-000000000001', 2025, 'p');
      insert into municipalities (id, code, name, category, region_type) values ('00000000-0000-4000-8000-000000000002', '131016', 'm', 'ward', 'metro');
      insert into engagements (id, program_id, municipality_id, theme)
        values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 't');
      insert into users (id, email, name) values
        ('00000000-0000-4000-8000-000000000011', 'a@x', 'a'), ('00000000-0000-4000-8000-000000000012', 'b@x', 'b'),
        ('00000000-0000-4000-8000-000000000013', 'c@x', 'c'), ('00000000-0000-4000-8000-000000000014', 'd@x', 'd');
      insert into memberships (engagement_id, user_id, role, title) values
        ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000011', 'advisor', '主任アドバイザー'),
        ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000012', 'advisor', null),
        ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000013', 'municipal_member', '係長'),
        ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000014', 'advisor', '事務局');
    `);
    await apply(
      runner,
      files.find((f) => f.startsWith('0008'))!,
    );
    const rows = await runner.rows<{ email: string; role: string; team_role: string; version: number }>(
      `select u.email, m.role, m.team_role, m.version from memberships m join users u on u.id = m.user_id order by u.email`,
    );
    expect(rows.map((r) => [r.email, r.role, r.team_role, r.version])).toEqual([
      ['a@x', 'advisor', 'lead_advisor', 1],
      ['b@x', 'advisor', 'advisor', 1],
      ['c@x', 'municipal_member', 'municipal_member', 1],
      ['d@x', 'advisor', 'secretariat', 1],
    ]);
    expect(await runner.rows<{ version: number }>('select version from programs')).toEqual([{ version: 1 }]);
    // The policy role and the team role cannot disagree.
    await expect(
      runner.exec(`update memberships set team_role = 'municipal_member' where user_id = '00000000-0000-4000-8000-000000000011'`),
    ).rejects.toThrow(/memberships_team_role_matches_role/);
  });
});
