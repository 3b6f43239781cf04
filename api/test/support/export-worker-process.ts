/**
 * A replica for the export tests: the whole app on the database at DATABASE_URL (its job queue included),
 * whose exports take SLOW_MS before rendering (a stand-in for a long PDF); prints `claimed <id>` when its
 * queue worker has taken an export. SIGTERM closes the app (the queue hands the running export back) and
 * exits 0; SIGKILL leaves the queue job active with a heartbeat nobody renews.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';

const database = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 4 });
const slowMs = Number(process.env.SLOW_MS ?? 60_000);
const app = await buildApp({
  config: loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
  database,
  logger: false,
  exportHooks: {
    beforeRender: async (job, signal) => {
      console.log(`claimed ${job.id}`);
      await new Promise((resolve) => {
        const t = setTimeout(resolve, slowMs);
        signal.addEventListener('abort', () => {
          clearTimeout(t);
          resolve(undefined);
        });
      });
    },
  },
});
// Before ready: the queue may take an export (and the test send SIGTERM) while other onReady hooks still run.
const ready = app.ready();
process.once('SIGTERM', () => {
  void ready
    .then(() => app.close())
    .then(() => database.close())
    .then(() => {
      console.log('closed');
      process.exit(0);
    });
});
await ready;
console.log('ready');
