/**
 * Collapsed branches, the outline's visible order and the search, over the editor's tree index.
 * Pure: the canvas and the outline view share them (what is collapsed in one is collapsed in the other).
 */
import type { TreeNode } from '../types';
import type { TreeIndex } from './intents';

/** How many nodes hang below a node. */
function subtreeSize(index: TreeIndex, id: string): number {
  let count = 0;
  const stack = [...(index.children.get(id) ?? [])];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    count++;
    stack.push(...(index.children.get(cur.id) ?? []));
  }
  return count;
}

export interface VisibleTree {
  /** The nodes shown, in tree order (none below a collapsed node). */
  nodes: TreeNode[];
  /** Collapsed nodes that have children → how many nodes each hides. */
  hidden: Map<string, number>;
  /** Nodes that have children. */
  withChildren: Set<string>;
}

/** The nodes shown when the branches in `collapsed` are folded (depth-first, siblings in order). */
export function visibleTree(index: TreeIndex, collapsed: ReadonlySet<string>): VisibleTree {
  const nodes: TreeNode[] = [];
  const hidden = new Map<string, number>();
  const withChildren = new Set<string>();
  const walk = (parentId: string | null) => {
    for (const n of index.children.get(parentId) ?? []) {
      nodes.push(n);
      const kids = index.children.get(n.id) ?? [];
      if (kids.length === 0) continue;
      withChildren.add(n.id);
      if (collapsed.has(n.id)) hidden.set(n.id, subtreeSize(index, n.id));
      else walk(n.id);
    }
  };
  walk(null);
  return { nodes, hidden, withChildren };
}

/** The collapsed set with every ancestor of `id` expanded (so a selected node is never hidden). */
export function expandTo(index: TreeIndex, collapsed: ReadonlySet<string>, id: string): ReadonlySet<string> {
  let out: Set<string> | null = null;
  let cur = index.byId.get(id);
  while (cur && cur.parentId !== null) {
    if (collapsed.has(cur.parentId)) {
      out ??= new Set(collapsed);
      out.delete(cur.parentId);
    }
    cur = index.byId.get(cur.parentId);
  }
  return out ?? collapsed;
}

/** The ids of the nodes whose title or detail contains the query (case- and width-insensitive), in tree order. */
export function searchNodes(index: TreeIndex, query: string): string[] {
  const q = query.normalize('NFKC').trim().toLowerCase();
  if (q === '') return [];
  const out: string[] = [];
  const walk = (parentId: string | null) => {
    for (const n of index.children.get(parentId) ?? []) {
      if (`${n.title}\n${n.detail}`.normalize('NFKC').toLowerCase().includes(q)) out.push(n.id);
      walk(n.id);
    }
  };
  walk(null);
  return out;
}

export type OutlineMove = 'next' | 'previous' | 'first' | 'last' | 'in' | 'out';

/**
 * The WAI-ARIA tree pattern's arrow keys over the visible order: ↓/↑ next/previous visible node,
 * Home/End first/last, → opens a closed node or goes to its first child, ← closes an open node or
 * goes to its parent. Returns what to select and whether a node should open or close.
 */
export function outlineStep(
  index: TreeIndex,
  visible: VisibleTree,
  id: string,
  move: OutlineMove,
): { select: string | null; expand?: string; collapse?: string } {
  const order = visible.nodes;
  const at = order.findIndex((n) => n.id === id);
  const node = index.byId.get(id);
  switch (move) {
    case 'next':
      return { select: order[at + 1]?.id ?? null };
    case 'previous':
      return { select: at > 0 ? (order[at - 1]?.id ?? null) : null };
    case 'first':
      return { select: order[0]?.id ?? null };
    case 'last':
      return { select: order.at(-1)?.id ?? null };
    case 'in':
      if (!visible.withChildren.has(id)) return { select: null };
      if (visible.hidden.has(id)) return { select: null, expand: id };
      return { select: index.children.get(id)?.[0]?.id ?? null };
    case 'out':
      if (visible.withChildren.has(id) && !visible.hidden.has(id)) return { select: null, collapse: id };
      return { select: node?.parentId ?? null };
  }
}
