import {
  CommentCountsQuerySchema,
  CommentCountsSchema,
  CommentListQuerySchema,
  CommentParamsSchema,
  CommentResolutionBodySchema,
  CommentSchema,
  CommentThreadPageSchema,
  CreateCommentBodySchema,
  IdParamsSchema,
  UpdateCommentBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { problems } from '../../lib/problems.js';
import * as service from './comments.service.js';

const tags = ['comments'];
const readErrors = problems(400, 401, 403, 404);
const writeErrors = problems(400, 401, 403, 404, 409, 412, 428);

export const commentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/engagements/:id/comments',
    {
      schema: {
        tags,
        operationId: 'listComments',
        summary: 'Comment threads the caller may read, newest first, with their replies; filter by subject; cursor pages',
        description: 'Observers read only threads visible to observers; the municipality never reads team threads.',
        params: IdParamsSchema,
        querystring: CommentListQuerySchema,
        response: { 200: CommentThreadPageSchema, ...readErrors },
      },
    },
    async (request) => service.listComments(ctx(request), request.params.id, request.query),
  );

  app.get(
    '/engagements/:id/comments/counts',
    {
      schema: {
        tags,
        operationId: 'getCommentCounts',
        summary: 'Per subject of a type: the threads the caller may read, open and total (the badges on node cards)',
        params: IdParamsSchema,
        querystring: CommentCountsQuerySchema,
        response: { 200: CommentCountsSchema, ...readErrors },
      },
    },
    async (request) => service.countComments(ctx(request), request.params.id, request.query.subjectType),
  );

  app.get(
    '/engagements/:id/comments/:commentId',
    {
      schema: {
        tags,
        operationId: 'getComment',
        summary: 'One comment (404 when its thread is not the caller’s to read)',
        params: CommentParamsSchema,
        response: { 200: CommentSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const comment = await service.getComment(ctx(request), request.params.id, request.params.commentId);
      setEtag(reply, comment.version);
      return comment;
    },
  );

  app.post(
    '/engagements/:id/comments',
    {
      schema: {
        tags,
        operationId: 'createComment',
        summary: 'Start a thread or reply in one (parentId); observers ask questions (kind question, visibility observers)',
        description: '400 names body.visibility, body.kind, body.parentId, body.subjectId or body.mentions.N.',
        params: IdParamsSchema,
        body: CreateCommentBodySchema,
        response: { 201: CommentSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const { comment } = await service.createComment(ctx(request), request.params.id, request.body);
      setEtag(reply, comment.version);
      return reply.code(201).send(comment);
    },
  );

  app.patch(
    '/engagements/:id/comments/:commentId',
    {
      schema: {
        tags,
        operationId: 'updateComment',
        summary: 'The author edits a comment; If-Match',
        params: CommentParamsSchema,
        body: UpdateCommentBodySchema,
        response: { 200: CommentSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, commentId } = request.params;
      const { comment } = await service.updateComment(ctx(request), {
        engagementId: id,
        commentId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, comment.version);
      return comment;
    },
  );

  app.delete(
    '/engagements/:id/comments/:commentId',
    {
      schema: {
        tags,
        operationId: 'deleteComment',
        summary: 'The author deletes a comment (the thread keeps its place: 「削除されました」); If-Match',
        params: CommentParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, commentId } = request.params;
      await service.deleteComment(ctx(request), { engagementId: id, commentId, ifMatch: () => requireIfMatch(request) });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/engagements/:id/comments/:commentId/resolution',
    {
      schema: {
        tags,
        operationId: 'setCommentResolution',
        summary: 'Resolve or reopen a thread (its first comment): the team and the municipality, or the observer who asked; If-Match',
        params: CommentParamsSchema,
        body: CommentResolutionBodySchema,
        response: { 200: CommentSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, commentId } = request.params;
      const comment = await service.setResolution(ctx(request), {
        engagementId: id,
        commentId,
        ifMatch: () => requireIfMatch(request),
        resolved: request.body.resolved,
      });
      setEtag(reply, comment.version);
      return comment;
    },
  );
};
