import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The database or a transaction: every query function takes this first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** A quick round trip, for the health check. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * LISTEN on a channel for the life of the returned subscription: PostgreSQL on a connection of its
   * own (outside the pool, reconnected after a failure, `onReconnect` then called because notifications
   * sent meanwhile are lost), PGlite through its own listen. Notifications arrive after their transaction commits.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReconnect?: () => void): Promise<Subscription>;
  /** PGlite only: the underlying instance (backups dump its data directory). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string | undefined;
  dataDir?: string | undefined;
  /** PGlite: start from a dumped data directory (tests, restore). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
  /** PostgreSQL only: how long to wait for a connection, ms (pg `connectionTimeoutMillis`). */
  connectionTimeoutMs?: number;
  /** PostgreSQL only: client-side limit on one query, ms (pg `query_timeout`: a hung socket cannot hold a request). */
  queryTimeoutMs?: number;
  /** PostgreSQL only: server-side `statement_timeout`, ms. */
  statementTimeoutMs?: number;
  /** PostgreSQL only: server-side `idle_in_transaction_session_timeout`, ms. */
  idleInTransactionTimeoutMs?: number;
}

/** The database settings of the config, as `openDatabase` takes them. */
export function databaseOptionsFrom(config: {
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
  DB_POOL_SIZE: number;
  DB_CONNECTION_TIMEOUT_MS: number;
  DB_QUERY_TIMEOUT_MS: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
}): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DB_POOL_SIZE,
    connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
    queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

/** One switch: a postgres:// URL selects PostgreSQL through `pg`, otherwise embedded PGlite. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    // Every wait is bounded, so a database that hangs gives errors (503) instead of requests that hang.
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000,
      query_timeout: opts.queryTimeoutMs ?? 30_000,
      statement_timeout: opts.statementTimeoutMs ?? 25_000,
      idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs ?? 30_000,
    });
    // An idle client can be cut off by the server (restart, failover, a dropped test database).
    // pg emits that on the pool; unhandled it would crash the process, handled the pool just replaces the client.
    pool.on('error', (err) => {
      if ((err as { code?: string }).code !== '57P01') console.error('PostgreSQL pool: idle client error', err.message);
    });
    const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool,
      ping: async () => {
        await pool.query('select 1');
      },
      migrate: () => migratePg(db as never, { migrationsFolder }),
      close: () => pool.end(),
      listen: (channel, onMessage, onReconnect) =>
        listenPg(
          { connectionString: opts.url!, connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000 },
          channel,
          onMessage,
          onReconnect,
        ),
    };
  }
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  const pglite = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  }).catch((err: unknown) => {
    unlock();
    throw err;
  });
  const db = drizzlePglite(pglite, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite,
    ping: async () => {
      await pglite.query('select 1');
    },
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: async () => {
      try {
        await pglite.close();
      } finally {
        unlock();
      }
    },
    listen: async (channel, onMessage) => {
      const unlisten = await pglite.listen(channel, onMessage);
      return { close: () => unlisten() };
    },
  };
}

/** A LISTEN connection that comes back: on error or end it reconnects (1 s, 2 s … at most 30 s apart). */
async function listenPg(
  config: pg.ClientConfig,
  channel: string,
  onMessage: (payload: string) => void,
  onReconnect?: () => void,
): Promise<Subscription> {
  let client: pg.Client | null = null;
  let closed = false;
  let delay = 1_000;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client(config);
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage(n.payload ?? '');
    });
    const lost = () => {
      if (closed || client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      timer = setTimeout(() => void retry(), delay);
      delay = Math.min(delay * 2, 30_000);
    };
    c.on('error', lost);
    c.on('end', lost);
    client = c;
    await c.connect();
    await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    delay = 1_000;
  };
  const retry = async () => {
    if (closed) return;
    try {
      await connect();
      onReconnect?.();
    } catch {
      const c = client;
      client = null;
      c?.end().catch(() => undefined);
      timer = setTimeout(() => void retry(), delay);
      delay = Math.min(delay * 2, 30_000);
    }
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
