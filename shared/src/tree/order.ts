/**
 * Tree ordering, written once: siblings by position, depth-first pre-order. Used by the API
 * repository, the report facts, the editor and the layout.
 */

interface Ordered {
  id: string;
  parentId: string | null;
  position: number;
}

/** Sibling order: by position, ties (corrupt or concurrent input) by id, so every reader agrees. */
export function compareSiblings(a: Ordered, b: Ordered): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Children lists keyed by parent id, each sorted by position. */
export function childrenIndex<T extends Ordered>(nodes: readonly T[]): Map<string | null, T[]> {
  const map = new Map<string | null, T[]>();
  for (const n of nodes) {
    const list = map.get(n.parentId) ?? [];
    list.push(n);
    map.set(n.parentId, list);
  }
  for (const list of map.values()) list.sort(compareSiblings);
  return map;
}

/**
 * Nodes in depth-first pre-order (root first, siblings by position), so every parent precedes its
 * children. Nodes unreachable from a root (corrupt input) follow at the end in input order.
 */
export function orderTree<T extends Ordered>(nodes: readonly T[]): T[] {
  const index = childrenIndex(nodes);
  const out: T[] = [];
  const seen = new Set<string>();
  const stack = [...(index.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    out.push(n);
    const kids = index.get(n.id);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  if (out.length < nodes.length) for (const n of nodes) if (!seen.has(n.id)) out.push(n);
  return out;
}

/** Each node's index in the depth-first order (the order the tree is read in), for ordering lists by the tree. */
export function treeOrderIndex(nodes: readonly Ordered[]): Map<string, number> {
  return new Map(orderTree(nodes).map((n, i) => [n.id, i]));
}
