import { type Action, canMoveAction, type CreateActionBody, nextActionStatuses, type UpdateActionBody } from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { BadRequest, Conflict, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorize, lockEngagement } from '../access/access.service.js';
import { keepAgreedRoadmapComplete } from '../engagements/engagements.service.js';
import { nodeOrder } from '../tree/tree.repository.js';
import * as repo from './actions.repository.js';

export function toAction(row: repo.ActionListRow): Action {
  const a = row.action;
  return {
    id: a.id,
    engagementId: a.engagementId,
    nodeId: a.nodeId,
    node: row.node,
    ownerDepartment: a.ownerDepartment,
    partners: a.partners,
    priority: a.priority,
    rationale: a.rationale,
    status: a.status,
    nextStatuses: [...nextActionStatuses(a.status)],
    hasRoadmapItem: Boolean(row.hasRoadmapItem),
    verificationPlanCount: Number(row.verificationPlanCount),
    milestoneCount: Number(row.milestoneCount),
    originActionId: a.originActionId,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Actions in the order of their measures in the tree. */
export async function listActions(ctx: ServiceContext, engagementId: string): Promise<Action[]> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'action.read');
  const [rows, order] = await Promise.all([repo.listActions(db, engagementId), nodeOrder(db, engagementId)]);
  return sortByTree(rows, (r) => r.action.nodeId, order).map(toAction);
}

/** Stable sort by the node's place in the tree. */
export function sortByTree<T>(items: readonly T[], nodeOf: (t: T) => string, order: ReadonlyMap<string, number>): T[] {
  return [...items].sort((a, b) => (order.get(nodeOf(a)) ?? Infinity) - (order.get(nodeOf(b)) ?? Infinity));
}

async function loadAction(db: Db, engagementId: string, actionId: string): Promise<Action> {
  const row = await repo.findActionView(db, engagementId, actionId);
  if (!row) throw new NotFound('Action');
  return toAction(row);
}

/** Selects a measure node as an action (取組). */
export async function createAction(ctx: ServiceContext, engagementId: string, body: CreateActionBody): Promise<Action> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'action.write');
  const node = await repo.findNode(db, engagementId, body.nodeId);
  if (!node) throw new BadRequest('Unknown node', [{ path: 'body.nodeId', message: 'No such node in this engagement’s tree' }]);
  if (node.kind !== 'measure') throw new Conflict('not_a_measure', `Only a measure (取組) can be selected; this node is a ${node.kind}`);
  const already = await repo.findActionByNode(db, engagementId, node.id);
  if (already) throw new Conflict('already_selected', 'This measure is already selected as an action', { actionId: already.id });
  return db.transaction(async (tx) => {
    await lockEngagement(tx, engagementId);
    const now = clock.now();
    const row = await repo.insertAction(tx, {
      engagementId,
      nodeId: node.id,
      rationale: body.rationale,
      ownerDepartment: body.ownerDepartment,
      partners: body.partners,
      priority: body.priority,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw new Conflict('already_selected', 'This measure is already selected as an action');
    const action = await loadAction(tx, engagementId, row.id);
    await recordAudit(tx, { actorId: actor.id, engagementId, entity: 'action', entityId: row.id, action: 'action.create', after: action });
    return action;
  });
}

/** Edits an action's fields and moves its status by the transition table. */
export async function updateAction(
  ctx: ServiceContext,
  {
    engagementId,
    actionId,
    ifMatch,
    body,
  }: {
    engagementId: string;
    actionId: string;
    ifMatch: () => number;
    body: UpdateActionBody;
  },
): Promise<Action> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, engagementId, 'action.write');
  const version = ifMatch();
  const before = await loadAction(db, engagementId, actionId);
  if (before.version !== version) throw new PreconditionFailed(before);
  if (body.status !== undefined && body.status !== before.status && !canMoveAction(before.status, body.status))
    throw new Conflict('transition_not_allowed', `An action cannot move from ${before.status} to ${body.status}`, {
      allowed: [...nextActionStatuses(before.status)],
    });
  return db.transaction(async (tx) => {
    await lockEngagement(tx, engagementId);
    const row = await repo.updateAction(tx, engagementId, actionId, version, { ...body, updatedAt: clock.now() });
    if (!row) throw new PreconditionFailed(await loadAction(tx, engagementId, actionId));
    await keepAgreedRoadmapComplete(tx, engagementId);
    const after = await loadAction(tx, engagementId, actionId);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'action',
      entityId: actionId,
      action: 'action.update',
      before,
      after,
    });
    return after;
  });
}
