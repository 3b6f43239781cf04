/**
 * Tidy-tree layout, left to right, over node sizes. d3-hierarchy's `tree()` is the linear-time
 * Reingold–Tilford–Buchheim algorithm; the separation callback turns node heights into the
 * vertical gap between neighbours, so nodes of different heights never overlap.
 * Pure: same input, same output; no DOM. Used by the editor canvas, the SVG renderer (web export,
 * report figure) and the PPTX, and by the api benchmark.
 */
import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';
import { nodeMetrics } from './measure.js';
import { compareSiblings } from './order.js';

export interface LayoutInput {
  id: string;
  parentId: string | null;
  position: number;
  width: number;
  height: number;
}

export interface LayoutPoint {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** Horizontal gap between columns (depth levels), px. */
  columnGap?: number;
  /** Vertical gap between siblings, px; cousins get 1.5×. */
  rowGap?: number;
}

export interface LayoutResult {
  /** Top-left corner of each node. */
  positions: Map<string, LayoutPoint>;
  width: number;
  height: number;
}

interface Item {
  node: LayoutInput;
  children: Item[];
}

/** Lays the tree out; nodes that do not hang under the root (corrupt input) are stacked below it. */
export function layoutTree(nodes: readonly LayoutInput[], options: LayoutOptions = {}): LayoutResult {
  const columnGap = options.columnGap ?? nodeMetrics.columnGap;
  const rowGap = options.rowGap ?? nodeMetrics.rowGap;
  const positions = new Map<string, LayoutPoint>();
  if (nodes.length === 0) return { positions, width: 0, height: 0 };

  const items = new Map<string, Item>();
  for (const n of nodes) items.set(n.id, { node: n, children: [] });
  const roots: Item[] = [];
  for (const item of items.values()) {
    const parent = item.node.parentId === null ? undefined : items.get(item.node.parentId);
    if (parent) parent.children.push(item);
    else roots.push(item);
  }
  for (const item of items.values()) if (item.children.length > 1) item.children.sort((a, b) => compareSiblings(a.node, b.node));
  roots.sort((a, b) => (a.node.parentId === null ? 0 : 1) - (b.node.parentId === null ? 0 : 1) || compareSiblings(a.node, b.node));

  let maxWidth = 0;
  for (const n of nodes) maxWidth = Math.max(maxWidth, n.width);
  const columnWidth = maxWidth + columnGap;
  let offsetY = 0;
  let width = 0;
  for (const rootItem of roots) {
    const root = hierarchy(rootItem, (i) => (i.children.length > 0 ? i.children : null));
    const laid: HierarchyPointNode<Item> = tree<Item>()
      .nodeSize([1, columnWidth])
      .separation((a, b) => (a.data.node.height + b.data.node.height) / 2 + (a.parent === b.parent ? rowGap : rowGap * 1.5))(root);
    let top = Infinity;
    let bottom = -Infinity;
    laid.each((d) => {
      top = Math.min(top, d.x - d.data.node.height / 2);
      bottom = Math.max(bottom, d.x + d.data.node.height / 2);
    });
    laid.each((d) => {
      const x = d.y;
      positions.set(d.data.node.id, { x, y: d.x - d.data.node.height / 2 - top + offsetY });
      width = Math.max(width, x + d.data.node.width);
    });
    offsetY += bottom - top + rowGap * 3;
  }
  return { positions, width, height: Math.max(0, offsetY - rowGap * 3) };
}

/** A string that changes exactly when the layout would: structure, order and node sizes. */
export function layoutKey(nodes: readonly LayoutInput[]): string {
  let key = '';
  for (const n of nodes) key += `${n.id}|${n.parentId ?? ''}|${n.position}|${n.width}|${n.height};`;
  return key;
}

/** Times `layoutTree` on the given nodes (median and fastest of `runs`), for the benchmark. */
export function benchmarkLayout(
  nodes: readonly LayoutInput[],
  runs = 5,
): { nodes: number; medianMs: number; minMs: number; runsMs: number[] } {
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    layoutTree(nodes);
    runsMs.push(performance.now() - t0);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { nodes: nodes.length, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, minMs: sorted[0] ?? 0, runsMs };
}
