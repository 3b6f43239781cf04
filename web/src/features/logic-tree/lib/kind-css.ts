/**
 * CSS custom properties per kind, hypothesis state and action status, generated from the one table
 * in kinds.ts (rendered once in a <style> element by the editor).
 */
import { actionStatuses, hypothesisStates, nodeKinds } from '@banso/shared';
import { actionLabels, hypothesisLabels, kindStyles } from './kinds';

export const kindCss = [
  ...nodeKinds.map((k) => `.lt-kind--${k},.lt-node--${k}{--lt-color:${kindStyles[k].color};--lt-bg:${kindStyles[k].background}}`),
  ...hypothesisStates.map((h) => `.lt-badge--${h}{--lt-badge:${hypothesisLabels[h].color}}`),
  ...(['not_selected', ...actionStatuses] as const).map((a) => `.lt-badge--${a}{--lt-badge:${actionLabels[a].color}}`),
].join('\n');
