import { IdParamsSchema, WorkbookApplyQuerySchema, WorkbookApplyResultSchema, WorkbookPreviewSchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { problems } from '../../lib/problems.js';
import { TreeCache } from '../tree/tree.cache.js';
import * as service from './workbook.service.js';

const tags = ['exports'];

/** The engagement workbook of a large engagement stays far under this. */
const FILE_LIMIT = 10 * 1024 * 1024;
/** The workbook is the body. */
const FILE_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
const description =
  'Body: the engagement workbook Bansō exported (POST /engagements/{id}/exports with format xlsx), edited offline, as the xlsx file itself. ' +
  'Editable: node titles (ロジックツリー), an action’s department, partners, priority, status and rationale (取組), a milestone’s due date, ' +
  'title and status (ロードマップ), a verification plan’s baseline, target, timing, source, responsible and method (検証方法), and ' +
  'measurements (測定値: changed, added as new rows, removed by deleting rows). Rows are matched by the hidden id and version columns; ' +
  'a cell changed in Bansō since the export and in the workbook is a conflict. 400 `invalid_workbook` names every bad cell ' +
  '(`errors[].sheet`, `errors[].row`, `errors[].column`, `errors[].rule`).';

export const workbookRoutes: FastifyPluginAsyncZod = async (app) => {
  const cache = new TreeCache();
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: FILE_LIMIT }, (_request, body, done) => done(null, body));

  app.post(
    '/engagements/:id/workbook/preview',
    {
      bodyLimit: FILE_LIMIT,
      schema: {
        tags,
        operationId: 'previewWorkbookImport',
        summary: 'Compare an edited engagement workbook with the record: changed, added, removed and conflicting cells; writes nothing',
        description,
        params: IdParamsSchema,
        response: { 200: WorkbookPreviewSchema, ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => service.previewWorkbook(ctx(request), request.params.id, request.body),
  );

  app.post(
    '/engagements/:id/workbook/apply',
    {
      bodyLimit: FILE_LIMIT,
      schema: {
        tags,
        operationId: 'applyWorkbookImport',
        summary:
          'Apply the same workbook as confirmed (If-Match: the preview’s digest; ?take=conflict keys whose workbook value wins): titles as one tree revision, the rest in the same transaction',
        description:
          `${description} All or nothing. 412 carries the new preview in \`current\` when the engagement changed since the preview in a way that ` +
          'affects the workbook; 403 names every row the role may not change; a conflict not in `take` keeps Bansō’s value.',
        params: IdParamsSchema,
        querystring: WorkbookApplyQuerySchema,
        response: { 200: WorkbookApplyResultSchema, ...problems(400, 401, 403, 404, 409, 412, 413, 415, 428) },
      },
    },
    async (request) =>
      service.applyWorkbook(ctx(request), {
        cache,
        engagementId: request.params.id,
        body: request.body,
        ifMatch: () => service.digestOf(request.headers['if-match']),
        query: request.query,
        maxNodes: app.config.MAX_TREE_NODES,
      }),
  );
};
