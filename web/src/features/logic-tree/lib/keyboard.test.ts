import { describe, expect, it } from 'vitest';
import { addChild, addSibling, indexTree, neighbour, placeOf, removeNode, reorder, validParents } from './intents';
import { keyIntent, shortcutHelp, type KeyLike } from './keyboard';
import { jaNewTitle, midoriTree } from './test-fixtures';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keyIntent', () => {
  it.each([
    ['Insert', {}, 'addChild'],
    ['Enter', {}, 'addSibling'],
    ['ArrowUp', { altKey: true }, 'moveUp'],
    ['ArrowDown', { altKey: true }, 'moveDown'],
    ['m', {}, 'changeParent'],
    ['F2', {}, 'edit'],
    ['Delete', {}, 'remove'],
    ['ArrowLeft', {}, 'selectParent'],
    ['ArrowRight', {}, 'selectFirstChild'],
    ['ArrowUp', {}, 'selectPrevious'],
    ['ArrowDown', {}, 'selectNext'],
    ['Escape', {}, 'cancel'],
    ['-', {}, 'collapse'],
    ['+', { shiftKey: true }, 'expand'],
    ['z', { ctrlKey: true }, 'undo'],
    ['Z', { ctrlKey: true, shiftKey: true }, 'redo'],
    ['y', { ctrlKey: true }, 'redo'],
    ['z', { metaKey: true }, 'undo'],
  ] as const)('%s %o → %s', (k, mods, intent) => {
    expect(keyIntent(key(k, mods), false)).toBe(intent);
  });

  it('never takes Tab (it leaves the canvas) and ignores other keys and modified Enter', () => {
    expect(keyIntent(key('a'), false)).toBeNull();
    expect(keyIntent(key('Tab'), false)).toBeNull();
    expect(keyIntent(key('Tab', { shiftKey: true }), false)).toBeNull();
    expect(keyIntent(key('ArrowLeft', { altKey: true }), false)).toBeNull();
    expect(keyIntent(key('Enter', { altKey: true }), false)).toBeNull();
    expect(keyIntent(key('c', { ctrlKey: true }), false)).toBeNull();
  });

  it('keeps only navigation in read-only mode', () => {
    for (const k of ['Insert', 'Enter', 'F2', 'Delete', 'm']) expect(keyIntent(key(k), true)).toBeNull();
    expect(keyIntent(key('ArrowUp', { altKey: true }), true)).toBeNull();
    expect(keyIntent(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(keyIntent(key('ArrowRight'), true)).toBe('selectFirstChild');
    expect(keyIntent(key('Escape'), true)).toBe('cancel');
  });

  it('documents every edit shortcut in the help', () => {
    expect(shortcutHelp.map((s) => s.keys)).toEqual(
      expect.arrayContaining(['Insert', 'Enter', 'F2', 'Delete', 'Ctrl+Z', 'Alt+↑ / Alt+↓', 'M', 'F6', 'Tab / Shift+Tab']),
    );
  });
});

describe('keyboard intent → operations', () => {
  const index = indexTree(midoriTree);
  it('Insert on an issue adds a cause under it; Enter on that cause adds a sibling cause', () => {
    expect(keyIntent(key('Insert'), false)).toBe('addChild');
    const child = addChild(midoriTree, index, 'md08', 'c1', jaNewTitle);
    expect(child.ok && child.edit.ops).toEqual([
      { op: 'add', id: 'c1', parentId: 'md08', kind: 'cause', title: '新しい要因', position: 1 },
    ]);
    expect(keyIntent(key('Enter'), false)).toBe('addSibling');
    const sib = addSibling(midoriTree, index, 'md09', 'c2', jaNewTitle);
    expect(sib.ok && sib.edit.ops).toEqual([{ op: 'add', id: 'c2', parentId: 'md08', kind: 'cause', title: '新しい要因', position: 1 }]);
  });

  it('Delete on a leaf measure without action removes it', () => {
    expect(keyIntent(key('Delete'), false)).toBe('remove');
    const r = removeNode(midoriTree, index, 'md18');
    expect(r.ok && r.edit.ops).toEqual([{ op: 'remove', id: 'md18' }]);
  });

  it('Alt+↑ / Alt+↓ reorder among siblings and stop at either end', () => {
    const down = reorder(midoriTree, index, 'md05', 1);
    expect(down?.ok && down.edit.ops).toEqual([{ op: 'move', id: 'md05', parentId: 'md04', position: 1 }]);
    expect(down?.ok && down.edit.inverse).toEqual([{ op: 'move', id: 'md05', parentId: 'md04', position: 0 }]);
    const up = reorder(midoriTree, index, 'md07', -1);
    expect(up?.ok && up.edit.ops).toEqual([{ op: 'move', id: 'md07', parentId: 'md04', position: 1 }]);
    expect(reorder(midoriTree, index, 'md05', -1)).toBeNull();
    expect(reorder(midoriTree, index, 'md07', 1)).toBeNull();
    expect(reorder(midoriTree, index, 'md01', 1)).toBeNull();
  });

  it('親を変更 lists only the parents the kind rules allow, never the node, its subtree or its parent', () => {
    // A cause may hang under an issue or a cause.
    const parents = validParents(midoriTree, index, 'md06').map((n) => n.id);
    expect(parents).toEqual(['md05', 'md07', 'md08', 'md09', 'md10', 'md11', 'md12']);
    // An issue: under the goal, an outcome or another issue (tree order), not under its own causes.
    expect(validParents(midoriTree, index, 'md04').map((n) => n.id)).toEqual(['md01', 'md08', 'md03', 'md10']);
    expect(validParents(midoriTree, index, 'md01')).toEqual([]);
  });

  it('names level and place of a node (its accessible description)', () => {
    expect(placeOf(index, 'md01')).toEqual({ level: 1, posinset: 1, setsize: 1 });
    expect(placeOf(index, 'md06')).toEqual({ level: 4, posinset: 2, setsize: 3 });
  });

  it('arrows walk the tree', () => {
    expect(neighbour(index, 'md01', 'firstChild')).toBe('md02');
    expect(neighbour(index, 'md02', 'next')).toBe('md03');
  });
});
