/**
 * Logic-tree rules (目指す姿 → 課題 → 要因 → 取組). Pure functions over a flat node list so
 * that the API validates a batch of operations before touching the database, and the editor
 * checks a drag-and-drop before it sends anything.
 */
import type { HypothesisState, NodeKind } from '../domain.js';
import { orderTree } from './order.js';

export interface TreeNodeShape {
  id: string;
  parentId: string | null;
  position: number;
  kind: NodeKind;
  title: string;
  detail: string;
  hypothesisState: HypothesisState | null;
}

/** Which kinds may hang under which: goal → outcome/issue, outcome → outcome/issue, issue → cause/issue, cause → cause/measure. */
export const allowedChildKinds: Record<NodeKind, readonly NodeKind[]> = {
  goal: ['outcome', 'issue'],
  outcome: ['outcome', 'issue'],
  issue: ['cause', 'issue'],
  cause: ['cause', 'measure'],
  measure: [],
};

export function canHoldChild(parentKind: NodeKind, childKind: NodeKind): boolean {
  return allowedChildKinds[parentKind].includes(childKind);
}

export type TreeOperation =
  | {
      op: 'add';
      id: string;
      parentId: string | null;
      kind: NodeKind;
      title: string;
      detail?: string | undefined;
      hypothesisState?: HypothesisState | null | undefined;
      position?: number | undefined;
    }
  | {
      op: 'update';
      id: string;
      title?: string | undefined;
      detail?: string | undefined;
      kind?: NodeKind | undefined;
      hypothesisState?: HypothesisState | null | undefined;
    }
  | { op: 'move'; id: string; parentId: string; position?: number | undefined }
  | { op: 'remove'; id: string };

/** The names of the tree rules, so the web (and the labels) can key a message on each. */
export const treeRuleNames = [
  'duplicate_id',
  'unknown_node',
  'unknown_parent',
  'single_goal_root',
  'root_must_be_goal',
  'cycle',
  'measure_is_leaf',
  'kind_follows_parent',
  'node_has_action',
  'empty_title',
] as const;
export type TreeRule = (typeof treeRuleNames)[number];

export function isTreeRule(rule: string): rule is TreeRule {
  return (treeRuleNames as readonly string[]).includes(rule);
}

export interface TreeRuleViolation {
  /** Index of the operation in the batch that broke the rule. */
  index: number;
  rule: TreeRule;
  nodeId: string;
  message: string;
}

export type ApplyResult = { ok: true; nodes: TreeNodeShape[] } | { ok: false; violation: TreeRuleViolation };

export interface ApplyContext {
  /** Node ids that carry a selected action; such a node (or a subtree containing one) cannot be removed, nor change kind. */
  nodesWithAction?: ReadonlySet<string>;
  /** Ids an `add` may not use although they are not in this tree (e.g. taken by another engagement's tree). */
  takenIds?: ReadonlySet<string>;
}

const clampPosition = (p: number | undefined, max: number) => (p === undefined ? max : Math.max(0, Math.min(Math.trunc(p), max)));

/**
 * Applies a batch of operations to a tree. Either every operation applies and the result keeps
 * all invariants, or the first violation is returned and the input is untouched.
 * Runs in O(n + Σ depth) for a batch; the input array is not mutated.
 */
