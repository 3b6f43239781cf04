/**
 * Undo/redo of tree edits. Each entry holds the operations of one edit and their inverse; undo
 * sends the inverse as new operations (the server keeps a linear revision history), redo sends the
 * operations again. Pure: every function returns a new history.
 */
import type { TreeMessage } from './messages';
import type { TreeOperation } from '@banso/shared/tree';

export interface HistoryEntry {
  label: TreeMessage;
  ops: TreeOperation[];
  inverse: TreeOperation[];
  selectAfter: string | null;
  selectAfterUndo: string | null;
}

export interface History {
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
}

export const emptyHistory: History = { past: [], future: [] };
export const HISTORY_LIMIT = 100;

/** Records a new edit; the redo branch is discarded. */
export function record(history: History, entry: HistoryEntry, limit = HISTORY_LIMIT): History {
  const past = [...history.past, entry];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

export interface Step {
  history: History;
  /** Operations to apply now. */
  ops: TreeOperation[];
  select: string | null;
  label: TreeMessage;
}

export function undo(history: History): Step | null {
  const entry = history.past.at(-1);
  if (!entry) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [...history.future, entry] },
    ops: entry.inverse,
    select: entry.selectAfterUndo,
    label: entry.label,
  };
}

export function redo(history: History): Step | null {
  const entry = history.future.at(-1);
  if (!entry) return null;
  return {
    history: { past: [...history.past, entry], future: history.future.slice(0, -1) },
    ops: entry.ops,
    select: entry.selectAfter,
    label: entry.label,
  };
}

export const canUndo = (h: History) => h.past.length > 0;
export const canRedo = (h: History) => h.future.length > 0;
