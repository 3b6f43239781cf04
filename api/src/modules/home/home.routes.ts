import { HomeQuerySchema, HomeSchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { problems } from '../../lib/problems.js';
import * as service from './home.service.js';

const tags = ['home'];

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/todo',
    {
      schema: {
        tags,
        operationId: 'getHome',
        summary: "The caller's to-do list across the engagements they can access (per role), bounded per kind with totals",
        querystring: HomeQuerySchema,
        response: { 200: HomeSchema, ...problems(400, 401) },
      },
    },
    async (request) => service.getHome(ctx(request), request.query.limit),
  );
};
