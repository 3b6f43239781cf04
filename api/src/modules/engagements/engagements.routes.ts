import { EngagementDetailSchema, EngagementListSchema, IdParamsSchema, ProblemSchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/auth.js';
import { setEtag } from '../../lib/etag.js';
import * as service from './engagements.service.js';

const tags = ['engagements'];

export const engagementRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/engagements',
    {
      schema: {
        tags,
        operationId: 'listEngagements',
        summary: 'Engagements the caller may see, with municipality, theme and status',
        response: { 200: EngagementListSchema, 401: ProblemSchema },
      },
    },
    async (request) => ({ items: await service.listEngagements(app.db.db, actorOf(request), app.clock) }),
  );

  app.get(
    '/engagements/:id',
    {
      schema: {
        tags,
        operationId: 'getEngagement',
        params: IdParamsSchema,
        response: { 200: EngagementDetailSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const engagement = await service.getEngagement(app.db.db, actorOf(request), app.clock, request.params.id);
      setEtag(reply, engagement.version);
      return engagement;
    },
  );
};
