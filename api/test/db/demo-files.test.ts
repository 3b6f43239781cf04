import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { demoFilesDir, seedDemoFiles } from '../../src/db/demo/files.js';
import { loadDemoFile, seedDemo } from '../../src/db/seed.js';
import { fixedClock } from '../../src/lib/clock.js';
import { localStorage } from '../../src/lib/storage.js';
import { DEMO_PASSWORD, demo, freshDatabase } from '../support/test-app.js';

/** The demo's files: a reference material of the program and a material of あおば市's planned third visit, real bytes through the storage. */
const today = '2025-12-01';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let cleanup: () => Promise<void> = async () => undefined;
let app: Awaited<ReturnType<typeof buildApp>>;
let stored = 0;
let again = 0;

beforeAll(async () => {
  const database = await freshDatabase({ empty: true });
  await seedDemo(database.db, { today });
  const dir = await mkdtemp(path.join(tmpdir(), 'banso-demo-files-'));
  const storage = localStorage(dir);
  const programName = loadDemoFile(today).program.name;
  stored = await seedDemoFiles(database.db, storage, { programName, today });
  again = await seedDemoFiles(database.db, storage, { programName, today });
  app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    database,
    storage,
    clock: fixedClock(today),
    logger: false,
  });
  await app.ready();
  cleanup = async () => {
    await app.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  };
}, 120_000);
afterAll(() => cleanup());

async function login(email: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = `banso_session=${res.cookies.find((c) => c.name === 'banso_session')!.value}`;
  return (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
}

interface Item {
  id: string;
  name: string;
  parentType: string;
  sha256: string;
  shareable: boolean;
}

describe('demo files', () => {
  it('are small real files, stored once', async () => {
    expect(stored).toBe(2);
    expect(again).toBe(0);
    for (const name of ['認知症早期対応の手引き_抜粋.pdf', '包括別_相談件数.xlsx'])
      expect((await stat(path.join(demoFilesDir, name))).size).toBeLessThan(50_000);
  });

  it('the guide is a reference material the jurisdiction downloads, byte for byte', async () => {
    const get = await login(demo.aoba);
    const programs = (await get('/api/programs')).json() as { items: { id: string; name: string }[] };
    const program = programs.items.find((p) => p.name === loadDemoFile(today).program.name)!;
    const list = (await get(`/api/programs/${program.id}/reference-materials`)).json() as { items: Item[] };
    const guide = list.items.find((i) => i.name === '認知症早期対応の手引き_抜粋.pdf')!;
    expect(guide).toMatchObject({ parentType: 'program', shareable: true, createdAt: '2025-12-01T00:30:00.000Z' });
    const file = await get(`/api/programs/${program.id}/reference-materials/${guide.id}/content`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(sha(file.rawPayload)).toBe(sha(await readFile(path.join(demoFilesDir, guide.name))));
  });

  it('the spreadsheet is a team-and-municipality material of あおば市’s planned third visit', async () => {
    const get = await login(demo.aoba);
    const engagements = (await get('/api/engagements')).json() as { items: { id: string; fiscalYear: number }[] };
    const current = engagements.items.sort((a, b) => b.fiscalYear - a.fiscalYear)[0]!;
    const items = ((await get(`/api/engagements/${current.id}/attachments`)).json() as { items: Item[] }).items;
    const sheet = items.find((i) => i.name === '包括別_相談件数.xlsx')!;
    expect(sheet).toMatchObject({ parentType: 'visit', shareable: false });
    const file = await get(`/api/engagements/${current.id}/attachments/${sheet.id}/content`);
    expect(sha(file.rawPayload)).toBe(sheet.sha256);
    // The observer from ひがし市 does not see a file not shared with observers.
    const observer = await login(demo.higashi);
    const seen = ((await observer(`/api/engagements/${current.id}/attachments`)).json() as { items: Item[] }).items;
    expect(seen.map((i) => i.name)).not.toContain('包括別_相談件数.xlsx');
  });
});
