/**
 * First run: `admin:create` runs as a real process against an empty database (a PostgreSQL test
 * database, or a PGlite data directory), migrates it, creates the program-office account, and the
 * account then signs in through the API.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { withDatabase } from './support/global-setup.js';

const run = promisify(execFile);
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const onPostgres = process.env.TEST_DB === 'postgres';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  if (onPostgres) {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `banso_admin_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    env = { DATABASE_URL: withDatabase(url, name) };
    cleanup = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'banso-admin-'));
    env = { DATA_DIR: dir };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
}, 60_000);
afterAll(() => cleanup());

/** Runs the CLI as `pnpm admin:create` does; resolves with its exit code and output. */
async function adminCreate(args: string[]) {
  const { DATABASE_URL: _u, DATA_DIR: _d, ...rest } = process.env;
  try {
    const { stdout, stderr } = await run(path.join(apiDir, 'node_modules/.bin/tsx'), ['src/db/admin-cli.ts', ...args], {
      cwd: apiDir,
      env: { ...rest, NODE_ENV: 'development', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function signIn(email: string, password: string) {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'never' });
  const app = await buildApp({ config, database, logger: false });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (login.statusCode !== 200) return { status: login.statusCode, me: null, programs: null };
    const cookie = `banso_session=${login.cookies.find((c) => c.name === 'banso_session')!.value}`;
    const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    const programs = (await app.inject({ method: 'GET', url: '/api/programs', headers: { cookie } })).json();
    return { status: 200, me, programs };
  } finally {
    await app.close();
    await database.close();
  }
}

describe(`pnpm admin:create on an empty ${onPostgres ? 'PostgreSQL database' : 'PGlite data directory'}`, () => {
  it('creates the first program-office account and its organization’s program; the account signs in', { timeout: 240_000 }, async () => {
    const res = await adminCreate([
      '--email',
      'Yamada@Pref.Example.jp',
      '--name',
      '山田 花子',
      '--org',
      '東京都 福祉局',
      '--password',
      'correct-horse-battery',
      '--fiscal-year',
      '2026',
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('yamada@pref.example.jp');
    expect(res.stdout).not.toContain('correct-horse-battery');
    const signed = await signIn('yamada@pref.example.jp', 'correct-horse-battery');
    expect(signed.status).toBe(200);
    expect(signed.me.user).toMatchObject({ name: '山田 花子', organization: '東京都 福祉局', isProgramOffice: true });
    expect(signed.programs.items).toEqual([expect.objectContaining({ fiscalYear: 2026, organizer: '東京都 福祉局', administered: true })]);
  });

  it('refuses an e-mail that exists, and generates and prints a password once when none is given', { timeout: 240_000 }, async () => {
    const again = await adminCreate(['--email', 'yamada@pref.example.jp', '--name', '別人', '--org', '東京都 福祉局']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const second = await adminCreate(['--email', 'sato@pref.example.jp', '--name', '佐藤 次郎', '--org', '東京都 福祉局']);
    expect(second.code).toBe(0);
    const password = /Password \(shown once[^:]*\): (\S+)/.exec(second.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(16);
    const signed = await signIn('sato@pref.example.jp', password!);
    expect(signed.status).toBe(200);
    // The same organization: the existing program, not a second one.
    expect(signed.programs.items).toHaveLength(1);
    expect((await signIn('yamada@pref.example.jp', 'wrong-password-123')).status).toBe(401);
  });

  it('refuses missing options and a short password without touching the database', async () => {
    expect((await adminCreate(['--email', 'x@example.jp'])).code).toBe(1);
    const short = await adminCreate(['--email', 'x@example.jp', '--name', 'X', '--org', 'Y', '--password', 'short']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12');
  });
});
