import {
  LibraryCaseSchema,
  PublicLinkBodySchema,
  PublicLinkCreatedSchema,
  PublicLinkListSchema,
  PublicLinkParamsSchema,
  PublicLinkSchema,
  PublicTokenParamsSchema,
  ReportParamsSchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../../lib/context.js';
import { problems } from '../../lib/problems.js';
import * as service from './public-links.service.js';

const tags = ['reports'];

/** Public read-only links to a published report: managed by the program office, read without signing in. */
export const publicLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/engagements/:id/reports/:reportId/public-links',
    {
      schema: {
        tags,
        operationId: 'createPublicLink',
        summary:
          'Program office creates a public read-only link to a published report (the token is shown once; only its hash is kept); 409 report_not_shareable for a draft',
        params: ReportParamsSchema,
        body: PublicLinkBodySchema,
        response: { 201: PublicLinkCreatedSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createLink(ctx(request), request.params.id, request.params.reportId, request.body)),
  );

  app.get(
    '/engagements/:id/reports/:reportId/public-links',
    {
      schema: {
        tags,
        operationId: 'listPublicLinks',
        summary: 'The public links of a report, newest first, with whether each still opens it',
        params: ReportParamsSchema,
        response: { 200: PublicLinkListSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await service.listLinks(ctx(request), request.params.id, request.params.reportId) }),
  );

  app.post(
    '/engagements/:id/reports/:reportId/public-links/:linkId/revoke',
    {
      schema: {
        tags,
        operationId: 'revokePublicLink',
        summary: 'Program office revokes a public link: it stops working at once; 409 link_already_revoked',
        params: PublicLinkParamsSchema,
        response: { 200: PublicLinkSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.revokeLink(ctx(request), request.params.id, request.params.reportId, request.params.linkId),
  );

  const rateLimit = { max: app.config.PUBLIC_LINK_RATE_PER_MINUTE, timeWindow: 60_000 };

  app.get(
    '/public/reports/:token',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        operationId: 'getPublicReport',
        summary: 'The published report behind a public link, read-only, without signing in (rate-limited); 404 when revoked or expired',
        security: [],
        params: PublicTokenParamsSchema,
        response: { 200: LibraryCaseSchema, ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      return service.readPublic(app.db.db, request.params.token, app.clock.now());
    },
  );

  app.get(
    '/public/reports/:token/tree.svg',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        operationId: 'getPublicReportTreeSvg',
        summary: 'The logic tree of the report behind a public link, as SVG (rate-limited)',
        security: [],
        params: PublicTokenParamsSchema,
        response: { 200: z.string(), ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const svg = await service.publicTreeSvg(app.db.db, request.params.token, app.clock.now());
      return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store').header('x-robots-tag', 'noindex').send(svg);
    },
  );
};
