import { nodeKinds } from '@banso/shared';
import { applyTreeOperations } from '@banso/shared/tree';
import { useMemo } from 'react';
import { useTreeText } from '../use-tree-text';
import type { TreeEditorStore } from '../../lib/editor-store';
import type { NodeKind, TreeNode } from '../../types';

/** Changes the node's kind among those the tree rules allow where it stands (hidden when there is no choice). */
export function KindSelect({ node, store }: { node: TreeNode; store: TreeEditorStore }) {
  const { t, labels } = useTreeText();
  const nodes = store.getState().nodes;
  const allowedKinds = useMemo<NodeKind[]>(() => {
    const withAction = new Set(nodes.filter((n) => n.action !== null).map((n) => n.id));
    return nodeKinds.filter(
      (k) => k === node.kind || applyTreeOperations(nodes, [{ op: 'update', id: node.id, kind: k }], { nodesWithAction: withAction }).ok,
    );
  }, [nodes, node.id, node.kind]);
  if (allowedKinds.length <= 1) return null;
  return (
    <label className="lt-field">
      <span className="lt-field__label">{t('panel.kind')}</span>
      <select
        className="lt-input"
        value={node.kind}
        onChange={(e) => {
          const kind = nodeKinds.find((k) => k === e.target.value);
          if (kind) store.setKind(node.id, kind);
        }}
      >
        {allowedKinds.map((k) => (
          <option key={k} value={k}>
            {labels.nodeKind[k]}
          </option>
        ))}
      </select>
    </label>
  );
}
