import { useTreeText } from '../use-tree-text';
import type { TreeEditorStore } from '../../lib/editor-store';
import type { TreeNode } from '../../types';
import { useDraft } from './use-draft';

/** The node's detail / notes, committed on blur. */
export function DetailField({ node, store, editable }: { node: TreeNode; store: TreeEditorStore; editable: boolean }) {
  const { t } = useTreeText();
  const [detail, setDetail] = useDraft(node.detail);
  const commit = () => {
    if (!detail.dirty) return;
    if (store.setDetail(node.id, detail.text)) setDetail((d) => ({ ...d, dirty: false }));
  };
  return (
    <label className="lt-field">
      <span className="lt-field__label">
        {t('panel.detail')}
        {detail.dirty && <span className="lt-field__dirty"> · {t('panel.unsavedDraft')}</span>}
      </span>
      <textarea
        className="lt-input"
        rows={3}
        maxLength={5000}
        value={detail.text}
        readOnly={!editable}
        onChange={(e) => setDetail({ text: e.target.value, dirty: true })}
        onBlur={commit}
      />
    </label>
  );
}
