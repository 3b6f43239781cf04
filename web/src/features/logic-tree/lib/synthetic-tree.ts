/** Synthetic trees for the editor's tests: the generator of @banso/shared, as editor nodes (no actions). */
import { syntheticTree as sharedSyntheticTree } from '@banso/shared';
import type { TreeNode } from '../types';

export { syntheticId } from '@banso/shared';

export function syntheticTree(count: number, seed = 1): TreeNode[] {
  return sharedSyntheticTree(count, seed).map((n) => ({ ...n, action: null }));
}
