import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { seedDemo } from '../../src/db/seed.js';

/**
 * The date the test template's demo stands at: the fiscal year and the story the tests' pinned
 * clocks (createTestContext({ today })) were written against, whatever the real date is.
 */
export const DEMO_SEED_DATE = '2025-12-01';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

const cacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.test-cache');

/** Makes the template once per project: a dumped PGlite data directory, or a PostgreSQL template database. */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.TEST_DB ?? 'pglite';
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await database.migrate();
    await seedDemo(database.db, { today: DEMO_SEED_DATE, reports: false });
    const dump = await database.pglite!.dumpDataDir('gzip');
    await database.close();
    await mkdir(cacheDir, { recursive: true });
    const file = path.join(cacheDir, `pglite-template-${process.pid}.tar.gz`);
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplate', file);
    project.provide('postgresTemplate', '');
    return;
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `banso_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const database = await openDatabase({ url: withDatabase(url, name), poolSize: 2 });
  await database.migrate();
  await seedDemo(database.db, { today: DEMO_SEED_DATE, reports: false });
  await database.close();
  project.provide('postgresTemplate', name);
  project.provide('pgliteTemplate', '');
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
