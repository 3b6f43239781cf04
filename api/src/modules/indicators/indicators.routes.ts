import {
  CreateIndicatorBodySchema,
  EngagementAnalysisSchema,
  GrantImportPreviewSchema,
  GrantImportResultSchema,
  IdParamsSchema,
  IndicatorImportPreviewSchema,
  IndicatorImportQuerySchema,
  IndicatorImportResultSchema,
  IndicatorListSchema,
  IndicatorSchema,
  IndicatorValueEntryResultSchema,
  IndicatorValueEntrySchema,
  IndicatorValueListSchema,
  UpdateIndicatorBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import * as analysis from './analysis.service.js';
import * as imports from './indicator-import.service.js';
import * as grantImports from './grant-import.service.js';
import * as service from './indicators.service.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
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

const grantDescription =
  'Body: the file itself — CSV (UTF-8 with or without BOM, or Shift_JIS) or xlsx, one evaluation area of one municipality, grant and fiscal year a row: ' +
  '団体コード, 団体名, 交付金 (推進 or 支援, or the full name), 年度 (令和6年度, R6, 2024), 分野コード, 分野, 配点, 得点, 全国平均, 都道府県平均. ' +
  'The areas (code, name, 配点) are data of the file; municipalities outside the office’s jurisdiction are row errors.';

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

  app.post(
    '/grant-scores/import/preview',
    {
      bodyLimit: FILE_LIMIT,
      schema: {
        tags,
        operationId: 'previewGrantImport',
        summary:
          'Program office checks a 交付金 file (both grants, by evaluation area, with the national and prefectural averages): every bad row and what applying would change; writes nothing',
        description: grantDescription,
        response: { 200: GrantImportPreviewSchema, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => grantImports.previewGrantImport(ctx(request), request.body),
  );

  app.post(
    '/grant-scores/import',
    {
      bodyLimit: FILE_LIMIT,
      schema: {
        tags,
        operationId: 'importGrantScores',
        summary:
          'Program office imports 交付金 scores: upserts by (municipality, fiscal year, grant, area code) in one audited transaction; any bad row refuses the file with 400 listing them',
        description: grantDescription,
        response: { 200: GrantImportResultSchema, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => grantImports.applyGrantImport(ctx(request), request.body),
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

  app.post(
    '/indicators',
    {
      schema: {
        tags,
        operationId: 'createIndicator',
        summary: 'Program office adds an indicator to the catalogue (code unique: 409)',
        body: CreateIndicatorBodySchema,
        response: { 201: IndicatorSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const indicator = await service.createIndicator(ctx(request), request.body);
      setEtag(reply, indicator.version);
      return reply.code(201).send(indicator);
    },
  );

  app.patch(
    '/indicators/:id',
    {
      schema: {
        tags,
        operationId: 'updateIndicator',
        summary:
          'Program office edits a catalogue entry; If-Match. A range excluding stored figures, or a period kind other than theirs, is 409',
        params: IdParamsSchema,
        body: UpdateIndicatorBodySchema,
        response: { 200: IndicatorSchema, ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const indicator = await service.updateIndicator(ctx(request), {
        id: request.params.id,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, indicator.version);
      return indicator;
    },
  );

  app.put(
    '/indicator-values',
    {
      schema: {
        tags,
        operationId: 'enterIndicatorValue',
        summary:
          'Program office enters one figure of a municipality, 全国 or a prefecture: upserts by (area, indicator, period), audited; the period must be of the indicator’s kind and the value inside its range',
        body: IndicatorValueEntrySchema,
        response: { 200: IndicatorValueEntryResultSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => service.enterValue(ctx(request), request.body),
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
