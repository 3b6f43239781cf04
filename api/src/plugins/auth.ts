import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError, Forbidden, Unauthorized } from '../lib/errors.js';
import { type Actor, actorFromToken, enrolmentRequired, purgeExpired } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'banso_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Opt a route out of authentication. Everything else requires a session. */
    public?: boolean;
    /** Open to an office account that must enrol in two-factor sign-in first (enrolment, sign-out, /auth/me). */
    openDuringEnrolment?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The session cookie's attributes (sign-in, accepted invitation, first-run setup, sign-out). */
export const sessionCookieOptions = (app: FastifyInstance) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: app.config.COOKIE_SECURE,
});

/** The signed-in actor; throws 401 when there is none (handlers of protected routes can rely on it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthorized();
  return request.actor;
}

/**
 * Where a state-changing request comes from, as a browser says (defence in depth beside the CSRF token):
 * `Origin` must name this host or one of ALLOWED_ORIGINS; without `Origin`, `Sec-Fetch-Site` must be
 * same-origin or none. A request with neither (curl, scripts holding the token) is not a browser's and passes.
 */
export function crossOriginReason(request: FastifyRequest, allowed: readonly string[]): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') {
    if (allowed.includes(origin.replace(/\/+$/, ''))) return null;
    let host: string | null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    // The host alone: behind a TLS-terminating proxy the app may see http while the browser says https.
    return host !== null && host === request.host ? null : `Origin ${origin} may not change data here`;
  }
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `A ${site} request may not change data here`;
  return null;
}

/**
 * Session authentication, protected by default: a route is public only with `config: { public: true }`.
 * Public routes, static files and unknown paths never look the session up (they must answer when the
 * database does not). State-changing requests must come from this origin and, on protected routes,
 * echo the session's CSRF token in `x-csrf-token`. Expired sessions and old login failures are purged
 * at start and every PURGE_INTERVAL_MINUTES.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyCookie);
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (request) => {
      // Unknown routes fall through to the not-found handler, which answers without revealing anything.
      if (!request.routeOptions.url) return;
      const unsafe = !SAFE_METHODS.has(request.method);
      if (unsafe) {
        const reason = crossOriginReason(request, app.config.ALLOWED_ORIGINS);
        if (reason) throw new DomainError(403, 'cross_origin', reason);
      }
      if (request.routeOptions.config?.public === true) return;
      const token = request.cookies[SESSION_COOKIE];
      request.actor = token ? await actorFromToken(app.db.db, token, app.config.SESSION_SECRET, app.clock.now()) : null;
      if (!request.actor) throw new Unauthorized();
      if (unsafe && request.headers['x-csrf-token'] !== request.actor.csrfToken)
        throw new Forbidden('Missing or wrong x-csrf-token header');
      // The program requires two-factor sign-in of its office accounts: nothing else until this one enrols.
      if (enrolmentRequired(request.actor) && request.routeOptions.config?.openDuringEnrolment !== true)
        throw new DomainError(403, 'totp_enrolment_required', 'Your program requires two-factor sign-in: enrol first (account security)');
    });

    const windowMs = app.config.LOGIN_WINDOW_MINUTES * 60_000;
    const purge = () =>
      purgeExpired(app.db.db, app.clock.now(), windowMs).catch((err: unknown) => app.log.warn({ err }, 'purging expired sessions failed'));
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<unknown> = Promise.resolve();
    app.addHook('onReady', async () => {
      running = purge();
      timer = setInterval(() => {
        running = purge();
      }, app.config.PURGE_INTERVAL_MINUTES * 60_000);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'auth', dependencies: ['db', 'errors', 'security'] },
);
