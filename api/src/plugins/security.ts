import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyUnderPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from './errors.js';

export interface SecurityOptions {
  /** Event-loop delay (ms) beyond which requests get 503; 0 disables the check. */
  maxEventLoopDelay?: number;
}

/** Security headers, rate limiting (opt-in per route) and load shedding with 503 + Retry-After. */
export default fp(
  async (app: FastifyInstance, opts: SecurityOptions) => {
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
    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelay ?? 1000,
      retryAfter: 5,
      exposeStatusRoute: false,
      pressureHandler: (_req, reply, type, value) => {
        void reply.header('retry-after', '5');
        sendProblem(reply, 503, `The server is overloaded (${type}: ${value}); retry shortly`, { code: 'overloaded' });
      },
    });
  },
  { name: 'security' },
);
