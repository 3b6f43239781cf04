/**
 * SVG export of the tree: the one SVG renderer of @banso/shared (shared/src/tree/figure.ts), the
 * same that draws the report figure and places the PPTX tree, so every copy shows the same boxes at
 * the same positions. The PNG export draws this SVG onto a canvas (components/export-image.ts).
 */
import { escapeXml, type FigureNode, renderTreeSvg, type TreeSvg } from '@banso/shared';
import type { TreeNode } from '../types';
import { actionBadgeOf } from './flow-mapping';

export { escapeXml };

export type SvgExport = TreeSvg;

/** The editor's nodes as the figure reads them. */
export function toFigureNodes(nodes: readonly TreeNode[]): FigureNode[] {
  return nodes.map((n) => ({
    id: n.id,
    parentId: n.parentId,
    position: n.position,
    kind: n.kind,
    title: n.title,
    hypothesisState: n.hypothesisState,
    actionBadge: actionBadgeOf(n),
    evidenceCount: n.evidenceCount,
  }));
}

/** A standalone SVG document of the whole tree, with an optional heading. */
export function treeToSvg(nodes: readonly TreeNode[], heading?: string, locale: 'ja' | 'en' = 'ja'): SvgExport {
  return renderTreeSvg(toFigureNodes(nodes), { locale, ...(heading ? { heading } : {}) });
}
