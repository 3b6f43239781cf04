import {
  CreateEvidenceBodySchema,
  EvidenceListSchema,
  EvidenceParamsSchema,
  EvidenceSchema,
  IdParamsSchema,
  NodeParamsSchema,
  TreeOperationsBodySchema,
  TreeQuerySchema,
  TreeRevisionListSchema,
  TreeRevisionParamsSchema,
  TreeSchema,
} from '@banso/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { z } from 'zod';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { TreeCache, type TreeBody } from './tree.cache.js';
import * as service from './tree.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['tree'];
const readErrors = problems(400, 401, 403, 404);

/**
 * Sends a cached tree body as is: it was validated against TreeSchema when it was built.
 * `no-store`: the ETag names the structure's revision, while evidence counts and action statuses
 * change without a new revision, so a browser must not revalidate a stored copy into a stale one.
 * Clients that send If-None-Match themselves get 304 when the structure is unchanged.
 */
export function sendTree(reply: FastifyReply, body: TreeBody) {
  setEtag(reply, body.revision);
  return reply.header('cache-control', 'private, no-store').type('application/json; charset=utf-8').send(body.json);
}

export const treeRoutes: FastifyPluginAsyncZod = async (app) => {
  const cache = new TreeCache();

  app.get(
    '/engagements/:id/tree',
    {
      schema: {
        tags,
        operationId: 'getTree',
        summary: 'The logic tree (or a past revision with ?revision=N); ETag is the revision, 304 on If-None-Match',
        description:
          'Nodes come in depth-first order with evidence counts and the selected action of each measure. ' +
          'A 304 means the structure of that revision is unchanged; evidence counts and action statuses can change without a new revision.',
        params: IdParamsSchema,
        querystring: TreeQuerySchema,
        response: { 200: TreeSchema, 304: z.null().describe('Not modified'), ...readErrors },
      },
    },
    async (request, reply) => {
      const read = await service.getTree(ctx(request), {
        cache,
        engagementId: request.params.id,
        opts: {
          revision: request.query.revision,
          ifNoneMatch: request.headers['if-none-match'],
        },
      });
      if (read.notModified) {
        setEtag(reply, read.revision);
        return reply.code(304).send(null);
      }
      return sendTree(reply, read);
    },
  );

  app.post(
    '/engagements/:id/tree/operations',
    {
      schema: {
        tags,
        operationId: 'applyTreeOperations',
        summary: 'Apply a batch of add/update/move/remove operations as one new revision (If-Match: the revision)',
        description:
          'All or nothing. 400 `tree_rule` names the operation (`errors[].index`, `errors[].rule`, `errors[].path`); ' +
          '412 carries the current tree in `current`.',
        params: IdParamsSchema,
        body: TreeOperationsBodySchema,
        response: { 200: TreeSchema, ...readErrors, ...problems(412, 413, 428) },
      },
    },
    async (request, reply) => {
      const body = await service.applyOperations(ctx(request), {
        cache,
        engagementId: request.params.id,
        ifMatch: () => requireIfMatch(request),
        operations: request.body.operations,
        maxNodes: app.config.MAX_TREE_NODES,
      });
      return sendTree(reply, body);
    },
  );

  app.get(
    '/engagements/:id/tree/revisions',
    {
      schema: {
        tags,
        operationId: 'listTreeRevisions',
        summary: 'The tree’s revisions, newest first: who, when, what changed',
        params: IdParamsSchema,
        response: { 200: TreeRevisionListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listRevisions(ctx(request), request.params.id) }),
  );

  app.post(
    '/engagements/:id/tree/revisions/:revision/restore',
    {
      schema: {
        tags,
        operationId: 'restoreTreeRevision',
        summary: 'Restore a past revision as a NEW revision with the same structure (If-Match: the current revision)',
        description:
          'History is never rewritten: the new revision’s nodes equal revision N’s. 404 for an unknown revision; 412 carries the ' +
          'current tree in `current`; 409 `revision_is_current`, `node_has_action` (a measure with a selected action would go or ' +
          'change kind; `nodeIds`), `duplicate_id`; 413 `tree_too_large`. Evidence of nodes removed since N does not come back.',
        params: TreeRevisionParamsSchema,
        response: { 200: TreeSchema, ...readErrors, ...problems(409, 412, 413, 428) },
      },
    },
    async (request, reply) => {
      const body = await service.restoreRevision(ctx(request), {
        cache,
        engagementId: request.params.id,
        revision: request.params.revision,
        ifMatch: () => requireIfMatch(request),
        maxNodes: app.config.MAX_TREE_NODES,
      });
      return sendTree(reply, body);
    },
  );

  app.get(
    '/engagements/:id/tree/nodes/:nodeId/evidence',
    {
      schema: {
        tags,
        operationId: 'listNodeEvidence',
        summary: 'Evidence on a node the caller may see (observers: only findings shared with observers)',
        params: NodeParamsSchema,
        response: { 200: EvidenceListSchema, ...readErrors },
      },
    },
    async (request) => ({
      items: await service.listEvidence(ctx(request), request.params.id, request.params.nodeId),
    }),
  );

  app.post(
    '/engagements/:id/tree/nodes/:nodeId/evidence',
    {
      schema: {
        tags,
        operationId: 'addNodeEvidence',
        summary: 'Advisor adds evidence to a node: an indicator value, a finding, or text with its source',
        params: NodeParamsSchema,
        body: CreateEvidenceBodySchema,
        response: { 201: EvidenceSchema, ...readErrors, ...problems(409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await service.addEvidence(ctx(request), {
          engagementId: request.params.id,
          nodeId: request.params.nodeId,
          body: request.body,
        }),
      ),
  );

  app.delete(
    '/engagements/:id/tree/nodes/:nodeId/evidence/:evidenceId',
    {
      schema: {
        tags,
        operationId: 'removeNodeEvidence',
        summary: 'Advisor removes evidence from a node (evidence is never edited, so no If-Match)',
        params: EvidenceParamsSchema,
        response: { 204: z.null(), ...readErrors },
      },
    },
    async (request, reply) => {
      const { id, nodeId, evidenceId } = request.params;
      await service.removeEvidence(ctx(request), { engagementId: id, nodeId, evidenceId });
      return reply.code(204).send(null);
    },
  );
};
