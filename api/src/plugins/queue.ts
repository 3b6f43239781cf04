/**
 * Background jobs through pg-boss, on both databases: PostgreSQL over the app's own pool, embedded
 * PGlite through pg-boss's PGlite adapter over the app's PGlite instance (pg-boss supports PGlite as a
 * backend: one in-process connection, its own LISTEN/NOTIFY). Jobs live in the `pgboss` schema, which
 * pg-boss installs and migrates itself on start. A queue's jobs are claimed with SKIP LOCKED and a cron
 * schedule fires once per minute slot across every replica, so a timed job runs once whatever the
 * number of replicas.
 *
 * Modules `define` their jobs while the app is built (before ready); the queue starts on ready and
 * stops before close. `send` takes the write's database or transaction (`db`), so a job sent inside a
 * transaction that is rolled back was never sent.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'drizzle-orm';
import { type Db as BossDb, fromDrizzle, fromPglite, PgBoss } from 'pg-boss';
import type { DefineOptions, JobHandler, Jobs } from '../lib/jobs.js';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs;
  }
}

interface Definition {
  handler: JobHandler<object>;
  opts: DefineOptions;
}

/** pg's multi-statement answers (an array of results) flattened the way pg-boss reads them. */
function poolAdapter(pool: NonNullable<FastifyInstance['db']['pool']>): BossDb {
  return {
    async executeSql(text, values) {
      const result = (await pool.query(text, values as unknown[] | undefined)) as unknown;
      if (Array.isArray(result)) return { rows: result.flatMap((r: { rows?: unknown[] }) => r.rows ?? []) };
      return result as { rows: unknown[] };
    },
  };
}

export default fp(
  async (app: FastifyInstance) => {
    const definitions = new Map<string, Definition>();
    const database = app.db;
    const boss = new PgBoss({
      db: database.pglite ? fromPglite(database.pglite) : poolAdapter(database.pool!),
      backend: database.kind === 'pglite' ? 'pglite' : 'postgres',
      schema: 'pgboss',
      // Retention and the instance registry are pg-boss's own upkeep: one round a few minutes apart is enough here.
      registerInstance: false,
      maintenanceIntervalSeconds: 300,
      // The supervisor also fails (and so retries) active jobs past their expiry or heartbeat.
      superviseIntervalSeconds: app.config.JOBS_SUPERVISE_SECONDS,
      monitorIntervalSeconds: app.config.JOBS_SUPERVISE_SECONDS,
    });
    boss.on('error', (err) => app.log.warn({ err }, 'job queue error'));
    let ready = false;
    const stopping = new AbortController();

    const jobs: Jobs = {
      define(name, handler, opts = {}) {
        if (ready) throw new Error(`Job ${name} defined after the queue started`);
        if (definitions.has(name)) throw new Error(`Job ${name} is defined twice`);
        definitions.set(name, { handler: handler as JobHandler<object>, opts });
      },
      async send(name, data, opts = {}) {
        const definition = definitions.get(name);
        if (!definition) throw new Error(`Unknown job ${name}`);
        const startAfter = opts.startAfter ?? definition.opts.delayMs;
        return boss.send(name, data, {
          ...(startAfter instanceof Date ? { startAfter } : startAfter && startAfter > 0 ? { startAfter: startAfter / 1000 } : {}),
          ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
          ...(opts.db ? { db: fromDrizzle(opts.db as never, sql as never) } : {}),
        });
      },
      async runNow(name, data) {
        const definition = definitions.get(name);
        if (!definition) throw new Error(`Unknown job ${name}`);
        await definition.handler(data, { id: 'now', retryCount: 0, signal: new AbortController().signal });
      },
      stopping: stopping.signal,
    };
    app.decorate('jobs', jobs);

    app.addHook('onReady', async () => {
      ready = true;
      await boss.start();
      const pollingIntervalSeconds = Math.max(0.5, app.config.JOBS_POLL_MS / 1000);
      for (const [name, { handler, opts }] of definitions) {
        const retryDelay = opts.retryDelaySeconds ?? 30;
        const retryBackoff = opts.retryBackoff ?? true;
        const settings = {
          retryLimit: opts.retryLimit ?? 5,
          retryDelay,
          retryBackoff,
          expireInSeconds: opts.expireInSeconds ?? 600,
        };
        await boss.createQueue(name, { policy: opts.policy ?? 'standard', ...settings, ...(retryBackoff ? { retryDelayMax: 3_600 } : {}) });
        // createQueue leaves an existing queue as it was: the configuration of this start applies to the jobs sent from now on.
        await boss.updateQueue(name, {
          ...settings,
          retryDelayMax: retryBackoff ? 3_600 : null,
          heartbeatSeconds: opts.heartbeatSeconds ?? null,
        });
        const localConcurrency = opts.concurrency ?? 1;
        if (localConcurrency > 0)
          await boss.work<object>(name, { pollingIntervalSeconds, localConcurrency }, async ([job]) => {
            if (job) await handler(job.data, { id: job.id, retryCount: job.retryCount, signal: job.signal });
          });
        if (opts.cron) await boss.schedule(name, opts.cron.expression, {}, { tz: opts.cron.tz ?? 'Asia/Tokyo' });
      }
    });
    // Before the server stops: a job in flight finishes (up to the timeout) while the database is still open.
    app.addHook('preClose', async () => {
      stopping.abort();
      if (ready) await boss.stop({ graceful: true, timeout: 10_000 });
    });
  },
  { name: 'queue', dependencies: ['db'] },
);
