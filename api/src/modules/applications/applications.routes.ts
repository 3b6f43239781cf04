import {
  AdvisorCandidateListSchema,
  ApplicationListSchema,
  ApplicationParamsSchema,
  ApplicationSchema,
  CreateApplicationBodySchema,
  ProgramApplicationsParamsSchema,
  SelectApplicationBodySchema,
  SelectionResultSchema,
  UpdateApplicationBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import * as service from './applications.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['applications'];
const readProblems = problems(400, 401, 403, 404);
const writeProblems = problems(400, 401, 403, 404, 409, 412, 428);

/** 希望制: applications to a program and the program office's selection. */
export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/programs/:programId/applications',
    {
      schema: {
        tags,
        operationId: 'listApplications',
        summary: 'Applications to the program: all of them with indicators side by side (program office), or your municipality’s',
        params: ProgramApplicationsParamsSchema,
        response: { 200: ApplicationListSchema, ...readProblems },
      },
    },
    async (request) => service.listApplications(ctx(request), request.params.programId),
  );

  app.post(
    '/programs/:programId/applications',
    {
      schema: {
        tags,
        operationId: 'createApplication',
        summary: 'Applies to the program for your own municipality (municipal staff)',
        params: ProgramApplicationsParamsSchema,
        body: CreateApplicationBodySchema,
        response: { 201: ApplicationSchema, ...readProblems, ...problems(409) },
      },
    },
    async (request, reply) => {
      const application = await service.createApplication(ctx(request), request.params.programId, request.body);
      setEtag(reply, application.version);
      return reply.code(201).send(application);
    },
  );

  app.get(
    '/programs/:programId/applications/:applicationId',
    {
      schema: {
        tags,
        operationId: 'getApplication',
        params: ApplicationParamsSchema,
        response: { 200: ApplicationSchema, ...readProblems },
      },
    },
    async (request, reply) => {
      const application = await service.getApplication(ctx(request), request.params.programId, request.params.applicationId);
      setEtag(reply, application.version);
      return application;
    },
  );

  app.patch(
    '/programs/:programId/applications/:applicationId',
    {
      schema: {
        tags,
        operationId: 'updateApplication',
        summary: 'Edits or withdraws your municipality’s application while it is submitted',
        params: ApplicationParamsSchema,
        body: UpdateApplicationBodySchema,
        response: { 200: ApplicationSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const application = await service.updateApplication(ctx(request), {
        programId: request.params.programId,
        applicationId: request.params.applicationId,
        body: request.body,
        ifMatchOf: () => requireIfMatch(request),
      });
      setEtag(reply, application.version);
      return application;
    },
  );

  app.post(
    '/programs/:programId/applications/:applicationId/selection',
    {
      schema: {
        tags,
        operationId: 'selectApplication',
        summary: 'Selects the application (program office): creates the engagement with its team; 409 category_taken unless force',
        params: ApplicationParamsSchema,
        body: SelectApplicationBodySchema,
        response: { 201: SelectionResultSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const result = await service.selectApplication(ctx(request), {
        programId: request.params.programId,
        applicationId: request.params.applicationId,
        body: request.body,
        ifMatchOf: () => requireIfMatch(request),
      });
      setEtag(reply, result.application.version);
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/programs/:programId/applications/:applicationId/decline',
    {
      schema: {
        tags,
        operationId: 'declineApplication',
        summary: 'Declines the application (program office)',
        params: ApplicationParamsSchema,
        response: { 200: ApplicationSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const application = await service.declineApplication(ctx(request), {
        programId: request.params.programId,
        applicationId: request.params.applicationId,
        ifMatchOf: () => requireIfMatch(request),
      });
      setEtag(reply, application.version);
      return application;
    },
  );

  app.get(
    '/programs/:programId/advisor-candidates',
    {
      schema: {
        tags,
        operationId: 'listAdvisorCandidates',
        summary: 'People who may be chosen as advisors at selection (program office)',
        params: ProgramApplicationsParamsSchema,
        response: { 200: AdvisorCandidateListSchema, ...readProblems },
      },
    },
    async (request) => ({ items: await service.listAdvisorCandidates(ctx(request), request.params.programId) }),
  );
};
