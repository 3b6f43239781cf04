/**
 * The React Flow canvas of one tree: layout (recomputed only when structure or size classes change),
 * mapping to flow nodes, keyboard shortcuts, drag-to-re-parent with the rules checked before
 * anything is saved, minimap and controls. Everything it edits goes through the editor store.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type AriaLabelConfig,
  type DefaultEdgeOptions,
  type NodeChange,
  type OnNodeDrag,
  type XYPosition,
} from '@xyflow/react';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent as ReactFocusEvent,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import { useTreeText } from './use-tree-text';
import type { TreeEditorStore } from '../lib/editor-store';
import { toFlow, type FlowMapping, type Place, type TreeFlowNode } from '../lib/flow-mapping';
import type { VisibleTree } from '../lib/outline';
import { focusOutside } from '../lib/focus';
import { keyIntent, type KeyIntent } from '../lib/keyboard';
import { kindStyles } from '../lib/kinds';
import { layoutKey, layoutTree, type LayoutInput, type LayoutResult } from '../lib/layout';
import { NODE_WIDTH, nodeHeight } from '../lib/node-size';
import type { TreeNode } from '../types';
import { EditorContext, type EditorContextValue } from './editor-context';
import { nodeTypes } from './tree-nodes';
import { useEditorState } from './use-editor-state';
import { message, type TreeMessage } from '../lib/messages';

/** Below this zoom titles get hard to read; a tree that would need less opens at this zoom instead. */
const READABLE_ZOOM = 0.75;
/** Revision replay refits the view while the tree is at most this big. */
const FIT_ALL_MAX_NODES = 240;

function useTreeLayout(nodes: readonly TreeNode[]): LayoutResult {
  const input = useMemo<LayoutInput[]>(
    () => nodes.map((n) => ({ id: n.id, parentId: n.parentId, position: n.position, width: NODE_WIDTH, height: nodeHeight(n.title) })),
    [nodes],
  );
  const key = useMemo(() => layoutKey(input), [input]);
  const cache = useRef<{ key: string; layout: LayoutResult } | null>(null);
  if (cache.current === null || cache.current.key !== key) cache.current = { key, layout: layoutTree(input) };
  return cache.current.layout;
}

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

const minimapColor = (n: TreeFlowNode) => kindStyles[n.type].color;
const minimapStyle = { width: 160, height: 104 };
/** React Flow's own attribution link has English texts; the canvas renders the same link itself. */
const proOptions = { hideAttribution: true };

export interface TreeCanvasProps {
  store: TreeEditorStore;
  /** Delete was asked for (the editor confirms when the node has children). */
  onRequestRemove?: (id: string) => void;
  /** 「親を変更」 was asked for (the editor opens the picker). */
  onRequestMove?: (id: string) => void;
  /** The nodes shown (collapsed branches folded); all of them when absent. */
  visible?: VisibleTree;
  matches?: ReadonlySet<string>;
  onToggle?: (id: string, open: boolean) => void;
  /** Brings a node into view (the search); a new object each time. */
  revealId?: { id: string; n: number } | null;
  selectActionHref?: ((id: string) => string) | undefined;
  onHelp?: () => void;
  /** Marks `document.body.dataset.treeReady` and `performance.mark('tree-laid-out')` once laid out. */
  markReady?: boolean;
  /** Refit the view whenever the number of nodes changes (revision replay). */
  fitOnChange?: boolean;
  label: string;
}

interface DragState {
  id: string;
  position: XYPosition;
  target: { id: string; valid: boolean; message: TreeMessage | null } | null;
}

