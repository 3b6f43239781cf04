import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Clock } from '../lib/clock.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    clock: Clock;
    config: Config;
  }
}

/** Makes the database, clock and config available to every route; the caller owns the database's lifetime. */
export default fp(
  async (app: FastifyInstance, opts: { database: Database; clock: Clock; config: Config }) => {
    app.decorate('db', opts.database);
    app.decorate('clock', opts.clock);
    app.decorate('config', opts.config);
  },
  { name: 'db' },
);
