import { IdParamsSchema, IndicatorListSchema, IndicatorValueListSchema, ProblemSchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/auth.js';
import * as service from './indicators.service.js';

const tags = ['indicators'];

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/indicators',
    {
      schema: {
        tags,
        operationId: 'listIndicators',
        summary: 'The indicator catalogue (見える化, surveys, own records)',
        response: { 200: IndicatorListSchema, 401: ProblemSchema },
      },
    },
    async () => ({ items: await service.listIndicators(app.db.db) }),
  );

  app.get(
    '/engagements/:id/indicator-values',
    {
      schema: {
        tags,
        operationId: 'listIndicatorValues',
        summary: 'Indicator values of the engagement’s municipality, with the indicator',
        params: IdParamsSchema,
        response: { 200: IndicatorValueListSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => ({ items: await service.listIndicatorValues(app.db.db, actorOf(request), app.clock, request.params.id) }),
  );
};
