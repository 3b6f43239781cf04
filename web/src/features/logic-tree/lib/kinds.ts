/**
 * Presentation facts per node kind, hypothesis state and action status: Japanese labels, colours
 * and icons. One table so the node components, the minimap, the legend and the SVG export agree.
 */
import type { ActionStatus, HypothesisState, NodeKind } from '../types';

export interface KindStyle {
  label: string;
  labelEn: string;
  /** Accent (border, header text). */
  color: string;
  /** Node background. */
  background: string;
  /** A short glyph shown in the node header. */
  icon: string;
}

export const kindStyles: Record<NodeKind, KindStyle> = {
  goal: { label: '目指す姿', labelEn: 'Goal', color: '#7a4b00', background: '#fff4d6', icon: '◎' },
  outcome: { label: '中間アウトカム', labelEn: 'Outcome', color: '#1c5a8c', background: '#e6f1fb', icon: '◇' },
  issue: { label: '課題', labelEn: 'Issue', color: '#a3322b', background: '#fdecea', icon: '!' },
  cause: { label: '要因', labelEn: 'Cause', color: '#5b3f8c', background: '#f0ebfa', icon: '?' },
  measure: { label: '取組', labelEn: 'Measure', color: '#1f6b3a', background: '#e7f5ec', icon: '▶' },
};

export const hypothesisLabels: Record<HypothesisState, { label: string; labelEn: string; color: string }> = {
  hypothesis: { label: '仮説', labelEn: 'Hypothesis', color: '#8a6d00' },
  supported: { label: '支持', labelEn: 'Supported', color: '#1f6b3a' },
  rejected: { label: '棄却', labelEn: 'Rejected', color: '#8f2a2a' },
};

/** A measure's action status; `not_selected` when no action was selected from it. */
export type ActionBadge = ActionStatus | 'not_selected';

export const actionLabels: Record<ActionBadge, { label: string; labelEn: string; color: string }> = {
  not_selected: { label: '未選定', labelEn: 'Not selected', color: '#6b7280' },
  selected: { label: '選定', labelEn: 'Selected', color: '#1c5a8c' },
  in_progress: { label: '実施中', labelEn: 'In progress', color: '#a05a00' },
  done: { label: '完了', labelEn: 'Done', color: '#1f6b3a' },
  on_hold: { label: '保留', labelEn: 'On hold', color: '#6b5b00' },
  dropped: { label: '中止', labelEn: 'Dropped', color: '#8f2a2a' },
};
