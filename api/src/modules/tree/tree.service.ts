import {
  applyTreeOperations,
  type CreateEvidenceBody,
  diffTrees,
  type EngagementRole,
  type Evidence,
  type FindingVisibility,
  type ObserverEvidence,
  ObserverEvidenceSchema,
  type ObserverTreeRevision,
  ObserverTreeRevisionSchema,
  orderTree,
  readableFindingVisibilities,
  summarizeOperations,
  type Tree,
  type TreeNodeShape,
  type TreeOperation,
  type TreeRevision,
  TreeSchema,
  validateTree,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { BadRequest, Conflict, ContentTooLarge, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorize } from '../access/access.service.js';
import { type TreeBody, TreeCache } from './tree.cache.js';
import * as repo from './tree.repository.js';

/** Roles that read the same evidence see the same tree body. */
const roleClassOf = (role: EngagementRole) => readableFindingVisibilities(role).join(',');

/** Whether an If-None-Match header names this ETag (`"5"`, `W/"5"`, a list, or `*`). */
export function etagMatches(header: string | undefined, revision: number): boolean {
  if (!header) return false;
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === '*' || tag === `"${revision}"`;
  });
}

async function buildTree(
  db: Db,
  engagementId: string,
  revision: number,
  currentRevision: number,
  visibilities: readonly FindingVisibility[],
): Promise<TreeBody> {
  const nodes =
    revision === currentRevision
      ? await repo.listNodes(db, engagementId)
      : revision === 0
        ? []
        : await repo.findRevisionNodes(db, engagementId, revision);
  if (!nodes) throw new NotFound('Tree revision');
  const [counts, actions] = await Promise.all([repo.evidenceCounts(db, engagementId, visibilities), repo.actionsByNode(db, engagementId)]);
  const tree: Tree = {
    engagementId,
    revision,
    currentRevision,
    nodes: orderTree(nodes).map((n) => ({
      id: n.id,
      parentId: n.parentId,
      position: n.position,
      kind: n.kind,
      title: n.title,
      detail: n.detail,
      hypothesisState: n.hypothesisState,
      evidenceCount: counts.get(n.id) ?? 0,
      action: actions.get(n.id) ?? null,
    })),
  };
  // Validated against the allow-list once per cached body, not once per request.
  return { revision, currentRevision, json: JSON.stringify(TreeSchema.parse(tree)) };
}

export type TreeRead = { notModified: true; revision: number } | ({ notModified: false } & TreeBody);

/**
 * The tree (or a past revision's snapshot) as the caller may see it. One cheap query decides
 * whether a cached body still holds: the current revision and the annotations' stamp.
 */
export async function getTree(
  ctx: ServiceContext,
  {
    cache,
    engagementId,
    opts = {},
  }: {
    cache: TreeCache;
    engagementId: string;
    opts?: { revision?: number | undefined; ifNoneMatch?: string | undefined };
  },
): Promise<TreeRead> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'tree.read');
  return readTree(db, cache, engagementId, access.role, opts);
}

async function readTree(
  db: Db,
  cache: TreeCache,
  engagementId: string,
  role: EngagementRole,
  opts: { revision?: number | undefined; ifNoneMatch?: string | undefined },
): Promise<TreeRead> {
  const { revision: current, stamp } = await repo.treeStamp(db, engagementId);
  const revision = opts.revision ?? current;
  if (revision > current) throw new NotFound('Tree revision');
  // A 304 says the structure of this revision is unchanged; annotations are not part of the ETag.
  if (etagMatches(opts.ifNoneMatch, revision)) return { notModified: true, revision };
  const roleClass = roleClassOf(role);
  const key = TreeCache.key(engagementId, revision, current, roleClass, stamp);
  const hit = cache.get(key);
  if (hit) return { notModified: false, ...hit };
  const body = await buildTree(db, engagementId, revision, current, readableFindingVisibilities(role));
  cache.set(key, body);
  return { notModified: false, ...body };
}

