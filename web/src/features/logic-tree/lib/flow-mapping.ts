/**
 * Tree ↔ flow mapping. The editor's working copy is a list of domain nodes; React Flow gets
 * nodes and edges derived from it plus the layout. Nothing flows back except ids: React Flow's
 * node objects are never stored or sent to the server.
 *
 * Objects are reused from the previous mapping when nothing about them changed, so memoized
 * node components and React Flow's internals skip unchanged nodes.
 */
import { labels } from '@banso/shared';
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { NodeKind, TreeNode } from '../types';
import type { ActionBadge } from './kinds';
import type { Point } from './layout';
import { NODE_WIDTH, nodeHeight } from './node-size';

export interface TreeNodeData extends Record<string, unknown> {
  title: string;
  hypothesisState: TreeNode['hypothesisState'];
  evidenceCount: number;
  /** Only measures carry an action badge; null for other kinds. */
  actionBadge: ActionBadge | null;
  editing: boolean;
  /** Drop feedback while another node is dragged over this one. */
  drop: 'valid' | 'invalid' | null;
  /** Level and place among siblings in words (the node's accessible description). */
  place: string;
  /** How many nodes its collapsed branch hides (0 when expanded or a leaf); -1 for a node with children, expanded. */
  hidden: number;
  /** Matches the search. */
  match: boolean;
}

/** The typed union of the editor's flow nodes: one `type` per node kind. */
export type TreeFlowNode = Node<TreeNodeData, NodeKind>;
export type TreeFlowEdge = Edge;

export interface MappingState {
  selectedId: string | null;
  editingId: string | null;
  readOnly: boolean;
  dropTarget?: { id: string; valid: boolean } | null;
  /** Language of the nodes' accessible names (kind label + title); Japanese by default. */
  locale?: 'ja' | 'en';
  /** What a node is called (`aria-roledescription`) in that language; React Flow's English "node" otherwise. */
  nodeRole?: string;
  /** Level and place among siblings in words (`aria-describedby` of each node). */
  describePlace?: (place: Place) => string;
  /** Ids of collapsed nodes with how many nodes each hides; nodes with children not listed are expanded. */
  collapsed?: ReadonlyMap<string, number>;
  /** Ids of nodes that have children (so the node shows a collapse button). */
  withChildren?: ReadonlySet<string>;
  /** Ids of the nodes matching the search. */
  matches?: ReadonlySet<string>;
}

export interface Place {
  level: number;
  posinset: number;
  setsize: number;
}

/** Level (1 = goal), place among siblings and number of siblings of every node. */
export function placesOf(nodes: readonly TreeNode[]): Map<string, Place> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const siblings = new Map<string | null, TreeNode[]>();
  for (const n of nodes) {
    const list = siblings.get(n.parentId);
    if (list) list.push(n);
    else siblings.set(n.parentId, [n]);
  }
  for (const list of siblings.values()) list.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  const levels = new Map<string, number>();
  const levelOf = (n: TreeNode): number => {
    const known = levels.get(n.id);
    if (known !== undefined) return known;
    const parent = n.parentId === null ? undefined : byId.get(n.parentId);
    const level = parent ? levelOf(parent) + 1 : 1;
    levels.set(n.id, level);
    return level;
  };
  const out = new Map<string, Place>();
  for (const list of siblings.values()) list.forEach((n, i) => out.set(n.id, { level: levelOf(n), posinset: i + 1, setsize: list.length }));
  return out;
}

export interface FlowMapping {
  nodes: TreeFlowNode[];
  edges: TreeFlowEdge[];
  locale: 'ja' | 'en';
}

/** The id of the hidden element holding a node's level and place (its accessible description). */
export const placeId = (id: string) => `lt-place-${id}`;

export function ariaLabelOf(node: Pick<TreeNode, 'kind' | 'title'>, locale: 'ja' | 'en' = 'ja'): string {
  return `${labels(locale).nodeKind[node.kind]}: ${node.title}`;
}

export function actionBadgeOf(node: Pick<TreeNode, 'kind' | 'action'>): ActionBadge | null {
  if (node.kind !== 'measure') return null;
  return node.action?.status ?? 'not_selected';
}

