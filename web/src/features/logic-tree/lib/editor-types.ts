/** The editor store's public types: its state, its dependencies and what a save can come back with. */
import type { TreeOperation } from '@banso/shared/tree';
import type { TreeNode, TreeSnapshot } from '../types';
import type { Notice } from './editor-notices';
import type { NewTitle, TreeIndex } from './intents';
import type { TreeMessage } from './messages';
import type { TreeChange } from './tree-diff';

export type SaveOutcome =
  | { ok: true; tree: TreeSnapshot }
  /** 412: someone else saved first; `current` is the tree as it is now. */
  | { ok: false; kind: 'conflict'; current: TreeSnapshot }
  /** 400/409: the server refused the batch under its rules. */
  | { ok: false; kind: 'rejected'; message: TreeMessage }
  /** Network failure or 5xx: the batch can be retried as it is. */
  | { ok: false; kind: 'error'; message: TreeMessage };

export interface EditorDeps {
  save: (ops: TreeOperation[], revision: number) => Promise<SaveOutcome>;
  newId: () => string;
  /** The title of a new node, in the reader's language. */
  newTitle: NewTitle;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Quiet time after the last edit before the batch is saved. */
  debounceMs?: number;
  retryMs?: number;
}

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

export interface ConflictInfo {
  /** The revision that was loaded instead. */
  revision: number;
  /** The revision the user's edits were made on: every revision after it up to `revision` came from elsewhere. */
  since: number;
  /** How many of the user's edits still apply on top of it (kept, not yet saved). */
  kept: number;
  /** Titles the user typed that could not be re-applied (their node is gone), so they are not lost. */
  lostTitles: string[];
  /** What changed meanwhile, node by node (the user's base → the loaded revision). */
  theirs: TreeChange[];
  /** The user's edits kept on top, node by node (the loaded revision → the working copy). */
  mine: TreeChange[];
}

export interface EditorState {
  revision: number;
  /** The working copy: the saved tree plus every unsaved edit. */
  nodes: TreeNode[];
  index: TreeIndex;
  selectedId: string | null;
  editingId: string | null;
  status: SaveStatus;
  unsavedCount: number;
  notice: Notice | null;
  conflict: ConflictInfo | null;
  canUndo: boolean;
  canRedo: boolean;
  readOnly: boolean;
}
