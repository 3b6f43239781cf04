#!/usr/bin/env node
/**
 * Run first by `pnpm test`: checks that the machine has what the tests need besides Node — Chromium
 * (browser tests, PDF export; CHROMIUM_PATH or /usr/bin/chromium), Noto CJK fonts (Japanese PDFs),
 * pdftotext (PDF checks) and pg_dump (backup tests). When something is missing and we run as root with
 * apt-get, it installs the Debian packages; otherwise it stops within seconds naming the command to run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const fonts = () => {
  const r = spawnSync('fc-list', [], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 && /Noto Sans CJK/i.test(r.stdout);
};

const checks = [
  { what: `Chromium at ${chromium}`, ok: () => existsSync(chromium), pkg: 'chromium' },
  { what: 'Noto CJK fonts', ok: fonts, pkg: 'fonts-noto-cjk' },
  { what: 'pdftotext', ok: () => has('pdftotext'), pkg: 'poppler-utils' },
  { what: 'pg_dump', ok: () => has('pg_dump'), pkg: 'postgresql-client' },
];

let missing = checks.filter((c) => !c.ok());
if (missing.length === 0) process.exit(0);

const pkgs = [...new Set(missing.map((c) => c.pkg))];
const command = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (root && has('apt-get') && process.env.BANSO_PREFLIGHT_NO_INSTALL !== '1') {
  console.log(`preflight: missing ${missing.map((c) => c.what).join(', ')}; installing ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  } catch {
    console.error(`preflight: installing failed. Run:\n  ${command}`);
    process.exit(1);
  }
  missing = checks.filter((c) => !c.ok());
  if (missing.length === 0) process.exit(0);
}
console.error(
  `preflight: the tests need ${missing.map((c) => c.what).join(', ')}, which this machine lacks.\n` +
    `Run (as root):\n  ${root ? '' : 'sudo '}${command}\n` +
    (missing.some((c) => c.pkg === 'chromium') ? 'or set CHROMIUM_PATH to an installed Chromium.\n' : ''),
);
process.exit(1);
