import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyUnderPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { BadRequest, DomainError } from '../lib/errors.js';

export interface SecurityOptions {
  /**
   * Event-loop delay (ms) beyond which requests get 503; 0 disables the check. Default 1000, and off
   * when NODE_ENV=test (a busy CI machine must not shed test requests; the limits test sets it).
   */
  maxEventLoopDelay?: number;
  /**
   * How often (ms) the event-loop delay is sampled. Default 1000; at least 50, because a window with
   * no sample of the 10 ms histogram reads as an infinite delay (permanent 503).
   */
  sampleInterval?: number;
  /** Seconds sent in Retry-After with a 503. Default 5. */
  retryAfter?: number;
}

/** One registered route, as recorded at registration time (see `routeInventory`). */
export interface RouteEntry {
  method: string;
  /** The full path with fastify parameters, e.g. `/api/engagements/:id/visits`. */
  url: string;
  operationId: string | null;
  public: boolean;
  /** Hidden from the OpenAPI document (docs assets, the document itself). */
  hidden: boolean;
  /** The route's schema as declared (zod schemas for params, querystring, body and responses). */
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Every route registered after the security plugin (that is, all of them but the security
     * plugin's own), with whether it opted out of authentication. The authorization-matrix test
     * walks this list, so a new route without a matrix row fails the build.
     */
    routeInventory: readonly RouteEntry[];
  }
}

/** NUL (PostgreSQL text cannot store it) or a UTF-16 surrogate without its pair (not text at all; jsonb refuses its escape). */
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where a request value holds what PostgreSQL cannot store as text — U+0000, or a lone surrogate
 * (half of a UTF-16 pair) — as a field path (`body.title`), or null. Such a value would otherwise
 * fail deep in a query as a 500.
 */
export function notTextPath(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === 'string') return NOT_TEXT.test(value) ? at : null;
  if (depth > 100 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const found = notTextPath(item, `${at}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Security headers, rate limiting (opt-in per route), load shedding with 503 + Retry-After, and the route inventory. */
export default fp(
  async (app: FastifyInstance, opts: SecurityOptions) => {
    const inventory: RouteEntry[] = [];
    app.decorate('routeInventory', inventory);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const schema: (FastifySchema & { operationId?: unknown; hide?: unknown }) | undefined = route.schema;
      for (const method of methods) {
        // HEAD routes are fastify's automatic twins of GET routes: same handler, same hooks.
        if (method === 'HEAD') continue;
        inventory.push({
          method,
          url: route.url,
          operationId: typeof schema?.operationId === 'string' ? schema.operationId : null,
          // Read when asked: a scope registered later (docs, web assets) may still mark the route public.
          get public() {
            return route.config?.public === true;
          },
          hidden: schema?.hide === true,
          schema,
        });
      }
    });

    app.addHook('preValidation', async (request) => {
      const path = notTextPath(request.body, 'body') ?? notTextPath(request.query, 'querystring') ?? notTextPath(request.params, 'params');
      if (path)
        throw new BadRequest(
          `Invalid ${path}`,
          [{ path, message: 'Text must not contain the NUL character (U+0000) or half of a UTF-16 surrogate pair' }],
          'validation',
        );
    });

    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // React Flow positions nodes with inline styles; Swagger UI needs inline styles too.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    });
    await app.register(fastifyRateLimit, { global: false });
    const retryAfter = opts.retryAfter ?? 5;
    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelay ?? (app.config.NODE_ENV === 'test' ? 0 : 1000),
      ...(opts.sampleInterval ? { sampleInterval: Math.max(50, opts.sampleInterval) } : {}),
      retryAfter,
      exposeStatusRoute: false,
      pressureHandler: (_req, reply, type) => {
        void reply.header('retry-after', String(retryAfter));
        // Thrown, not sent: the hook chain stops here (before authentication, so shedding stays
        // cheap) and the error handler answers problem+json; the Retry-After header stays set.
        throw new DomainError(503, 'overloaded', `The server is overloaded (${type}); retry shortly`);
      },
    });
  },
  { name: 'security', dependencies: ['db', 'errors'] },
);
