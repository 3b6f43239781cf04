import { CreateExportBodySchema, ExportJobParamsSchema, ExportJobSchema, IdParamsSchema, ProgramEventParamsSchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../../lib/context.js';
import { z } from 'zod';
import { ExportRunner, type ExportRunnerOptions } from './export-runner.js';
import * as service from './exports.service.js';
import { problems } from '../../../lib/problems.js';
import { attachmentDisposition } from '../../../lib/uploads.js';
import { ServiceUnavailable } from '../../../lib/errors.js';
import { packHtml } from '../../program-events/pack-html.js';
import { packSource } from '../../program-events/program-events.service.js';

const tags = ['exports'];

declare module 'fastify' {
  interface FastifyInstance {
    /** Tests only (buildApp's `exportHooks`): runs before each export's render, e.g. a stand-in for a long PDF. */
    exportHooks: Pick<ExportRunnerOptions, 'beforeRender'> | null;
  }
}

/** Export jobs, run from the job queue (exports.run). Chromium starts on the first PDF and closes with the app. */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const c = app.config;
  const runner = new ExportRunner(app.db.db, app.clock, app.log, {
    concurrency: c.EXPORT_CONCURRENCY,
    timeoutMs: c.EXPORT_TIMEOUT_MS,
    chromiumPath: c.CHROMIUM_PATH,
    heartbeatSeconds: c.EXPORT_HEARTBEAT_SECONDS,
    maxAttempts: c.EXPORT_MAX_ATTEMPTS,
    quotaPerUser: c.EXPORT_QUOTA_PER_USER,
    ...(app.hasDecorator('exportHooks') && app.exportHooks ? app.exportHooks : {}),
  });
  runner.define(app.jobs);
  // onClose runs after the queue has stopped (preClose): no export is rendering any more.
  app.addHook('onClose', async () => {
    await runner.close();
  });

  app.post(
    '/engagements/:id/exports',
    {
      schema: {
        tags,
        operationId: 'createExport',
        summary: 'Queues an export: pdf (a report), xlsx (the engagement as a workbook) or pptx (tree and roadmap); 202 with the job',
        params: IdParamsSchema,
        body: CreateExportBodySchema,
        response: { 202: ExportJobSchema, ...problems(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const job = await service.createExport(ctx(request), {
        runner,
        engagementId: request.params.id,
        body: request.body,
      });
      return reply.code(202).header('location', `/api/engagements/${job.engagementId}/exports/${job.id}`).send(job);
    },
  );

  app.get(
    '/engagements/:id/exports/:jobId',
    {
      schema: {
        tags,
        operationId: 'getExport',
        summary: 'Status and progress of one of the caller’s export jobs',
        params: ExportJobParamsSchema,
        response: { 200: ExportJobSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const job = await service.getExport(ctx(request), request.params.id, request.params.jobId);
      return reply.header('cache-control', 'no-store').send(job);
    },
  );

  app.get(
    '/engagements/:id/exports/:jobId/file',
    {
      schema: {
        tags,
        operationId: 'downloadExport',
        summary: 'The finished file (PDF, .xlsx or .pptx) as an attachment; 409 while not done',
        params: ExportJobParamsSchema,
        response: { 200: z.unknown().describe('binary file (PDF, xlsx or pptx)'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const file = await service.getExportFile(ctx(request), request.params.id, request.params.jobId);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .header('content-length', String(file.bytes.byteLength))
        .send(file.bytes);
    },
  );

  app.get(
    '/programs/:programId/events/:eventId/pack',
    {
      schema: {
        tags: ['program-events'],
        operationId: 'downloadProgramEventPack',
        summary:
          'The 報告会 pack: one tagged PDF (cover, agenda, each participating engagement’s newest published report, a bookmark per report)',
        description:
          'Read by everyone who reads the event. 409 `not_report_meeting` for other kinds of events; 503 `pdf_unavailable` without Chromium.',
        params: ProgramEventParamsSchema,
        response: { 200: z.unknown().describe('the PDF'), ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const source = await packSource(ctx(request), request.params.programId, request.params.eventId);
      if (!runner.pdfAvailable())
        throw new ServiceUnavailable('pdf_unavailable', 'PDF export needs Chromium, which is not installed on the server', 3600);
      const pdf = await runner.printNow(packHtml(source));
      const fileName = `${source.event.startDate}_${source.event.title}_資料集.pdf`.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 120);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentDisposition(fileName))
        .header('cache-control', 'private, no-store')
        .header('content-length', String(pdf.byteLength))
        .send(pdf);
    },
  );
};
