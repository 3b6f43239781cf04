/**
 * The editor of one engagement's tree: owns the store (working copy, saving, undo), the revision
 * slider (old revisions are shown read-only), dialogs, and composes toolbar, canvas and side panel.
 */
import type { Tree } from '@banso/shared';
import { useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTreeRevision } from '../../../api/tree/get-tree';
import { useTreeRevisions } from '../../../api/tree/get-tree-revisions';
import { queryKeys } from '../../../api/keys';
import { saveTreeOperations } from '../api/save-tree-operations';
import { useTreeText } from './use-tree-text';
import { TreeEditorStore, type EditorDeps } from '../lib/editor-store';
import { descendantCount } from '../lib/intents';
import { message } from '../lib/messages';
import { kindCss } from '../lib/kind-css';
import type { TreeSnapshot } from '../types';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ParentPicker } from './parent-picker';
import { firstTabbable } from '../lib/focus';
import { ConflictBanner } from './conflict-banner';
import { exportPng, exportSvg } from './export-image';
import { HelpPopover } from './help-popover';
import { ImportDialog } from './import-dialog';
import { NoticeBar } from './notice-bar';
import { RevisionBar } from './revision-bar';
import { SidePanel } from './side-panel';
import { CommentCountsContext } from './comment-counts';
import { useOpenCommentCounts } from '../../../api/comments/get-comment-counts';
import type { Access } from '@banso/shared';
import { Toolbar } from './toolbar';
import { TreeCanvas } from './tree-canvas';
import { OutlineView } from './outline-view';
import { useTreeView } from './use-tree-view';
import { paths } from '../../../lib/router';
import { useEditorState } from './use-editor-state';

const snapshotOf = (tree: Tree): TreeSnapshot => ({ revision: tree.revision, nodes: tree.nodes });

/** A v4 uuid; crypto.randomUUID only exists in secure contexts, getRandomValues everywhere. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const timers: Pick<EditorDeps, 'setTimer' | 'clearTimer'> = {
  setTimer: (fn, ms) => window.setTimeout(fn, ms),
  clearTimer: (handle) => {
    if (typeof handle === 'number') window.clearTimeout(handle);
  },
};

export interface TreeEditorProps {
  engagementId: string;
  tree: Tree;
  readOnly: boolean;
  /** The reader's access (the comment threads of the side panel). */
  access: Access;
}

