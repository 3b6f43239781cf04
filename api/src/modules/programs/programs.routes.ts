import {
  CreateProgramBodySchema,
  IdParamsSchema,
  MunicipalityListSchema,
  ProgramListSchema,
  ProgramSchema,
  UpdateProgramBodySchema,
} from '@banso/shared';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import * as service from './programs.service.js';
import { problems } from '../../lib/problems.js';

export const programRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/programs',
    {
      schema: {
        tags: ['programs'],
        operationId: 'listPrograms',
        summary: 'Support programs (one per fiscal year), with visit windows and whether the caller administers each',
        response: { 200: ProgramListSchema, ...problems(401) },
      },
    },
    async (request) => ({ items: await service.listPrograms(ctx(request)) }),
  );

  app.post(
    '/programs',
    {
      schema: {
        tags: ['programs'],
        operationId: 'createProgram',
        summary: 'Program office opens a fiscal year’s program (inherits the office’s organizer)',
        body: CreateProgramBodySchema,
        response: { 201: ProgramSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const program = await service.createProgram(ctx(request), request.body);
      setEtag(reply, program.version);
      return reply.code(201).send(program);
    },
  );

  app.patch(
    '/programs/:id',
    {
      schema: {
        tags: ['programs'],
        operationId: 'updateProgram',
        summary: 'Program office edits name, fiscal year, plan period, visit windows and report meeting; If-Match',
        params: IdParamsSchema,
        body: UpdateProgramBodySchema,
        response: { 200: ProgramSchema, ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const program = await service.updateProgram(ctx(request), {
        id: request.params.id,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, program.version);
      return program;
    },
  );

  app.get(
    '/municipalities',
    {
      schema: {
        tags: ['programs'],
        operationId: 'listMunicipalities',
        summary: 'Municipalities with their neighbours, for pickers',
        response: { 200: MunicipalityListSchema, ...problems(401) },
      },
    },
    async (request) => ({ items: await service.listMunicipalities(ctx(request)) }),
  );
};
