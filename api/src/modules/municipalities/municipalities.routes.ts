import { MunicipalityImportPreviewSchema, MunicipalityImportQuerySchema, MunicipalityImportResultSchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/problems.js';
import { actorOf } from '../../plugins/auth.js';
import * as service from './municipalities.service.js';

/** The official list is a few hundred kilobytes; room for a decorated xlsx. */
const FILE_LIMIT = 10 * 1024 * 1024;
/** The file is the request body. Shift_JIS CSV must stay bytes, so these are read raw (text/plain arrives decoded as UTF-8). */
const FILE_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

const description =
  'Body: the file itself — CSV (UTF-8 with or without BOM, or Shift_JIS) or xlsx — in the layout of the official ' +
  '全国地方公共団体コード list (団体コード, 都道府県名（漢字）, 市区町村名（漢字）, 都道府県名（カナ）, 市区町村名（カナ）) with optional ' +
  'category (区部/市部/町村部), region type, population and aging-rate columns. Content-Type text/csv, the xlsx type or application/octet-stream.';

export const municipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: FILE_LIMIT }, (_request, body, done) => done(null, body));

  app.post(
    '/municipalities/import/preview',
    {
      bodyLimit: FILE_LIMIT,
      schema: {
        tags: ['programs'],
        operationId: 'previewMunicipalityImport',
        summary:
          'Program office checks a municipality master file: every bad row (row, column, reason) and what applying would change; writes nothing',
        description,
        querystring: MunicipalityImportQuerySchema,
        response: { 200: MunicipalityImportPreviewSchema, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => service.previewImport(app.db.db, actorOf(request), request.body, request.query),
  );

  app.post(
    '/municipalities/import',
    {
      bodyLimit: FILE_LIMIT,
      schema: {
        tags: ['programs'],
        operationId: 'importMunicipalities',
        summary:
          'Program office imports the municipality master: upserts by code in one transaction (audited) and adds the municipalities to its jurisdiction (unless jurisdiction=keep); any bad row refuses the file with 400 listing the rows',
        description,
        querystring: MunicipalityImportQuerySchema,
        response: { 200: MunicipalityImportResultSchema, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => service.applyImport(app.db.db, actorOf(request), request.body, request.query),
  );
};
