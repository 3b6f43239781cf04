import {
  EngagementAnalysisSchema,
  IdParamsSchema,
  IndicatorImportPreviewSchema,
  IndicatorImportQuerySchema,
  IndicatorImportResultSchema,
  IndicatorListSchema,
  IndicatorValueListSchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import * as analysis from './analysis.service.js';
import * as imports from './indicator-import.service.js';
import * as service from './indicators.service.js';
import { problems } from '../../lib/problems.js';

/** A 見える化 table of every municipality over several years stays well under this. */
const FILE_LIMIT = 10 * 1024 * 1024;
/** The file is the body; Shift_JIS CSV must stay bytes. */
const FILE_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/octet-stream',
];
const importDescription =
  'Body: the file itself — CSV (UTF-8 with or without BOM, or Shift_JIS) or xlsx. Either Bansō’s template (団体コード, 指標コード, 期間, 値; ' +
  'optional 団体名) or the table of a 見える化 download (団体コード and 団体名, then one column per period such as 令和6年度, with ?indicator=CODE). ' +
  'Areas: municipalities by their 6-digit code, 全国 (code 00 or the name), prefectures by their 2-digit code or name.';

const tags = ['indicators'];

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: FILE_LIMIT }, (_request, body, done) => done(null, body));

  app.post(
    '/indicator-values/import/preview',
    {
      bodyLimit: FILE_LIMIT,
      schema: {
        tags,
        operationId: 'previewIndicatorImport',
        summary:
          'Program office checks an indicator file: every bad cell (row, column, reason) and what applying would change; writes nothing',
        description: importDescription,
        querystring: IndicatorImportQuerySchema,
        response: { 200: IndicatorImportPreviewSchema, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => imports.previewImport(ctx(request), request.body, request.query),
  );

  app.post(
    '/indicator-values/import',
    {
      bodyLimit: FILE_LIMIT,
      schema: {
        tags,
        operationId: 'importIndicatorValues',
        summary:
          'Program office imports indicator figures: upserts by (area, indicator, period) in one audited transaction; any bad cell refuses the file with 400 listing them',
        description: importDescription,
        querystring: IndicatorImportQuerySchema,
        response: { 200: IndicatorImportResultSchema, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => imports.applyImport(ctx(request), request.body, request.query),
  );

  app.get(
    '/engagements/:id/analysis',
    {
      schema: {
        tags,
        operationId: 'getEngagementAnalysis',
        summary:
          '地域分析: each indicator of the municipality as a time series beside 全国, the prefecture, similar municipalities and neighbours, its rank in the jurisdiction, and the 交付金 scores',
        params: IdParamsSchema,
        response: { 200: EngagementAnalysisSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => analysis.engagementAnalysis(ctx(request), request.params.id),
  );
  app.get(
    '/indicators',
    {
      schema: {
        tags,
        operationId: 'listIndicators',
        summary: 'The indicator catalogue (見える化, surveys, own records)',
        response: { 200: IndicatorListSchema, ...problems(401) },
      },
    },
    async (request) => ({ items: await service.listIndicators(ctx(request)) }),
  );

  app.get(
    '/engagements/:id/indicator-values',
    {
      schema: {
        tags,
        operationId: 'listIndicatorValues',
        summary: 'Indicator values of the engagement’s municipality, with the indicator',
        params: IdParamsSchema,
        response: { 200: IndicatorValueListSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => ({ items: await service.listIndicatorValues(ctx(request), request.params.id) }),
  );
};
