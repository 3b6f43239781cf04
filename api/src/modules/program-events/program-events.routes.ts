import {
  CreateProgramEventBodySchema,
  ProgramEventAttendanceListSchema,
  ProgramEventAttendanceParamsSchema,
  ProgramEventAttendanceSchema,
  ProgramEventListSchema,
  ProgramEventParamsSchema,
  ProgramEventQuerySchema,
  ProgramEventSchema,
  ProgramEventsParamsSchema,
  RecordProgramEventAttendanceBodySchema,
  UpdateProgramEventBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { problems } from '../../lib/problems.js';
import { attachmentKey } from '../../lib/storage.js';
import * as service from './program-events.service.js';

const tags = ['program-events'];
const readErrors = problems(400, 401, 403, 404);
const writeErrors = problems(400, 401, 403, 404, 409, 412, 428);

/** Program events (報告会, 合同ヒアリング, 先進地視察, 研修・情報交換会); their materials are in the attachments module, the pack in the exports. */
export const programEventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/programs/:programId/events',
    {
      schema: {
        tags,
        operationId: 'listProgramEvents',
        summary: 'The program’s events by first day, paginated (everyone tied to the program’s organizer)',
        params: ProgramEventsParamsSchema,
        querystring: ProgramEventQuerySchema,
        response: { 200: ProgramEventListSchema, ...readErrors },
      },
    },
    async (request) => service.listEvents(ctx(request), request.params.programId, request.query),
  );

  app.post(
    '/programs/:programId/events',
    {
      schema: {
        tags,
        operationId: 'createProgramEvent',
        summary: 'The program office plans an event: kind, title, days, venue or online link, participating engagements, agenda',
        description: '400 naming `body.endDate` when the last day is before the first; the engagements must be the program’s.',
        params: ProgramEventsParamsSchema,
        body: CreateProgramEventBodySchema,
        response: { 201: ProgramEventSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const event = await service.createEvent(ctx(request), request.params.programId, request.body);
      setEtag(reply, event.version);
      return reply.code(201).send(event);
    },
  );

  app.get(
    '/programs/:programId/events/:eventId',
    {
      schema: {
        tags,
        operationId: 'getProgramEvent',
        summary: 'One event with its agenda, materials, minutes and the reader’s registration',
        params: ProgramEventParamsSchema,
        response: { 200: ProgramEventSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const event = await service.getEvent(ctx(request), request.params.programId, request.params.eventId);
      setEtag(reply, event.version);
      return event;
    },
  );

  app.patch(
    '/programs/:programId/events/:eventId',
    {
      schema: {
        tags,
        operationId: 'updateProgramEvent',
        summary: 'The program office edits an event, its agenda or its minutes (議事録); If-Match',
        params: ProgramEventParamsSchema,
        body: UpdateProgramEventBodySchema,
        response: { 200: ProgramEventSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const event = await service.updateEvent(ctx(request), {
        programId: request.params.programId,
        eventId: request.params.eventId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, event.version);
      return event;
    },
  );

  app.delete(
    '/programs/:programId/events/:eventId',
    {
      schema: {
        tags,
        operationId: 'deleteProgramEvent',
        summary: 'The program office deletes an event with its registrations and materials; If-Match',
        params: ProgramEventParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await service.deleteEvent(ctx(request), {
        programId: request.params.programId,
        eventId: request.params.eventId,
        ifMatch: () => requireIfMatch(request),
        removeFiles: async (ids) => {
          for (const id of ids) await app.storage.delete(attachmentKey(id)).catch(() => undefined);
        },
      });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/programs/:programId/events/:eventId/registration',
    {
      schema: {
        tags,
        operationId: 'registerForProgramEvent',
        summary: '参加登録: the reader registers for an event not yet over (idempotent)',
        description: '409 `event_past` after the event’s last day.',
        params: ProgramEventParamsSchema,
        response: { 200: ProgramEventAttendanceSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => {
      const registration = await service.registerMine(ctx(request), request.params.programId, request.params.eventId);
      setEtag(reply, registration.version);
      return registration;
    },
  );

  app.delete(
    '/programs/:programId/events/:eventId/registration',
    {
      schema: {
        tags,
        operationId: 'withdrawFromProgramEvent',
        summary: 'The reader withdraws their registration for an event not yet over (idempotent)',
        description: '409 `event_past` after the event’s last day.',
        params: ProgramEventParamsSchema,
        response: { 204: z.null(), ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => {
      await service.withdrawMine(ctx(request), request.params.programId, request.params.eventId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/programs/:programId/events/:eventId/attendance',
    {
      schema: {
        tags,
        operationId: 'listProgramEventAttendance',
        summary: 'The program office: who registered for the event and who attended',
        params: ProgramEventParamsSchema,
        response: { 200: ProgramEventAttendanceListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listAttendance(ctx(request), request.params.programId, request.params.eventId) }),
  );

  app.patch(
    '/programs/:programId/events/:eventId/attendance/:attendanceId',
    {
      schema: {
        tags,
        operationId: 'recordProgramEventAttendance',
        summary: 'The program office records whether a registered person attended (attended / absent); If-Match',
        params: ProgramEventAttendanceParamsSchema,
        body: RecordProgramEventAttendanceBodySchema,
        response: { 200: ProgramEventAttendanceSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { programId, eventId, attendanceId } = request.params;
      const attendance = await service.recordAttendance(ctx(request), {
        programId,
        eventId,
        attendanceId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, attendance.version);
      return attendance;
    },
  );
};
