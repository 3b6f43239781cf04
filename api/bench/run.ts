/**
 * pnpm bench (from the repo root: builds web/dist, then runs this). Not a test: prints a table.
 *
 * On a fresh database (PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set, else PGlite) with
 * synthetic engagements whose trees have 200, 1,000 and 2,000 nodes:
 *  1. GET …/tree throughput and p99 at 10 keep-alive connections, beside a baseline of bare node:http
 *     plus a raw query answering the same tree (select the engagement's nodes, JSON.stringify);
 *  2. tree operation batches (10 operations) at 20 concurrent writers, each keeping its own ETag and
 *     retrying on 412 with the current revision the 412 carries;
 *  3. headless Chromium: navigation → laid-out tree, and the layout function alone at 2,000 nodes;
 *  4. gzip size of the entry script that web/dist/index.html loads.
 * Bounded: about a minute and a half on two cores.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { z } from 'zod';
import { layoutTree, measureNode } from '@banso/shared';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { chromiumAvailable, type RenderTiming, timeTreeRender } from './browser.js';
import { load, type LoadResult, percentile, request } from './load.js';
import { insertSyntheticEngagement, openBenchDatabase, type SyntheticEngagement, syntheticTree } from './setup.js';

const SIZES = [200, 1_000, 2_000] as const;
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 4);
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 3);
const here = path.dirname(fileURLToPath(import.meta.url));
const webDist = path.resolve(here, '../../web/dist');
const login = { email: 'morikawa@demo.banso.jp', password: 'banso-demo-2025' };

const t0 = performance.now();
const log = (msg: string) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

// ── Setup ───────────────────────────────────────────────────────────────────────────────────────
const bench = await openBenchDatabase();
const kind = bench.database.kind;
log(`database: ${kind}`);
const engagements: SyntheticEngagement[] = [];
for (const [i, size] of SIZES.entries()) engagements.push(await insertSyntheticEngagement(bench.database, size, i));

const app = await buildApp({
  config: loadConfig({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(24).toString('hex'), LOG_LEVEL: 'warn' }),
  database: bench.database,
  webDist,
  logger: false,
});
await app.listen({ host: '127.0.0.1', port: 0 });
const portOf = (address: ReturnType<http.Server['address']>) => {
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  return address.port;
};
const appUrl = `http://127.0.0.1:${portOf(app.server.address())}`;

const agent = new http.Agent({ keepAlive: true });
const signIn = await request(agent, `${appUrl}/api/auth/login`, { method: 'POST', body: JSON.stringify(login) });
if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${signIn.body}`);
const cookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
const csrf = z.object({ csrfToken: z.string() }).parse(JSON.parse(signIn.body)).csrfToken;

// The baseline: bare node:http and a raw query for the same nodes.
const nodeQuery = 'select id, parent_id, position, kind, title, detail, hypothesis_state from tree_nodes where engagement_id = $1';
const pool = bench.url ? new pg.Pool({ connectionString: bench.url, max: 10 }) : null;
const pglite = bench.database.pglite;
const baseline = http.createServer((req, res) => {
  const id = /^\/tree\/([0-9a-f-]{36})$/.exec(req.url ?? '')?.[1];
  if (!id) {
    res.writeHead(404).end();
    return;
  }
  const rows = pool ? pool.query(nodeQuery, [id]).then((r) => r.rows) : pglite!.query(nodeQuery, [id]).then((r) => r.rows);
  rows.then(
    (nodes) => {
      const body = JSON.stringify({ engagementId: id, nodes });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    },
    () => res.writeHead(500).end(),
  );
});
await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${portOf(baseline.address())}`;

// ── 1. Tree reads ──────────────────────────────────────────────────────────────────────────────
const reads: { size: number; base: LoadResult; api: LoadResult }[] = [];
for (const e of engagements) {
  const base = await load(`${baseUrl}/tree/${e.id}`, { concurrency: 10, durationMs: READ_SECONDS * 1000, warmupMs: 500 });
  const api = await load(`${appUrl}/api/engagements/${e.id}/tree`, {
    concurrency: 10,
    durationMs: READ_SECONDS * 1000,
    warmupMs: 500,
    headers: { cookie },
  });
  reads.push({ size: e.size, base, api });
  log(
    `GET tree ${e.size}: api ${api.rps.toFixed(0)}/s p99 ${api.p99.toFixed(1)} ms · baseline ${base.rps.toFixed(0)}/s p99 ${base.p99.toFixed(1)} ms`,
  );
}

// ── 2. Tree operation batches ──────────────────────────────────────────────────────────────────
const RevisionOf = z.object({ revision: z.number() });
/** One writer alone: what a batch costs without contention (20 batches in a row). */
const solo: { size: number; p50: number; p99: number }[] = [];
for (const e of engagements) {
  const times: number[] = [];
  let revision = RevisionOf.parse(
    JSON.parse((await request(agent, `${appUrl}/api/engagements/${e.id}/tree`, { headers: { cookie } })).body),
  ).revision;
  for (let n = 0; n < 20; n++) {
    const operations = Array.from({ length: 10 }, (_, k) => ({
      op: 'update',
      id: e.nodeIds[1 + ((n * 10 + k) % (e.nodeIds.length - 1))],
      title: `単独 ${n}-${k}`,
    }));
    const res = await request(agent, `${appUrl}/api/engagements/${e.id}/tree/operations`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'if-match': `"${revision}"` },
      body: JSON.stringify({ operations }),
    });
    if (res.status !== 200) throw new Error(`solo batch failed: ${res.status} ${res.body.slice(0, 200)}`);
    revision = RevisionOf.parse(JSON.parse(res.body)).revision;
    times.push(res.ms);
  }
  solo.push({ size: e.size, p50: percentile(times, 50), p99: percentile(times, 99) });
}
const Conflict = z.object({ current: RevisionOf });
interface WriteResult {
  size: number;
  attempts: number;
  successes: number;
  conflicts: number;
  other: number;
  p99All: number;
  p99Success: number;
  p50All: number;
}
const writes: WriteResult[] = [];
for (const e of engagements) {
  const writers = 20;
  const writeAgent = new http.Agent({ keepAlive: true, maxSockets: writers });
  const all: number[] = [];
  const ok: number[] = [];
  let conflicts = 0;
  let other = 0;
  const until = performance.now() + WRITE_SECONDS * 1000;
  const targets = e.nodeIds.slice(1);
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const first = await request(writeAgent, `${appUrl}/api/engagements/${e.id}/tree`, { headers: { cookie } });
      let revision = RevisionOf.parse(JSON.parse(first.body)).revision;
      let n = 0;
      while (performance.now() < until) {
        const operations = Array.from({ length: 10 }, (_, k) => ({
          op: 'update',
          id: targets[(w * 97 + n * 10 + k * 13) % targets.length],
          title: `ベンチ ${w}-${n}-${k}`,
        }));
        n++;
        const res = await request(writeAgent, `${appUrl}/api/engagements/${e.id}/tree/operations`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf, 'if-match': `"${revision}"` },
          body: JSON.stringify({ operations }),
        });
        all.push(res.ms);
        if (res.status === 200) {
          ok.push(res.ms);
          revision = RevisionOf.parse(JSON.parse(res.body)).revision;
        } else if (res.status === 412) {
          conflicts++;
          // The 412 carries the current tree: continue from its revision (what the editor does).
          revision = Conflict.parse(JSON.parse(res.body)).current.revision;
        } else other++;
      }
    }),
  );
  writeAgent.destroy();
  const result = {
    size: e.size,
    attempts: all.length,
    successes: ok.length,
    conflicts,
    other,
    p99All: percentile(all, 99),
    p50All: percentile(all, 50),
    p99Success: percentile(ok, 99),
  };
  writes.push(result);
  log(`tree batches ${e.size}: ${result.successes} applied, ${conflicts} × 412, p99 ${result.p99All.toFixed(1)} ms`);
}

