import { AuditPageSchema, AuditQuerySchema, IdParamsSchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import * as service from './audit.service.js';
import { problems } from '../../lib/problems.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/engagements/:id/audit',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEntries',
        summary: 'Who changed what and when (advisors, program office), newest first; page with ?before=<nextBefore>',
        params: IdParamsSchema,
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.listAudit(ctx(request), request.params.id, request.query),
  );
};
