import {
  AddMemberBodySchema,
  CreateObserverGrantBodySchema,
  GrantParamsSchema,
  IdParamsSchema,
  MemberCandidateListSchema,
  MemberListSchema,
  MemberParamsSchema,
  MemberSchema,
  ObserverGrantListSchema,
  ObserverGrantSchema,
  TeamPageQuerySchema,
  UpdateMemberBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { z } from 'zod';
import * as service from './teams.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['teams'];
const readErrors = problems(400, 401, 403, 404);

export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/engagements/:id/members',
    {
      schema: {
        tags,
        operationId: 'listMembers',
        summary: 'The team: advisors and municipal members',
        params: IdParamsSchema,
        response: { 200: MemberListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listMembers(ctx(request), request.params.id) }),
  );

  app.get(
    '/engagements/:id/member-candidates',
    {
      schema: {
        tags,
        operationId: 'listMemberCandidates',
        summary: 'Program office: users who could join the team (by e-mail, paginated), with the team roles each may take',
        params: IdParamsSchema,
        querystring: TeamPageQuerySchema,
        response: { 200: MemberCandidateListSchema, ...readErrors },
      },
    },
    async (request) => service.listCandidates(ctx(request), request.params.id, request.query),
  );

  app.post(
    '/engagements/:id/members',
    {
      schema: {
        tags,
        operationId: 'addMember',
        summary: 'Program office assigns a user to the team',
        params: IdParamsSchema,
        body: AddMemberBodySchema,
        response: { 201: MemberSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => {
      const member = await service.addMember(ctx(request), request.params.id, request.body);
      setEtag(reply, member.version);
      return reply.code(201).send(member);
    },
  );

  app.patch(
    '/engagements/:id/members/:userId',
    {
      schema: {
        tags,
        operationId: 'updateMember',
        summary: 'Program office sets a member’s team role and title; If-Match',
        params: MemberParamsSchema,
        body: UpdateMemberBodySchema,
        response: { 200: MemberSchema, ...readErrors, ...problems(409, 412, 428) },
      },
    },
    async (request, reply) => {
      const member = await service.updateMember(ctx(request), {
        engagementId: request.params.id,
        userId: request.params.userId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, member.version);
      return member;
    },
  );

  app.delete(
    '/engagements/:id/members/:userId',
    {
      schema: {
        tags,
        operationId: 'removeMember',
        summary: 'Program office removes a user from the team',
        params: MemberParamsSchema,
        response: { 204: z.null(), ...readErrors },
      },
    },
    async (request, reply) => {
      await service.removeMember(ctx(request), request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/engagements/:id/observer-grants',
    {
      schema: {
        tags,
        operationId: 'listObserverGrants',
        summary: 'Neighbouring municipalities allowed to observe (横展開), oldest first, paginated, each with its state',
        params: IdParamsSchema,
        querystring: TeamPageQuerySchema,
        response: { 200: ObserverGrantListSchema, ...readErrors },
      },
    },
    async (request) => service.listGrants(ctx(request), request.params.id, request.query),
  );

  app.post(
    '/engagements/:id/observer-grants',
    {
      schema: {
        tags,
        operationId: 'createObserverGrant',
        summary: 'Program office lets a municipality observe read-only until a date',
        params: IdParamsSchema,
        body: CreateObserverGrantBodySchema,
        response: { 201: ObserverGrantSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createGrant(ctx(request), request.params.id, request.body)),
  );

  app.post(
    '/engagements/:id/observer-grants/:grantId/revoke',
    {
      schema: {
        tags,
        operationId: 'revokeObserverGrant',
        summary: 'Program office ends an observer grant now',
        params: GrantParamsSchema,
        response: { 200: ObserverGrantSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request) => service.revokeGrant(ctx(request), request.params.id, request.params.grantId),
  );
};