export function TreeCanvas({
  store,
  onRequestRemove,
  onRequestMove,
  visible,
  matches,
  onToggle,
  revealId,
  selectActionHref,
  onHelp,
  markReady = false,
  fitOnChange = false,
  label,
}: TreeCanvasProps) {
  const state = useEditorState(store);
  const { t, locale } = useTreeText();
  const rf = useReactFlow<TreeFlowNode>();
  // Every text React Flow would otherwise show or announce in English (its hidden descriptions too).
  const ariaLabelConfig = useMemo<AriaLabelConfig>(
    () => ({
      'controls.ariaLabel': t('rf.controls'),
      'controls.zoomIn.ariaLabel': t('rf.zoomIn'),
      'controls.zoomOut.ariaLabel': t('rf.zoomOut'),
      'controls.fitView.ariaLabel': t('rf.fitView'),
      'controls.interactive.ariaLabel': t('rf.interactive'),
      'minimap.ariaLabel': t('rf.minimap'),
      'node.a11yDescription.default': t('rf.nodeDescription'),
      'node.a11yDescription.keyboardDisabled': t('rf.nodeDescription'),
      'node.a11yDescription.ariaLiveMessage': ({ x, y }) => t('rf.nodeMoved', { x, y }),
      'edge.a11yDescription.default': t('rf.edgeDescription'),
      'handle.ariaLabel': t('rf.handle'),
    }),
    [t],
  );
  // The lines only repeat what the nodes' order says: hidden from assistive technology (React Flow
  // falls back to "Edge from ‹id› to ‹id›" for an empty label, hence a label from the catalog).
  const defaultEdgeOptions = useMemo<DefaultEdgeOptions>(() => ({ ariaLabel: t('rf.edge'), domAttributes: { 'aria-hidden': true } }), [t]);
  const describePlace = useCallback((p: Place) => t('node.position', { ...p }), [t]);
  const wrapper = useRef<HTMLDivElement>(null);
  const shownNodes = visible?.nodes ?? state.nodes;
  const layout = useTreeLayout(shownNodes);
  const [drag, setDrag] = useState<DragState | null>(null);
  const [ready, setReady] = useState(false);
  const previous = useRef<FlowMapping | undefined>(undefined);

  const mapping = useMemo(() => {
    const next = toFlow(
      shownNodes,
      layout.positions,
      {
        selectedId: state.selectedId,
        editingId: state.editingId,
        readOnly: state.readOnly,
        dropTarget: drag?.target ? { id: drag.target.id, valid: drag.target.valid } : null,
        locale,
        nodeRole: t('rf.node'),
        describePlace,
        ...(visible && { collapsed: visible.hidden, withChildren: visible.withChildren }),
        ...(matches && { matches }),
      },
      previous.current,
    );
    previous.current = next;
    return next;
  }, [shownNodes, visible, matches, layout, state.selectedId, state.editingId, state.readOnly, drag?.target, locale, t, describePlace]);

  const flowNodes = useMemo(
    () => (drag ? mapping.nodes.map((n) => (n.id === drag.id ? { ...n, position: drag.position, dragging: true } : n)) : mapping.nodes),
    [mapping.nodes, drag],
  );

  // ── focus and viewport ───────────────────────────────────────────────────
  const focusNode = useCallback((id: string) => {
    let tries = 0;
    const attempt = () => {
      const el = wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      if (el) el.focus({ preventScroll: true });
      else if (tries++ < 30) requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
  }, []);

  const reveal = useCallback(
    (id: string | null) => {
      if (id === null) return;
      const p = layout.positions.get(id);
      const node = store.getState().index.byId.get(id);
      const el = wrapper.current;
      if (!p || !node || !el) return;
      const { x, y, zoom } = rf.getViewport();
      const w = NODE_WIDTH * zoom;
      const h = nodeHeight(node.title) * zoom;
      const sx = p.x * zoom + x;
      const sy = p.y * zoom + y;
      const margin = 24;
      if (sx < margin || sy < margin || sx + w > el.clientWidth - margin || sy + h > el.clientHeight - margin)
        void rf.setCenter(p.x + NODE_WIDTH / 2, p.y + nodeHeight(node.title) / 2, { zoom, duration: 150 });
    },
    [layout, rf, store],
  );

  // New nodes open for editing: bring them into view (they may be off screen, hence not rendered).
  useEffect(() => {
    if (state.editingId !== null) reveal(state.editingId);
  }, [state.editingId, reveal]);

  const context = useMemo<EditorContextValue>(
    () => ({ store, focusNode, toggle: onToggle, selectActionHref }),
    [store, focusNode, onToggle, selectActionHref],
  );
  useEffect(() => {
    if (revealId) requestAnimationFrame(() => reveal(revealId.id));
    // Only a new request reveals (not every layout change).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealId]);

  // ── initial viewport and the ready mark for the benchmark ────────────────
  const onInit = useCallback(() => {
    // Fit the whole tree when it stays readable; otherwise open on the goal with its first two
    // levels (fitted, never below the readable zoom); the minimap and 全体を表示 give the overview.
    const el = wrapper.current;
    const s = store.getState();
    const root = s.nodes.find((n) => n.parentId === null);
    if (!el || !root || !layout.positions.has(root.id)) {
      setReady(true);
      return;
    }
    const pad = 32;
    const fitZoom = Math.min(
      1,
      (el.clientWidth - 2 * pad) / Math.max(1, layout.width),
      (el.clientHeight - 2 * pad) / Math.max(1, layout.height),
    );
    if (fitZoom >= READABLE_ZOOM) void rf.fitView({ padding: 0.08, maxZoom: 1 });
    else {
      // The goal at the left edge, vertically centred, at the readable zoom: its first two levels
      // open to its right. From the layout, not fitView({ nodes }): with only the visible nodes
      // rendered, nodes off the first viewport are never measured, and such a fit would never happen.
      const p = layout.positions.get(root.id)!;
      void rf.setViewport({
        x: pad - p.x * READABLE_ZOOM,
        y: el.clientHeight / 2 - (p.y + nodeHeight(root.title) / 2) * READABLE_ZOOM,
        zoom: READABLE_ZOOM,
      });
    }
    setReady(true);
  }, [rf, store, layout]);

  const count = state.nodes.length;
  useEffect(() => {
    if (fitOnChange && ready && count <= FIT_ALL_MAX_NODES) void rf.fitView({ padding: 0.12, maxZoom: 1, duration: 200 });
  }, [fitOnChange, ready, count, rf]);
  useEffect(() => {
    if (!markReady || !ready) return;
    let frame = requestAnimationFrame(function check() {
      if (count > 0 && !wrapper.current?.querySelector('.react-flow__node')) {
        frame = requestAnimationFrame(check);
        return;
      }
      performance.mark('tree-laid-out');
      document.body.dataset.treeReady = String(count);
    });
    return () => cancelAnimationFrame(frame);
  }, [markReady, ready, count]);
  useEffect(
    () => () => {
      if (markReady) delete document.body.dataset.treeReady;
    },
    [markReady],
  );

  // ── keyboard ─────────────────────────────────────────────────────────────
  const run = useCallback(
    (intent: KeyIntent) => {
      const s = store.getState();
      const go = (direction: Parameters<TreeEditorStore['navigate']>[0]) => {
        const to = store.navigate(direction);
        if (to !== null) {
          reveal(to);
          focusNode(to);
        }
      };
      switch (intent) {
        case 'addChild':
          store.addChild();
          break;
        case 'addSibling':
          store.addSibling();
          break;
        case 'edit':
          store.startEditing();
          break;
        case 'remove':
          if (s.selectedId !== null) onRequestRemove?.(s.selectedId);
          break;
        case 'selectParent':
          go('parent');
          break;
        case 'selectFirstChild':
          go('firstChild');
          break;
        case 'selectPrevious':
          go('previous');
          break;
        case 'selectNext':
          go('next');
          break;
        case 'collapse':
        case 'expand':
          if (s.selectedId !== null) onToggle?.(s.selectedId, intent === 'expand');
          break;
        case 'moveUp':
          store.moveBy(-1);
          break;
        case 'moveDown':
          store.moveBy(1);
          break;
        case 'changeParent':
          if (s.selectedId !== null) onRequestMove?.(s.selectedId);
          break;
        case 'undo':
          store.undo();
          break;
        case 'redo':
          store.redo();
          break;
        case 'cancel':
          if (s.editingId !== null) store.stopEditing();
          store.dismissNotice();
          break;
        case 'help':
          onHelp?.();
          break;
      }
    },
    [store, reveal, focusNode, onRequestRemove, onRequestMove, onHelp, onToggle],
  );

  // The canvas is one tab stop: focus arriving on the wrapper goes on to the selected node (the
  // goal when nothing is selected), brought into view first since off-screen nodes are not rendered.
  const onFocus = (e: ReactFocusEvent<HTMLDivElement>) => {
    if (e.target === wrapper.current) {
      const s = store.getState();
      const id = s.selectedId ?? s.nodes.find((n) => n.parentId === null)?.id ?? null;
      if (id === null) return;
      if (s.selectedId === null) store.select(id);
      reveal(id);
      focusNode(id);
      return;
    }
    // Clicking or arrowing onto a node selects it.
    if (!(e.target instanceof HTMLElement) || !e.target.classList.contains('react-flow__node')) return;
    const id = e.target.dataset.id;
    if (id !== undefined && id !== store.getState().selectedId && store.getState().editingId === null) store.select(id);
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (isTextField(e.target)) return;
    // Tab leaves the canvas whichever node has focus (the nodes are not tab stops themselves).
    if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey && wrapper.current) {
      if (focusOutside(wrapper.current, !e.shiftKey)) {
        e.preventDefault();
        e.stopPropagation();
      }
      return;
    }
    const intent = keyIntent(e, store.getState().readOnly);
    if (intent === null) return;
    e.preventDefault();
    e.stopPropagation();
    run(intent);
  };

  // Keep keyboard focus on the selected node after structural edits (e.g. undo, delete).
  const lastSelected = useRef(state.selectedId);
  useEffect(() => {
    const prev = lastSelected.current;
    lastSelected.current = state.selectedId;
    if (state.selectedId === null || state.selectedId === prev || state.editingId !== null) return;
    // Also when focus fell to <body> because the focused node was just removed.
    const active = document.activeElement;
    if (wrapper.current && (active === null || active === document.body || (active instanceof Node && wrapper.current.contains(active)))) {
      reveal(state.selectedId);
      focusNode(state.selectedId);
    }
  }, [state.selectedId, state.editingId, reveal, focusNode]);

  // ── pointer: select, edit, drag to re-parent ─────────────────────────────
  const dragRef = useRef<DragState | null>(null);
  const updateDrag = useCallback((next: DragState | null) => {
    dragRef.current = next;
    setDrag(next);
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<TreeFlowNode>[]) => {
      for (const c of changes) {
        if (c.type === 'position' && c.position && c.dragging) {
          const d = dragRef.current;
          updateDrag({ id: c.id, position: c.position, target: d?.id === c.id ? d.target : null });
        }
      }
    },
    [updateDrag],
  );

  const targetAt = useCallback(
    (point: XYPosition, draggedId: string): string | null => {
      const byId = store.getState().index.byId;
      for (const [id, p] of layout.positions) {
        if (id === draggedId) continue;
        const node = byId.get(id);
        if (!node) continue;
        if (point.x >= p.x && point.x <= p.x + NODE_WIDTH && point.y >= p.y && point.y <= p.y + nodeHeight(node.title)) return id;
      }
      return null;
    },
    [layout, store],
  );

  const onNodeDrag = useCallback<OnNodeDrag<TreeFlowNode>>(
    (event, node) => {
      const client =
        'clientX' in event
          ? { x: event.clientX, y: event.clientY }
          : { x: event.touches[0]?.clientX ?? 0, y: event.touches[0]?.clientY ?? 0 };
      const targetId = targetAt(rf.screenToFlowPosition(client), node.id);
      const currentParent = store.getState().index.byId.get(node.id)?.parentId ?? null;
      const d = dragRef.current ?? { id: node.id, position: node.position, target: null };
      if (targetId === null || targetId === currentParent) {
        if (d.target !== null) updateDrag({ ...d, target: null });
        return;
      }
      if (d.target?.id === targetId) return;
      const refusal = store.checkMove(node.id, targetId);
      updateDrag({ ...d, target: { id: targetId, valid: refusal === null, message: refusal } });
    },
    [rf, targetAt, store, updateDrag],
  );

  const onNodeDragStop = useCallback<OnNodeDrag<TreeFlowNode>>(
    (_event, node) => {
      const d = dragRef.current;
      updateDrag(null); // the node snaps back to its laid-out place (or to its new one)
      if (!d?.target) return;
      if (d.target.valid) store.moveUnder(node.id, d.target.id);
      else store.notify('error', d.target.message ?? message('drop.invalid'));
    },
    [store, updateDrag],
  );

  const onNodeClick = useCallback((_: unknown, node: TreeFlowNode) => store.select(node.id), [store]);
  const onNodeDoubleClick = useCallback((_: unknown, node: TreeFlowNode) => store.startEditing(node.id), [store]);
  const onPaneClick = useCallback(() => {
    if (store.getState().editingId === null) store.select(null);
  }, [store]);

  return (
    <EditorContext.Provider value={context}>
      <div
        ref={wrapper}
        className="lt-canvas"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        aria-label={label}
        role="region"
        tabIndex={0}
        data-testid="tree-canvas"
      >
        <ReactFlow<TreeFlowNode>
          nodes={flowNodes}
          edges={mapping.edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onNodeClick={onNodeClick}
          onNodeDoubleClick={state.readOnly ? undefined : onNodeDoubleClick}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onPaneClick={onPaneClick}
          onInit={onInit}
          nodesDraggable={!state.readOnly}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          disableKeyboardA11y
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          zoomOnDoubleClick={false}
          onlyRenderVisibleElements
          minZoom={0.1}
          maxZoom={1.6}
          ariaLabelConfig={ariaLabelConfig}
          defaultEdgeOptions={defaultEdgeOptions}
          proOptions={proOptions}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#d7dbe0" />
          <MiniMap<TreeFlowNode> nodeColor={minimapColor} nodeStrokeWidth={0} pannable zoomable style={minimapStyle} />
          <Controls showInteractive={false} fitViewOptions={{ padding: 0.12 }} />
          <Panel position="bottom-right" className="react-flow__attribution">
            <a href="https://reactflow.dev" target="_blank" rel="noopener noreferrer" title={t('rf.attribution')}>
              <span lang="en">React Flow</span>
            </a>
          </Panel>
        </ReactFlow>
      </div>
    </EditorContext.Provider>
  );
}
