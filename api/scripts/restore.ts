/**
 * pnpm db:restore <file> [--force]
 *
 * <file>.sql     → PostgreSQL at DATABASE_URL (psql, one transaction). The database must exist and
 *                  be empty; --force drops its public and drizzle schemas first.
 * <file>.tar.gz  → embedded PGlite into DATA_DIR, which must be empty or absent; --force moves the
 *                  old directory aside to <DATA_DIR>.before-restore-<timestamp>. Stop the server first.
 * A relative file is taken from the directory pnpm was started in.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { backupKindOf, RestoreRefused, restorePglite, restorePostgres } from '../src/db/backup.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
if (positionals.length !== 1) {
  console.error('Usage: pnpm db:restore <backup.sql | backup.tar.gz> [--force]');
  process.exit(2);
}
const config = loadConfig();
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);

try {
  if (backupKindOf(file) === 'postgres') {
    if (!config.DATABASE_URL) throw new Error('A .sql backup restores into PostgreSQL: set DATABASE_URL to the target database');
    await restorePostgres(config.DATABASE_URL, file, { force: values.force });
    console.log(`Restored ${file} into the PostgreSQL database`);
  } else {
    if (config.DATABASE_URL)
      throw new Error('A .tar.gz backup restores the embedded database: unset DATABASE_URL (DATA_DIR names the target)');
    const dataDir = path.resolve(config.DATA_DIR);
    const { movedAside } = await restorePglite(file, dataDir, { force: values.force });
    console.log(`Restored ${file} into ${dataDir}${movedAside ? ` (the previous directory is kept at ${movedAside})` : ''}`);
  }
} catch (err) {
  console.error(`Restore failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof RestoreRefused ? 3 : 1);
}
