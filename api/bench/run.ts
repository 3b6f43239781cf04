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
 *  4. gzip size of the entry script that web/dist/index.html loads;
 *  5. live updates: 500 server-sent-events readers of one engagement, held by child processes
 *     (sse-readers.ts), receive 20 tree batches: delivery latency from the write's response to each
 *     reader, the API process's memory per open stream, and the heartbeat's re-check of the 500
 *     readers (queries a beat, ms).
 * Bounded: about two minutes on two cores. BENCH_ONLY=sse (a comma-separated list of reads, writes,
 * browser, layout, entry, sse) runs only those parts.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { z } from 'zod';
import { layoutTree, measureNode } from '@banso/shared';
import { buildApp } from '../src/app.js';
import { eventHubOf } from '../src/modules/events/events.routes.js';
import { loadConfig } from '../src/config.js';
import { chromiumAvailable, type RenderTiming, timeTreeRender } from './browser.js';
import { load, type LoadResult, percentile, request } from './load.js';
import type { FromReaders, ToReaders } from './sse-readers.js';
import { insertReaderSessions, insertSyntheticEngagement, openBenchDatabase, type SyntheticEngagement, syntheticTree } from './setup.js';

const SIZES = [200, 1_000, 2_000] as const;
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 4);
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 3);
const here = path.dirname(fileURLToPath(import.meta.url));
const webDist = path.resolve(here, '../../web/dist');
const login = { email: 'morikawa@demo.banso.jp', password: 'banso-demo-2025' };
const SSE_READERS = Number(process.env.BENCH_SSE_READERS ?? 500);
const SSE_BATCHES = Number(process.env.BENCH_SSE_BATCHES ?? 20);
/** Processes holding the readers (the machine has two cores: one for them, one for the API). */
const SSE_PROCESSES = Number(process.env.BENCH_SSE_PROCESSES ?? 2);
/** Heartbeat re-checks measured over the open streams. */
const RECHECK_BEATS = Number(process.env.BENCH_RECHECK_BEATS ?? 10);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((p) => p.trim())) : null;
const want = (part: 'reads' | 'writes' | 'browser' | 'layout' | 'entry' | 'sse') => !only || only.has(part);

const t0 = performance.now();
const log = (msg: string) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

// ── Setup ───────────────────────────────────────────────────────────────────────────────────────
const bench = await openBenchDatabase();
const kind = bench.database.kind;
log(`database: ${kind}`);
const engagements: SyntheticEngagement[] = [];
for (const [i, size] of SIZES.entries()) engagements.push(await insertSyntheticEngagement(bench.database, size, i));

