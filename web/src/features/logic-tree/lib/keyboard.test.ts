import { describe, expect, it } from 'vitest';
import { addChild, addSibling, indexTree, neighbour, removeNode } from './intents';
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
    ['Tab', {}, 'addChild'],
    ['Enter', {}, 'addSibling'],
    ['F2', {}, 'edit'],
    ['Delete', {}, 'remove'],
    ['ArrowLeft', {}, 'selectParent'],
    ['ArrowRight', {}, 'selectFirstChild'],
    ['ArrowUp', {}, 'selectPrevious'],
    ['ArrowDown', {}, 'selectNext'],
    ['Escape', {}, 'cancel'],
    ['z', { ctrlKey: true }, 'undo'],
    ['Z', { ctrlKey: true, shiftKey: true }, 'redo'],
    ['y', { ctrlKey: true }, 'redo'],
    ['z', { metaKey: true }, 'undo'],
  ] as const)('%s %o → %s', (k, mods, intent) => {
    expect(keyIntent(key(k, mods), false)).toBe(intent);
  });

  it('ignores other keys and modified Tab/Enter', () => {
    expect(keyIntent(key('a'), false)).toBeNull();
    expect(keyIntent(key('Tab', { shiftKey: true }), false)).toBeNull();
    expect(keyIntent(key('Enter', { altKey: true }), false)).toBeNull();
    expect(keyIntent(key('c', { ctrlKey: true }), false)).toBeNull();
  });

  it('keeps only navigation in read-only mode', () => {
    for (const k of ['Tab', 'Enter', 'F2', 'Delete']) expect(keyIntent(key(k), true)).toBeNull();
    expect(keyIntent(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(keyIntent(key('ArrowRight'), true)).toBe('selectFirstChild');
    expect(keyIntent(key('Escape'), true)).toBe('cancel');
  });

  it('documents every edit shortcut in the help', () => {
    expect(shortcutHelp.map((s) => s.keys)).toEqual(expect.arrayContaining(['Tab', 'Enter', 'F2', 'Delete', 'Ctrl+Z']));
  });
});

describe('keyboard intent → operations', () => {
  const index = indexTree(midoriTree);
  it('Tab on an issue adds a cause under it; Enter on that cause adds a sibling cause', () => {
    expect(keyIntent(key('Tab'), false)).toBe('addChild');
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

  it('arrows walk the tree', () => {
    expect(neighbour(index, 'md01', 'firstChild')).toBe('md02');
    expect(neighbour(index, 'md02', 'next')).toBe('md03');
  });
});