export async function listRevisions(ctx: ServiceContext, engagementId: string): Promise<(TreeRevision | ObserverTreeRevision)[]> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'tree.read');
  const rows = await repo.listRevisions(db, engagementId);
  const revisions = rows.map((r) => ({
    revision: r.revision,
    actor: r.actorId && r.actorName !== null ? { id: r.actorId, name: r.actorName } : null,
    createdAt: r.createdAt.toISOString(),
    summary: r.summary,
  }));
  // Observers: the allow-list, without who made each revision.
  return access.role === 'observer' ? revisions.map((r) => ObserverTreeRevisionSchema.parse({ ...r, actor: null })) : revisions;
}

class StaleTree extends Error {}

/** What one new revision makes of the tree: the whole tree after it and how the history records it. */
interface RevisionChange {
  nodes: TreeNodeShape[];
  operations: TreeOperation[];
  summary: string;
  /** The audit entry's action and what it adds to `after`. */
  audit: { action: string; after?: Record<string, unknown> };
  /** Rows of other tables written with the revision, in its transaction, once the nodes exist. */
  alsoWrite?: (tx: Db, revision: number) => Promise<void>;
}

/**
 * The one way a tree gets a new revision (a batch, a restore): compare-and-set on the revision,
 * the change computed from the tree as it stands (rules checked there), the tree-size limit, only
 * the changed rows written (parents first, then updates, then deletes), the revision's snapshot and
 * an audit entry — all in one transaction. A stale If-Match answers 412 with the current tree.
 */
async function commitRevision(
  ctx: ServiceContext,
  {
    cache,
    role,
    engagementId,
    expectedRevision,
    maxNodes,
    sizePath,
    change,
  }: {
    cache: TreeCache;
    role: EngagementRole;
    engagementId: string;
    expectedRevision: number;
    maxNodes: number;
    /** The field named when the result is too large. */
    sizePath: string;
    change: (tx: Db, current: { nodes: TreeNodeShape[]; withAction: ReadonlySet<string> }) => Promise<RevisionChange>;
  },
): Promise<TreeBody> {
  const { db, actor, clock } = ctx;
  try {
    await db.transaction(async (tx) => {
      await repo.ensureTree(tx, engagementId);
      const now = clock.now();
      const revision = await repo.bumpRevision(tx, engagementId, expectedRevision, now);
      if (revision === null) throw new StaleTree();
      const before = await repo.listNodes(tx, engagementId);
      const withAction = new Set((await repo.actionsByNode(tx, engagementId)).keys());
      const next = await change(tx, { nodes: before, withAction });
      if (next.nodes.length > maxNodes)
        throw new ContentTooLarge('tree_too_large', `A tree may hold at most ${maxNodes} nodes`, {
          errors: [{ path: sizePath, message: `At most ${maxNodes} nodes` }],
        });
      const diff = diffTrees(before, next.nodes);
      await repo.insertNodes(tx, engagementId, diff.added);
      await repo.updateNodes(tx, engagementId, diff.changed);
      await repo.deleteNodes(tx, engagementId, diff.removed);
      await next.alsoWrite?.(tx, revision);
      await repo.insertRevision(tx, {
        engagementId,
        revision,
        actorId: actor.id,
        summary: next.summary,
        operations: next.operations,
        nodes: orderTree(next.nodes),
        previous: before,
        at: now,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId,
        entity: 'tree',
        entityId: engagementId,
        action: next.audit.action,
        before: { revision: expectedRevision },
        after: {
          revision,
          summary: next.summary,
          ...next.audit.after,
          added: diff.added.length,
          changed: diff.changed.length,
          removed: diff.removed.length,
        },
      });
    });
  } catch (err) {
    if (err instanceof StaleTree) {
      const current = await readTree(db, cache, engagementId, role, {});
      const body: unknown = current.notModified ? undefined : JSON.parse(current.json);
      throw new PreconditionFailed(body, 'The tree changed since you loaded it');
    }
    throw err;
  }
  const read = await readTree(db, cache, engagementId, role, {});
  if (read.notModified) throw new Error('unreachable: no If-None-Match given');
  return read;
}

