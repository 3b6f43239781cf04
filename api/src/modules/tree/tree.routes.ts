import {
  CreateEvidenceBodySchema,
  EvidenceListSchema,
  EvidenceParamsSchema,
  EvidenceSchema,
  IdParamsSchema,
  NodeParamsSchema,
  TreeImportBodySchema,
  TreeImportPreviewQuerySchema,
  TreeImportPreviewSchema,
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
import * as imports from './tree-import.service.js';
import * as service from './tree.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['tree'];
const readErrors = problems(400, 401, 403, 404);

/** An outline sheet of a whole tree stays far under this. */
const FILE_LIMIT = 5 * 1024 * 1024;
/** The file is the body; Shift_JIS CSV must stay bytes. */
const FILE_TYPES = [
  'text/csv',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

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
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: FILE_LIMIT }, (_request, body, done) => done(null, body));

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

  app.post(
    '/engagements/:id/tree/import/preview',
    {
      bodyLimit: FILE_LIMIT,
      schema: {
        tags,
        operationId: 'previewTreeImport',
        summary:
          'Read an outline (xlsx/CSV file as the body, or JSON { text }) into tree nodes with kinds, parents and source rows; writes nothing',
        description:
          'Forms: a column per level (目指す姿 | 課題 | 要因 | 取組案, headers in Japanese or English; a blank or repeated cell is the node above), ' +
          'one column with indentation or a level column (レベル/Level, optional 種類/Kind), or pasted text with indentation, bullets (・ - * ■ □ ○) ' +
          'or numbering (1. 1-1 (1) ①). `kinds` overrides kinds by node ref (`3=cause,4:2=measure`). Every error names its row; ' +
          'the tree rules are run on the result as it would stand (`mode`, `parentId`).',
        querystring: TreeImportPreviewQuerySchema,
        params: IdParamsSchema,
        response: { 200: TreeImportPreviewSchema, ...readErrors, ...problems(413, 415) },
      },
    },
    async (request) =>
      imports.previewImport(ctx(request), {
        engagementId: request.params.id,
        body: request.body,
        query: request.query,
        maxNodes: app.config.MAX_TREE_NODES,
      }),
  );

  app.post(
    '/engagements/:id/tree/import',
    {
      schema: {
        tags,
        operationId: 'importTree',
        summary: 'Write the confirmed outline as ONE new revision: replace the tree, or append under a node (If-Match: the revision)',
        description:
          'All or nothing, through the same path as a batch of operations (audited as `tree.import`). 400 `invalid_outline` names the rows ' +
          '(`errors[].row`, `errors[].rule`); 409 `replace_needs_confirmation` when replacing a tree with nodes without `confirmReplace`; ' +
          '412 carries the current tree in `current`; 413 `tree_too_large`.',
        params: IdParamsSchema,
        body: TreeImportBodySchema,
        response: { 200: TreeSchema, ...readErrors, ...problems(409, 412, 413, 428) },
      },
    },
    async (request, reply) => {
      const body = await imports.importOutline(ctx(request), {
        cache,
        engagementId: request.params.id,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
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
