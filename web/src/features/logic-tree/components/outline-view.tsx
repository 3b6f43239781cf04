/**
 * The outline view: the whole tree as a WAI-ARIA tree (`role=tree`, a flat list of `treeitem`s with
 * aria-level / aria-posinset / aria-setsize / aria-expanded / aria-selected and a roving tabindex),
 * every node rendered (no virtualization), the accessible and printable way to work on a large tree.
 * It edits through the same editor store and intents as the canvas, so it saves the same way.
 */
import {
  type CSSProperties,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
} from 'react';
import type { TreeEditorStore } from '../lib/editor-store';
import { actionBadgeOf } from '../lib/flow-mapping';
import { focusOutside } from '../lib/focus';
import { keyIntent } from '../lib/keyboard';
import { kindStyles } from '../lib/kinds';
import { outlineStep, type OutlineMove, type VisibleTree } from '../lib/outline';
import type { TreeNode } from '../types';
import { EditorContext, type EditorContextValue } from './editor-context';
import { useNodeCommentCount } from './comment-counts';
import { CommentBadge } from '../../../components/comments/comment-threads';
import { InlineTitleEditor } from './tree-nodes';
import { useEditorState } from './use-editor-state';
import { useTreeText } from './use-tree-text';

export interface OutlineViewProps {
  store: TreeEditorStore;
  visible: VisibleTree;
  matches: ReadonlySet<string>;
  onToggle: (id: string, open: boolean) => void;
  onRequestRemove?: (id: string) => void;
  onRequestMove?: (id: string) => void;
  onHelp?: () => void;
  /** Brings a node into view (the search); a new object each time. */
  revealId?: { id: string; n: number } | null;
  /** Marks `document.body.dataset.treeReady` once rendered (as the canvas does). */
  markReady?: boolean;
}

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The item of a node (ids are uuids; quotes and backslashes escaped all the same). */
const itemSelector = (id: string) => `[data-outline-id="${id.replace(/["\\]/g, '\\$&')}"]`;

const arrowMoves: Record<string, OutlineMove> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  ArrowRight: 'in',
  ArrowLeft: 'out',
};

export function OutlineView({
  store,
  visible,
  matches,
  onToggle,
  onRequestRemove,
  onRequestMove,
  onHelp,
  revealId,
  markReady = false,
}: OutlineViewProps) {
  const state = useEditorState(store);
  const { t, labels } = useTreeText();
  const list = useRef<HTMLUListElement>(null);

  const focusNode = useCallback((id: string) => {
    let tries = 0;
    const attempt = () => {
      const el = list.current?.querySelector<HTMLElement>(itemSelector(id));
      if (el) {
        el.focus({ preventScroll: true });
        el.scrollIntoView?.({ block: 'nearest' });
      } else if (tries++ < 10) requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
  }, []);
  const context = useMemo<EditorContextValue>(() => ({ store, focusNode }), [store, focusNode]);

  useEffect(() => {
    if (!revealId) return;
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(itemSelector(revealId.id))?.scrollIntoView?.({ block: 'center' }));
  }, [revealId]);
  const count = state.nodes.length;
  useEffect(() => {
    if (!markReady) return;
    document.body.dataset.treeReady = String(count);
  }, [markReady, count]);
  useEffect(
    () => () => {
      if (markReady) delete document.body.dataset.treeReady;
    },
    [markReady],
  );

  // The one tab stop: the selected node when shown, else the goal.
  const shown = useMemo(() => new Set(visible.nodes.map((n) => n.id)), [visible.nodes]);
  const tabStop = state.selectedId !== null && shown.has(state.selectedId) ? state.selectedId : (visible.nodes[0]?.id ?? null);

  // Keep focus on the selected node after structural edits (add, delete, undo, move).
  const lastSelected = useRef(state.selectedId);
  useEffect(() => {
    const prev = lastSelected.current;
    lastSelected.current = state.selectedId;
    if (state.selectedId === null || state.selectedId === prev || state.editingId !== null) return;
    const active = document.activeElement;
    if (list.current && (active === null || active === document.body || (active instanceof Node && list.current.contains(active))))
      focusNode(state.selectedId);
  }, [state.selectedId, state.editingId, focusNode]);

  const onKeyDown = (e: ReactKeyboardEvent<HTMLUListElement>) => {
    if (isTextField(e.target)) return;
    const s = store.getState();
    const id = s.selectedId ?? tabStop;
    if (id === null) return;
    const plain = !e.altKey && !e.ctrlKey && !e.metaKey;
    const done = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (plain && !e.shiftKey && arrowMoves[e.key]) {
      done();
      const step = outlineStep(s.index, visible, id, arrowMoves[e.key]!);
      if (step.expand) onToggle(step.expand, true);
      if (step.collapse) onToggle(step.collapse, false);
      if (step.select !== null) {
        store.select(step.select);
        focusNode(step.select);
      }
      return;
    }
    if (e.key === 'Tab' && plain) {
      // Native Tab already leaves (only one item is a tab stop); from an inline control it might not.
      if (list.current && !(e.target instanceof HTMLElement && e.target.getAttribute('role') === 'treeitem')) {
        if (focusOutside(list.current, !e.shiftKey)) done();
      }
      return;
    }
    // In the outline Enter renames (F2 too) and Shift+Enter adds a sibling.
    if (plain && e.key === 'Enter') {
      done();
      if (s.readOnly) return;
      if (e.shiftKey) store.addSibling(id);
      else store.startEditing(id);
      return;
    }
    const intent = keyIntent(e, s.readOnly);
    if (intent === null) return;
    done();
    switch (intent) {
      case 'addChild':
        store.addChild(id);
        break;
      case 'addSibling':
        store.addSibling(id);
        break;
      case 'edit':
        store.startEditing(id);
        break;
      case 'remove':
        onRequestRemove?.(id);
        break;
      case 'collapse':
      case 'expand':
        if (visible.withChildren.has(id)) onToggle(id, intent === 'expand');
        break;
      case 'moveUp':
        store.moveBy(-1, id);
        focusNode(id);
        break;
      case 'moveDown':
        store.moveBy(1, id);
        focusNode(id);
        break;
      case 'changeParent':
        onRequestMove?.(id);
        break;
      case 'undo':
        store.undo();
        break;
      case 'redo':
        store.redo();
        break;
      case 'cancel':
        store.dismissNotice();
        break;
      case 'help':
        onHelp?.();
        break;
      default:
        break;
    }
  };

  // A flat list of treeitems (aria-level / posinset / setsize carry the structure): each item's
  // accessible name is its own row (kind, title, badges), never its descendants' text.
  const renderItems = (parentId: string | null, level: number): ReactNode[] => {
    const siblings = state.index.children.get(parentId) ?? [];
    return siblings.flatMap((node, i) => {
      const hasChildren = visible.withChildren.has(node.id);
      const open = hasChildren && !visible.hidden.has(node.id);
      const selected = state.selectedId === node.id;
      return [
        <li
          key={node.id}
          role="treeitem"
          data-outline-id={node.id}
          aria-level={level}
          aria-posinset={i + 1}
          aria-setsize={siblings.length}
          aria-selected={selected}
          {...(hasChildren && { 'aria-expanded': open })}
          tabIndex={tabStop === node.id ? 0 : -1}
          style={{ '--lt-outline-level': level - 1 } as CSSProperties}
          className={`lt-outline__item${selected ? ' is-selected' : ''}${matches.has(node.id) ? ' is-match' : ''}`}
          onFocus={(e) => {
            if (e.target === e.currentTarget && store.getState().editingId === null) store.select(node.id);
          }}
        >
          <OutlineRow
            node={node}
            editing={state.editingId === node.id}
            hasChildren={hasChildren}
            open={open}
            hiddenCount={visible.hidden.get(node.id) ?? 0}
            onToggle={() => onToggle(node.id, !open)}
            onSelect={() => store.select(node.id)}
            onEdit={() => store.startEditing(node.id)}
            readOnly={state.readOnly}
            kindLabel={labels.nodeKind[node.kind]}
            t={t}
            badges={{
              hypothesis: node.hypothesisState ? labels.hypothesisState[node.hypothesisState] : null,
              action: actionBadgeOf(node),
            }}
            actionLabel={(a) => labels.actionBadge[a]}
          />
        </li>,
        ...(open ? renderItems(node.id, level + 1) : []),
      ];
    });
  };

  return (
    <EditorContext.Provider value={context}>
      <div className="lt-outline" data-testid="tree-outline">
        <ul ref={list} role="tree" aria-label={t('outline.label')} className="lt-outline__tree" onKeyDown={onKeyDown}>
          {renderItems(null, 1)}
        </ul>
      </div>
    </EditorContext.Provider>
  );
}

