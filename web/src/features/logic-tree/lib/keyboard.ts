/**
 * Keyboard shortcuts of the tree canvas → editor intents. Pure, so the mapping is unit-tested and
 * the help popover lists the same table the handler uses.
 */
export type KeyIntent =
  | 'addChild'
  | 'addSibling'
  | 'edit'
  | 'remove'
  | 'selectParent'
  | 'selectFirstChild'
  | 'selectPrevious'
  | 'selectNext'
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

const editIntents = new Set<KeyIntent>(['addChild', 'addSibling', 'edit', 'remove', 'undo', 'redo']);

/** Whether an intent changes the tree (refused in read-only mode). */
export const isEditIntent = (intent: KeyIntent) => editIntents.has(intent);

/**
 * The intent of a key press on the canvas (not inside a text field), or null when the key is not
 * a shortcut. Read-only mode keeps navigation and help only.
 */
export function keyIntent(e: KeyLike, readOnly: boolean): KeyIntent | null {
  const mod = e.ctrlKey || e.metaKey;
  let intent: KeyIntent | null = null;
  if (mod && !e.altKey) {
    const k = e.key.toLowerCase();
    if (k === 'z') intent = e.shiftKey ? 'redo' : 'undo';
    else if (k === 'y' && !e.shiftKey) intent = 'redo';
  } else if (!e.altKey && !mod) {
    switch (e.key) {
      case 'Tab':
        intent = e.shiftKey ? null : 'addChild';
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
    }
  }
  if (intent !== null && readOnly && isEditIntent(intent)) return null;
  return intent;
}

/** The shortcut table shown in the help popover (same keys as `keyIntent`). */
export const shortcutHelp: readonly { keys: string; ja: string; en: string; edit: boolean }[] = [
  { keys: 'Tab', ja: '子ノードを追加', en: 'Add a child', edit: true },
  { keys: 'Enter', ja: '兄弟ノードを追加（編集中は確定）', en: 'Add a sibling (confirms while editing)', edit: true },
  { keys: 'F2', ja: 'タイトルを編集', en: 'Edit the title', edit: true },
  { keys: 'Delete', ja: '削除（配下があれば確認）', en: 'Delete (asks when it has children)', edit: true },
  { keys: '← →', ja: '親 / 最初の子へ移動', en: 'Go to parent / first child', edit: false },
  { keys: '↑ ↓', ja: '前 / 次の兄弟へ移動', en: 'Go to previous / next sibling', edit: false },
  { keys: 'Esc', ja: '編集を取り消す', en: 'Cancel editing', edit: false },
  { keys: 'Ctrl+Z', ja: '元に戻す', en: 'Undo', edit: true },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', ja: 'やり直す', en: 'Redo', edit: true },
  { keys: '?', ja: 'このヘルプ', en: 'This help', edit: false },
  { keys: 'ドラッグ', ja: '別のノードに重ねて付け替え', en: 'Drop onto another node to re-parent', edit: true },
];