export function applyTreeOperations(input: readonly TreeNodeShape[], ops: readonly TreeOperation[], ctx: ApplyContext = {}): ApplyResult {
  const nodes = new Map<string, TreeNodeShape>();
  const children = new Map<string | null, string[]>();
  for (const n of [...input].sort((a, b) => a.position - b.position)) {
    nodes.set(n.id, { ...n });
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const withAction = ctx.nodesWithAction ?? new Set<string>();
  const taken = ctx.takenIds ?? new Set<string>();
  // Every id the batch has seen: an id removed earlier in the batch cannot come back as a new node.
  const used = new Set<string>(nodes.keys());
  const fail = (index: number, rule: TreeRule, nodeId: string, message: string): ApplyResult => ({
    ok: false,
    violation: { index, rule, nodeId, message },
  });
  const siblings = (parentId: string | null) => {
    let list = children.get(parentId);
    if (!list) {
      list = [];
      children.set(parentId, list);
    }
    return list;
  };
  const detach = (id: string, parentId: string | null) => {
    const list = siblings(parentId);
    const i = list.indexOf(id);
    if (i >= 0) list.splice(i, 1);
  };
  const isAncestor = (candidate: string, of: string): boolean => {
    let cur: string | null = of;
    const seen = new Set<string>();
    while (cur !== null) {
      if (cur === candidate) return true;
      if (seen.has(cur)) return true; // defensive: corrupt input
      seen.add(cur);
      cur = nodes.get(cur)?.parentId ?? null;
    }
    return false;
  };
  const subtree = (id: string): string[] => {
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      out.push(cur);
      stack.push(...(children.get(cur) ?? []));
    }
    return out;
  };
  const checkPlacement = (index: number, id: string, kind: NodeKind, parentId: string | null): ApplyResult | null => {
    if (parentId === null) {
      if (kind !== 'goal') return fail(index, 'root_must_be_goal', id, 'Only a goal (目指す姿) can be the root');
      const roots = siblings(null).filter((r) => r !== id);
      if (roots.length > 0) return fail(index, 'single_goal_root', id, 'The tree already has a goal root');
      return null;
    }
    const parent = nodes.get(parentId);
    if (!parent) return fail(index, 'unknown_parent', id, `Parent ${parentId} does not exist`);
    if (parent.kind === 'measure') return fail(index, 'measure_is_leaf', id, 'A measure (取組) cannot have children');
    if (!canHoldChild(parent.kind, kind))
      return fail(index, 'kind_follows_parent', id, `A ${kind} cannot be placed under a ${parent.kind}`);
    return null;
  };

  for (const [index, op] of ops.entries()) {
    switch (op.op) {
      case 'add': {
        if (used.has(op.id) || taken.has(op.id)) return fail(index, 'duplicate_id', op.id, `Node id ${op.id} is already in use`);
        if (op.title.trim() === '') return fail(index, 'empty_title', op.id, 'A node needs a title');
        const bad = checkPlacement(index, op.id, op.kind, op.parentId);
        if (bad) return bad;
        used.add(op.id);
        nodes.set(op.id, {
          id: op.id,
          parentId: op.parentId,
          position: 0,
          kind: op.kind,
          title: op.title,
          detail: op.detail ?? '',
          hypothesisState: op.hypothesisState ?? null,
        });
        const list = siblings(op.parentId);
        list.splice(clampPosition(op.position, list.length), 0, op.id);
        break;
      }
      case 'update': {
        const node = nodes.get(op.id);
        if (!node) return fail(index, 'unknown_node', op.id, `Node ${op.id} does not exist`);
        if (op.title !== undefined && op.title.trim() === '') return fail(index, 'empty_title', op.id, 'A node needs a title');
        if (op.kind !== undefined && op.kind !== node.kind) {
          if (withAction.has(op.id)) return fail(index, 'node_has_action', op.id, 'A measure with a selected action cannot change kind');
          const bad = checkPlacement(index, op.id, op.kind, node.parentId);
          if (bad) return bad;
          for (const child of children.get(op.id) ?? []) {
            const c = nodes.get(child)!;
            if (!canHoldChild(op.kind, c.kind))
              return fail(
                index,
                op.kind === 'measure' ? 'measure_is_leaf' : 'kind_follows_parent',
                op.id,
                `A ${op.kind} cannot hold its ${c.kind} children`,
              );
          }
          node.kind = op.kind;
        }
        if (op.title !== undefined) node.title = op.title;
        if (op.detail !== undefined) node.detail = op.detail;
        if (op.hypothesisState !== undefined) node.hypothesisState = op.hypothesisState;
        break;
      }
      case 'move': {
        const node = nodes.get(op.id);
        if (!node) return fail(index, 'unknown_node', op.id, `Node ${op.id} does not exist`);
        if (!nodes.has(op.parentId)) return fail(index, 'unknown_parent', op.id, `Parent ${op.parentId} does not exist`);
        if (isAncestor(op.id, op.parentId)) return fail(index, 'cycle', op.id, 'A node cannot be moved under itself or its descendants');
        const bad = checkPlacement(index, op.id, node.kind, op.parentId);
        if (bad) return bad;
        detach(op.id, node.parentId);
        node.parentId = op.parentId;
        const list = siblings(op.parentId);
        list.splice(clampPosition(op.position, list.length), 0, op.id);
        break;
      }
      case 'remove': {
        const node = nodes.get(op.id);
        if (!node) return fail(index, 'unknown_node', op.id, `Node ${op.id} does not exist`);
        const doomed = subtree(op.id);
        const blocked = doomed.find((id) => withAction.has(id));
        if (blocked !== undefined)
          return fail(index, 'node_has_action', blocked, 'A measure with a selected action cannot be removed; drop the action first');
        detach(op.id, node.parentId);
        for (const id of doomed) {
          nodes.delete(id);
          children.delete(id);
        }
        break;
      }
    }
  }

  // Renumber positions so siblings stay 0..k-1 in list order.
  for (const [, list] of children) list.forEach((id, i) => (nodes.get(id)!.position = i));
  const roots = siblings(null);
  if (nodes.size > 0 && roots.length !== 1)
    return fail(ops.length - 1, 'single_goal_root', roots[1] ?? '', 'The tree must have exactly one goal root');
  return { ok: true, nodes: [...nodes.values()] };
}

