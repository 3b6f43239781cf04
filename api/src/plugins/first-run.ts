import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ServiceUnavailable } from '../lib/errors.js';
import { isNeeded } from '../modules/users/first-run.js';

/** Reachable before the first program-office account exists. */
const OPEN_BEFORE_SETUP = ['/api/health', '/api/setup', '/api/docs', '/api/openapi.json'];

/**
 * Until the first program-office account exists, every API route but health, setup and the docs answers
 * 503 setup_required (the web app's files are served). Once it exists, this costs nothing.
 */
export default fp(
  async (app: FastifyInstance) => {
    app.decorate('firstRun', { done: false, tokenHash: null });
    app.addHook('onRequest', async (request) => {
      if (app.firstRun.done) return;
      const url = request.routeOptions.url;
      if (!url?.startsWith('/api/')) return;
      if (OPEN_BEFORE_SETUP.some((p) => url === p || url.startsWith(`${p}/`))) return;
      if (await isNeeded(app))
        throw new ServiceUnavailable('setup_required', 'First-run setup is needed: create the program-office account at /setup', 60);
    });
  },
  { name: 'first-run', dependencies: ['db', 'errors'] },
);
