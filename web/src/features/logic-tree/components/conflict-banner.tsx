import { useTreeText } from './use-tree-text';
import type { TreeEditorStore } from '../lib/editor-store';
import { useEditorState } from './use-editor-state';

/**
 * Shown after a save met a newer version (412): the newer tree is loaded, the user's edits that
 * still apply are kept on top (unsaved until they confirm), and any typed title that could not be
 * re-applied is shown so it is not lost.
 */
export function ConflictBanner({ store }: { store: TreeEditorStore }) {
  const { conflict } = useEditorState(store);
  const { t } = useTreeText();
  if (!conflict) return null;
  return (
    <div className="lt-conflict" role="alert" data-testid="tree-conflict">
      <strong className="lt-conflict__title">{t('conflict.title')}</strong>
      <p>{conflict.kept > 0 ? t('conflict.kept', { count: conflict.kept }) : t('conflict.none', { revision: conflict.revision })}</p>
      {conflict.lostTitles.length > 0 && (
        <>
          <p>{t('conflict.lost')}</p>
          <ul className="lt-conflict__lost">
            {conflict.lostTitles.map((title, i) => (
              <li key={i}>
                <input readOnly value={title} aria-label={t('conflict.lost')} onFocus={(e) => e.currentTarget.select()} />
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="lt-conflict__actions">
        {conflict.kept > 0 ? (
          <>
            <button type="button" className="lt-button lt-button--primary" onClick={() => store.resolveConflict('save')}>
              {t('conflict.save')}
            </button>
            <button type="button" className="lt-button" onClick={() => store.resolveConflict('discard')}>
              {t('conflict.discard')}
            </button>
          </>
        ) : (
          <button type="button" className="lt-button" onClick={() => store.resolveConflict('discard')}>
            {t('conflict.close')}
          </button>
        )}
      </div>
    </div>
  );
}
