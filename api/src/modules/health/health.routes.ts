import { ProblemSchema } from '@banso/shared';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
});

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
      const reachable = await app.db.ping().then(
        () => true,
        () => false,
      );
      const body = { status: reachable ? ('ok' as const) : ('degraded' as const), database: { kind: app.db.kind, reachable } };
      return reply.code(reachable ? 200 : 503).send(body);
    },
  );
};
