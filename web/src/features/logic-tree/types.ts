/**
 * Domain types of the logic-tree editor. The editor's working copy is a flat list of these
 * domain nodes (the tree contract's node: shape plus evidence count and action); React Flow's
 * node objects are derived from them (lib/flow-mapping.ts) and never stored or sent.
 */
import type { HypothesisState, NodeKind, TreeNode } from '@banso/shared';

export type { HypothesisState, NodeKind, TreeNode };

/** A tree at one revision. */
export interface TreeSnapshot {
  revision: number;
  nodes: TreeNode[];
}
