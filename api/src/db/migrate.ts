import { todayInJapan } from '@banso/shared';
import type { FileStorage } from '../lib/storage.js';
import type { Database } from './client.js';
import { seedDemoFiles } from './demo/files.js';
import { loadDemoFile, seedIfEmpty } from './seed.js';
import type { Config } from '../config.js';

/** Applies migrations and, per SEED_DEMO, seeds the demo into an empty database (with its files, given the storage). */
export async function prepareDatabase(
  database: Database,
  config: Pick<Config, 'SEED_DEMO' | 'DEMO_DATE'>,
  log: (msg: string) => void,
  storage?: FileStorage,
) {
  await database.migrate();
  const seedAllowed = config.SEED_DEMO === 'if-empty' || (config.SEED_DEMO === 'auto' && database.kind === 'pglite');
  const opts = config.DEMO_DATE ? { today: config.DEMO_DATE } : {};
  if (seedAllowed && (await seedIfEmpty(database.db, opts))) {
    const today = opts.today ?? todayInJapan();
    const files = storage ? await seedDemoFiles(database.db, storage, { programName: loadDemoFile(today).program.name, today }) : 0;
    log(`Seeded the demo program into the empty database${files ? ` (${files} files)` : ''}`);
  }
}
