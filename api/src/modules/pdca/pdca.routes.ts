import {
  IdParamsSchema,
  PdcaAdvisorCommentSchema,
  PdcaParamsSchema,
  PdcaReviewListSchema,
  PdcaReviewSchema,
  PutPdcaAdvisorCommentBodySchema,
  PutPdcaReviewBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import * as service from './pdca.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['pdca'];
const readErrors = problems(400, 401, 403, 404);

export const pdcaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/engagements/:id/pdca-reviews',
    {
      schema: {
        tags,
        operationId: 'listPdcaReviews',
        summary: "振り返り: the municipality's self-evaluations and the advisors' comments, newest fiscal year first",
        params: IdParamsSchema,
        response: { 200: PdcaReviewListSchema, ...readErrors },
      },
    },
    async (request) => service.listReviews(ctx(request), request.params.id),
  );

  app.get(
    '/engagements/:id/pdca-reviews/:fiscalYear',
    {
      schema: {
        tags,
        operationId: 'getPdcaReview',
        summary: 'The PDCA review of one fiscal year',
        params: PdcaParamsSchema,
        response: { 200: PdcaReviewSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const review = await service.getReview(ctx(request), request.params.id, request.params.fiscalYear);
      setEtag(reply, review.version);
      return review;
    },
  );

  app.put(
    '/engagements/:id/pdca-reviews/:fiscalYear',
    {
      schema: {
        tags,
        operationId: 'putPdcaReview',
        summary:
          "The municipality's self-evaluation of a fiscal year (its members): ◎ ○ △ ×, comment, next actions; create without If-Match, update with it",
        params: PdcaParamsSchema,
        body: PutPdcaReviewBodySchema,
        response: { 200: PdcaReviewSchema, 201: PdcaReviewSchema, ...readErrors, ...problems(412, 428) },
      },
    },
    async (request, reply) => {
      const ifMatch = () => (request.headers['if-match'] === undefined ? null : requireIfMatch(request));
      const { review, created } = await service.putReview(ctx(request), {
        engagementId: request.params.id,
        fiscalYear: request.params.fiscalYear,
        ifMatch,
        body: request.body,
      });
      setEtag(reply, review.version);
      return reply.code(created ? 201 : 200).send(review);
    },
  );

  app.put(
    '/engagements/:id/pdca-reviews/:fiscalYear/advisor-comment',
    {
      schema: {
        tags,
        operationId: 'putPdcaAdvisorComment',
        summary:
          "The advisors' comment on a fiscal year, beside the municipality's self-evaluation; create without If-Match, update with it",
        params: PdcaParamsSchema,
        body: PutPdcaAdvisorCommentBodySchema,
        response: { 200: PdcaAdvisorCommentSchema, 201: PdcaAdvisorCommentSchema, ...readErrors, ...problems(412, 428) },
      },
    },
    async (request, reply) => {
      const ifMatch = () => (request.headers['if-match'] === undefined ? null : requireIfMatch(request));
      const { comment, created } = await service.putAdvisorComment(ctx(request), {
        engagementId: request.params.id,
        fiscalYear: request.params.fiscalYear,
        ifMatch,
        body: request.body,
      });
      setEtag(reply, comment.version);
      return reply.code(created ? 201 : 200).send(comment);
    },
  );
};
