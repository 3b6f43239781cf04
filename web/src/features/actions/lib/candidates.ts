import type { TreeNode } from '@banso/shared';

/** Measure nodes without an action, in tree order (depth-first by position), with their parent's title. */
export function measureCandidates(nodes: readonly TreeNode[]): { node: TreeNode; parentTitle: string | null }[] {
  const children = new Map<string | null, TreeNode[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: { node: TreeNode; parentTitle: string | null }[] = [];
  const seen = new Set<string>();
  const visit = (parentId: string | null) => {
    for (const n of children.get(parentId) ?? []) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      if (n.kind === 'measure' && n.action === null)
        out.push({ node: n, parentTitle: n.parentId ? (byId.get(n.parentId)?.title ?? null) : null });
      visit(n.id);
    }
  };
  visit(null);
  return out;
}

/** Splits "医師会、薬剤師会, 包括" into names. */
export function splitList(text: string): string[] {
  return text
    .split(/[,、，\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