/** Applies a batch of operations as ONE new revision, by the rules of shared/tree (400 `tree_rule` naming the operation). */
export async function applyOperations(
  ctx: ServiceContext,
  {
    cache,
    engagementId,
    ifMatch,
    operations,
    maxNodes = Number.POSITIVE_INFINITY,
    purpose,
  }: {
    cache: TreeCache;
    engagementId: string;
    ifMatch: () => number;
    operations: TreeOperation[];
    maxNodes?: number;
    /** A use case that makes the batch (adopting a case): its audit action and rows written with it. */
    purpose?: Pick<RevisionChange, 'audit' | 'alsoWrite'>;
  },
): Promise<TreeBody> {
  const access = await authorize(ctx, engagementId, 'tree.edit');
  const expectedRevision = ifMatch();
  return commitRevision(ctx, {
    cache,
    role: access.role,
    engagementId,
    expectedRevision,
    maxNodes,
    sizePath: 'body.operations',
    change: async (tx, current) => {
      const inTree = new Set(current.nodes.map((n) => n.id));
      const newIds = operations.flatMap((o) => (o.op === 'add' && !inTree.has(o.id) ? [o.id] : []));
      const takenIds = newIds.length > 0 ? await repo.existingNodeIds(tx, newIds) : new Set<string>();
      const result = applyTreeOperations(current.nodes, operations, { nodesWithAction: current.withAction, takenIds });
      if (!result.ok) {
        const v = result.violation;
        throw new BadRequest(
          `Operation ${v.index} breaks the rule ${v.rule}: ${v.message}`,
          [{ index: v.index, rule: v.rule, path: `body.operations.${v.index}`, message: v.message }],
          'tree_rule',
        );
      }
      return {
        nodes: result.nodes,
        operations,
        summary: summarizeOperations(operations),
        audit: { action: 'tree.operations' },
        ...purpose,
      };
    },
  });
}

/** The operations that describe going from `before` to `after` (the history's record of a restore). */
function operationsBetween(before: readonly TreeNodeShape[], after: readonly TreeNodeShape[]): TreeOperation[] {
  const diff = diffTrees(before, after);
  const old = new Map(before.map((n) => [n.id, n]));
  const gone = new Set(diff.removed);
  const ops: TreeOperation[] = [];
  // Only the top of each removed subtree: a remove takes the subtree with it.
  for (const id of diff.removed) {
    const parent = old.get(id)?.parentId ?? null;
    if (parent === null || !gone.has(parent)) ops.push({ op: 'remove', id });
  }
  for (const n of diff.added)
    ops.push({
      op: 'add',
      id: n.id,
      parentId: n.parentId,
      kind: n.kind,
      title: n.title,
      detail: n.detail,
      hypothesisState: n.hypothesisState,
      position: n.position,
    });
  for (const n of diff.changed) {
    const prev = old.get(n.id)!;
    if (n.kind !== prev.kind || n.title !== prev.title || n.detail !== prev.detail || n.hypothesisState !== prev.hypothesisState)
      ops.push({ op: 'update', id: n.id, kind: n.kind, title: n.title, detail: n.detail, hypothesisState: n.hypothesisState });
    if (n.parentId !== null && (n.parentId !== prev.parentId || n.position !== prev.position))
      ops.push({ op: 'move', id: n.id, parentId: n.parentId, position: n.position });
  }
  return ops;
}

/**
 * Restores revision N: a NEW revision whose structure equals N's snapshot, written through the same
 * path as a batch (compare-and-set on If-Match, size limit, diff, snapshot, audit); history is kept.
 * 404 for a revision that does not exist; 409 `revision_is_current` for the newest one; 409
 * `node_has_action` when a measure with a selected action would go or change kind (drop the action
 * first); 409 `duplicate_id` when a node to bring back has an id another tree took meanwhile.
 * Evidence, findings' links and actions of nodes removed since N do not come back with them.
 */
