import { ProblemSchema } from '@banso/shared';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { databaseUnavailableReason } from '../../lib/errors.js';

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    reachable: z.boolean(),
    /** Why the database is not reachable (timeout, connection refused, …); absent when it is. */
    reason: z.string().optional(),
  }),
});

/** The health check answers within this, whatever the database does. */
const PING_DEADLINE_MS = 1_500;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        operationId: 'getHealth',
        security: [],
        // 503 also comes from load shedding (plugins/security.ts) as problem+json.
        response: { 200: HealthSchema, 503: z.union([HealthSchema, ProblemSchema]) },
      },
    },
    async (_request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`no answer within ${PING_DEADLINE_MS} ms`), PING_DEADLINE_MS);
      });
      const ping = app.db.ping().then(
        () => null,
        (err: unknown) => databaseUnavailableReason(err) ?? 'the database answered with an error',
      );
      const reason = await Promise.race([ping, deadline]).finally(() => clearTimeout(timer));
      const database = { kind: app.db.kind, reachable: reason === null, ...(reason === null ? {} : { reason }) };
      if (reason !== null) void reply.header('retry-after', String(app.config.DB_RETRY_AFTER_SECONDS)).header('cache-control', 'no-store');
      return reply.code(reason === null ? 200 : 503).send({ status: reason === null ? 'ok' : 'degraded', database });
    },
  );
};
