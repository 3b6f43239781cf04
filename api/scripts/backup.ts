/**
 * pnpm db:backup [file]
 *
 * PostgreSQL (DATABASE_URL set): pg_dump into a plain SQL file, default ./backups/<timestamp>.sql.
 * Embedded (no DATABASE_URL): the PGlite data directory DATA_DIR as ./backups/<timestamp>.tar.gz;
 * stop the server first (the embedded database has a single writer).
 * A relative file is taken from the directory pnpm was started in.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { backupPglite, backupPostgres, defaultBackupFile } from '../src/db/backup.js';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const config = loadConfig();
const callerDir = process.env.INIT_CWD ?? process.cwd();
const kind = config.DATABASE_URL ? 'postgres' : 'pglite';
const file = path.resolve(callerDir, positionals[0] ?? defaultBackupFile(kind, 'backups'));

try {
  if (config.DATABASE_URL) await backupPostgres(config.DATABASE_URL, file);
  else await backupPglite(path.resolve(config.DATA_DIR), file);
  const { size } = await stat(file);
  console.log(`Backed up the ${kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database to ${file} (${(size / 1024).toFixed(0)} KiB)`);
} catch (err) {
  console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
