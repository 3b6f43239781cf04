/**
 * Backup and restore, shared by `pnpm db:backup` / `pnpm db:restore` (api/scripts) and the tests.
 *
 * - PostgreSQL: a plain SQL dump made by `pg_dump` (no owners, no privileges), restored with `psql`
 *   in one transaction that stops at the first error.
 * - Embedded PGlite: the data directory as a gzipped tarball (`dumpDataDir('gzip')`), restored by
 *   loading it into a fresh data directory.
 *
 * Restores refuse to overwrite a database that holds tables (PostgreSQL) or a non-empty data
 * directory (PGlite) unless `force` is given; a forced PGlite restore moves the old directory aside.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';

export type BackupKind = 'postgres' | 'pglite';

/** `backups/2025-12-01T03-00-00Z.sql` (PostgreSQL) or `….tar.gz` (PGlite), under `dir`. */
export function defaultBackupFile(kind: BackupKind, dir: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return path.join(dir, `${stamp}${kind === 'postgres' ? '.sql' : '.tar.gz'}`);
}

/** Which kind of backup a file is, by its name. */
export function backupKindOf(file: string): BackupKind {
  if (file.endsWith('.sql')) return 'postgres';
  if (file.endsWith('.tar.gz') || file.endsWith('.tgz')) return 'pglite';
  throw new Error(`Cannot tell the kind of backup from the file name ${file} (expected .sql or .tar.gz)`);
}

export class RestoreRefused extends Error {}

function run(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...opts.env } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (err) => reject(new Error(`Could not run ${command}: ${err.message} (is the PostgreSQL client installed?)`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

// ── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────

/** Dumps the database at `url` into `file` (plain SQL). */
export async function backupPostgres(url: string, file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await run('pg_dump', ['--dbname', url, '--no-owner', '--no-privileges', '--format', 'plain', '--file', file]);
}

/** Tables in the database's application schemas (public and drizzle's bookkeeping). */
async function postgresTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ n: number }>(
      `select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`,
    );
    return res.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/**
 * Restores a plain SQL dump into the database at `url`. The database must exist. It must hold no
 * tables unless `force`, which first drops the public and drizzle schemas (all application data).
 */
export async function restorePostgres(url: string, file: string, opts: { force?: boolean } = {}): Promise<void> {
  if (!existsSync(file)) throw new Error(`No such backup file: ${file}`);
  const tables = await postgresTableCount(url);
  if (tables > 0) {
    if (!opts.force)
      throw new RestoreRefused(
        `The target database already holds ${tables} tables; restore into an empty database or pass --force to replace them`,
      );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;');
    } finally {
      await client.end();
    }
  }
  await run('psql', ['--dbname', url, '--quiet', '--no-psqlrc', '--single-transaction', '--set', 'ON_ERROR_STOP=1', '--file', file]);
}

// ── PGlite ──────────────────────────────────────────────────────────────────────────────────────

/** The data directory of an open PGlite instance as a gzipped tarball. */
export async function dumpPglite(pglite: PGlite): Promise<Buffer> {
  const dump = await pglite.dumpDataDir('gzip');
  return Buffer.from(await dump.arrayBuffer());
}

/**
 * Backs up the embedded database in `dataDir` into `file`. The server must not be running on the
 * same directory (PGlite has one writer); stop it first.
 */
export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!(await isNonEmptyDir(dataDir))) throw new Error(`No embedded database in ${dataDir}`);
  const unlock = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir });
    try {
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      await writeFile(file, await dumpPglite(pglite));
    } finally {
      await pglite.close();
    }
  } finally {
    unlock();
  }
}

async function isNonEmptyDir(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return false;
  if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} is not a directory`);
  return (await readdir(dir)).length > 0;
}

/**
 * Loads a PGlite backup into `dataDir`. A non-empty `dataDir` is refused unless `force`, which moves
 * it aside to `<dataDir>.before-restore-<timestamp>` (returned) rather than deleting it.
 */
export async function restorePglite(
  file: string,
  dataDir: string,
  opts: { force?: boolean; now?: Date } = {},
): Promise<{ movedAside: string | null }> {
  if (!existsSync(file)) throw new Error(`No such backup file: ${file}`);
  let movedAside: string | null = null;
  // Held while the directory is moved aside and refilled: a running server on it refuses the restore.
  const unlock = lockDataDir(dataDir);
  try {
    if (await isNonEmptyDir(dataDir)) {
      if (!opts.force)
        throw new RestoreRefused(
          `${dataDir} is not empty; restore into a fresh DATA_DIR or pass --force (the old directory is kept aside)`,
        );
      const stamp = (opts.now ?? new Date())
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/:/g, '-');
      movedAside = `${path.resolve(dataDir)}.before-restore-${stamp}`;
      await rename(dataDir, movedAside);
    }
    await mkdir(dataDir, { recursive: true });
    const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([await readFile(file)]) });
    try {
      // A query proves the restored cluster starts and holds the application's tables.
      const res = await pglite.query<{ n: number }>(
        `select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
      );
      if ((res.rows[0]?.n ?? 0) === 0) throw new Error('The restored database holds no tables; is this a Bansō backup?');
    } finally {
      await pglite.close();
    }
  } finally {
    unlock();
  }
  return { movedAside };
}