export async function restoreRevision(
  ctx: ServiceContext,
  {
    cache,
    engagementId,
    revision: target,
    ifMatch,
    maxNodes = Number.POSITIVE_INFINITY,
  }: {
    cache: TreeCache;
    engagementId: string;
    revision: number;
    ifMatch: () => number;
    maxNodes?: number;
  },
): Promise<TreeBody> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'tree.edit');
  const expectedRevision = ifMatch();
  const snapshot = await repo.findRevisionNodes(db, engagementId, target);
  if (!snapshot) throw new NotFound('Tree revision');
  return commitRevision(ctx, {
    cache,
    role: access.role,
    engagementId,
    expectedRevision,
    maxNodes,
    sizePath: 'params.revision',
    change: async (tx, current) => {
      if (target === expectedRevision)
        throw new Conflict('revision_is_current', `Revision ${target} is the current tree; there is nothing to restore`);
      const nodes: TreeNodeShape[] = snapshot.map((n) => ({
        id: n.id,
        parentId: n.parentId,
        position: n.position,
        kind: n.kind,
        title: n.title,
        detail: n.detail,
        hypothesisState: n.hypothesisState,
      }));
      const byId = new Map(nodes.map((n) => [n.id, n]));
      const kinds = new Map(current.nodes.map((n) => [n.id, n.kind]));
      const blocked = [...current.withAction].filter((id) => kinds.has(id) && byId.get(id)?.kind !== kinds.get(id));
      if (blocked.length > 0)
        throw new Conflict(
          'node_has_action',
          `Revision ${target} lacks ${blocked.length} measure(s) with a selected action; drop the action first`,
          { nodeIds: blocked },
        );
      const broken = validateTree(nodes);
      if (broken.length > 0)
        throw new Conflict('tree_rule', `Revision ${target} breaks the rule ${broken[0]!.rule}`, {
          errors: broken.map((b) => ({ path: 'params.revision', rule: b.rule, message: b.message })),
        });
      const comingBack = nodes.filter((n) => !kinds.has(n.id)).map((n) => n.id);
      const taken = comingBack.length > 0 ? await repo.existingNodeIds(tx, comingBack) : new Set<string>();
      if (taken.size > 0)
        throw new Conflict('duplicate_id', `${taken.size} node id(s) of revision ${target} are in use elsewhere`, { nodeIds: [...taken] });
      return {
        nodes,
        operations: operationsBetween(current.nodes, nodes),
        summary: `restore ${target}`,
        audit: { action: 'tree.restore', after: { restoredFrom: target } },
      };
    },
  });
}

// ── Evidence ─────────────────────────────────────────────────────────────────────────────────────

function toEvidence(row: repo.EvidenceRow): Evidence {
  const e = row.evidence;
  const base = {
    id: e.id,
    nodeId: e.nodeId,
    createdBy: e.createdBy && row.creatorName !== null ? { id: e.createdBy, name: row.creatorName } : null,
    createdAt: e.createdAt.toISOString(),
  };
  if (e.kind === 'indicator_value' && e.indicatorValueId && row.indicator && row.value)
    return {
      ...base,
      kind: 'indicator_value',
      indicatorValueId: e.indicatorValueId,
      indicator: row.indicator,
      value: row.value.value,
      period: row.value.period,
      source: row.value.source,
    };
  if (e.kind === 'grant_score' && e.grantScoreId && row.grant)
    return {
      ...base,
      kind: 'grant_score',
      grantScoreId: e.grantScoreId,
      ...row.grant,
      period: e.period ?? `FY${row.grant.fiscalYear}`,
      source: e.source || row.grant.source,
    };
  if (e.kind === 'finding' && e.findingId && row.finding) return { ...base, kind: 'finding', findingId: e.findingId, finding: row.finding };
  return { ...base, kind: 'text', text: e.text ?? '', source: e.source ?? '' };
}

async function requireNode(db: Db, engagementId: string, nodeId: string): Promise<TreeNodeShape> {
  const node = await repo.findNode(db, engagementId, nodeId);
  if (!node) throw new NotFound('Node');
  return node;
}

export async function listEvidence(ctx: ServiceContext, engagementId: string, nodeId: string): Promise<(Evidence | ObserverEvidence)[]> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'tree.read');
  await requireNode(db, engagementId, nodeId);
  const rows = await repo.listEvidence(db, engagementId, { nodeId }, readableFindingVisibilities(access.role));
  const evidence = rows.map(toEvidence);
  // Observers: each kind's allow-list, without the staff member who added it.
  return access.role === 'observer' ? evidence.map((e) => ObserverEvidenceSchema.parse({ ...e, createdBy: null })) : evidence;
}

