import {
  CreateReportBodySchema,
  IdParamsSchema,
  ReportListSchema,
  ReportParamsSchema,
  ReportSchema,
  UpdateReportBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { z } from 'zod';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { exportRoutes } from './exports/exports.routes.js';
import * as service from './reports.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['reports'];

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(exportRoutes);

  app.get(
    '/engagements/:id/reports',
    {
      schema: {
        tags,
        operationId: 'listReports',
        summary: 'Every version of the engagement’s reports, newest first',
        params: IdParamsSchema,
        response: { 200: ReportListSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await service.listReports(ctx(request), request.params.id) }),
  );

  app.post(
    '/engagements/:id/reports',
    {
      schema: {
        tags,
        operationId: 'createReport',
        summary: 'Generates the first draft of a fiscal year’s report from the record (advisor)',
        params: IdParamsSchema,
        body: CreateReportBodySchema,
        response: { 201: ReportSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const report = await service.createReport(ctx(request), request.params.id, request.body);
      setEtag(reply, report.version);
      return reply.code(201).send(report);
    },
  );

  app.get(
    '/engagements/:id/reports/:reportId',
    {
      schema: {
        tags,
        operationId: 'getReport',
        summary: 'One version of a report: the facts snapshot and the narrative of each section',
        params: ReportParamsSchema,
        response: { 200: ReportSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const report = await service.getReport(ctx(request), request.params.id, request.params.reportId);
      setEtag(reply, report.version);
      return report;
    },
  );

  app.patch(
    '/engagements/:id/reports/:reportId',
    {
      schema: {
        tags,
        operationId: 'updateReport',
        summary: 'Edits a draft’s title and section narratives (advisor); 409 when published',
        params: ReportParamsSchema,
        body: UpdateReportBodySchema,
        response: {
          200: ReportSchema,
          ...problems(400, 401, 403, 404, 409, 412, 428),
        },
      },
    },
    async (request, reply) => {
      const report = await service.updateReport(ctx(request), {
        engagementId: request.params.id,
        reportId: request.params.reportId,
        body: request.body,
        ifMatchOf: () => requireIfMatch(request),
      });
      setEtag(reply, report.version);
      return report;
    },
  );

  app.post(
    '/engagements/:id/reports/:reportId/refresh',
    {
      schema: {
        tags,
        operationId: 'refreshReport',
        summary: 'Regenerates a draft’s facts from the current record (advisor); narratives stay',
        params: ReportParamsSchema,
        response: {
          200: ReportSchema,
          ...problems(400, 401, 403, 404, 409, 412, 428),
        },
      },
    },
    async (request, reply) => {
      const report = await service.refreshReport(ctx(request), {
        engagementId: request.params.id,
        reportId: request.params.reportId,
        ifMatchOf: () => requireIfMatch(request),
      });
      setEtag(reply, report.version);
      return report;
    },
  );

  app.post(
    '/engagements/:id/reports/:reportId/publish',
    {
      schema: {
        tags,
        operationId: 'publishReport',
        summary: 'Publishes the latest draft (program office); it becomes immutable and appears in the case library',
        params: ReportParamsSchema,
        response: {
          200: ReportSchema,
          ...problems(400, 401, 403, 404, 409, 412, 428),
        },
      },
    },
    async (request, reply) => {
      const report = await service.publishReport(ctx(request), {
        engagementId: request.params.id,
        reportId: request.params.reportId,
        ifMatchOf: () => requireIfMatch(request),
      });
      setEtag(reply, report.version);
      return report;
    },
  );

  app.post(
    '/engagements/:id/reports/:reportId/versions',
    {
      schema: {
        tags,
        operationId: 'createReportVersion',
        summary: 'Starts a correction: the next version as a draft, from the latest published one (advisor)',
        params: ReportParamsSchema,
        response: { 201: ReportSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const report = await service.createVersion(ctx(request), request.params.id, request.params.reportId);
      setEtag(reply, report.version);
      return reply.code(201).send(report);
    },
  );

  app.get(
    '/engagements/:id/reports/:reportId/tree.svg',
    {
      schema: {
        tags,
        operationId: 'getReportTreeSvg',
        summary: 'The report’s logic tree as an SVG figure (image/svg+xml)',
        params: ReportParamsSchema,
        response: { 200: z.string(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const svg = await service.reportTreeSvg(ctx(request), request.params.id, request.params.reportId);
      return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, no-cache').send(svg);
    },
  );

  app.get(
    '/engagements/:id/reports/:reportId/preview',
    {
      schema: {
        tags,
        operationId: 'getReportPreview',
        summary: 'The report as the print page the PDF is made from (text/html)',
        params: ReportParamsSchema,
        response: { 200: z.string(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const html = await service.reportPreviewHtml(ctx(request), request.params.id, request.params.reportId);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-cache').send(html);
    },
  );
};
