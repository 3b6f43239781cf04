import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTreeText } from './use-tree-text';
import type { EditorState } from '../lib/editor-store';
import type { TreeViewKind } from './use-tree-view';

export interface ToolbarProps {
  state: EditorState;
  /** False while an old revision is shown. */
  live: boolean;
  onAddChild: () => void;
  onAddSibling: () => void;
  onEdit: () => void;
  onRemove: () => void;
  onChangeParent: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onExportPng: () => void;
  onExportSvg: () => void;
  onHelp: () => void;
  /** 「Excelから取り込む」 (shown with the edit controls). */
  onImport: () => void;
  view: TreeViewKind;
  onView: (view: TreeViewKind) => void;
  search: { query: string; count: number; onQuery: (q: string) => void; onNext: () => void };
  /** Rendered between the edit controls and export/help (the revision slider). */
  children?: ReactNode;
}

/** Edit controls (hidden when read-only), save status, export and help. */
export function Toolbar(p: ToolbarProps) {
  const { t } = useTreeText();
  const { t: ti } = useTranslation('treeImport');
  const { state } = p;
  const editable = p.live && !state.readOnly;
  const selected = state.selectedId !== null ? state.index.byId.get(state.selectedId) : undefined;
  const status =
    state.status === 'dirty'
      ? t('status.dirty', { count: state.unsavedCount })
      : state.status === 'saving'
        ? t('status.saving')
        : state.status === 'conflict'
          ? t('status.conflict')
          : state.status === 'error'
            ? t('status.error')
            : t('status.saved');
  return (
    <div className="lt-toolbar" role="toolbar" aria-label={t('tree.toolbar')}>
      {editable && (
        <div className="lt-toolbar__group">
          <button
            type="button"
            className="lt-button"
            onClick={p.onAddChild}
            disabled={!selected || selected.kind === 'measure'}
            title="Insert"
          >
            <span aria-hidden="true">+</span> {t('toolbar.addChild')}
          </button>
          <button
            type="button"
            className="lt-button"
            onClick={p.onAddSibling}
            disabled={!selected || selected.parentId === null}
            title="Enter"
          >
            <span aria-hidden="true">+</span> {t('toolbar.addSibling')}
          </button>
          <button type="button" className="lt-button" onClick={p.onEdit} disabled={!selected} title="F2">
            {t('toolbar.edit')}
          </button>
          <button
            type="button"
            className="lt-button"
            onClick={p.onChangeParent}
            disabled={!selected || selected.parentId === null}
            title="M"
          >
            {t('toolbar.changeParent')}
          </button>
          <button
            type="button"
            className="lt-button lt-button--danger-text"
            onClick={p.onRemove}
            disabled={!selected || selected.parentId === null}
            title="Delete"
          >
            {t('toolbar.remove')}
          </button>
          <span className="lt-toolbar__sep" aria-hidden="true" />
          <button
            type="button"
            className="lt-button lt-button--icon"
            onClick={p.onUndo}
            disabled={!state.canUndo}
            aria-label={t('toolbar.undo')}
            title={`${t('toolbar.undo')} (Ctrl+Z)`}
          >
            ↶
          </button>
          <button
            type="button"
            className="lt-button lt-button--icon"
            onClick={p.onRedo}
            disabled={!state.canRedo}
            aria-label={t('toolbar.redo')}
            title={`${t('toolbar.redo')} (Ctrl+Shift+Z)`}
          >
            ↷
          </button>
          <span className="lt-toolbar__sep" aria-hidden="true" />
          <button type="button" className="lt-button" onClick={p.onImport} aria-haspopup="dialog" data-testid="tree-import-open">
            {ti('toolbar.import')}
          </button>
        </div>
      )}
      {editable && (
        <span className={`lt-status lt-status--${state.status}`} role="status" aria-live="polite" data-testid="tree-save-status">
          {status}
          <span className="lt-status__rev"> · {t('status.revision', { revision: state.revision })}</span>
        </span>
      )}
      {p.children}
      <div className="lt-toolbar__group lt-toolbar__end">
        <div className="lt-search" role="search">
          <input
            type="search"
            className="lt-search__input"
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            value={p.search.query}
            onChange={(e) => p.search.onQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                e.preventDefault();
                p.search.onNext();
              } else if (e.key === 'Escape' && p.search.query !== '') {
                e.preventDefault();
                p.search.onQuery('');
              }
            }}
            data-testid="tree-search"
          />
          <span className="lt-search__count" role="status" aria-live="polite">
            {p.search.query.trim() === '' ? '' : p.search.count > 0 ? t('search.count', { count: p.search.count }) : t('search.none')}
          </span>
        </div>
        <div className="lt-viewswitch" role="group" aria-label={t('toolbar.view')}>
          {(['canvas', 'outline'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="lt-button lt-viewswitch__button"
              aria-pressed={p.view === v}
              onClick={() => p.onView(v)}
            >
              {t(v === 'canvas' ? 'toolbar.viewCanvas' : 'toolbar.viewOutline')}
            </button>
          ))}
        </div>
        <button type="button" className="lt-button" onClick={p.onExportPng}>
          {t('toolbar.exportPng')}
        </button>
        <button type="button" className="lt-button" onClick={p.onExportSvg}>
          {t('toolbar.exportSvg')}
        </button>
        <button type="button" className="lt-button" onClick={p.onHelp} aria-haspopup="dialog">
          <span aria-hidden="true">⌨</span> {t('toolbar.help')}
        </button>
      </div>
    </div>
  );
}
