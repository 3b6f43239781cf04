import {
  CreateFindingBodySchema,
  CreateHomeworkBodySchema,
  CreateVisitBodySchema,
  FindingListSchema,
  FindingParamsSchema,
  FindingQuerySchema,
  FindingSchema,
  HomeworkListSchema,
  HomeworkParamsSchema,
  HomeworkSchema,
  IdParamsSchema,
  UpdateFindingBodySchema,
  UpdateHomeworkBodySchema,
  UpdateVisitBodySchema,
  VisitListSchema,
  VisitParamsSchema,
  VisitSchema,
  VisitViewSchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { z } from 'zod';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import * as service from './hearing.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['hearing'];
const readErrors = problems(400, 401, 403, 404);
const writeErrors = problems(400, 401, 403, 404, 409, 412, 428);

export const hearingRoutes: FastifyPluginAsyncZod = async (app) => {
  // Visits (支援回)

  app.get(
    '/engagements/:id/visits',
    {
      schema: {
        tags,
        operationId: 'listVisits',
        summary: 'Visits in order; observers get the schedule (`view: schedule`: agenda and observer summary, no attendees or minutes)',
        params: IdParamsSchema,
        response: { 200: VisitListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listVisits(ctx(request), request.params.id) }),
  );

  app.post(
    '/engagements/:id/visits',
    {
      schema: {
        tags,
        operationId: 'createVisit',
        summary: 'Advisor plans a visit; seq defaults to the next number',
        params: IdParamsSchema,
        body: CreateVisitBodySchema,
        response: { 201: VisitSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => {
      const visit = await service.createVisit(ctx(request), request.params.id, request.body);
      setEtag(reply, visit.version);
      return reply.code(201).send(visit);
    },
  );

  app.get(
    '/engagements/:id/visits/:visitId',
    {
      schema: {
        tags,
        operationId: 'getVisit',
        summary: 'One visit (full for the team, municipality and office; the schedule with agenda and observer summary for observers)',
        params: VisitParamsSchema,
        response: { 200: VisitViewSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const visit = await service.getVisit(ctx(request), request.params.id, request.params.visitId);
      if (visit.view === 'full') setEtag(reply, visit.version);
      return visit;
    },
  );

  app.patch(
    '/engagements/:id/visits/:visitId',
    {
      schema: {
        tags,
        operationId: 'updateVisit',
        summary: 'Advisor edits a visit or moves its status (planned → held → minutes_approved); If-Match',
        params: VisitParamsSchema,
        body: UpdateVisitBodySchema,
        response: { 200: VisitSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, visitId } = request.params;
      const visit = await service.updateVisit(ctx(request), {
        engagementId: id,
        visitId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, visit.version);
      return visit;
    },
  );

  app.delete(
    '/engagements/:id/visits/:visitId',
    {
      schema: {
        tags,
        operationId: 'deleteVisit',
        summary: 'Advisor deletes a visit; If-Match',
        description:
          '409 `visit_has_findings` (with `findings` and `evidence`, how many back tree evidence) while findings are recorded under it; ' +
          '409 `minutes_approved` while its minutes stand approved. Its homework stays, unlinked.',
        params: VisitParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, visitId } = request.params;
      await service.deleteVisit(ctx(request), { engagementId: id, visitId, ifMatch: () => requireIfMatch(request) });
      return reply.code(204).send(null);
    },
  );

  // Findings

  app.get(
    '/engagements/:id/findings',
    {
      schema: {
        tags,
        operationId: 'listFindings',
        summary: 'Findings the caller may read (team-only ones never reach the municipality or observers)',
        params: IdParamsSchema,
        querystring: FindingQuerySchema,
        response: { 200: FindingListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listFindings(ctx(request), request.params.id, request.query) }),
  );

  app.post(
    '/engagements/:id/findings',
    {
      schema: {
        tags,
        operationId: 'createFinding',
        summary: 'Advisor records a finding, optionally linked to a visit and tree nodes',
        params: IdParamsSchema,
        body: CreateFindingBodySchema,
        response: { 201: FindingSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const finding = await service.createFinding(ctx(request), request.params.id, request.body);
      setEtag(reply, finding.version);
      return reply.code(201).send(finding);
    },
  );

  app.patch(
    '/engagements/:id/findings/:findingId',
    {
      schema: {
        tags,
        operationId: 'updateFinding',
        summary: 'Advisor edits a finding; `nodeIds` replaces the links; If-Match',
        params: FindingParamsSchema,
        body: UpdateFindingBodySchema,
        response: { 200: FindingSchema, ...readErrors, ...problems(412, 428) },
      },
    },
    async (request, reply) => {
      const { id, findingId } = request.params;
      const finding = await service.updateFinding(ctx(request), {
        engagementId: id,
        findingId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, finding.version);
      return finding;
    },
  );

  app.delete(
    '/engagements/:id/findings/:findingId',
    {
      schema: {
        tags,
        operationId: 'deleteFinding',
        summary: 'Advisor deletes a finding; If-Match',
        params: FindingParamsSchema,
        response: { 204: z.null(), ...readErrors, ...problems(412, 428) },
      },
    },
    async (request, reply) => {
      const { id, findingId } = request.params;
      await service.deleteFinding(ctx(request), {
        engagementId: id,
        findingId,
        ifMatch: () => requireIfMatch(request),
      });
      return reply.code(204).send(null);
    },
  );

  // Homework (宿題)

  app.get(
    '/engagements/:id/homework',
    {
      schema: {
        tags,
        operationId: 'listHomework',
        summary: 'Homework of the engagement (not for observers)',
        params: IdParamsSchema,
        response: { 200: HomeworkListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listHomework(ctx(request), request.params.id) }),
  );

  app.post(
    '/engagements/:id/homework',
    {
      schema: {
        tags,
        operationId: 'createHomework',
        summary: 'Advisor records homework for a team member (or a named person)',
        params: IdParamsSchema,
        body: CreateHomeworkBodySchema,
        response: { 201: HomeworkSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const item = await service.createHomework(ctx(request), request.params.id, request.body);
      setEtag(reply, item.version);
      return reply.code(201).send(item);
    },
  );

  app.patch(
    '/engagements/:id/homework/:homeworkId',
    {
      schema: {
        tags,
        operationId: 'updateHomework',
        summary: 'Advisor edits homework; the assigned municipal member may send `{done}`; If-Match',
        params: HomeworkParamsSchema,
        body: UpdateHomeworkBodySchema,
        response: { 200: HomeworkSchema, ...readErrors, ...problems(412, 428) },
      },
    },
    async (request, reply) => {
      const { id, homeworkId } = request.params;
      const item = await service.updateHomework(ctx(request), {
        engagementId: id,
        homeworkId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, item.version);
      return item;
    },
  );

  app.delete(
    '/engagements/:id/homework/:homeworkId',
    {
      schema: {
        tags,
        operationId: 'deleteHomework',
        summary: 'Advisor deletes homework; If-Match',
        params: HomeworkParamsSchema,
        response: { 204: z.null(), ...readErrors, ...problems(412, 428) },
      },
    },
    async (request, reply) => {
      const { id, homeworkId } = request.params;
      await service.deleteHomework(ctx(request), { engagementId: id, homeworkId, ifMatch: () => requireIfMatch(request) });
      return reply.code(204).send(null);
    },
  );
};
