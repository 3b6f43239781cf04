/**
 * Backup and restore round trips through the real commands (`pnpm db:backup` / `pnpm db:restore`
 * run api/scripts/{backup,restore}.ts): every table's rows and every sequence are identical after
 * restoring into a fresh database, and a restore refuses to overwrite data without --force.
 * The embedded round trip runs in the PGlite project, the pg_dump/psql one in the PostgreSQL project.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, type Db, openDatabase } from '../../src/db/client.js';
import * as s from '../../src/db/schema/index.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { restorePglite } from '../../src/db/backup.js';
import { fixedClock } from '../../src/lib/clock.js';
import { attachmentKey } from '../../src/lib/storage.js';
import { DEMO_SEED_DATE, withDatabase } from '../support/global-setup.js';
import { multipart } from '../support/multipart.js';
import { DEMO_PASSWORD, demo } from '../support/test-app.js';
import { databaseDigest, queryRows } from './support/digest.js';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(apiDir, 'node_modules', '.bin', 'tsx');
const kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the api/scripts as pnpm would (cwd api/, INIT_CWD the caller's directory). */
function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<CliResult> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && k !== 'DATA_DIR'));
  return new Promise((resolve) => {
    execFile(
      tsx,
      [path.join('scripts', `${script}.ts`), ...args],
      { cwd: apiDir, env: { ...clean, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Rows that are awkward to carry through a dump: unicode of every kind, quotes, backslashes, floats, json. */
async function addAwkwardRows(db: Db) {
  const [eng] = await db.select({ id: s.engagements.id }).from(s.engagements).limit(1);
  if (!eng) throw new Error('no engagement');
  const texts = [
    '右から左: שלום עולם مرحبا',
    'emoji 👩‍👩‍👧‍👦 🏳️‍🌈 and combining e\u0301',
    'quotes \' " `, backslash \\ \\n, tab\tand\nnewline',
    '全角・半角ｶﾅ・①②・𠮷野家',
    'COPY terminator \\.\nstill text',
  ];
  for (const text of texts) await db.insert(s.findings).values({ engagementId: eng.id, kind: 'advice', text, visibility: 'team' });
  const [plan] = await db.select({ id: s.verificationPlans.id }).from(s.verificationPlans).limit(1);
  if (plan)
    await db
      .insert(s.measurements)
      .values({ planId: plan.id, period: '2031-03', value: 0.1 + 0.2, comment: '浮動小数点 0.30000000000000004' });
  await db.insert(s.auditLog).values({
    engagementId: eng.id,
    entity: 'quality',
    entityId: randomUUID(),
    action: 'backup-test',
    before: { nested: { a: [1, 'two', null] } },
    after: { s: 'ü\u2028' },
  });
  await db.update(s.engagements).set({ desiredState: '目指す姿 — バックアップ検証' }).where(eq(s.engagements.id, eng.id));
}

/** Every table's digest plus every sequence's position. */
async function fullState(db: Db) {
  const sequences = await queryRows(
    db,
    sql`select sequencename as name, last_value as value from pg_sequences where schemaname = 'public' order by sequencename`,
  );
  return { tables: await databaseDigest(db), sequences: sequences.map((r) => `${String(r.name)}=${String(r.value)}`) };
}

describe.runIf(kind === 'pglite')('pnpm db:backup / db:restore with the embedded database', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'banso-backup-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it(
    'round-trips every row into a fresh DATA_DIR, refuses a non-empty one, and with --force keeps the old one aside',
    { timeout: 180_000 },
    async () => {
      // The source: an on-disk copy of the run's seeded template, plus awkward rows.
      const source = path.join(work, 'data-source');
      const template = new Blob([await readFile(inject('pgliteTemplate'))]);
      const db1: Database = await openDatabase({ dataDir: source, loadDataDir: template });
      await addAwkwardRows(db1.db);
      const before = await fullState(db1.db);
      await db1.close();
      expect(Object.keys(before.tables).length).toBeGreaterThan(20);

      // Default file: ./backups/<timestamp>.tar.gz under the directory pnpm was started in.
      const caller = path.join(work, 'caller');
      const backup = await cli('backup', [], { DATA_DIR: source, INIT_CWD: caller });
      expect(backup.code, backup.stderr).toBe(0);
      const files = await readdir(path.join(caller, 'backups'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.tar\.gz$/);
      const file = path.join('backups', files[0]!);

      const target = path.join(work, 'data-restored');
      const restore = await cli('restore', [file], { DATA_DIR: target, INIT_CWD: caller });
      expect(restore.code, restore.stderr).toBe(0);
      const db2 = await openDatabase({ dataDir: target });
      try {
        expect(await fullState(db2.db)).toEqual(before);
        // The restored database takes writes.
        await db2.db.insert(s.auditLog).values({ entity: 'quality', entityId: 'after-restore', action: 'write' });
      } finally {
        await db2.close();
      }

      const refused = await cli('restore', [file], { DATA_DIR: target, INIT_CWD: caller });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('--force');

      // --force (same code path as the command, in-process to save a cluster start-up).
      const { movedAside } = await restorePglite(path.join(caller, file), target, { force: true });
      expect(movedAside && existsSync(movedAside)).toBe(true);
      const db3 = await openDatabase({ dataDir: target });
      try {
        expect(await fullState(db3.db)).toEqual(before);
      } finally {
        await db3.close();
      }
    },
  );
});

describe.runIf(kind === 'pglite')('attachment files in an embedded backup', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'banso-backup-files-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it(
    'brings back every uploaded file byte for byte (FILES_DIR defaults to <DATA_DIR>/files, inside the backup)',
    { timeout: 180_000 },
    async () => {
      const source = path.join(work, 'data-source');
      const database = await openDatabase({ dataDir: source, loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]) });
      const app = await buildApp({
        config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: source }),
        database,
        clock: fixedClock(DEMO_SEED_DATE),
        logger: false,
      });
      const uploads = [
        { name: '事前資料.pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n') },
        { name: 'メモ.txt', bytes: Buffer.from(`見守り活動の記録 ${randomUUID()}\n`.repeat(500)) },
        { name: 'photo.png', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex') },
      ];
      const stored: { id: string; bytes: Buffer }[] = [];
      try {
        const login = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: demo.morikawa, password: DEMO_PASSWORD },
        });
        const headers = {
          cookie: `banso_session=${login.cookies.find((c) => c.name === 'banso_session')!.value}`,
          'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
        };
        // A visit of みどり区, where the advisor is on the team.
        const [visit] = await database.db
          .select({ id: s.visits.id, engagementId: s.visits.engagementId })
          .from(s.visits)
          .innerJoin(s.engagements, eq(s.engagements.id, s.visits.engagementId))
          .innerJoin(s.municipalities, eq(s.municipalities.id, s.engagements.municipalityId))
          .where(eq(s.municipalities.name, 'みどり区'))
          .orderBy(sql`${s.visits.date} desc`)
          .limit(1);
        for (const u of uploads) {
          const body = multipart(u.name, u.bytes);
          const res = await app.inject({
            method: 'POST',
            url: `/api/engagements/${visit!.engagementId}/visits/${visit!.id}/attachments`,
            payload: body.payload,
            headers: { ...headers, ...body.headers },
          });
          expect(res.statusCode, res.body).toBe(201);
          stored.push({ id: (res.json() as { id: string }).id, bytes: u.bytes });
        }
      } finally {
        await app.close();
        await database.close();
      }
      for (const { id } of stored) expect(existsSync(path.join(source, 'files', attachmentKey(id))), id).toBe(true);

      const file = path.join(work, 'backup.tar.gz');
      expect((await cli('backup', [file], { DATA_DIR: source, INIT_CWD: work })).code).toBe(0);
      const target = path.join(work, 'data-restored');
      const restore = await cli('restore', [file], { DATA_DIR: target, INIT_CWD: work });
      expect(restore.code, restore.stderr).toBe(0);

      const restored = await openDatabase({ dataDir: target });
      try {
        for (const { id, bytes } of stored) {
          const copy = await readFile(path.join(target, 'files', attachmentKey(id)));
          expect(copy.equals(bytes), id).toBe(true);
          const [row] = await restored.db.select().from(s.attachments).where(eq(s.attachments.id, id));
          expect(row).toMatchObject({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
        }
      } finally {
        await restored.close();
      }
    },
  );
});