export function TreeEditor({ engagementId, tree, readOnly, access }: TreeEditorProps) {
  const commentCounts = useOpenCommentCounts(engagementId, 'node');
  const { t, labels, newTitle } = useTreeText();
  // The store lives as long as the editor; the title of a new node follows the language chosen now.
  const newTitleRef = useRef(newTitle);
  newTitleRef.current = newTitle;
  const queryClient = useQueryClient();
  const [store] = useState(
    () =>
      new TreeEditorStore(
        snapshotOf(tree),
        {
          save: (ops, rev) => saveTreeOperations(engagementId, ops, rev),
          newId: newUuid,
          newTitle: (kind) => newTitleRef.current(kind),
          ...timers,
        },
        readOnly,
      ),
  );
  const state = useEditorState(store);

  // A refetched tree (e.g. on returning to the tab) is taken over when nothing is unsaved.
  useEffect(() => store.receive(snapshotOf(tree)), [store, tree]);

  // Keep the cached current tree and the revision list in step with what was saved.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.tree.revisions(engagementId) });
  }, [queryClient, engagementId, state.revision]);

  // Leaving: save what is pending; warn before closing the page with unsaved edits.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (store.hasUnsaved()) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      store.stopEditing();
      void store.flush();
      void queryClient.invalidateQueries({ queryKey: queryKeys.tree.current(engagementId) });
      store.dispose();
    };
  }, [store, queryClient, engagementId]);

  // ── revision history ─────────────────────────────────────────────────────
  const [viewing, setViewing] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const revisions = useTreeRevisions(engagementId, state.revision > 0);
  const past = useTreeRevision(engagementId, viewing);
  const historyStore = useMemo(
    () =>
      past.data
        ? new TreeEditorStore(
            snapshotOf(past.data),
            {
              save: async () => ({ ok: false, kind: 'rejected', message: message('notice.readOnly') }),
              newId: newUuid,
              newTitle: (kind) => newTitleRef.current(kind),
              ...timers,
            },
            true,
          )
        : null,
    [past.data],
  );
  const onView = useCallback(
    (revision: number | null) => {
      if (revision !== null && viewing === null) {
        store.stopEditing();
        void store.flush();
      }
      setViewing(revision);
    },
    [store, viewing],
  );
  const live = viewing === null;
  const shownStore = live ? store : (historyStore ?? store);
  const shownStoreRef = useRef(shownStore);
  shownStoreRef.current = shownStore;

  // ── dialogs and commands ─────────────────────────────────────────────────
  const [helpOpen, setHelpOpen] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<{ id: string; title: string; count: number } | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  /** Before an import: what is pending is saved, so the import goes against the revision the server has. */
  const prepareImport = useCallback(async () => {
    store.stopEditing();
    await store.flush();
    return store.getState().revision;
  }, [store]);
  const requestMove = useCallback(
    (id: string) => {
      const s = store.getState();
      const node = s.index.byId.get(id);
      if (!node || s.readOnly) return;
      if (node.parentId === null) store.notify('error', message('rule.goalNotMovable'));
      else setMoving(id);
    },
    [store],
  );

  const requestRemove = useCallback(
    (id: string) => {
      const s = store.getState();
      const node = s.index.byId.get(id);
      if (!node) return;
      const refusal = store.checkRemove(id);
      if (refusal !== null) {
        store.notify('error', refusal);
        return;
      }
      const count = descendantCount(s.index, id);
      if (count > 0) setConfirmRemove({ id, title: node.title, count });
      else store.remove(id);
    },
    [store],
  );

  const heading = t('tree.heading', {
    tree: t('tree.region'),
    revision: t('status.revision', { revision: shownStore.getState().revision }),
  });
  const doExport = async (kind: 'png' | 'svg') => {
    const nodes = shownStore.getState().nodes;
    const filename = `logic-tree-r${shownStore.getState().revision}.${kind}`;
    try {
      if (kind === 'svg') exportSvg(nodes, heading, filename);
      else await exportPng(nodes, heading, filename);
    } catch {
      store.notify('error', message('export.failed'));
    }
  };

  const onHelp = useCallback(() => setHelpOpen(true), []);
  const section = useRef<HTMLElement>(null);
  /** Gives keyboard focus back to the selected node (after a dialog closes). */
  const focusSelected = useCallback(() => {
    requestAnimationFrame(() => {
      const id = shownStoreRef.current.getState().selectedId;
      if (id !== null)
        (
          section.current?.querySelector<HTMLElement>(
            `.react-flow__node[data-id="${CSS.escape(id)}"], [data-outline-id="${CSS.escape(id)}"]`,
          ) ?? section.current?.querySelector<HTMLElement>('.lt-canvas')
        )?.focus({ preventScroll: true });
    });
  }, []);
  const showCanvas = live || historyStore !== null;
  const shownState = useEditorState(shownStore);
  const tv = useTreeView(shownState.index, shownState.selectedId);
  const [reveal, setReveal] = useState<{ id: string; n: number } | null>(null);
  /** Search: Enter selects the next match after the selection and brings it into view. */
  const nextMatch = useCallback(() => {
    if (tv.matchList.length === 0) return;
    const s = shownStoreRef.current.getState();
    const at = s.selectedId === null ? -1 : tv.matchList.indexOf(s.selectedId);
    const id = tv.matchList[(at + 1) % tv.matchList.length]!;
    shownStoreRef.current.select(id);
    setReveal((r) => ({ id, n: (r?.n ?? 0) + 1 }));
  }, [tv.matchList]);
  const selectActionHref = useCallback(
    (id: string) => `${paths.engagement(engagementId, 'actions')}?${new URLSearchParams({ node: id }).toString()}`,
    [engagementId],
  );

  // F6 / Shift+F6: between the tree (the selected node) and the side panel (its first field).
  const onKeyDown = (e: ReactKeyboardEvent<HTMLElement>) => {
    if (e.key !== 'F6' || e.ctrlKey || e.metaKey || e.altKey) return;
    const root = section.current;
    const panel = root?.querySelector<HTMLElement>('.lt-panel');
    const stage = root?.querySelector<HTMLElement>('.lt-stage');
    if (!root || !panel || !stage) return;
    e.preventDefault();
    const active = document.activeElement;
    if (active instanceof Node && panel.contains(active)) focusSelected();
    else (firstTabbable(panel) ?? panel).focus();
  };

  return (
    <CommentCountsContext.Provider value={commentCounts}>
      <section ref={section} className="lt-editor" aria-label={t('tree.region')} data-testid="logic-tree-editor" onKeyDown={onKeyDown}>
        <style>{kindCss}</style>
        <Toolbar
          state={state}
          live={live}
          onAddChild={() => store.addChild()}
          onAddSibling={() => store.addSibling()}
          onEdit={() => store.startEditing()}
          onRemove={() => state.selectedId !== null && requestRemove(state.selectedId)}
          onChangeParent={() => state.selectedId !== null && requestMove(state.selectedId)}
          onUndo={() => store.undo()}
          onRedo={() => store.redo()}
          onExportPng={() => void doExport('png')}
          onExportSvg={() => void doExport('svg')}
          onHelp={onHelp}
          onImport={() => setImportOpen(true)}
          view={tv.view}
          onView={tv.setView}
          search={{ query: tv.query, count: tv.matchList.length, onQuery: tv.setQuery, onNext: nextMatch }}
        >
          <RevisionBar
            current={state.revision}
            viewing={viewing}
            playing={playing}
            revisions={revisions.data?.items ?? []}
            loading={viewing !== null && past.isPending}
            onView={onView}
            onPlay={setPlaying}
          />
        </Toolbar>
        <div className="lt-body">
          <div className="lt-stage">
            {state.nodes.length === 0 && live ? (
              <div className="lt-empty">
                <p>{t('tree.empty')}</p>
                {!readOnly && (
                  <button type="button" className="lt-button lt-button--primary" onClick={() => store.addRoot(labels.nodeKind.goal)}>
                    <span aria-hidden="true">+</span> {t('tree.createGoal')}
                  </button>
                )}
              </div>
            ) : showCanvas && tv.view === 'outline' ? (
              <OutlineView
                key={live ? 'live' : 'history'}
                store={shownStore}
                visible={tv.visible}
                matches={tv.matches}
                onToggle={tv.toggle}
                onRequestRemove={live ? requestRemove : undefined}
                onRequestMove={live ? requestMove : undefined}
                onHelp={onHelp}
                revealId={reveal}
                markReady={live}
              />
            ) : showCanvas ? (
              <ReactFlowProvider key={live ? 'live' : 'history'}>
                <TreeCanvas
                  store={shownStore}
                  visible={tv.visible}
                  matches={tv.matches}
                  onToggle={tv.toggle}
                  revealId={reveal}
                  selectActionHref={live && !readOnly ? selectActionHref : undefined}
                  onRequestRemove={live ? requestRemove : undefined}
                  onRequestMove={live ? requestMove : undefined}
                  onHelp={onHelp}
                  markReady={live}
                  fitOnChange={!live}
                  label={t('tree.canvas')}
                />
              </ReactFlowProvider>
            ) : (
              <p className="lt-empty" role="status">
                {t('history.loading')}
              </p>
            )}
            {live && <ConflictBanner store={store} engagementId={engagementId} />}
            <NoticeBar store={store} />
          </div>
          <SidePanel
            store={shownStore}
            engagementId={engagementId}
            access={access}
            live={live}
            selectActionHref={live && !readOnly ? selectActionHref : undefined}
          />
        </div>
        <HelpPopover
          open={helpOpen}
          readOnly={readOnly || !live}
          onClose={() => {
            setHelpOpen(false);
            focusSelected();
          }}
        />
        {importOpen && (
          <ImportDialog
            engagementId={engagementId}
            open
            nodes={state.nodes}
            prepare={prepareImport}
            onClose={() => {
              setImportOpen(false);
              focusSelected();
            }}
            onImported={(imported, count) => {
              setImportOpen(false);
              store.receive(snapshotOf(imported));
              store.notify('info', message('notice.imported', { count, revision: imported.revision }));
            }}
          />
        )}
        <ParentPicker
          store={store}
          nodeId={moving}
          onClose={() => {
            setMoving(null);
            focusSelected();
          }}
        />
        <ConfirmDialog
          open={confirmRemove !== null}
          title={t('confirm.removeTitle')}
          body={confirmRemove ? t('confirm.removeBody', { title: confirmRemove.title, count: confirmRemove.count }) : ''}
          confirmLabel={t('confirm.remove')}
          cancelLabel={t('confirm.cancel')}
          onConfirm={() => {
            if (confirmRemove) store.remove(confirmRemove.id);
            setConfirmRemove(null);
            focusSelected();
          }}
          onCancel={() => {
            setConfirmRemove(null);
            focusSelected();
          }}
        />
      </section>
    </CommentCountsContext.Provider>
  );
}