/** Checks every invariant of a whole tree. Returns the violations found (empty when valid). */
export function validateTree(nodes: readonly TreeNodeShape[]): Omit<TreeRuleViolation, 'index'>[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: Omit<TreeRuleViolation, 'index'>[] = [];
  const roots = nodes.filter((n) => n.parentId === null);
  if (nodes.length > 0 && roots.length !== 1)
    out.push({ rule: 'single_goal_root', nodeId: roots[1]?.id ?? '', message: 'The tree must have exactly one root' });
  for (const n of nodes) {
    if (n.parentId === null) {
      if (n.kind !== 'goal') out.push({ rule: 'root_must_be_goal', nodeId: n.id, message: 'The root must be a goal' });
      continue;
    }
    const parent = byId.get(n.parentId);
    if (!parent) {
      out.push({ rule: 'unknown_parent', nodeId: n.id, message: 'Parent missing' });
      continue;
    }
    if (parent.kind === 'measure') out.push({ rule: 'measure_is_leaf', nodeId: n.id, message: 'Measure has a child' });
    else if (!canHoldChild(parent.kind, n.kind))
      out.push({ rule: 'kind_follows_parent', nodeId: n.id, message: `${n.kind} under ${parent.kind}` });
  }
  // Cycle check: every node must reach a root.
  const state = new Map<string, 1 | 2>();
  for (const n of nodes) {
    const path: string[] = [];
    let cur: TreeNodeShape | undefined = n;
    while (cur && !state.has(cur.id)) {
      state.set(cur.id, 1);
      path.push(cur.id);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    if (cur && state.get(cur.id) === 1) out.push({ rule: 'cycle', nodeId: cur.id, message: 'Cycle in parents' });
    for (const id of path) state.set(id, 2);
  }
  return out;
}

/** A one-line summary of a batch for the revision history, e.g. "add 2, update 1". */
export function summarizeOperations(ops: readonly TreeOperation[]): string {
  const counts = new Map<string, number>();
  for (const o of ops) counts.set(o.op, (counts.get(o.op) ?? 0) + 1);
  return [...counts].map(([k, v]) => `${k} ${v}`).join(', ');
}

export interface TreeDiff {
  /** New nodes, parents before children. */
  added: TreeNodeShape[];
  /** Nodes whose parent, position, kind, title, detail or hypothesis state changed. */
  changed: TreeNodeShape[];
  /** Ids of nodes that are gone. */
  removed: string[];
}

const sameNode = (a: TreeNodeShape, b: TreeNodeShape) =>
  a.parentId === b.parentId &&
  a.position === b.position &&
  a.kind === b.kind &&
  a.title === b.title &&
  a.detail === b.detail &&
  a.hypothesisState === b.hypothesisState;

/** The rows to write to go from `before` to `after` (both whole trees). */
export function diffTrees(before: readonly TreeNodeShape[], after: readonly TreeNodeShape[]): TreeDiff {
  const old = new Map(before.map((n) => [n.id, n]));
  const next = new Set(after.map((n) => n.id));
  const added: TreeNodeShape[] = [];
  const changed: TreeNodeShape[] = [];
  for (const n of orderTree(after)) {
    const prev = old.get(n.id);
    if (!prev) added.push(n);
    else if (!sameNode(prev, n)) changed.push(n);
  }
  const removed = before.filter((n) => !next.has(n.id)).map((n) => n.id);
  return { added, changed, removed };
}
