/**
 * Keyboard shortcuts of the tree canvas → editor intents. Pure, so the mapping is unit-tested and
 * the help popover lists the same table the handler uses.
 */
import type { TreeMessageKey } from './messages';
export type KeyIntent =
  | 'addChild'
  | 'addSibling'
  | 'edit'
  | 'remove'
  | 'selectParent'
  | 'selectFirstChild'
  | 'selectPrevious'
  | 'selectNext'
  | 'collapse'
  | 'expand'
  | 'moveUp'
  | 'moveDown'
  | 'changeParent'
  | 'undo'
  | 'redo'
  | 'cancel'
  | 'help';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const editIntents = new Set<KeyIntent>(['addChild', 'addSibling', 'edit', 'remove', 'moveUp', 'moveDown', 'changeParent', 'undo', 'redo']);

/** Whether an intent changes the tree (refused in read-only mode). */
export const isEditIntent = (intent: KeyIntent) => editIntents.has(intent);

/**
 * The intent of a key press on a node of the canvas or the outline (not inside a text field), or
 * null when the key is not a shortcut. Tab is never a shortcut: it leaves the canvas (the canvas is
 * one tab stop, arrow keys move inside). Read-only mode keeps navigation and help only.
 */
export function keyIntent(e: KeyLike, readOnly: boolean): KeyIntent | null {
  const mod = e.ctrlKey || e.metaKey;
  let intent: KeyIntent | null = null;
  if (mod && !e.altKey) {
    const k = e.key.toLowerCase();
    if (k === 'z') intent = e.shiftKey ? 'redo' : 'undo';
    else if (k === 'y' && !e.shiftKey) intent = 'redo';
  } else if (e.altKey && !mod && !e.shiftKey) {
    if (e.key === 'ArrowUp') intent = 'moveUp';
    else if (e.key === 'ArrowDown') intent = 'moveDown';
  } else if (!e.altKey && !mod) {
    switch (e.key) {
      case 'Insert':
        intent = 'addChild';
        break;
      case 'm':
      case 'M':
        intent = e.shiftKey ? null : 'changeParent';
        break;
      case 'Enter':
        intent = e.shiftKey ? null : 'addSibling';
        break;
      case 'F2':
        intent = 'edit';
        break;
      case 'Delete':
      case 'Backspace':
        intent = 'remove';
        break;
      case 'ArrowLeft':
        intent = 'selectParent';
        break;
      case 'ArrowRight':
        intent = 'selectFirstChild';
        break;
      case 'ArrowUp':
        intent = 'selectPrevious';
        break;
      case 'ArrowDown':
        intent = 'selectNext';
        break;
      case 'Escape':
        intent = 'cancel';
        break;
      case '?':
        intent = 'help';
        break;
      case '-':
        intent = 'collapse';
        break;
      case '+':
        intent = 'expand';
        break;
    }
  }
  if (intent !== null && readOnly && isEditIntent(intent)) return null;
  return intent;
}

/** The shortcut table shown in the help popover (same keys as `keyIntent`); words from the logicTree catalog. */
export const shortcutHelp: readonly { keys: string | { label: TreeMessageKey }; label: TreeMessageKey; edit: boolean }[] = [
  { keys: 'Insert', label: 'help.shortcut.addChild', edit: true },
  { keys: 'Enter', label: 'help.shortcut.addSibling', edit: true },
  { keys: 'F2', label: 'help.shortcut.rename', edit: true },
  { keys: 'Delete', label: 'help.shortcut.remove', edit: true },
  { keys: '← →', label: 'help.shortcut.parentChild', edit: false },
  { keys: '↑ ↓', label: 'help.shortcut.siblings', edit: false },
  { keys: 'Alt+↑ / Alt+↓', label: 'help.shortcut.reorder', edit: true },
  { keys: 'M', label: 'help.shortcut.changeParent', edit: true },
  { keys: 'Tab / Shift+Tab', label: 'help.shortcut.leave', edit: false },
  { keys: 'F6', label: 'help.shortcut.panel', edit: false },
  { keys: { label: 'help.shortcut.editTabKey' }, label: 'help.shortcut.editTab', edit: true },
  { keys: '→ ← Home End', label: 'help.shortcut.expand', edit: false },
  { keys: '− / +', label: 'help.shortcut.fold', edit: false },
  { keys: 'Esc', label: 'help.shortcut.cancel', edit: false },
  { keys: 'Ctrl+Z', label: 'help.shortcut.undo', edit: true },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', label: 'help.shortcut.redo', edit: true },
  { keys: '?', label: 'help.shortcut.help', edit: false },
  { keys: { label: 'help.shortcut.dragKey' }, label: 'help.shortcut.drag', edit: true },
];
