/**
 * Starts the real API (api/src/server.ts through tsx) for one e2e file: a free port, a fresh
 * temporary DATA_DIR (embedded PGlite; the demo program is seeded on first start), production
 * mode, serving the built web app from web/dist. Waits for /api/health before returning.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const webDist = path.join(repoRoot, 'web', 'dist');
/** The date the e2e server seeds the demo at (the api tests' template uses the same). */
export const E2E_DEMO_DATE = '2025-12-01';

export interface RunningApp {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** Everything the server wrote, for failure messages. */
  output(): string;
  /** First run (SEED_DEMO=never on the empty database): the one-time setup token the server printed, or null. */
  setupToken(): string | null;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('No free port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** `env: { SEED_DEMO: 'never' }` starts on an empty database (first run: read the token with setupToken()). */
export async function startApp(options: { env?: Record<string, string> } = {}): Promise<RunningApp> {
  if (!existsSync(path.join(webDist, 'index.html')))
    throw new Error(`web/dist/index.html is missing: build the web app first (pnpm --filter @banso/web build)`);
  const tsx = path.join(repoRoot, 'api', 'node_modules', '.bin', 'tsx');
  if (!existsSync(tsx)) throw new Error(`tsx not found at ${tsx}: run pnpm install`);

  const dataDir = await mkdtemp(path.join(tmpdir(), 'banso-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(tsx, ['src/server.ts'], {
    cwd: path.join(repoRoot, 'api'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      WEB_DIST: webDist,
      SESSION_SECRET: randomBytes(24).toString('hex'),
      SEED_DEMO: 'auto',
      // The journeys were written against the demo as it stands on this date (令和7年度).
      DEMO_DATE: E2E_DEMO_DATE,
      LOG_LEVEL: 'warn',
      // The journeys sign in many times a minute from one address.
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  // Generous: migrations, the demo seed and password hashing on a busy machine.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The API exited with code ${child.exitCode} before it was ready:\n${log}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The API did not answer /api/health within 240 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, output: () => log, setupToken: () => /SETUP_TOKEN=(\S+)/.exec(log)?.[1] ?? null, stop };
}
