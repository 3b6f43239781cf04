import { useEffect } from 'react';
import { useTreeText } from './use-tree-text';
import type { TreeEditorStore } from '../lib/editor-store';
import { useEditorState } from './use-editor-state';

/** Transient messages of the editor (refused edits, undo, save failures). Conflicts have their own banner. */
export function NoticeBar({ store }: { store: TreeEditorStore }) {
  const { notice } = useEditorState(store);
  const { t, text } = useTreeText();
  useEffect(() => {
    if (!notice || notice.tone === 'conflict') return;
    const timer = setTimeout(() => store.dismissNotice(), notice.tone === 'error' ? 8000 : 3500);
    return () => clearTimeout(timer);
  }, [notice, store]);
  if (!notice || notice.tone === 'conflict') return null;
  return (
    <div className={`lt-notice lt-notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="tree-notice">
      <span>{text(notice.message)}</span>
      <button type="button" className="lt-notice__close" aria-label={t('notice.close')} onClick={() => store.dismissNotice()}>
        ×
      </button>
    </div>
  );
}
