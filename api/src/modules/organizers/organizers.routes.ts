import {
  IdParamsSchema,
  InsurerBodySchema,
  InsurerListSchema,
  InsurerSchema,
  JurisdictionPageSchema,
  JurisdictionParamsSchema,
  JurisdictionQuerySchema,
  OrganizerSchema,
  UpdateOrganizerBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { problems } from '../../lib/problems.js';
import * as service from './organizers.service.js';

const tags = ['organizers'];

/** The program office's own organizer (実施主体), its jurisdiction and the insurers that are not municipalities. */
export const organizerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/organizer',
    {
      schema: {
        tags,
        operationId: 'getOrganizer',
        summary: 'The caller’s organizer (program office only), with how many municipalities it serves; ETag',
        response: { 200: OrganizerSchema, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const organizer = await service.getOrganizer(ctx(request));
      setEtag(reply, organizer.version);
      return organizer;
    },
  );

  app.patch(
    '/organizer',
    {
      schema: {
        tags,
        operationId: 'updateOrganizer',
        summary: 'Program office renames its organizer or sets its kind and prefecture code (If-Match)',
        body: UpdateOrganizerBodySchema,
        response: { 200: OrganizerSchema, ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const organizer = await service.updateOrganizer(ctx(request), request.body, () => requireIfMatch(request));
      setEtag(reply, organizer.version);
      return organizer;
    },
  );

  app.get(
    '/organizer/jurisdiction',
    {
      schema: {
        tags,
        operationId: 'listJurisdiction',
        summary: 'The municipalities the organizer serves, by code, searchable and paginated',
        querystring: JurisdictionQuerySchema,
        response: { 200: JurisdictionPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => service.listJurisdiction(ctx(request), request.query),
  );

  app.put(
    '/organizer/jurisdiction/:municipalityId',
    {
      schema: {
        tags,
        operationId: 'addToJurisdiction',
        summary: 'Program office adds a municipality to its jurisdiction (idempotent; audited)',
        params: JurisdictionParamsSchema,
        response: { 200: z.object({ added: z.boolean() }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.addMunicipality(ctx(request), request.params.municipalityId),
  );

  app.delete(
    '/organizer/jurisdiction/:municipalityId',
    {
      schema: {
        tags,
        operationId: 'removeFromJurisdiction',
        summary: 'Program office removes a municipality from its jurisdiction (idempotent; audited); 404 for an unknown municipality',
        params: JurisdictionParamsSchema,
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.removeMunicipality(ctx(request), request.params.municipalityId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/insurers',
    {
      schema: {
        tags,
        operationId: 'listInsurers',
        summary:
          'Insurers that are not municipalities (広域連合, 一部事務組合) recorded by the organizer, with the municipalities they cover',
        response: { 200: InsurerListSchema, ...problems(401, 403) },
      },
    },
    async (request) => service.listInsurers(ctx(request)),
  );

  app.post(
    '/insurers',
    {
      schema: {
        tags,
        operationId: 'createInsurer',
        summary: 'Program office records an insurer covering several municipalities; 409 insurer_overlap when one is covered already',
        body: InsurerBodySchema,
        response: { 201: InsurerSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const insurer = await service.createInsurer(ctx(request), request.body);
      setEtag(reply, insurer.version);
      return reply.code(201).send(insurer);
    },
  );

  app.put(
    '/insurers/:id',
    {
      schema: {
        tags,
        operationId: 'updateInsurer',
        summary: 'Program office changes an insurer and the municipalities it covers (If-Match)',
        params: IdParamsSchema,
        body: InsurerBodySchema,
        response: { 200: InsurerSchema, ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const insurer = await service.updateInsurer(ctx(request), request.params.id, request.body, () => requireIfMatch(request));
      setEtag(reply, insurer.version);
      return insurer;
    },
  );
};
