/**
 * The one tree figure: nodes measured (BudouX lines) and laid out (tidy tree), then drawn as an SVG
 * string. The web's SVG/PNG export, the report figure (HTML/PDF, case library) and the PPTX tree
 * all come from `layoutFigure`, so they show the same boxes at the same positions.
 */
import type { HypothesisState, NodeKind } from '../domain.js';
import { type ActionBadge, labels, type LabelLocale, terms } from '../labels/index.js';
import { actionBadgeColors, hypothesisColors, kindStyles, type KindStyle, notSelectedStyle } from '../labels/kind-styles.js';
import { layoutTree } from './layout.js';
import { measureNode, nodeMetrics, textWidthEm } from './measure.js';

/** What the figure needs of a node; the editor's nodes and the report's facts both map onto it. */
export interface FigureNode {
  id: string;
  parentId: string | null;
  position: number;
  kind: NodeKind;
  title: string;
  hypothesisState: HypothesisState | null;
  /** On measures: the selected action's status, or `not_selected`; null on every other kind. */
  actionBadge: ActionBadge | null;
  evidenceCount?: number;
}

export interface PlacedFigureNode<N extends FigureNode = FigureNode> {
  node: N;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

export interface TreeFigure<N extends FigureNode = FigureNode> {
  /** In depth-first order of the input as given. */
  nodes: PlacedFigureNode<N>[];
  edges: { from: PlacedFigureNode<N>; to: PlacedFigureNode<N> }[];
  width: number;
  height: number;
}

/** The badge of a measure for an action status: 取組: 実施中, or 未選定. */
export function actionBadgeText(badge: ActionBadge, locale: LabelLocale = 'ja'): string {
  const l = labels(locale);
  return badge === 'not_selected' ? l.actionBadge.not_selected : `${terms(locale).action}: ${l.actionBadge[badge]}`;
}

/** The action badge a report node shows: measures carry one, selected or not. */
export function actionBadgeFor(kind: NodeKind, actionStatus: Exclude<ActionBadge, 'not_selected'> | null): ActionBadge | null {
  return kind === 'measure' ? (actionStatus ?? 'not_selected') : null;
}

const round = (v: number) => Math.round(v * 10) / 10;

export function layoutFigure<N extends FigureNode>(nodes: readonly N[]): TreeFigure<N> {
  const measures = new Map(nodes.map((n) => [n.id, measureNode(n.title)]));
  const layout = layoutTree(nodes.map((n) => ({ id: n.id, parentId: n.parentId, position: n.position, ...measures.get(n.id)! })));
  const placed = new Map<string, PlacedFigureNode<N>>();
  for (const n of nodes) {
    const p = layout.positions.get(n.id);
    const m = measures.get(n.id)!;
    // Tenths of a pixel: every surface (canvas, SVG, PPTX) places the node at exactly these numbers.
    if (p) placed.set(n.id, { node: n, x: round(p.x), y: round(p.y), width: m.width, height: m.height, lines: m.lines });
  }
  const edges: TreeFigure<N>['edges'] = [];
  for (const p of placed.values()) {
    const parent = p.node.parentId === null ? undefined : placed.get(p.node.parentId);
    if (parent) edges.push({ from: parent, to: p });
  }
  return { nodes: [...placed.values()], edges, width: layout.width, height: layout.height };
}

export const FIGURE_FONT = "'Noto Sans JP','Noto Sans CJK JP','Hiragino Sans','Yu Gothic',Meiryo,sans-serif";

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The style a node is drawn in: a measure without a selected action is pale and dashed. */
export function figureStyle(n: Pick<FigureNode, 'kind' | 'actionBadge'>): KindStyle & { dashed: boolean } {
  return n.actionBadge === 'not_selected' ? { ...notSelectedStyle, dashed: true } : { ...kindStyles[n.kind], dashed: false };
}

export interface FigureBadge {
  text: string;
  color: string;
}

/** The badges under a node's title, left to right: hypothesis state, evidence count, action status. */
export function figureBadges(n: FigureNode, locale: LabelLocale = 'ja'): FigureBadge[] {
  const badges: FigureBadge[] = [];
  if (n.hypothesisState)
    badges.push({ text: labels(locale).hypothesisState[n.hypothesisState], color: hypothesisColors[n.hypothesisState] });
  if (n.evidenceCount) badges.push({ text: `${terms(locale).evidence} ${n.evidenceCount}`, color: '#374151' });
  if (n.actionBadge) badges.push({ text: actionBadgeText(n.actionBadge, locale), color: actionBadgeColors[n.actionBadge] });
  return badges;
}

export const badgeWidth = (text: string) => Math.ceil(12 + textWidthEm(text) * nodeMetrics.badgeFontSize);

export interface TreeSvgOptions {
  locale?: LabelLocale;
  /** A heading above the tree (e.g. みどり区 ロジックツリー). */
  heading?: string;
  /** A legend of the kinds below the tree. */
  legend?: boolean;
  /** The class of the <svg> element. */
  className?: string;
  margin?: number;
}

export interface TreeSvg<N extends FigureNode = FigureNode> {
  svg: string;
  width: number;
  height: number;
  figure: TreeFigure<N>;
  /** Where the figure's origin sits in the SVG (margin, heading). */
  offset: { x: number; y: number };
}

const LEGEND_HEIGHT = 30;

/** The tree as a standalone SVG document; every text escaped. */
export function renderTreeSvg<N extends FigureNode>(nodes: readonly N[], opts: TreeSvgOptions = {}): TreeSvg<N> {
  const locale = opts.locale ?? 'ja';
  const M = nodeMetrics;
  const margin = opts.margin ?? 24;
  const figure = layoutFigure(nodes);
  const top = opts.heading ? margin + 32 : margin;
  const legend = opts.legend ? LEGEND_HEIGHT : 0;
  const width = Math.ceil(Math.max(figure.width, opts.legend ? 560 : 0) + margin * 2);
  const height = Math.ceil(figure.height + top + margin + legend);
  const l = labels(locale);
  const parts: string[] = [];
  const title = opts.heading ?? terms(locale).logicTree;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg"${opts.className ? ` class="${escapeXml(opts.className)}"` : ''} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FIGURE_FONT)}" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  );
  if (opts.heading)
    parts.push(`<text x="${margin}" y="${margin + 18}" font-size="18" font-weight="700" fill="#1f2937">${escapeXml(opts.heading)}</text>`);
  parts.push(`<g transform="translate(${margin} ${top})">`);
  // Edges first, so nodes sit on top of them.
  parts.push('<g fill="none" stroke="#9ca3af" stroke-width="1.5">');
  for (const { from, to } of figure.edges) {
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const mx = (x1 + x2) / 2;
    parts.push(`<path d="M${num(x1)},${num(y1)} C${num(mx)},${num(y1)} ${num(mx)},${num(y2)} ${num(x2)},${num(y2)}"/>`);
  }
  parts.push('</g>');
  for (const p of figure.nodes) {
    const n = p.node;
    const s = figureStyle(n);
    parts.push(`<g class="node node-${n.kind}" data-id="${escapeXml(n.id)}" transform="translate(${num(p.x)} ${num(p.y)})">`);
    parts.push(
      `<rect width="${p.width}" height="${p.height}" rx="8" fill="${s.background}" stroke="${s.color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/>`,
      `<rect width="5" height="${p.height}" rx="2" fill="${s.color}"/>`,
      `<text x="${M.paddingLeft}" y="${M.labelBaseline}" font-size="${M.labelFontSize}" font-weight="700" fill="${s.color}">${escapeXml(`${kindStyles[n.kind].icon} ${l.nodeKind[n.kind]}`)}</text>`,
    );
    p.lines.forEach((line, i) => {
      parts.push(
        `<text x="${M.paddingLeft}" y="${M.titleBaseline + i * M.lineHeight}" font-size="${M.fontSize}" fill="${s.text}"${n.kind === 'goal' ? ' font-weight="700"' : ''}>${escapeXml(line)}</text>`,
      );
    });
    let bx = M.paddingLeft;
    for (const b of figureBadges(n, locale)) {
      const w = badgeWidth(b.text);
      parts.push(
        `<rect x="${bx}" y="${p.height - 24}" width="${w}" height="${M.badgeHeight}" rx="8" fill="#ffffff" stroke="${b.color}"/>`,
        `<text x="${num(bx + w / 2)}" y="${p.height - 12}" font-size="${M.badgeFontSize}" text-anchor="middle" fill="${b.color}">${escapeXml(b.text)}</text>`,
      );
      bx += w + 6;
    }
    parts.push('</g>');
  }
  parts.push('</g>');
  if (opts.legend) {
    const ly = height - margin - LEGEND_HEIGHT + 12;
    let lx = margin;
    const entries: [string, KindStyle, boolean][] = [
      ...(Object.keys(kindStyles) as NodeKind[]).map((k): [string, KindStyle, boolean] => [l.nodeKind[k], kindStyles[k], false]),
      [`${l.nodeKind.measure}(${l.actionBadge.not_selected})`, notSelectedStyle, true],
    ];
    for (const [label, st, dashed] of entries) {
      parts.push(
        `<rect x="${lx}" y="${ly}" width="14" height="12" rx="3" fill="${st.background}" stroke="${st.color}"${dashed ? ' stroke-dasharray="3 2"' : ''}/>`,
        `<text x="${lx + 19}" y="${ly + 10.5}" font-size="10.5" fill="#374151">${escapeXml(label)}</text>`,
      );
      lx += Math.ceil(30 + textWidthEm(label) * 10.5);
    }
  }
  parts.push('</svg>');
  return { svg: parts.join(''), width, height, figure, offset: { x: margin, y: top } };
}
