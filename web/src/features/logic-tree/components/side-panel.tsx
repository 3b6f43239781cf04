/**
 * Details of the selected node (side-panel/): title, kind, hypothesis state, detail, the action
 * status on measures, and the evidence (list, attach, remove). Typed text stays in the panel until
 * it is committed (blur or Enter), whatever else changes.
 */
import type { Access } from '@banso/shared';
import { useTreeText } from './use-tree-text';
import type { TreeEditorStore } from '../lib/editor-store';
import { NodeDetails } from './side-panel/node-details';
import { useEditorState } from './use-editor-state';

export interface SidePanelProps {
  store: TreeEditorStore;
  engagementId: string;
  access: Access;
  /** False while an old revision is shown (evidence is the present one, so it is not listed). */
  live: boolean;
  /** Where 「この取組を選定」 leads for a measure (the action selection, the node preselected); absent when not allowed. */
  selectActionHref?: ((id: string) => string) | undefined;
}

export function SidePanel({ store, engagementId, access, live, selectActionHref }: SidePanelProps) {
  const state = useEditorState(store);
  const { t } = useTreeText();
  const node = state.selectedId !== null ? state.index.byId.get(state.selectedId) : undefined;
  return (
    <aside className="lt-panel" aria-label={t('panel.title')} data-testid="tree-side-panel" tabIndex={-1}>
      {node ? (
        <NodeDetails
          key={node.id}
          node={node}
          store={store}
          engagementId={engagementId}
          access={access}
          live={live}
          readOnly={state.readOnly}
          selectActionHref={selectActionHref}
        />
      ) : (
        <p className="lt-panel__empty">{t('panel.none')}</p>
      )}
    </aside>
  );
}
