import {
  AdoptCaseBodySchema,
  IdParamsSchema,
  LibraryCaseSchema,
  LibraryListSchema,
  LibraryParamsSchema,
  LibraryQuerySchema,
  TreeNodeSourceListSchema,
  TreeSchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { z } from 'zod';
import * as service from './library.service.js';
import { problems } from '../../lib/problems.js';
import { requireIfMatch } from '../../lib/etag.js';
import { TreeCache } from '../tree/tree.cache.js';
import { sendTree } from '../tree/tree.routes.js';

const tags = ['library'];

/** 事例ライブラリ: published reports, searchable by theme, category, region type and indicator. */
export const libraryRoutes: FastifyPluginAsyncZod = async (app) => {
  // Tree bodies built after an adoption (keys carry the revision, so it never serves a stale one).
  const treeCache = new TreeCache();

  app.post(
    '/engagements/:id/tree/adoptions',
    {
      schema: {
        tags: [...tags, 'tree'],
        operationId: 'adoptLibraryCase',
        summary:
          'Use a published case: copy its node and sub-tree under a node of this tree as hypotheses, in one revision (If-Match: the revision)',
        description:
          'Every copied node is a hypothesis (仮説) linked to its source (GET …/tree/sources); the source’s actions become candidate measures. ' +
          'The tree’s rules hold (400 `tree_rule`, e.g. a 要因 goes under a 課題 or 要因); a draft or unreadable case is 404; 412 carries the current tree.',
        params: IdParamsSchema,
        body: AdoptCaseBodySchema,
        response: { 200: TreeSchema, ...problems(400, 401, 403, 404, 412, 413, 428) },
      },
    },
    async (request, reply) => {
      const body = await service.adoptCase(ctx(request), {
        cache: treeCache,
        engagementId: request.params.id,
        body: request.body,
        ifMatch: () => requireIfMatch(request),
        maxNodes: app.config.MAX_TREE_NODES,
      });
      return sendTree(reply, body);
    },
  );

  app.get(
    '/engagements/:id/tree/sources',
    {
      schema: {
        tags: [...tags, 'tree'],
        operationId: 'listTreeNodeSources',
        summary: 'Where the adopted nodes of the tree came from: the published case and its node',
        params: IdParamsSchema,
        response: { 200: TreeNodeSourceListSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.listNodeSources(ctx(request), request.params.id),
  );

  app.get(
    '/library',
    {
      schema: {
        tags,
        operationId: 'listLibraryCases',
        summary: 'Published cases the caller may read (newest published version of each), with filter facets',
        querystring: LibraryQuerySchema,
        response: { 200: LibraryListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => service.listLibrary(ctx(request), request.query),
  );

  app.get(
    '/library/:reportId',
    {
      schema: {
        tags,
        operationId: 'getLibraryCase',
        summary: 'One published case: its tree, actions, roadmap and results, and its published versions',
        params: LibraryParamsSchema,
        response: { 200: LibraryCaseSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.getLibraryCase(ctx(request), request.params.reportId),
  );

  app.get(
    '/library/:reportId/tree.svg',
    {
      schema: {
        tags,
        operationId: 'getLibraryCaseTreeSvg',
        summary: 'The case’s logic tree as an SVG figure (image/svg+xml)',
        params: LibraryParamsSchema,
        response: { 200: z.string(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const svg = await service.libraryTreeSvg(ctx(request), request.params.reportId);
      return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, max-age=300').send(svg);
    },
  );

  app.get(
    '/library/:reportId/preview',
    {
      schema: {
        tags,
        operationId: 'getLibraryCasePreview',
        summary: 'The published report as its print page (text/html), to read or print from the browser',
        params: LibraryParamsSchema,
        response: { 200: z.string(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const html = await service.libraryPreviewHtml(ctx(request), request.params.reportId);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-cache').send(html);
    },
  );
};
