import { parseArgs } from 'node:util';
import { todayInJapan } from '@banso/shared';
import { loadConfig } from '../config.js';
import { openDatabase } from './client.js';
import { storageFrom } from '../lib/storage.js';
import { seedDemoFiles } from './demo/files.js';
import { isEmpty, loadDemoFile, seedDemo } from './seed.js';

const { values } = parseArgs({
  options: { force: { type: 'boolean', default: false }, password: { type: 'string' }, date: { type: 'string' } },
});
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
if (!(await isEmpty(database.db)) && !values.force) {
  console.log('The database already has data; nothing seeded (use --force to add the demo program anyway).');
} else {
  const today = values.date ?? config.DEMO_DATE;
  await seedDemo(database.db, { ...(values.password ? { password: values.password } : {}), ...(today ? { today } : {}) });
  const date = today ?? todayInJapan();
  const files = await seedDemoFiles(database.db, storageFrom(config), { programName: loadDemoFile(date).program.name, today: date });
  console.log(`Seeded the demo program${today ? ` as of ${today}` : ''} into the ${database.kind} database, with ${files} files`);
}
await database.close();
