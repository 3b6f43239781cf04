import type { Database } from './client.js';
import { seedIfEmpty } from './seed.js';
import type { Config } from '../config.js';

/** Applies migrations and, per SEED_DEMO, seeds the demo into an empty database. */
export async function prepareDatabase(database: Database, config: Pick<Config, 'SEED_DEMO' | 'DEMO_DATE'>, log: (msg: string) => void) {
  await database.migrate();
  const seedAllowed = config.SEED_DEMO === 'if-empty' || (config.SEED_DEMO === 'auto' && database.kind === 'pglite');
  if (seedAllowed && (await seedIfEmpty(database.db, config.DEMO_DATE ? { today: config.DEMO_DATE } : {})))
    log('Seeded the demo program into the empty database');
}
