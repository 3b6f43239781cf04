import type { Access } from '@banso/shared';
import { useId } from 'react';
import { useCommentController } from '../../../../api/comments/use-comment-controller';
import { CommentThreads } from '../../../../components/comments/comment-threads';
import { useTreeText } from '../use-tree-text';
import type { TreeEditorStore } from '../../lib/editor-store';
import { kindStyles } from '../../lib/kinds';
import type { TreeNode } from '../../types';
import { ActionStatus } from './action-status';
import { DetailField } from './detail-field';
import { EvidenceSection } from './evidence-section';
import { HypothesisField } from './hypothesis-field';
import { KindSelect } from './kind-select';
import { NodeSource } from './node-source';
import { TitleField } from './title-field';

export interface NodeDetailsProps {
  node: TreeNode;
  store: TreeEditorStore;
  engagementId: string;
  access: Access;
  live: boolean;
  readOnly: boolean;
  selectActionHref?: ((id: string) => string) | undefined;
}

export function NodeDetails({ node, store, engagementId, access, live, readOnly, selectActionHref }: NodeDetailsProps) {
  const { t, labels } = useTreeText();
  const ids = useId();
  const style = kindStyles[node.kind];
  const editable = live && !readOnly;

  return (
    <div className={`lt-panel__body lt-kind--${node.kind}`}>
      <div className="lt-panel__kind">
        <span aria-hidden="true">{style.icon}</span> {labels.nodeKind[node.kind]}
      </div>
      <TitleField id={`${ids}-title`} node={node} store={store} editable={editable} />
      {editable && <KindSelect node={node} store={store} />}
      {node.kind !== 'goal' && <HypothesisField name={`${ids}-hypothesis`} node={node} store={store} editable={editable} />}
      <DetailField node={node} store={store} editable={editable} />
      {live && store.isSaved(node.id) && <NodeSource engagementId={engagementId} nodeId={node.id} />}
      <ActionStatus
        id={`${ids}-action`}
        node={node}
        selectHref={editable && store.isSaved(node.id) ? selectActionHref?.(node.id) : undefined}
      />
      {live && <EvidenceSection node={node} store={store} engagementId={engagementId} editable={editable} />}
      {live && store.isSaved(node.id) && <NodeComments engagementId={engagementId} nodeId={node.id} access={access} />}
      {readOnly && <p className="lt-panel__note">{t('panel.readOnlyNote')}</p>}
    </div>
  );
}

/** The node's comment threads (a node saved on the server: a new one has nothing to be about yet). */
function NodeComments({ engagementId, nodeId, access }: { engagementId: string; nodeId: string; access: Access }) {
  return <CommentThreads controller={useCommentController(engagementId, { type: 'node', id: nodeId }, access)} />;
}
