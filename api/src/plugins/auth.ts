import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden, Unauthorized } from '../lib/errors.js';
import { type Actor, actorFromToken } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'banso_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Opt a route out of authentication. Everything else requires a session. */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in actor; throws 401 when there is none (handlers of protected routes can rely on it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthorized();
  return request.actor;
}

/**
 * Session authentication, protected by default: a route is public only with `config: { public: true }`.
 * State-changing requests must echo the session's CSRF token in `x-csrf-token`.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyCookie);
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      request.actor = token ? await actorFromToken(app.db.db, token, app.config.SESSION_SECRET, app.clock.now()) : null;
      const isPublic = request.routeOptions.config?.public === true;
      // Unknown routes fall through to the not-found handler, which answers without revealing anything.
      if (!request.routeOptions.url) return;
      if (isPublic) return;
      if (!request.actor) throw new Unauthorized();
      if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.actor.csrfToken)
        throw new Forbidden('Missing or wrong x-csrf-token header');
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
