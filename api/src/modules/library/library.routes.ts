import { LibraryCaseSchema, LibraryListSchema, LibraryParamsSchema, LibraryQuerySchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { z } from 'zod';
import * as service from './library.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['library'];

/** 事例ライブラリ: published reports, searchable by theme, category, region type and indicator. */
export const libraryRoutes: FastifyPluginAsyncZod = async (app) => {
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