const sessionSecret = randomBytes(24).toString('hex');
const app = await buildApp({
  config: loadConfig({ NODE_ENV: 'production', SESSION_SECRET: sessionSecret, LOG_LEVEL: 'warn' }),
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

// ── 5. Live updates: SSE readers (first, while the process's memory is not yet churned by the others) ──
const RevisionOf = z.object({ revision: z.number() });
interface SseResult {
  readers: number;
  batches: number;
  delivered: number;
  /** ms from the write's response (its revision known) to each reader's arrival. */
  fromResponse: number[];
  /** ms from the write's request start: includes the write itself. */
  fromRequest: number[];
  openMs: number;
  rssPerStream: number;
  heapPerStream: number;
  /** Memory outside the JS heap that node accounts for (buffers). */
  externalPerStream: number;
  /** The heartbeat's re-check of every open stream (sessions and roles): database queries it sent, and ms, per beat. */
  recheck: { readers: number; queries: number[]; ms: number[] };
}
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
/** The API's memory: it runs in this process (the readers do not). */
const memory = async () => {
  await new Promise((r) => setTimeout(r, 200));
  gc();
  gc();
  return process.memoryUsage();
};
const wallClock = () => performance.timeOrigin + performance.now();

/**
 * Runs the event hub's heartbeat re-check `beats` times over the open streams, counting the queries it
 * sends (every statement through the app's database during the beat, the job queue's polls left out).
 */
async function recheckCost(beats: number): Promise<SseResult['recheck']> {
  let counting = false;
  let n = 0;
  const count = (text: unknown) => {
    const sqlText = typeof text === 'string' ? text : ((text as { text?: string } | null)?.text ?? '');
    if (counting && !sqlText.includes('pgboss')) n++;
  };
  const target = (bench.database.pool ?? bench.database.pglite) as unknown as { query: (...a: unknown[]) => unknown };
  const original = target.query.bind(target);
  target.query = (...a: unknown[]) => {
    count(a[0]);
    return original(...a);
  };
  const hub = eventHubOf(app);
  if (!hub) throw new Error('the app has no event hub');
  const queries: number[] = [];
  const times: number[] = [];
  try {
    for (let i = 0; i < beats; i++) {
      n = 0;
      counting = true;
      const started = performance.now();
      await hub.beat();
      times.push(performance.now() - started);
      counting = false;
      queries.push(n);
    }
  } finally {
    target.query = original;
  }
  return { readers: hub.size, queries, ms: times };
}

async function sseScenario(e: SyntheticEngagement): Promise<SseResult> {
  const cookies = await insertReaderSessions(bench.database, e.id, SSE_READERS, sessionSecret);
  const children = Array.from({ length: SSE_PROCESSES }, () =>
    fork(path.join(here, 'sse-readers.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  const ask = <T extends FromReaders['type']>(child: (typeof children)[number], message: ToReaders, type: T) =>
    new Promise<Extract<FromReaders, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromReaders) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m as Extract<FromReaders, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`reader process exited (${code})`)));
      child.send(message);
    });
  try {
    const before = await memory();
    const opening = performance.now();
    const url = `${appUrl}/api/engagements/${e.id}/events`;
    const ready = await Promise.all(
      children.map((c, i) => ask(c, { type: 'open', url, cookies: cookies.filter((_, k) => k % children.length === i) }, 'ready')),
    );
    const openMs = performance.now() - opening;
    const opened = ready.reduce((n, r) => n + r.opened, 0);
    if (opened !== SSE_READERS)
      throw new Error(`only ${opened} of ${SSE_READERS} streams opened: ${ready.flatMap((r) => r.failed).join('; ')}`);
    const after = await memory();
    log(`SSE: ${opened} streams open in ${openMs.toFixed(0)} ms`);

    let revision = RevisionOf.parse(
      JSON.parse((await request(agent, `${appUrl}/api/engagements/${e.id}/tree`, { headers: { cookie } })).body),
    ).revision;
    const writes = new Map<number, { sent: number; answered: number }>();
    for (let n = 0; n < SSE_BATCHES; n++) {
      const operations = Array.from({ length: 10 }, (_, k) => ({
        op: 'update',
        id: e.nodeIds[1 + ((n * 10 + k) % (e.nodeIds.length - 1))],
        title: `ライブ ${n}-${k}`,
      }));
      const sent = wallClock();
      const res = await request(agent, `${appUrl}/api/engagements/${e.id}/tree/operations`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'if-match': `"${revision}"` },
        body: JSON.stringify({ operations }),
      });
      const answered = wallClock();
      if (res.status !== 200) throw new Error(`SSE batch failed: ${res.status} ${res.body.slice(0, 200)}`);
      revision = RevisionOf.parse(JSON.parse(res.body)).revision;
      writes.set(revision, { sent, answered });
      await new Promise((r) => setTimeout(r, 150));
    }
    await new Promise((r) => setTimeout(r, 1_000)); // the last batch's stragglers
    const recheck = await recheckCost(RECHECK_BEATS);
    const reports = await Promise.all(children.map((c) => ask(c, { type: 'report' }, 'report')));
    const fromResponse: number[] = [];
    const fromRequest: number[] = [];
    for (const report of reports)
      for (const [rev, times] of Object.entries(report.arrivals)) {
        const write = writes.get(Number(rev));
        if (!write) continue;
        if (process.env.BENCH_SSE_DEBUG)
          log(
            `revision ${rev}: max ${(Math.max(...times) - write.answered).toFixed(1)} ms, min ${(Math.min(...times) - write.answered).toFixed(1)} ms, write ${(write.answered - write.sent).toFixed(1)} ms`,
          );
        for (const at of times) {
          fromResponse.push(at - write.answered);
          fromRequest.push(at - write.sent);
        }
      }
    return {
      readers: opened,
      batches: SSE_BATCHES,
      delivered: fromResponse.length,
      fromResponse,
      fromRequest,
      openMs,
      rssPerStream: (after.rss - before.rss) / opened,
      heapPerStream: (after.heapUsed - before.heapUsed) / opened,
      externalPerStream: (after.external - before.external) / opened,
      recheck,
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
  }
}
let sse: SseResult | string | null = null;
if (want('sse')) {
  try {
    sse = await sseScenario(engagements[0]!);
    log(`SSE: ${sse.delivered} deliveries, p99 ${percentile(sse.fromResponse, 99).toFixed(1)} ms after the response`);
  } catch (err) {
    sse = `SSE run failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

// ── 1. Tree reads ──────────────────────────────────────────────────────────────────────────────
const reads: { size: number; base: LoadResult; api: LoadResult }[] = [];
for (const e of want('reads') ? engagements : []) {
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
/** One writer alone: what a batch costs without contention (20 batches in a row). */
const solo: { size: number; p50: number; p99: number }[] = [];
for (const e of want('writes') ? engagements : []) {
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
for (const e of want('writes') ? engagements : []) {
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

// ── 2b. Tree history: what a batch stores, and reading an old revision back ─────────────────────
/**
 * On the largest tree, after the batches above: the bytes one 10-operation batch stored (its delta;
 * and amortized with the whole-tree snapshots kept every 50 revisions), and `?revision=N` of the
 * revision that sits furthest from its snapshot (49 deltas to replay).
 */
let history: {
  size: number;
  revisions: number;
  deltaBytes: number;
  amortizedBytes: number;
  oldRead: { p50: number; p99: number; revision: number };
} | null = null;
const largest = engagements.at(-1);
if (want('writes') && largest) {
  const stored = (
    (await bench.database.db.execute(
      sql`select count(*)::int as revisions,
            coalesce(avg(pg_column_size(delta)) filter (where delta is not null), 0)::float as delta_bytes,
            (sum(coalesce(pg_column_size(delta), 0) + coalesce(pg_column_size(nodes), 0)) filter (where revision > 1) / greatest(count(*) - 1, 1))::float as amortized
          from tree_revisions where engagement_id = ${largest.id}`,
    )) as unknown as { rows: { revisions: number; delta_bytes: number; amortized: number }[] }
  ).rows;
  const current = RevisionOf.parse(
    JSON.parse((await request(agent, `${appUrl}/api/engagements/${largest.id}/tree`, { headers: { cookie } })).body),
  ).revision;
  const old = Math.max(1, Math.min(current, 49));
  const times: number[] = [];
  for (let n = 0; n < 30; n++) {
    const res = await request(agent, `${appUrl}/api/engagements/${largest.id}/tree?revision=${old}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`old revision read failed: ${res.status}`);
    times.push(res.ms);
  }
  history = {
    size: largest.size,
    revisions: stored[0]?.revisions ?? 0,
    deltaBytes: stored[0]?.delta_bytes ?? 0,
    amortizedBytes: stored[0]?.amortized ?? 0,
    oldRead: { p50: percentile(times, 50), p99: percentile(times, 99), revision: old },
  };
  log(
    `history: ${history.revisions} revisions, delta ${history.deltaBytes.toFixed(0)} B, old read p99 ${history.oldRead.p99.toFixed(1)} ms`,
  );
}

