/**
 * SVG export of the tree, built from the editor's own layout (no DOM capture, no dependency).
 * The PNG export draws this SVG onto a canvas (components/export.ts).
 */
import type { TreeNode } from '../types';
import { actionBadgeOf } from './flow-mapping';
import { actionLabels, hypothesisLabels, kindStyles } from './kinds';
import type { Point } from './layout';
import { NODE_WIDTH, nodeHeight, wrapTitle } from './node-size';

const MARGIN = 24;
const FONT = "'Noto Sans JP','Noto Sans CJK JP','Hiragino Sans','Yu Gothic',Meiryo,sans-serif";

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

export interface SvgExport {
  svg: string;
  width: number;
  height: number;
}

/** A standalone SVG document of the whole tree, with an optional heading. */
export function treeToSvg(nodes: readonly TreeNode[], positions: ReadonlyMap<string, Point>, heading?: string): SvgExport {
  let maxX = 0;
  let maxY = 0;
  for (const n of nodes) {
    const p = positions.get(n.id);
    if (!p) continue;
    maxX = Math.max(maxX, p.x + NODE_WIDTH);
    maxY = Math.max(maxY, p.y + nodeHeight(n.title));
  }
  const top = heading ? MARGIN + 32 : MARGIN;
  const width = Math.ceil(maxX + MARGIN * 2);
  const height = Math.ceil(maxY + top + MARGIN);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  );
  if (heading) parts.push(`<text x="${MARGIN}" y="${MARGIN + 18}" font-size="18" font-weight="700" fill="#1f2937">${escapeXml(heading)}</text>`);
  parts.push(`<g transform="translate(${MARGIN} ${top})">`);
  // Edges first, so nodes sit on top of them.
  parts.push('<g fill="none" stroke="#9ca3af" stroke-width="1.5">');
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const parent = byId.get(n.parentId);
    const a = positions.get(n.parentId);
    const b = positions.get(n.id);
    if (!parent || !a || !b) continue;
    const x1 = a.x + NODE_WIDTH;
    const y1 = a.y + nodeHeight(parent.title) / 2;
    const x2 = b.x;
    const y2 = b.y + nodeHeight(n.title) / 2;
    const mx = (x1 + x2) / 2;
    parts.push(`<path d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}"/>`);
  }
  parts.push('</g>');
  for (const n of nodes) {
    const p = positions.get(n.id);
    if (!p) continue;
    const style = kindStyles[n.kind];
    const h = nodeHeight(n.title);
    parts.push(`<g transform="translate(${p.x} ${p.y})">`);
    parts.push(`<rect width="${NODE_WIDTH}" height="${h}" rx="8" fill="${style.background}" stroke="${style.color}" stroke-width="1.5"/>`);
    parts.push(`<rect width="4" height="${h}" rx="2" fill="${style.color}"/>`);
    parts.push(`<text x="14" y="20" font-size="11" font-weight="700" fill="${style.color}">${escapeXml(`${style.icon} ${style.label}`)}</text>`);
    wrapTitle(n.title).forEach((line, i) => {
      parts.push(`<text x="14" y="${42 + i * 19}" font-size="14" fill="#111827">${escapeXml(line)}</text>`);
    });
    const badges: { text: string; color: string }[] = [];
    if (n.hypothesisState) badges.push({ text: hypothesisLabels[n.hypothesisState].label, color: hypothesisLabels[n.hypothesisState].color });
    if (n.evidenceCount > 0) badges.push({ text: `根拠 ${n.evidenceCount}`, color: '#374151' });
    const action = actionBadgeOf(n);
    if (action) badges.push({ text: actionLabels[action].label, color: actionLabels[action].color });
    let bx = 14;
    for (const b of badges) {
      const w = 12 + [...b.text].length * 11;
      parts.push(`<rect x="${bx}" y="${h - 24}" width="${w}" height="17" rx="8" fill="#ffffff" stroke="${b.color}"/>`);
      parts.push(`<text x="${bx + w / 2}" y="${h - 12}" font-size="10.5" text-anchor="middle" fill="${b.color}">${escapeXml(b.text)}</text>`);
      bx += w + 6;
    }
    parts.push('</g>');
  }
  parts.push('</g></svg>');
  return { svg: parts.join(''), width, height };
}