// ── 3. Browser and layout ──────────────────────────────────────────────────────────────────────
let renders: RenderTiming[] | string;
if (!existsSync(path.join(webDist, 'index.html'))) renders = 'web/dist missing (run pnpm bench from the root)';
else if (!chromiumAvailable()) renders = 'Chromium not found (/usr/bin/chromium)';
else {
  try {
    renders = await timeTreeRender(appUrl, login, engagements);
  } catch (err) {
    renders = `browser run failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}
log('browser done');

// The one tree layout of @banso/shared (the editor canvas, the exports and the report use it), over the shared node measure.
const layoutInput = syntheticTree(2_000, 7).map((n) => ({ id: n.id, parentId: n.parentId, position: n.position, ...measureNode(n.title) }));
for (let i = 0; i < 3; i++) layoutTree(layoutInput);
const layoutRuns: number[] = [];
for (let i = 0; i < 10; i++) {
  const started = performance.now();
  layoutTree(layoutInput);
  layoutRuns.push(performance.now() - started);
}

// ── 4. Entry script size ───────────────────────────────────────────────────────────────────────
let entry: { file: string; raw: number; gzip: number } | string = 'web/dist missing';
const indexHtml = path.join(webDist, 'index.html');
if (existsSync(indexHtml)) {
  const src = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(readFileSync(indexHtml, 'utf8'))?.[1];
  if (src) {
    const bytes = readFileSync(path.join(webDist, src.replace(/^\//, '')));
    entry = { file: src, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  } else entry = 'no module script in index.html';
}

// ── Report ─────────────────────────────────────────────────────────────────────────────────────
await app.close();
baseline.close();
await pool?.end();
agent.destroy();
await bench.drop();

const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const ms = (v: number) => `${v.toFixed(1)} ms`;
const rows: string[][] = [['measure', 'value', 'target', '']];
for (const r of reads) {
  const ratio = r.api.rps / r.base.rps;
  const target = r.size <= 200 ? 0.6 : r.size >= 2_000 ? 0.5 : null;
  rows.push([
    `GET tree ${r.size} nodes (10 conn)`,
    `${r.api.rps.toFixed(0)} req/s, p99 ${ms(r.api.p99)}; baseline ${r.base.rps.toFixed(0)} req/s, p99 ${ms(r.base.p99)}; ratio ${ratio.toFixed(2)}`,
    target === null ? '—' : `≥ ${target}`,
    target === null ? '' : mark(ratio >= target),
  ]);
}
for (const w of solo) rows.push([`tree batch (10 ops) ${w.size} nodes, 1 writer`, `p50 ${ms(w.p50)}, max of 20 ${ms(w.p99)}`, '—', '']);
for (const w of writes)
  rows.push([
    `tree batch (10 ops) ${w.size} nodes, 20 writers`,
    `p99 ${ms(w.p99All)} (applied p99 ${ms(w.p99Success)}, p50 ${ms(w.p50All)}); ${w.successes} applied, ${w.conflicts} × 412 retried${w.other ? `, ${w.other} other` : ''}`,
    '≤ 50 ms',
    mark(w.p99All <= 50),
  ]);
if (typeof renders === 'string') rows.push(['navigation → laid-out tree', renders, '', 'SKIPPED']);
else
  for (const r of renders) {
    const target = r.size >= 2_000 ? 2_000 : r.size >= 1_000 ? 1_000 : null;
    rows.push([
      `navigation → laid-out tree, ${r.size} nodes`,
      `${ms(r.medianMs)} (first load ${ms(r.firstMs)})`,
      target === null ? '—' : `≤ ${target / 1000} s`,
      target === null ? '' : mark(r.medianMs <= target),
    ]);
  }
const layoutMedian = percentile(layoutRuns, 50);
rows.push([
  'layout alone, 2,000 nodes',
  `${ms(layoutMedian)} median (fastest ${ms(Math.min(...layoutRuns))})`,
  '≤ 50 ms',
  mark(layoutMedian <= 50),
]);
if (typeof entry === 'string') rows.push(['entry script gzip', entry, '≤ 200 KB', 'SKIPPED']);
else
  rows.push([
    `entry script gzip (${entry.file})`,
    `${(entry.gzip / 1024).toFixed(1)} KB (raw ${(entry.raw / 1024).toFixed(0)} KB)`,
    '≤ 200 KB',
    mark(entry.gzip <= 200 * 1024),
  ]);

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
const line = (r: string[]) => `| ${r.map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length)).join(' | ')} |`;
console.log(`\nBansō benchmark — database: ${kind}, node ${process.version}, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
console.log(line(rows[0]!));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log('');
process.exit(0);