// ── 3. Browser and layout ──────────────────────────────────────────────────────────────────────
let renders: RenderTiming[] | string | null;
if (!want('browser')) renders = null;
else if (!existsSync(path.join(webDist, 'index.html'))) renders = 'web/dist missing (run pnpm bench from the root)';
else if (!chromiumAvailable()) renders = 'Chromium not found (/usr/bin/chromium)';
else {
  try {
    renders = await timeTreeRender(appUrl, login, engagements);
  } catch (err) {
    renders = `browser run failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}
if (renders !== null) log('browser done');

// The one tree layout of @banso/shared (the editor canvas, the exports and the report use it), over the shared node measure.
const layoutInput = syntheticTree(2_000, 7).map((n) => ({ id: n.id, parentId: n.parentId, position: n.position, ...measureNode(n.title) }));
for (let i = 0; i < (want('layout') ? 3 : 0); i++) layoutTree(layoutInput);
const layoutRuns: number[] = [];
for (let i = 0; i < (want('layout') ? 10 : 0); i++) {
  const started = performance.now();
  layoutTree(layoutInput);
  layoutRuns.push(performance.now() - started);
}

// ── 4. Entry script size ───────────────────────────────────────────────────────────────────────
let entry: { file: string; raw: number; gzip: number } | string | null = want('entry') ? 'web/dist missing' : null;
const indexHtml = path.join(webDist, 'index.html');
if (entry !== null && existsSync(indexHtml)) {
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
if (history) {
  rows.push([
    `bytes stored per 10-operation batch, ${history.size} nodes`,
    `${(history.deltaBytes / 1024).toFixed(2)} KB delta; ${(history.amortizedBytes / 1024).toFixed(1)} KB with the whole tree kept every 50 revisions (${history.revisions} revisions)`,
    '≤ 5 KB',
    mark(history.deltaBytes <= 5 * 1024),
  ]);
  rows.push([
    `?revision=${history.oldRead.revision} of a ${history.size}-node tree (snapshot + ${history.oldRead.revision - 1} deltas)`,
    `p50 ${ms(history.oldRead.p50)}, p99 ${ms(history.oldRead.p99)} (30 reads)`,
    '≤ 30 ms',
    mark(history.oldRead.p99 <= 30),
  ]);
}
if (typeof renders === 'string') rows.push(['navigation → laid-out tree', renders, '', 'SKIPPED']);
else if (renders)
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
if (layoutRuns.length)
  rows.push([
    'layout alone, 2,000 nodes',
    `${ms(layoutMedian)} median (fastest ${ms(Math.min(...layoutRuns))})`,
    '≤ 50 ms',
    mark(layoutMedian <= 50),
  ]);
if (typeof entry === 'string') rows.push(['entry script gzip', entry, '≤ 200 KB', 'SKIPPED']);
else if (entry)
  rows.push([
    `entry script gzip (${entry.file})`,
    `${(entry.gzip / 1024).toFixed(1)} KB (raw ${(entry.raw / 1024).toFixed(0)} KB)`,
    '≤ 200 KB',
    mark(entry.gzip <= 200 * 1024),
  ]);
if (typeof sse === 'string') rows.push([`SSE: tree batch → ${SSE_READERS} readers`, sse, 'p99 ≤ 200 ms', 'MISSED']);
else if (sse) {
  const p99 = percentile(sse.fromResponse, 99);
  const expected = sse.readers * sse.batches;
  rows.push([
    `SSE: tree batch → ${sse.readers} readers (${sse.batches} batches)`,
    `after the write's response p50 ${ms(percentile(sse.fromResponse, 50))}, p95 ${ms(percentile(sse.fromResponse, 95))}, p99 ${ms(p99)}; after its request p99 ${ms(percentile(sse.fromRequest, 99))}; ${sse.delivered}/${expected} delivered`,
    'p99 ≤ 200 ms',
    mark(p99 <= 200 && sse.delivered === expected),
  ]);
  rows.push([
    `SSE: API memory per open stream (${sse.readers})`,
    `JS heap ${(sse.heapPerStream / 1024).toFixed(1)} KB + external ${(sse.externalPerStream / 1024).toFixed(1)} KB; RSS ${(sse.rssPerStream / 1024).toFixed(1)} KB (RSS is noisy: GC returns pages); ${sse.readers} opened in ${ms(sse.openMs)}`,
    '—',
    '',
  ]);
  const r = sse.recheck;
  const maxQueries = Math.max(...r.queries);
  rows.push([
    `SSE: heartbeat re-check of ${r.readers} readers (1 engagement, ${r.ms.length} beats)`,
    `${maxQueries} ${maxQueries === 1 ? 'query' : 'queries'} a beat (sessions and roles of all readers); p50 ${ms(percentile(r.ms, 50))}, max ${ms(Math.max(...r.ms))}`,
    '1 query per engagement',
    mark(maxQueries === 1),
  ]);
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
const line = (r: string[]) => `| ${r.map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length)).join(' | ')} |`;
console.log(`\nBansō benchmark — database: ${kind}, node ${process.version}, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
console.log(line(rows[0]!));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log('');
process.exit(0);
