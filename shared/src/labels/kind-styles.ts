/**
 * Colours and icons of node kinds, hypothesis states and action badges, in one place: the editor
 * canvas (through CSS custom properties, see `kindStyleCss`), the legend, the SVG renderer (web
 * export, report figure, PPTX) all read these.
 */
import type { HypothesisState, NodeKind } from '../domain.js';
import type { ActionBadge } from './enums.js';

export interface KindStyle {
  /** Accent: border, header text, edge. */
  color: string;
  /** Node background. */
  background: string;
  /** Title text on the background. */
  text: string;
  /** A short glyph shown in the node header. */
  icon: string;
}

export const kindStyles = {
  goal: { color: '#7a4b00', background: '#fff4d6', text: '#2b1a00', icon: '◎' },
  outcome: { color: '#1c5a8c', background: '#e6f1fb', text: '#0f2740', icon: '◇' },
  issue: { color: '#a3322b', background: '#fdecea', text: '#3d1210', icon: '!' },
  cause: { color: '#5b3f8c', background: '#f0ebfa', text: '#24173a', icon: '?' },
  measure: { color: '#1f6b3a', background: '#e7f5ec', text: '#0f2e18', icon: '▶' },
} as const satisfies Record<NodeKind, KindStyle>;

/** A measure node no action was selected from: drawn pale, dashed. */
export const notSelectedStyle: KindStyle = { color: '#6b7280', background: '#ffffff', text: '#4b5563', icon: '▷' };

export const hypothesisColors = {
  hypothesis: '#8a6d00',
  supported: '#1f6b3a',
  rejected: '#8f2a2a',
} as const satisfies Record<HypothesisState, string>;

export const actionBadgeColors = {
  not_selected: '#6b7280',
  selected: '#1c5a8c',
  in_progress: '#a05a00',
  done: '#1f6b3a',
  on_hold: '#6b5b00',
  dropped: '#8f2a2a',
} as const satisfies Record<ActionBadge, string>;

/**
 * CSS custom properties per kind, hypothesis state and action badge, for a <style> element:
 * `.lt-kind--goal { --lt-color; --lt-bg; --lt-kind-text }`, `.lt-badge--supported { --lt-badge }`.
 */
export function kindStyleCss(): string {
  return [
    ...Object.entries(kindStyles).map(
      ([k, s]) => `.lt-kind--${k},.lt-node--${k}{--lt-color:${s.color};--lt-bg:${s.background};--lt-kind-text:${s.text}}`,
    ),
    ...Object.entries(hypothesisColors).map(([h, c]) => `.lt-badge--${h}{--lt-badge:${c}}`),
    ...Object.entries(actionBadgeColors).map(([a, c]) => `.lt-badge--${a}{--lt-badge:${c}}`),
  ].join('\n');
}
