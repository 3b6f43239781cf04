/**
 * Presentation facts per node kind, hypothesis state and action badge, read from the one table in
 * @banso/shared (labels + kind styles), so the node components, the minimap, the legend and the
 * SVG export agree with the report and the PPTX. `label`/`labelEn` stay until the message catalog
 * reads `labels(locale)` directly.
 */
import {
  type ActionBadge,
  actionBadgeColors,
  hypothesisColors,
  type KindStyle as SharedKindStyle,
  kindStyles as sharedKindStyles,
  labels,
} from '@banso/shared';
import type { HypothesisState, NodeKind } from '../types';

export type { ActionBadge };

export interface KindStyle extends SharedKindStyle {
  label: string;
  labelEn: string;
}

const ja = labels('ja');
const en = labels('en');

const map = <K extends string, V>(keys: readonly K[], f: (k: K) => V) => Object.fromEntries(keys.map((k) => [k, f(k)])) as Record<K, V>;

export const kindStyles: Record<NodeKind, KindStyle> = map(Object.keys(sharedKindStyles) as NodeKind[], (k) => ({
  ...sharedKindStyles[k],
  label: ja.nodeKind[k],
  labelEn: en.nodeKind[k],
}));

export const hypothesisLabels: Record<HypothesisState, { label: string; labelEn: string; color: string }> = map(
  Object.keys(hypothesisColors) as HypothesisState[],
  (h) => ({ label: ja.hypothesisState[h], labelEn: en.hypothesisState[h], color: hypothesisColors[h] }),
);

export const actionLabels: Record<ActionBadge, { label: string; labelEn: string; color: string }> = map(
  Object.keys(actionBadgeColors) as ActionBadge[],
  (a) => ({ label: ja.actionBadge[a], labelEn: en.actionBadge[a], color: actionBadgeColors[a] }),
);
