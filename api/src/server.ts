import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { databaseOptionsFrom, openDatabase } from './db/client.js';
import { prepareDatabase } from './db/migrate.js';

const config = loadConfig();
const webDist = config.WEB_DIST ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const database = await openDatabase(databaseOptionsFrom(config));
const app = await buildApp({ config, database, webDist });
await prepareDatabase(database, config, (msg) => app.log.info(msg));

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