describe.runIf(kind === 'postgres')('pnpm db:backup / db:restore with PostgreSQL (pg_dump / psql)', () => {
  const url = process.env.TEST_DATABASE_URL ?? '';
  const names = { source: `banso_bk_src_${randomUUID().slice(0, 8)}`, target: `banso_bk_dst_${randomUUID().slice(0, 8)}` };
  let admin: pg.Client;
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'banso-backup-'));
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${names.source} template ${inject('postgresTemplate')}`);
    await admin.query(`create database ${names.target}`);
  });
  afterAll(async () => {
    for (const name of Object.values(names)) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await rm(work, { recursive: true, force: true });
  });

  it('round-trips every row into a new database, refuses a non-empty one, and replaces it with --force', { timeout: 120_000 }, async () => {
    const sourceUrl = withDatabase(url, names.source);
    const targetUrl = withDatabase(url, names.target);
    const src = await openDatabase({ url: sourceUrl, poolSize: 2 });
    let before: Awaited<ReturnType<typeof fullState>>;
    try {
      await addAwkwardRows(src.db);
      before = await fullState(src.db);
    } finally {
      await src.close();
    }
    expect(Object.keys(before.tables).length).toBeGreaterThan(20);

    const backup = await cli('backup', ['dump.sql'], { DATABASE_URL: sourceUrl, INIT_CWD: work });
    expect(backup.code, backup.stderr).toBe(0);
    expect(existsSync(path.join(work, 'dump.sql'))).toBe(true);

    const restore = await cli('restore', ['dump.sql'], { DATABASE_URL: targetUrl, INIT_CWD: work });
    expect(restore.code, restore.stderr).toBe(0);
    const dst = await openDatabase({ url: targetUrl, poolSize: 2 });
    try {
      expect(await fullState(dst.db)).toEqual(before);
      // Migrations recorded in the dump: the app would not re-run them.
      expect((await queryRows(dst.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]?.n).toBeGreaterThan(0);
      await dst.db.insert(s.auditLog).values({ entity: 'quality', entityId: 'after-restore', action: 'write' });
    } finally {
      await dst.close();
    }

    const refused = await cli('restore', ['dump.sql'], { DATABASE_URL: targetUrl, INIT_CWD: work });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('--force');

    const forced = await cli('restore', ['dump.sql', '--force'], { DATABASE_URL: targetUrl, INIT_CWD: work });
    expect(forced.code, forced.stderr).toBe(0);
    const again = await openDatabase({ url: targetUrl, poolSize: 2 });
    try {
      expect(await fullState(again.db)).toEqual(before);
    } finally {
      await again.close();
    }
  });
});
