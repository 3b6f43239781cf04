/** Re-applying the user's unsaved edits on a newer tree (after a 412). */
import { applyTreeOperations, type TreeOperation } from '@banso/shared/tree';
import type { TreeNode } from '../types';
import { compactOperations } from './batch';

export const actionIds = (nodes: readonly TreeNode[]) => new Set(nodes.filter((n) => n.action !== null).map((n) => n.id));

/**
 * Re-applies the user's operations one by one on a newer tree, keeping those that still apply.
 * Titles from renames or adds that no longer apply are returned so the UI can show them.
 */
export function rebase(
  nodes: readonly TreeNode[],
  ops: readonly TreeOperation[],
): { nodes: TreeNode[]; kept: TreeOperation[]; lostTitles: string[] } {
  const withAction = actionIds(nodes);
  let current: TreeNode[] = [...nodes];
  const extras = new Map(nodes.map((n) => [n.id, n]));
  const kept: TreeOperation[] = [];
  const lostTitles: string[] = [];
  for (const op of compactOperations(ops)) {
    const result = applyTreeOperations(current, [op], { nodesWithAction: withAction });
    if (result.ok) {
      kept.push(op);
      current = result.nodes.map((n) => {
        const e = extras.get(n.id);
        return { ...n, evidenceCount: e?.evidenceCount ?? 0, action: e?.action ?? null };
      });
    } else if ((op.op === 'add' || op.op === 'update') && op.title !== undefined) {
      lostTitles.push(op.title);
    }
  }
  return { nodes: current, kept, lostTitles };
}
