import {
  ApproveObservationRequestBodySchema,
  AttendanceListSchema,
  AttendanceParamsSchema,
  AttendanceSchema,
  CreateObservationRequestBodySchema,
  IdParamsSchema,
  ObservableEngagementListSchema,
  ObservationRequestListSchema,
  ObservationRequestParamsSchema,
  ObservationRequestQuerySchema,
  ObservationRequestSchema,
  RecordAttendanceBodySchema,
  VisitParamsSchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { problems } from '../../lib/problems.js';
import * as service from './attendance.service.js';

const tags = ['attendance'];
const readErrors = problems(400, 401, 403, 404);
const writeErrors = problems(400, 401, 403, 404, 409, 412, 428);

export const attendanceRoutes: FastifyPluginAsyncZod = async (app) => {
  // 参加登録

  app.get(
    '/engagements/:id/visits/:visitId/attendance',
    {
      schema: {
        tags,
        operationId: 'listVisitAttendance',
        summary: 'Who registered for a visit and who attended; observers see the list by organization',
        params: VisitParamsSchema,
        response: { 200: AttendanceListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listAttendance(ctx(request), request.params.id, request.params.visitId) }),
  );

  app.put(
    '/engagements/:id/visits/:visitId/attendance/mine',
    {
      schema: {
        tags,
        operationId: 'registerAttendance',
        summary: '参加登録: an observer or municipal member registers for a visit still to come (idempotent)',
        description: '409 `visit_past` once the visit’s date has passed.',
        params: VisitParamsSchema,
        response: { 200: AttendanceSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => {
      const attendance = await service.registerMine(ctx(request), request.params.id, request.params.visitId);
      setEtag(reply, attendance.version);
      return attendance;
    },
  );

  app.delete(
    '/engagements/:id/visits/:visitId/attendance/mine',
    {
      schema: {
        tags,
        operationId: 'withdrawAttendance',
        summary: 'Withdraws one’s own registration for a visit still to come (idempotent)',
        description: '409 `visit_past` once the visit’s date has passed.',
        params: VisitParamsSchema,
        response: { 204: z.null(), ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => {
      await service.withdrawMine(ctx(request), request.params.id, request.params.visitId);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/engagements/:id/visits/:visitId/attendance/:attendanceId',
    {
      schema: {
        tags,
        operationId: 'recordAttendance',
        summary: 'The team records whether a registered person attended (attended / absent); If-Match',
        params: AttendanceParamsSchema,
        body: RecordAttendanceBodySchema,
        response: { 200: AttendanceSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, visitId, attendanceId } = request.params;
      const attendance = await service.recordAttendance(ctx(request), {
        engagementId: id,
        visitId,
        attendanceId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, attendance.version);
      return attendance;
    },
  );

  // 傍聴申請

  app.get(
    '/me/observable-engagements',
    {
      schema: {
        tags,
        operationId: 'listObservableEngagements',
        summary: 'Engagements of neighbouring municipalities (or of programs serving mine) that my municipality may ask to observe',
        response: { 200: ObservableEngagementListSchema, ...problems(401) },
      },
    },
    async (request) => ({ items: await service.listObservable(ctx(request)) }),
  );

  app.post(
    '/observation-requests',
    {
      schema: {
        tags,
        operationId: 'createObservationRequest',
        summary: '傍聴申請: a municipal user asks that their municipality may observe the engagement',
        description:
          '404 for an engagement the caller may not ask for (their own municipality’s, or outside their jurisdiction and neighbours); ' +
          '409 `already_observing` when a grant is active, `request_pending` when a request is already waiting.',
        body: CreateObservationRequestBodySchema,
        response: { 201: ObservationRequestSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => {
      const created = await service.createRequest(ctx(request), request.body);
      setEtag(reply, created.version);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/programs/:id/observation-requests',
    {
      schema: {
        tags,
        operationId: 'listObservationRequests',
        summary: 'Program office: the 傍聴申請 of a program, oldest first, paginated, filtered by status',
        params: IdParamsSchema,
        querystring: ObservationRequestQuerySchema,
        response: { 200: ObservationRequestListSchema, ...readErrors },
      },
    },
    async (request) => service.listProgramRequests(ctx(request), request.params.id, request.query),
  );

  app.post(
    '/engagements/:id/observation-requests/:requestId/approve',
    {
      schema: {
        tags,
        operationId: 'approveObservationRequest',
        summary: 'Program office approves a 傍聴申請, creating the observer grant; If-Match',
        description: '409 `request_decided` when already decided; `grant_exists` when the municipality already holds an active grant.',
        params: ObservationRequestParamsSchema,
        body: ApproveObservationRequestBodySchema,
        response: { 200: ObservationRequestSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const decided = await service.decideRequest(ctx(request), {
        engagementId: request.params.id,
        requestId: request.params.requestId,
        ifMatch: () => requireIfMatch(request),
        decision: 'approved',
        body: request.body,
      });
      setEtag(reply, decided.version);
      return decided;
    },
  );

  app.post(
    '/engagements/:id/observation-requests/:requestId/decline',
    {
      schema: {
        tags,
        operationId: 'declineObservationRequest',
        summary: 'Program office declines a 傍聴申請; If-Match',
        params: ObservationRequestParamsSchema,
        response: { 200: ObservationRequestSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const decided = await service.decideRequest(ctx(request), {
        engagementId: request.params.id,
        requestId: request.params.requestId,
        ifMatch: () => requireIfMatch(request),
        decision: 'declined',
      });
      setEtag(reply, decided.version);
      return decided;
    },
  );
};
