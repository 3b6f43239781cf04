import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { type Clock, systemClock } from './lib/clock.js';
import { registerModules } from './modules/index.js';
import authPlugin from './plugins/auth.js';
import dbPlugin from './plugins/db.js';
import errorsPlugin, { sendProblem } from './plugins/errors.js';
import firstRunPlugin from './plugins/first-run.js';
import queuePlugin from './plugins/queue.js';
import securityPlugin, { type SecurityOptions } from './plugins/security.js';
import storagePlugin from './plugins/storage.js';
import type { FileStorage } from './lib/storage.js';
import swaggerPlugin from './plugins/swagger.js';

export interface AppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Built web app to serve on the same port (production). */
  webDist?: string | undefined;
  security?: SecurityOptions;
  logger?: boolean;
  /** Where attachment bytes go; default: the configuration's (S3_BUCKET, else FILES_DIR). */
  storage?: FileStorage;
  /** Tests: hooks into the export jobs (a slow render standing in for a long PDF). */
  exportHooks?: FastifyInstance['exportHooks'];
}

/** TRUST_PROXY as fastify takes it: a hop count becomes "trust the nearest n hops". */
function trustProxyOption(value: Config['TRUST_PROXY']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

/** Builds the whole application; used by the server entry and by every test. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.config.LOG_LEVEL },
    bodyLimit: opts.config.BODY_LIMIT,
    trustProxy: trustProxyOption(opts.config.TRUST_PROXY),
    routerOptions: { ignoreTrailingSlash: true },
    // Malformed percent-encoding or an over-long path segment: answered by the router before any
    // hook, so as problem+json here (fastify's default is a bare JSON body echoing the path).
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      return sendProblem(reply, tooLong ? 414 : 400, tooLong ? 'A path segment is too long' : 'The URL is malformed', {
        code: tooLong ? 'path_too_long' : 'bad_url',
        errors: [{ path: 'params', message: tooLong ? 'Too long' : 'Malformed URL encoding' }],
      });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(dbPlugin, { database: opts.database, clock: opts.clock ?? systemClock, config: opts.config });
  await app.register(queuePlugin);
  app.decorate('exportHooks', opts.exportHooks ?? null);
  await app.register(errorsPlugin);
  await app.register(securityPlugin, opts.security ?? {});
  await app.register(firstRunPlugin);
  await app.register(authPlugin);
  await app.register(swaggerPlugin);
  await app.register(storagePlugin, { storage: opts.storage });
  await app.register(registerModules, { prefix: '/api' });

  const indexHtml =
    opts.webDist && existsSync(path.join(opts.webDist, 'index.html')) ? readFileSync(path.join(opts.webDist, 'index.html'), 'utf8') : null;
  if (opts.webDist && indexHtml !== null) {
    const root = opts.webDist;
    await app.register(async (web) => {
      // The built web app is public by declaration: its files carry no data.
      web.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), public: true };
      });
      await web.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (indexHtml !== null && request.method === 'GET' && !url.startsWith('/api/')) {
      // Client-side routes get the single-page app.
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    return sendProblem(reply, 404, `No route ${request.method} ${url}`, { code: 'not_found' });
  });
  return app;
}
