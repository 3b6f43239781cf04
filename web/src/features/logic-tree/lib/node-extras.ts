/**
 * The server-side facts of each node (evidence count, selected action) that tree operations do not
 * carry: remembered from the last saved tree and put back on every working copy.
 */
import type { TreeNodeShape } from '@banso/shared/tree';
import type { TreeNode } from '../types';

export type Extras = Pick<TreeNode, 'evidenceCount' | 'action'>;

export class NodeExtras {
  private extras = new Map<string, Extras>();

  constructor(nodes: readonly TreeNode[]) {
    this.remember(nodes);
  }

  remember(nodes: readonly TreeNode[]) {
    this.extras = new Map(nodes.map((n) => [n.id, { evidenceCount: n.evidenceCount, action: n.action }]));
  }

  patch(id: string, patch: Partial<Extras>) {
    const cur = this.extras.get(id) ?? { evidenceCount: 0, action: null };
    this.extras.set(id, { ...cur, ...patch });
  }

  apply(nodes: readonly TreeNodeShape[]): TreeNode[] {
    return nodes.map((n) => {
      const extra = this.extras.get(n.id) ?? { evidenceCount: 0, action: null };
      return {
        id: n.id,
        parentId: n.parentId,
        position: n.position,
        kind: n.kind,
        title: n.title,
        detail: n.detail,
        hypothesisState: n.hypothesisState,
        evidenceCount: extra.evidenceCount,
        action: extra.action,
      };
    });
  }
}
