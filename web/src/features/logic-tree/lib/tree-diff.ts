/**
 * What differs between two versions of a tree, node by node, in the words a conflict banner shows:
 * added, removed, renamed, moved under another parent. Pure (unit-tested); a reorder among the same
 * siblings is left out (the banner names what a reader would look for).
 */
import type { TreeNode } from '../types';

export type TreeChange =
  | { op: 'add'; title: string }
  | { op: 'remove'; title: string }
  | { op: 'rename'; from: string; title: string }
  | { op: 'move'; title: string; parent: string };

export function treeChanges(before: readonly TreeNode[], after: readonly TreeNode[]): TreeChange[] {
  const old = new Map(before.map((n) => [n.id, n]));
  const now = new Map(after.map((n) => [n.id, n]));
  const out: TreeChange[] = [];
  for (const n of after) {
    const o = old.get(n.id);
    if (!o) out.push({ op: 'add', title: n.title });
    else {
      if (o.title !== n.title) out.push({ op: 'rename', from: o.title, title: n.title });
      if (o.parentId !== n.parentId) out.push({ op: 'move', title: n.title, parent: (n.parentId && now.get(n.parentId)?.title) || '—' });
    }
  }
  for (const o of before) if (!now.has(o.id)) out.push({ op: 'remove', title: o.title });
  return out;
}
