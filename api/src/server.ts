import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { databaseOptionsFrom, openDatabase } from './db/client.js';
import { prepareDatabase } from './db/migrate.js';
import { prepare as prepareFirstRun } from './modules/users/first-run.js';

const config = loadConfig();
const webDist = config.WEB_DIST ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const database = await openDatabase(databaseOptionsFrom(config));
const app = await buildApp({ config, database, webDist });
await prepareDatabase(database, config, (msg) => app.log.info(msg), app.storage);
const setupToken = await prepareFirstRun(app);
if (setupToken) {
  // Printed once; only its hash is kept. Restarting the server prints a new one.
  app.log.warn('First run: no program-office account exists. Open /setup and enter the setup token printed below.');
  console.log(
    `\n  First run: open /setup and enter this one-time setup token:\n\n    SETUP_TOKEN=${setupToken}\n\n  (or create the account with: pnpm admin:create --email … --name … --org …)\n`,
  );
}

const shutdown = async (signal: string) => {
  app.log.info(`${signal}: shutting down`);
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.PORT, host: config.HOST });
const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
console.log(`\n  Bansō is running: open http://${shown}:${config.PORT}/  (API docs: /api/docs, database: ${database.kind})\n`);
