/**
 * Compacts a batch of pending operations before it is sent: an update of a node folds into the
 * latest add or update of the same node when nothing else touched that node in between (typing a
 * title right after Tab sends one `add` with the typed title, not an add and an update).
 * Kind changes are never folded, because a kind can decide whether later operations are valid.
 */
import { applyTreeOperations, type TreeNodeShape, type TreeOperation } from '@banso/shared/tree';

type UpdateOp = Extract<TreeOperation, { op: 'update' }>;
type AddOp = Extract<TreeOperation, { op: 'add' }>;

const foldable = (op: TreeOperation): op is AddOp | UpdateOp => op.op === 'add' || (op.op === 'update' && op.kind === undefined);

function fold(into: AddOp | UpdateOp, patch: UpdateOp): TreeOperation {
  const out = { ...into };
  if (patch.title !== undefined) out.title = patch.title;
  if (patch.detail !== undefined) out.detail = patch.detail;
  if (patch.hypothesisState !== undefined) out.hypothesisState = patch.hypothesisState;
  return out;
}

export function compactOperations(ops: readonly TreeOperation[]): TreeOperation[] {
  const out: TreeOperation[] = [];
  const lastIndex = new Map<string, number>();
  for (const op of ops) {
    if (op.op === 'update' && op.kind === undefined) {
      const i = lastIndex.get(op.id);
      const prev = i === undefined ? undefined : out[i];
      if (i !== undefined && prev && foldable(prev)) {
        out[i] = fold(prev, op);
        continue;
      }
    }
    lastIndex.set(op.id, out.length);
    out.push(op);
    // A move or remove touches the parent's children too, but never the parent's own fields, so
    // folding into the parent's add stays valid; nothing else to track.
  }
  return out;
}

/**
 * Splits pending operations into batches the server accepts: within one batch an id that was in
 * the tree (or added) cannot be added again, so an undone removal (which re-adds the same ids)
 * starts a new batch after the removal's batch. Batches are sent one after the other.
 */
export function splitBatches(base: readonly TreeNodeShape[], ops: readonly TreeOperation[]): TreeOperation[][] {
  const batches: TreeOperation[][] = [[]];
  let tree: readonly TreeNodeShape[] = base;
  let used = new Set(base.map((n) => n.id));
  for (const op of ops) {
    let batch = batches[batches.length - 1]!;
    if (op.op === 'add' && used.has(op.id) && batch.length > 0) {
      const applied = applyTreeOperations(tree, batch);
      if (applied.ok) tree = applied.nodes;
      used = new Set(tree.map((n) => n.id));
      batch = [];
      batches.push(batch);
    }
    batch.push(op);
    if (op.op === 'add') used.add(op.id);
  }
  return batches.filter((b) => b.length > 0);
}
