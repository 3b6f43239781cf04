import { IdParamsSchema, IndicatorListSchema, IndicatorValueListSchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import * as service from './indicators.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['indicators'];

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/indicators',
    {
      schema: {
        tags,
        operationId: 'listIndicators',
        summary: 'The indicator catalogue (見える化, surveys, own records)',
        response: { 200: IndicatorListSchema, ...problems(401) },
      },
    },
    async (request) => ({ items: await service.listIndicators(ctx(request)) }),
  );

  app.get(
    '/engagements/:id/indicator-values',
    {
      schema: {
        tags,
        operationId: 'listIndicatorValues',
        summary: 'Indicator values of the engagement’s municipality, with the indicator',
        params: IdParamsSchema,
        response: { 200: IndicatorValueListSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => ({ items: await service.listIndicatorValues(ctx(request), request.params.id) }),
  );
};
