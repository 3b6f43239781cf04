import {
  ActionListSchema,
  ActionParamsSchema,
  ActionSchema,
  CreateActionBodySchema,
  IdParamsSchema,
  UpdateActionBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import * as service from './actions.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['actions'];
const readErrors = problems(400, 401, 403, 404);

export const actionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/engagements/:id/actions',
    {
      schema: {
        tags,
        operationId: 'listActions',
        summary: 'Actions (取組) with their measure node and whether roadmap item, milestones and verification plans exist',
        params: IdParamsSchema,
        response: { 200: ActionListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listActions(ctx(request), request.params.id) }),
  );

  app.post(
    '/engagements/:id/actions',
    {
      schema: {
        tags,
        operationId: 'createAction',
        summary: 'Advisor selects a measure node as an action; 409 not_a_measure / already_selected',
        params: IdParamsSchema,
        body: CreateActionBodySchema,
        response: { 201: ActionSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => {
      const action = await service.createAction(ctx(request), request.params.id, request.body);
      setEtag(reply, action.version);
      return reply.code(201).send(action);
    },
  );

  app.patch(
    '/engagements/:id/actions/:actionId',
    {
      schema: {
        tags,
        operationId: 'updateAction',
        summary: 'Advisor edits an action or moves its status (If-Match); 409 transition_not_allowed',
        params: ActionParamsSchema,
        body: UpdateActionBodySchema,
        response: { 200: ActionSchema, ...readErrors, ...problems(409, 412, 428) },
      },
    },
    async (request, reply) => {
      const action = await service.updateAction(ctx(request), {
        engagementId: request.params.id,
        actionId: request.params.actionId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, action.version);
      return action;
    },
  );
};
