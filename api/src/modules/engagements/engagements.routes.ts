import {
  ContinuationBodySchema,
  CreateEngagementBodySchema,
  EngagementDetailSchema,
  EngagementListSchema,
  EngagementStatusBodySchema,
  IdParamsSchema,
  PortfolioQuerySchema,
  PortfolioSchema,
  ReadinessSchema,
  UpdateEngagementBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import * as service from './engagements.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['engagements'];

export const engagementRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/engagements',
    {
      schema: {
        tags,
        operationId: 'listEngagements',
        summary: 'Engagements the caller may see, with municipality, theme and status',
        response: { 200: EngagementListSchema, ...problems(401) },
      },
    },
    async (request) => ({ items: await service.listEngagements(ctx(request)) }),
  );

  app.post(
    '/engagements',
    {
      schema: {
        tags,
        operationId: 'createEngagement',
        summary: 'Program office opens an engagement for a municipality in one of its programs',
        body: CreateEngagementBodySchema,
        response: { 201: EngagementDetailSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const engagement = await service.createEngagement(ctx(request), request.body);
      setEtag(reply, engagement.version);
      return reply.code(201).send(engagement);
    },
  );

  app.get(
    '/engagements/:id',
    {
      schema: {
        tags,
        operationId: 'getEngagement',
        params: IdParamsSchema,
        response: { 200: EngagementDetailSchema, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const engagement = await service.getEngagement(ctx(request), request.params.id);
      setEtag(reply, engagement.version);
      return engagement;
    },
  );

  app.patch(
    '/engagements/:id',
    {
      schema: {
        tags,
        operationId: 'updateEngagement',
        summary: 'Edit theme and desired state (目指す姿): program office and advisors (engagement.vision); If-Match',
        params: IdParamsSchema,
        body: UpdateEngagementBodySchema,
        response: {
          200: EngagementDetailSchema,
          ...problems(400, 401, 403, 404, 412, 428),
        },
      },
    },
    async (request, reply) => {
      const engagement = await service.updateEngagement(ctx(request), {
        id: request.params.id,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, engagement.version);
      return engagement;
    },
  );

  app.post(
    '/engagements/:id/status',
    {
      schema: {
        tags,
        operationId: 'moveEngagementStatus',
        summary: 'Move the engagement along its workflow; If-Match; roadmap_agreed is gated on the roadmap and verification plans',
        params: IdParamsSchema,
        body: EngagementStatusBodySchema,
        response: {
          200: EngagementDetailSchema,
          ...problems(400, 401, 403, 404, 409, 412, 428),
        },
      },
    },
    async (request, reply) => {
      const engagement = await service.moveStatus(ctx(request), {
        id: request.params.id,
        ifMatch: () => requireIfMatch(request),
        status: request.body.status,
      });
      setEtag(reply, engagement.version);
      return engagement;
    },
  );

  for (const [path, step, operationId, summary] of [
    [
      'roadmap-proposal',
      'propose',
      'proposeRoadmap',
      'The team proposes the roadmap (ロードマップ合意, step 1); If-Match; gated on completeness',
    ],
    [
      'roadmap-agreement',
      'agree',
      'agreeRoadmap',
      'A municipal member agrees to the proposed roadmap: roadmap_agreed; If-Match; gated again',
    ],
    [
      'roadmap-agreement/withdrawal',
      'withdraw',
      'withdrawRoadmapAgreement',
      'Withdraw the agreement (back to proposed) or else the proposal, before monitoring; If-Match',
    ],
  ] as const) {
    app.post(
      `/engagements/:id/${path}`,
      {
        schema: {
          tags,
          operationId,
          summary,
          params: IdParamsSchema,
          response: { 200: EngagementDetailSchema, ...problems(400, 401, 403, 404, 409, 412, 428) },
        },
      },
      async (request, reply) => {
        const engagement = await service.roadmapAgreementStep(ctx(request), {
          id: request.params.id,
          ifMatch: () => requireIfMatch(request),
          step,
        });
        setEtag(reply, engagement.version);
        return engagement;
      },
    );
  }

  app.get(
    '/engagements/:id/readiness',
    {
      schema: {
        tags,
        operationId: 'getEngagementReadiness',
        summary: 'What still blocks roadmap_agreed, and the statuses the engagement may move to',
        params: IdParamsSchema,
        response: { 200: ReadinessSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.getReadiness(ctx(request), request.params.id),
  );

  app.post(
    '/engagements/:id/continuations',
    {
      schema: {
        tags,
        operationId: 'continueEngagement',
        summary: 'Next fiscal year’s engagement for the same municipality, copying tree, open actions, verification plans and team',
        params: IdParamsSchema,
        body: ContinuationBodySchema,
        response: {
          201: EngagementDetailSchema,
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const engagement = await service.continueEngagement(ctx(request), request.params.id, request.body);
      setEtag(reply, engagement.version);
      return reply.code(201).send(engagement);
    },
  );

  app.get(
    '/portfolio',
    {
      schema: {
        tags,
        operationId: 'getPortfolio',
        summary: 'Program office: every engagement of its programs with status, roadmap, delays, progress and last activity',
        querystring: PortfolioQuerySchema,
        response: { 200: PortfolioSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => ({ items: await service.getPortfolio(ctx(request), request.query) }),
  );
};
