import { useId } from 'react';
import { useTreeText } from '../use-tree-text';
import type { TreeEditorStore } from '../../lib/editor-store';
import { kindStyles } from '../../lib/kinds';
import type { TreeNode } from '../../types';
import { ActionStatus } from './action-status';
import { DetailField } from './detail-field';
import { EvidenceSection } from './evidence-section';
import { HypothesisField } from './hypothesis-field';
import { KindSelect } from './kind-select';
import { TitleField } from './title-field';

export interface NodeDetailsProps {
  node: TreeNode;
  store: TreeEditorStore;
  engagementId: string;
  live: boolean;
  readOnly: boolean;
  selectActionHref?: ((id: string) => string) | undefined;
}

export function NodeDetails({ node, store, engagementId, live, readOnly, selectActionHref }: NodeDetailsProps) {
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
      <ActionStatus
        id={`${ids}-action`}
        node={node}
        selectHref={editable && store.isSaved(node.id) ? selectActionHref?.(node.id) : undefined}
      />
      {live && <EvidenceSection node={node} store={store} engagementId={engagementId} editable={editable} />}
      {readOnly && <p className="lt-panel__note">{t('panel.readOnlyNote')}</p>}
    </div>
  );
}