interface OutlineRowProps {
  node: TreeNode;
  editing: boolean;
  hasChildren: boolean;
  open: boolean;
  hiddenCount: number;
  onToggle: () => void;
  onSelect: () => void;
  onEdit: () => void;
  readOnly: boolean;
  kindLabel: string;
  t: ReturnType<typeof useTreeText>['t'];
  badges: { hypothesis: string | null; action: ReturnType<typeof actionBadgeOf> };
  actionLabel: (a: NonNullable<ReturnType<typeof actionBadgeOf>>) => string;
}

function OutlineRow(p: OutlineRowProps) {
  const { node } = p;
  const comments = useNodeCommentCount(node.id);
  return (
    // Pointer conveniences only: the keyboard works on the treeitem itself.
    <div className={`lt-outline__row lt-kind--${node.kind}`} onClick={p.onSelect} onDoubleClick={p.readOnly ? undefined : p.onEdit}>
      <span
        aria-hidden="true"
        className={`lt-outline__twisty${p.hasChildren ? '' : ' is-leaf'}`}
        onClick={(e) => {
          e.stopPropagation();
          if (p.hasChildren) p.onToggle();
        }}
        title={p.hasChildren ? (p.open ? p.t('node.collapse') : p.t('node.expand', { count: p.hiddenCount })) : undefined}
      >
        {p.hasChildren ? (p.open ? '▾' : '▸') : '·'}
      </span>
      <span className="lt-outline__kind">
        <span aria-hidden="true">{kindStyles[node.kind].icon}</span> {p.kindLabel}
      </span>{' '}
      {p.editing ? (
        <InlineTitleEditor
          id={node.id}
          kind={node.kind}
          title={node.title}
          label={p.t('outline.titleOf', { kind: p.kindLabel })}
          className="lt-outline__editor"
        />
      ) : (
        <span className="lt-outline__title">{node.title}</span>
      )}{' '}
      {p.badges.hypothesis && <span className={`lt-badge lt-badge--${node.hypothesisState}`}>{p.badges.hypothesis}</span>}{' '}
      {node.evidenceCount > 0 && (
        <span className="lt-badge lt-badge--evidence">
          {p.t('node.evidence')} {node.evidenceCount}
        </span>
      )}{' '}
      {p.badges.action && (
        <span className={`lt-badge lt-badge--action lt-badge--${p.badges.action}`}>{p.actionLabel(p.badges.action)}</span>
      )}{' '}
      <CommentBadge count={comments} /> {!p.open && p.hiddenCount > 0 && <span className="lt-outline__hidden">+{p.hiddenCount}</span>}
    </div>
  );
}