export async function addEvidence(
  ctx: ServiceContext,
  {
    engagementId,
    nodeId,
    body,
  }: {
    engagementId: string;
    nodeId: string;
    body: CreateEvidenceBody;
  },
): Promise<Evidence> {
  const { db, actor } = ctx;
  const access = await authorize(ctx, engagementId, 'tree.edit');
  await requireNode(db, engagementId, nodeId);
  const existing = await repo.listEvidence(db, engagementId, { nodeId }, readableFindingVisibilities(access.role));
  let values: Parameters<typeof repo.insertEvidence>[1];
  switch (body.kind) {
    case 'indicator_value': {
      const value = await repo.findIndicatorValue(db, access.engagement.municipalityId, body.indicatorValueId);
      if (!value)
        throw new BadRequest('Unknown indicator value', [
          { path: 'body.indicatorValueId', message: 'No such value of this engagement’s municipality' },
        ]);
      if (existing.some((r) => r.evidence.indicatorValueId === value.id))
        throw new Conflict('duplicate_evidence', 'This indicator value is already evidence of the node');
      values = { engagementId, nodeId, kind: 'indicator_value', indicatorValueId: value.id, period: value.period, createdBy: actor.id };
      break;
    }
    case 'grant_score': {
      const score = await repo.findGrantScore(db, access.engagement.municipalityId, body.grantScoreId);
      if (!score)
        throw new BadRequest('Unknown 交付金 score', [
          { path: 'body.grantScoreId', message: 'No such score of this engagement’s municipality' },
        ]);
      if (existing.some((r) => r.evidence.grantScoreId === score.id))
        throw new Conflict('duplicate_evidence', 'This 交付金 score is already evidence of the node');
      // The fiscal year and source are recorded with the evidence, as for an indicator value.
      values = {
        engagementId,
        nodeId,
        kind: 'grant_score',
        grantScoreId: score.id,
        period: `FY${score.fiscalYear}`,
        source: score.source,
        createdBy: actor.id,
      };
      break;
    }
    case 'finding': {
      const finding = await repo.findFinding(db, engagementId, body.findingId);
      // A finding the caller may not read (a municipal member and a `team` finding) is unknown to them.
      if (!finding || !readableFindingVisibilities(access.role).includes(finding.visibility))
        throw new BadRequest('Unknown finding', [{ path: 'body.findingId', message: 'No such finding in this engagement' }]);
      if (existing.some((r) => r.evidence.findingId === finding.id))
        throw new Conflict('duplicate_evidence', 'This finding is already evidence of the node');
      values = { engagementId, nodeId, kind: 'finding', findingId: finding.id, createdBy: actor.id };
      break;
    }
    case 'text':
      values = { engagementId, nodeId, kind: 'text', text: body.text, source: body.source, createdBy: actor.id };
      break;
  }
  const created = await db.transaction(async (tx) => {
    const id = await repo.insertEvidence(tx, values);
    const [row] = await repo.listEvidence(tx, engagementId, { evidenceId: id }, readableFindingVisibilities(access.role));
    if (!row) throw new NotFound('Evidence');
    const evidence = toEvidence(row);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'evidence',
      entityId: id,
      action: 'evidence.create',
      after: evidence,
    });
    return evidence;
  });
  return created;
}

export async function removeEvidence(
  ctx: ServiceContext,
  {
    engagementId,
    nodeId,
    evidenceId,
  }: {
    engagementId: string;
    nodeId: string;
    evidenceId: string;
  },
): Promise<void> {
  const { db, actor } = ctx;
  const access = await authorize(ctx, engagementId, 'tree.edit');
  await requireNode(db, engagementId, nodeId);
  const [row] = await repo.listEvidence(db, engagementId, { nodeId, evidenceId }, readableFindingVisibilities(access.role));
  if (!row) throw new NotFound('Evidence');
  await db.transaction(async (tx) => {
    await repo.deleteEvidence(tx, engagementId, evidenceId);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'evidence',
      entityId: evidenceId,
      action: 'evidence.delete',
      before: toEvidence(row),
    });
  });
}
