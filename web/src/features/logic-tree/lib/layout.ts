/**
 * The editor's layout is the one tree layout of @banso/shared (shared/src/tree/layout.ts: the
 * d3-hierarchy tidy tree), also used by the SVG/PNG export, the report figure and the PPTX.
 */
export { layoutKey, layoutTree, type LayoutInput, type LayoutPoint as Point, type LayoutResult } from '@banso/shared';