const handleCache = new Map<number, NodeHandle[]>();
/** A target handle at the middle of the left side, a source handle at the middle of the right side. */
function handlesFor(height: number): NodeHandle[] {
  let handles = handleCache.get(height);
  if (!handles) {
    handles = [
      { type: 'target', position: Position.Left, x: 0, y: height / 2 - 0.5, width: 1, height: 1 },
      { type: 'source', position: Position.Right, x: NODE_WIDTH - 1, y: height / 2 - 0.5, width: 1, height: 1 },
    ];
    handleCache.set(height, handles);
  }
  return handles;
}

const sameData = (a: TreeNodeData, b: TreeNodeData) =>
  a.title === b.title &&
  a.hypothesisState === b.hypothesisState &&
  a.evidenceCount === b.evidenceCount &&
  a.actionBadge === b.actionBadge &&
  a.editing === b.editing &&
  a.drop === b.drop &&
  a.place === b.place &&
  a.hidden === b.hidden &&
  a.match === b.match;

/**
 * Maps domain nodes and their layout positions to React Flow nodes and edges.
 * `previous` (the last result) lets unchanged objects keep their identity.
 */
export function toFlow(
  nodes: readonly TreeNode[],
  positions: ReadonlyMap<string, Point>,
  state: MappingState,
  previous?: FlowMapping,
): FlowMapping {
  const prevNodes = new Map<string, TreeFlowNode>();
  for (const n of previous?.nodes ?? []) prevNodes.set(n.id, n);
  const prevEdges = new Map<string, TreeFlowEdge>();
  for (const e of previous?.edges ?? []) prevEdges.set(e.id, e);
  const ids = new Set(nodes.map((n) => n.id));
  const locale = state.locale ?? 'ja';
  // A language switch renames every node: nothing can be reused.
  const reusable = previous !== undefined && previous.locale === locale;
  const places = state.describePlace ? placesOf(nodes) : null;

  const flowNodes: TreeFlowNode[] = [];
  const edges: TreeFlowEdge[] = [];
  for (const n of nodes) {
    const position = positions.get(n.id) ?? { x: 0, y: 0 };
    const data: TreeNodeData = {
      title: n.title,
      hypothesisState: n.hypothesisState,
      evidenceCount: n.evidenceCount,
      actionBadge: actionBadgeOf(n),
      editing: state.editingId === n.id,
      drop: state.dropTarget?.id === n.id ? (state.dropTarget.valid ? 'valid' : 'invalid') : null,
      place: places && state.describePlace ? state.describePlace(places.get(n.id) ?? { level: 1, posinset: 1, setsize: 1 }) : '',
      hidden: state.collapsed?.get(n.id) ?? (state.withChildren?.has(n.id) ? -1 : 0),
      match: state.matches?.has(n.id) ?? false,
    };
    const selected = state.selectedId === n.id;
    const height = nodeHeight(n.title);
    const draggable = !state.readOnly && n.parentId !== null && state.editingId !== n.id;
    const prev = prevNodes.get(n.id);
    if (
      reusable &&
      prev &&
      prev.type === n.kind &&
      prev.position.x === position.x &&
      prev.position.y === position.y &&
      prev.selected === selected &&
      prev.height === height &&
      prev.draggable === draggable &&
      sameData(prev.data, data)
    ) {
      flowNodes.push(prev);
    } else {
      flowNodes.push({
        id: n.id,
        type: n.kind,
        position,
        data,
        width: NODE_WIDTH,
        height,
        // Known sizes and handle places: React Flow needs no DOM measuring, and edges to nodes
        // that are not rendered (off screen) still have their ends.
        measured: { width: NODE_WIDTH, height },
        handles: handlesFor(height),
        selected,
        draggable,
        connectable: false,
        deletable: false,
        ariaLabel: ariaLabelOf(n, locale),
        // The canvas is one tab stop (its wrapper); arrow keys move between the nodes.
        domAttributes: {
          tabIndex: -1,
          ...(state.nodeRole !== undefined && { 'aria-roledescription': state.nodeRole }),
          ...(data.place !== '' && { 'aria-describedby': placeId(n.id) }),
        },
      });
    }
    if (n.parentId !== null && ids.has(n.parentId)) {
      const id = `${n.parentId}->${n.id}`;
      edges.push(prevEdges.get(id) ?? { id, source: n.parentId, target: n.id, selectable: false, focusable: false, deletable: false });
    }
  }
  return { nodes: flowNodes, edges, locale };
}
