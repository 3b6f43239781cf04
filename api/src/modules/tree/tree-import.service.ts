/**
 * Importing a logic tree from an outline (issue 17): an xlsx/CSV sheet (through grid-file) or pasted
 * text, read by shared/tree/outline. The preview writes nothing; the import re-checks the confirmed
 * nodes by the same rules and writes them as ONE revision through the tree editor's own path
 * (`applyOperations`: If-Match, size limit, snapshot, audit), all or nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  checkOutline,
  type NodeKind,
  type Outline,
  parseOutlineGrid,
  parseOutlineText,
  type TreeImportBody,
  type TreeImportPreview,
  type TreeImportPreviewQuery,
  type TreeNodeShape,
  type TreeOperation,
} from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { BadRequest, Conflict, ContentTooLarge } from '../../lib/errors.js';
import { readGrid } from '../../lib/grid-file.js';
import { authorize } from '../access/access.service.js';
import type { TreeBody, TreeCache } from './tree.cache.js';
import * as repo from './tree.repository.js';
import { applyOperations } from './tree.service.js';

/** `3=cause,4:2=measure` → { '3': 'cause', '4:2': 'measure' } (the query schema checked the shape). */
function kindOverrides(text: string | undefined): Record<string, NodeKind> {
  const out: Record<string, NodeKind> = {};
  for (const pair of (text ?? '').split(',')) {
    const [ref, kind] = pair.split('=');
    if (ref && kind) out[ref] = kind as NodeKind;
  }
  return out;
}

/** The node appended under (append), checked against the tree as it stands. */
function anchorOf(nodes: readonly TreeNodeShape[], mode: 'replace' | 'append', parentId: string | undefined, path: string) {
  if (mode === 'replace') return null;
  if (!parentId) throw new BadRequest('Choose the node to append under', [{ path, message: 'required when mode is append' }]);
  const parent = nodes.find((n) => n.id === parentId);
  if (!parent) throw new BadRequest('The node to append under is not in this tree', [{ path, message: 'not a node of this tree' }]);
  return parent;
}

/** Reads the outline: a JSON `{ text }`, or the file itself as the body. Nothing is written. */
export async function previewImport(
  ctx: ServiceContext,
  { engagementId, body, query, maxNodes }: { engagementId: string; body: unknown; query: TreeImportPreviewQuery; maxNodes: number },
): Promise<TreeImportPreview> {
  await authorize(ctx, engagementId, 'tree.edit');
  const [nodes, stamp] = await Promise.all([repo.listNodes(ctx.db, engagementId), repo.treeStamp(ctx.db, engagementId)]);
  const parent = anchorOf(nodes, query.mode, query.parentId, 'querystring.parentId');
  const opts = {
    kinds: kindOverrides(query.kinds),
    parentKind: parent?.kind ?? null,
    maxNodes: maxNodes - (parent ? nodes.length : 0),
  };
  let outline: Outline;
  let source: TreeImportPreview['source'];
  if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
    const text = (body as { text?: unknown }).text;
    if (typeof text !== 'string')
      throw new BadRequest('Send the outline as { text } or the file itself', [{ path: 'body.text', message: 'required' }]);
    outline = parseOutlineText(text, opts);
    source = 'text';
  } else {
    const grid = await readGrid(body);
    // Excel's cell indent reads as leading spaces, like typed indentation.
    const rows = [
      { row: grid.headerRow, cells: grid.header },
      ...grid.rows.map((r) => ({ row: r.row, cells: r.cells.map((c) => ' '.repeat(c.indent ?? 0) + c.text) })),
    ];
    outline = parseOutlineGrid(rows, opts);
    source = grid.format;
  }
  return { source, revision: stamp.revision, treeHasNodes: nodes.length > 0, ...outline };
}

/**
 * Writes the confirmed nodes as one revision: `replace` makes them the tree (a tree with nodes only
 * with `confirmReplace`, else 409), `append` hangs them under `parentId`. 400 `invalid_outline`
 * names the rows that break a rule; 412 on a stale If-Match; 413 past the tree-size limit.
 */
export async function importOutline(
  ctx: ServiceContext,
  {
    cache,
    engagementId,
    ifMatch,
    body,
    maxNodes,
  }: { cache: TreeCache; engagementId: string; ifMatch: () => number; body: TreeImportBody; maxNodes: number },
): Promise<TreeBody> {
  await authorize(ctx, engagementId, 'tree.edit');
  const expectedRevision = ifMatch();
  const current = await repo.listNodes(ctx.db, engagementId);
  const parent = anchorOf(current, body.mode, body.parentId, 'body.parentId');
  const room = maxNodes - (parent ? current.length : 0);
  if (body.nodes.length > room)
    throw new ContentTooLarge('tree_too_large', `A tree may hold at most ${maxNodes} nodes`, {
      errors: [{ path: 'body.nodes', message: `At most ${room} nodes` }],
    });
  const errors = checkOutline(body.nodes, { parentKind: parent?.kind ?? null });
  if (errors.length > 0) {
    const index = new Map(body.nodes.map((n, i) => [n.ref, i]));
    throw new BadRequest(
      `The outline breaks ${errors.length} rule(s), first on row ${errors[0]!.row ?? '-'}: ${errors[0]!.message}`,
      errors.map((e) => ({
        path: e.ref !== null && index.has(e.ref) ? `body.nodes.${index.get(e.ref)}` : 'body.nodes',
        rule: e.code,
        message: e.message,
        ...(e.row !== null ? { row: e.row } : {}),
      })),
      'invalid_outline',
    );
  }
  if (body.mode === 'replace' && current.length > 0 && !body.confirmReplace)
    throw new Conflict('replace_needs_confirmation', 'The tree has nodes: confirm that the import replaces them');
  if (body.mode === 'replace') {
    const withAction = [...(await repo.actionsByNode(ctx.db, engagementId)).keys()];
    if (withAction.length > 0)
      throw new Conflict(
        'node_has_action',
        `${withAction.length} measure(s) carry a selected action; drop the action first or append instead`,
        {
          nodeIds: withAction,
        },
      );
  }

  const ids = new Map(body.nodes.map((n) => [n.ref, randomUUID()]));
  const operations: TreeOperation[] = [];
  if (body.mode === 'replace')
    for (const root of current.filter((n) => n.parentId === null)) operations.push({ op: 'remove', id: root.id });
  for (const n of body.nodes)
    operations.push({
      op: 'add',
      id: ids.get(n.ref)!,
      parentId: n.parentRef === null ? (parent?.id ?? null) : ids.get(n.parentRef)!,
      kind: n.kind,
      title: n.title.trim(),
    });
  return applyOperations(ctx, {
    cache,
    engagementId,
    ifMatch: () => expectedRevision,
    operations,
    maxNodes,
    purpose: {
      audit: {
        action: 'tree.import',
        after: {
          mode: body.mode,
          parentId: parent?.id ?? null,
          imported: body.nodes.length,
          rows: [body.nodes[0]!.row, body.nodes.at(-1)!.row],
        },
      },
    },
  });
}
