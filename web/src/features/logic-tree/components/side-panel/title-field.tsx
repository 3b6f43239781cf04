import { useTreeText } from '../use-tree-text';
import type { TreeEditorStore } from '../../lib/editor-store';
import type { TreeNode } from '../../types';
import { isEnter, useDraft } from './use-draft';

/** The node's title: committed on blur or Enter (Shift+Enter is a line break); an empty title stays a draft. */
export function TitleField({ id, node, store, editable }: { id: string; node: TreeNode; store: TreeEditorStore; editable: boolean }) {
  const { t } = useTreeText();
  const [title, setTitle] = useDraft(node.title);
  const commit = () => {
    if (!title.dirty) return;
    const text = title.text.replace(/\s+/g, ' ').trim();
    if (text === '') return; // keep the draft; the store would refuse an empty title
    if (store.rename(node.id, text)) setTitle({ text, dirty: false });
  };
  return (
    <>
      <label className="lt-field" htmlFor={id}>
        <span className="lt-field__label">
          {t('panel.nodeTitle')}
          {title.dirty && <span className="lt-field__dirty"> · {t('panel.unsavedDraft')}</span>}
        </span>
      </label>
      <textarea
        id={id}
        className="lt-input lt-input--title"
        rows={2}
        maxLength={200}
        value={title.text}
        readOnly={!editable}
        onChange={(e) => setTitle({ text: e.target.value, dirty: true })}
        onBlur={commit}
        onKeyDown={(e) => {
          if (isEnter(e) && !e.shiftKey) {
            e.preventDefault();
            commit();
          }
        }}
      />
    </>
  );
}
