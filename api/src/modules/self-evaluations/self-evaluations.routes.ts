import {
  CreateSelfEvaluationBodySchema,
  IdParamsSchema,
  ReorderSelfEvaluationsBodySchema,
  SelfEvaluationExportQuerySchema,
  SelfEvaluationItemSchema,
  SelfEvaluationListSchema,
  SelfEvaluationParamsSchema,
  SelfEvaluationQuerySchema,
  UpdateSelfEvaluationBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { problems } from '../../lib/problems.js';
import { attachmentDisposition } from '../../lib/uploads.js';
import * as service from './self-evaluations.service.js';

const tags = ['self-evaluations'];
const readErrors = problems(400, 401, 403, 404);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const selfEvaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/engagements/:id/self-evaluations',
    {
      schema: {
        tags,
        operationId: 'listSelfEvaluations',
        summary: '「取組と目標」 self-evaluation sheet of one fiscal year (the current one by default), in its order, with the plan period',
        params: IdParamsSchema,
        querystring: SelfEvaluationQuerySchema,
        response: { 200: SelfEvaluationListSchema, ...readErrors },
      },
    },
    async (request) => service.listItems(ctx(request), request.params.id, request.query.fiscalYear),
  );

  app.post(
    '/engagements/:id/self-evaluations',
    {
      schema: {
        tags,
        operationId: 'createSelfEvaluation',
        summary:
          'Adds a 取組と目標 to a fiscal year’s sheet (at its end); 400 naming body.actionIds.N for an action of another engagement, body.fiscalYear outside the plan period; 409 already_exists for a title twice in a year',
        params: IdParamsSchema,
        body: CreateSelfEvaluationBodySchema,
        response: { 201: SelfEvaluationItemSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => {
      const item = await service.createItem(ctx(request), request.params.id, request.body);
      setEtag(reply, item.version);
      return reply.code(201).send(item);
    },
  );

  app.put(
    '/engagements/:id/self-evaluations/order',
    {
      schema: {
        tags,
        operationId: 'reorderSelfEvaluations',
        summary: 'Puts a fiscal year’s items in a new order (every item of the year once; 409 list_changed otherwise)',
        params: IdParamsSchema,
        body: ReorderSelfEvaluationsBodySchema,
        response: { 200: SelfEvaluationListSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request) => service.reorderItems(ctx(request), request.params.id, request.body),
  );

  app.patch(
    '/engagements/:id/self-evaluations/:itemId',
    {
      schema: {
        tags,
        operationId: 'updateSelfEvaluation',
        summary: 'Edits an item: indicator, target, actual, mark ◎○△×, comment, 今後の方向性, linked actions (If-Match)',
        params: SelfEvaluationParamsSchema,
        body: UpdateSelfEvaluationBodySchema,
        response: { 200: SelfEvaluationItemSchema, ...readErrors, ...problems(409, 412, 428) },
      },
    },
    async (request, reply) => {
      const item = await service.updateItem(ctx(request), {
        engagementId: request.params.id,
        itemId: request.params.itemId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, item.version);
      return item;
    },
  );

  app.delete(
    '/engagements/:id/self-evaluations/:itemId',
    {
      schema: {
        tags,
        operationId: 'deleteSelfEvaluation',
        summary: 'Deletes an item (If-Match); the items after it move up',
        params: SelfEvaluationParamsSchema,
        response: { 204: z.null(), ...readErrors, ...problems(412, 428) },
      },
    },
    async (request, reply) => {
      await service.deleteItem(ctx(request), {
        engagementId: request.params.id,
        itemId: request.params.itemId,
        ifMatch: () => requireIfMatch(request),
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/engagements/:id/self-evaluations.xlsx',
    {
      schema: {
        tags,
        operationId: 'exportSelfEvaluations',
        summary: 'The sheet of one fiscal year as a printable Excel file (A4 landscape, title and header repeated on every page)',
        params: IdParamsSchema,
        querystring: SelfEvaluationExportQuerySchema,
        response: { 200: z.unknown().describe('binary file (xlsx)'), ...readErrors },
      },
    },
    async (request, reply) => {
      const file = await service.exportWorkbook(ctx(request), request.params.id, request.query);
      return reply
        .type(XLSX)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .header('content-length', String(file.bytes.byteLength))
        .send(file.bytes);
    },
  );
};
