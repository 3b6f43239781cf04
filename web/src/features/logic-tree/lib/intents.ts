/**
 * Editing intents → tree operations. Each intent is checked against the working copy with the
 * shared rules (applyTreeOperations) and returns the operations to send, their inverse (for undo)
 * and what to select afterwards, or a refusal with the rule explained (message keys, see messages.ts).
 */
import { allowedChildKinds, applyTreeOperations, canHoldChild, type TreeOperation } from '@banso/shared/tree';
import type { HypothesisState, NodeKind, TreeNode } from '../types';
import { message, type TreeMessage } from './messages';
import { ruleMessage } from './rule-messages';

export interface Edit {
  /** What the edit did, for the undo/redo notice. */
  label: TreeMessage;
  ops: TreeOperation[];
  inverse: TreeOperation[];
  /** Selection after the edit is applied / after it is undone. */
  selectAfter: string | null;
  selectAfterUndo: string | null;
}

export type IntentResult = { ok: true; edit: Edit } | { ok: false; message: TreeMessage };

export interface TreeIndex {
  byId: Map<string, TreeNode>;
  children: Map<string | null, TreeNode[]>;
  nodesWithAction: Set<string>;
}

export function indexTree(nodes: readonly TreeNode[]): TreeIndex {
  const byId = new Map<string, TreeNode>();
  const children = new Map<string | null, TreeNode[]>();
  const nodesWithAction = new Set<string>();
  for (const n of nodes) {
    byId.set(n.id, n);
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
    if (n.action) nodesWithAction.add(n.id);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  return { byId, children, nodesWithAction };
}

/** The title a new node gets, in the reader's language (the editor injects it; tests pass their own). */
export type NewTitle = (kind: NodeKind) => string;

/** The kind Tab gives a new child: the first kind the rules allow under the parent. */
export function firstChildKind(parent: NodeKind): NodeKind | null {
  return allowedChildKinds[parent][0] ?? null;
}

function check(
  nodes: readonly TreeNode[],
  index: TreeIndex,
  edit: Edit,
  ctx: { kind?: NodeKind; parentKind?: NodeKind } = {},
): IntentResult {
  const result = applyTreeOperations(nodes, edit.ops, { nodesWithAction: index.nodesWithAction });
  if (!result.ok) return { ok: false, message: ruleMessage(result.violation, ctx) };
  return { ok: true, edit };
}

const missing = (): IntentResult => ({ ok: false, message: ruleMessage({ rule: 'unknown_node' }) });

export function addChild(nodes: readonly TreeNode[], index: TreeIndex, parentId: string, newId: string, newTitle: NewTitle): IntentResult {
  const parent = index.byId.get(parentId);
  if (!parent) return missing();
  const kind = firstChildKind(parent.kind);
  if (kind === null) return { ok: false, message: ruleMessage({ rule: 'measure_is_leaf' }) };
  const position = index.children.get(parentId)?.length ?? 0;
  return check(nodes, index, {
    label: message('edit.add', { kind: { kind } }),
    ops: [{ op: 'add', id: newId, parentId, kind, title: newTitle(kind), position }],
    inverse: [{ op: 'remove', id: newId }],
    selectAfter: newId,
    selectAfterUndo: parentId,
  });
}

export function addSibling(nodes: readonly TreeNode[], index: TreeIndex, nodeId: string, newId: string, newTitle: NewTitle): IntentResult {
  const node = index.byId.get(nodeId);
  if (!node) return missing();
  if (node.parentId === null) return { ok: false, message: ruleMessage({ rule: 'single_goal_root' }) };
  return check(nodes, index, {
    label: message('edit.add', { kind: { kind: node.kind } }),
    ops: [
      {
        op: 'add',
        id: newId,
        parentId: node.parentId,
        kind: node.kind,
        title: newTitle(node.kind),
        position: (index.children.get(node.parentId)?.findIndex((s) => s.id === nodeId) ?? node.position) + 1,
      },
    ],
    inverse: [{ op: 'remove', id: newId }],
    selectAfter: newId,
    selectAfterUndo: nodeId,
  });
}

export interface NodePatch {
  title?: string;
  detail?: string;
  kind?: NodeKind;
  hypothesisState?: HypothesisState | null;
}

/** Rename, detail, kind or hypothesis state; a patch that changes nothing is refused as a no-op. */
export function updateNode(nodes: readonly TreeNode[], index: TreeIndex, id: string, patch: NodePatch): IntentResult | null {
  const node = index.byId.get(id);
  if (!node) return missing();
  const op: Extract<TreeOperation, { op: 'update' }> = { op: 'update', id };
  const inverse: Extract<TreeOperation, { op: 'update' }> = { op: 'update', id };
  const labels: TreeMessage[] = [];
  if (patch.title !== undefined && patch.title.trim() !== node.title) {
    op.title = patch.title.trim();
    inverse.title = node.title;
    labels.push(message('edit.title'));
  }
  if (patch.detail !== undefined && patch.detail !== node.detail) {
    op.detail = patch.detail;
    inverse.detail = node.detail;
    labels.push(message('edit.detail'));
  }
  if (patch.kind !== undefined && patch.kind !== node.kind) {
    op.kind = patch.kind;
    inverse.kind = node.kind;
    labels.push(message('edit.kind'));
  }
  if (patch.hypothesisState !== undefined && patch.hypothesisState !== node.hypothesisState) {
    op.hypothesisState = patch.hypothesisState;
    inverse.hypothesisState = node.hypothesisState;
    labels.push(message('edit.hypothesis'));
  }
  if (labels.length === 0) return null;
  const parent = node.parentId === null ? undefined : index.byId.get(node.parentId);
  return check(
    nodes,
    index,
    {
      label: labels.length === 1 ? labels[0]! : message('edit.several'),
      ops: [op],
      inverse: [inverse],
      selectAfter: id,
      selectAfterUndo: id,
    },
    { kind: patch.kind ?? node.kind, ...(parent ? { parentKind: parent.kind } : {}) },
  );
}

/** Re-parents a node (appended as the last child unless a position is given). */
export function moveUnder(
  nodes: readonly TreeNode[],
  index: TreeIndex,
  id: string,
  parentId: string,
  position?: number,
): IntentResult | null {
  const node = index.byId.get(id);
  const parent = index.byId.get(parentId);
  if (!node || !parent) return missing();
  if (node.parentId === null) return { ok: false, message: message('rule.goalNotMovable') };
  if (node.parentId === parentId && (position === undefined || position === node.position)) return null;
  const siblings = index.children.get(parentId) ?? [];
  const to = position ?? siblings.filter((s) => s.id !== id).length;
  return check(
    nodes,
    index,
    {
      label: message('edit.move', { title: node.title }),
      ops: [{ op: 'move', id, parentId, position: to }],
      inverse: [{ op: 'move', id, parentId: node.parentId, position: node.position }],
      selectAfter: id,
      selectAfterUndo: id,
    },
    { kind: node.kind, parentKind: parent.kind },
  );
}

/** Moves a node one place up (-1) or down (+1) among its siblings; null at either end. */
export function reorder(nodes: readonly TreeNode[], index: TreeIndex, id: string, delta: -1 | 1): IntentResult | null {
  const node = index.byId.get(id);
  if (!node) return missing();
  if (node.parentId === null) return null;
  const siblings = index.children.get(node.parentId) ?? [];
  const at = siblings.findIndex((s) => s.id === id);
  const to = at + delta;
  if (at < 0 || to < 0 || to >= siblings.length) return null;
  return moveUnder(nodes, index, id, node.parentId, to);
}

/**
 * The nodes a node may be moved under (the 「親を変更」 picker): every node the kind rules allow
 * as its parent, in tree order, except its current parent, itself and its own subtree.
 */
export function validParents(nodes: readonly TreeNode[], index: TreeIndex, id: string): TreeNode[] {
  const node = index.byId.get(id);
  if (!node || node.parentId === null) return [];
  const out: TreeNode[] = [];
  const walk = (parentId: string | null) => {
    for (const n of index.children.get(parentId) ?? []) {
      if (n.id === id) continue;
      if (n.id !== node.parentId && canHoldChild(n.kind, node.kind)) {
        const r = moveUnder(nodes, index, id, n.id);
        if (r !== null && r.ok) out.push(n);
      }
      walk(n.id);
    }
  };
  walk(null);
  return out;
}

/** Depth (1 = the goal), 1-based place among siblings and the number of siblings of a node. */
export function placeOf(index: TreeIndex, id: string): { level: number; posinset: number; setsize: number } {
  let level = 0;
  let cur = index.byId.get(id);
  const node = cur;
  while (cur) {
    level++;
    cur = cur.parentId === null ? undefined : index.byId.get(cur.parentId);
  }
  const siblings = node ? (index.children.get(node.parentId) ?? []) : [];
  return { level, posinset: siblings.findIndex((s) => s.id === id) + 1, setsize: siblings.length };
}

/** Removes a node and its subtree; the inverse re-adds the subtree top-down at the same places. */
export function removeNode(nodes: readonly TreeNode[], index: TreeIndex, id: string): IntentResult {
  const node = index.byId.get(id);
  if (!node) return missing();
  if (node.parentId === null) return { ok: false, message: message('rule.goalNotRemovable') };
  const inverse: TreeOperation[] = [];
  const stack: TreeNode[] = [node];
  while (stack.length > 0) {
    const cur = stack.shift()!;
    inverse.push({
      op: 'add',
      id: cur.id,
      parentId: cur.parentId,
      kind: cur.kind,
      title: cur.title,
      detail: cur.detail,
      hypothesisState: cur.hypothesisState,
      position: cur.position,
    });
    stack.push(...(index.children.get(cur.id) ?? []));
  }
  const siblings = index.children.get(node.parentId) ?? [];
  const at = siblings.findIndex((s) => s.id === id);
  const next = siblings[at + 1] ?? siblings[at - 1] ?? null;
  return check(nodes, index, {
    label: message('edit.remove', { title: node.title }),
    ops: [{ op: 'remove', id }],
    inverse,
    selectAfter: next?.id ?? node.parentId,
    selectAfterUndo: id,
  });
}

/** How many nodes hang below a node (for the delete confirmation). */
export function descendantCount(index: TreeIndex, id: string): number {
  let count = 0;
  const stack = [...(index.children.get(id) ?? [])];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    count++;
    stack.push(...(index.children.get(cur.id) ?? []));
  }
  return count;
}

export type Direction = 'parent' | 'firstChild' | 'previous' | 'next';

/** Arrow-key navigation: left = parent, right = first child, up/down = previous/next sibling. */
export function neighbour(index: TreeIndex, id: string, direction: Direction): string | null {
  const node = index.byId.get(id);
  if (!node) return null;
  switch (direction) {
    case 'parent':
      return node.parentId;
    case 'firstChild':
      return index.children.get(id)?.[0]?.id ?? null;
    case 'previous':
    case 'next': {
      const siblings = index.children.get(node.parentId) ?? [];
      const i = siblings.findIndex((s) => s.id === id);
      return siblings[direction === 'previous' ? i - 1 : i + 1]?.id ?? null;
    }
  }
}
