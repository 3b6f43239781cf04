/**
 * One process per embedded database (api/src/db/data-dir-lock.ts), with real server processes: a
 * second server, or a backup, on the DATA_DIR a running server holds fails at once naming it instead
 * of corrupting the directory; after the holder is SIGKILLed its stale lock is taken over and the
 * data it wrote is still there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPglite } from '../../src/db/backup.js';
import { DataDirLocked } from '../../src/db/data-dir-lock.js';

const kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const children: ChildProcess[] = [];
let work: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The real server (node with tsx's loader, so SIGKILL reaches it) on DATA_DIR, with its output and exit. */
async function startServer(dataDir: string) {
  const port = await freePort();
  const { DATABASE_URL: _embedded, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'never', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const healthy = async (timeoutMs = 90_000) => {
    const stop = Date.now() + timeoutMs;
    while (Date.now() < stop) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${output}`);
      const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
      if (res?.status === 200) return res.json();
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server not healthy within ${timeoutMs} ms: ${output}`);
  };
  return { child, port, exited, healthy, output: () => output };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'banso-lock-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await rm(work, { recursive: true, force: true });
});

describe.runIf(kind === 'pglite')('one process per embedded database', () => {
  it('refuses a second server and a backup on a held DATA_DIR, and takes over the lock of a killed one', { timeout: 300_000 }, async () => {
    const dataDir = path.join(work, 'data');
    const first = await startServer(dataDir);
    expect(await first.healthy()).toMatchObject({ status: 'ok', database: { kind: 'pglite', reachable: true } });
    expect((await readFile(`${dataDir}.lock`, 'utf8')).trim()).toBe(String(first.child.pid));

    // A second server on the same directory stops before opening it, naming the holder.
    const second = await startServer(dataDir);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`in use by process ${first.child.pid}`);
    // So does a backup (it would read a directory being written).
    await expect(backupPglite(dataDir, path.join(work, 'backup.tar.gz'))).rejects.toBeInstanceOf(DataDirLocked);
    // The holder is untouched and still answers from its database.
    expect(await first.healthy(10_000)).toMatchObject({ database: { reachable: true } });

    // Killed without a chance to clean up: the lock names a dead process, and the next start takes it over.
    first.child.kill('SIGKILL');
    await first.exited;
    const third = await startServer(dataDir);
    expect(await third.healthy()).toMatchObject({ status: 'ok', database: { kind: 'pglite', reachable: true } });
    expect((await readFile(`${dataDir}.lock`, 'utf8')).trim()).toBe(String(third.child.pid));

    // A clean stop releases it.
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    await expect(readFile(`${dataDir}.lock`, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
