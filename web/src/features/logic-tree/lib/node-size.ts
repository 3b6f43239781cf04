/**
 * Node box sizes on the canvas, from the one measure of @banso/shared (shared/src/tree/measure.ts):
 * titles break between BudouX phrases, so the canvas, the SVG export, the report and the PPTX show
 * the same lines in boxes of the same size.
 */
import { measureNode, nodeMetrics } from '@banso/shared';

export const NODE_WIDTH = nodeMetrics.width;

/** The title's lines as the node draws them (whole phrases; the last one ellipsized when clamped). */
export function wrapTitle(title: string): string[] {
  return measureNode(title).lines;
}

export function nodeHeight(title: string): number {
  return measureNode(title).height;
}
