import { describe, expect, it } from 'vitest';
import type { TreeNode } from '../types';
import { treeChanges } from './tree-diff';

const n = (id: string, parentId: string | null, title: string, position = 0): TreeNode =>
  ({ id, parentId, title, position, kind: 'cause' }) as unknown as TreeNode;

describe('treeChanges', () => {
  const before = [n('g', null, '目指す姿'), n('a', 'g', '課題A'), n('b', 'g', '課題B'), n('c', 'a', '要因C')];

  it('names what was added, removed, renamed and moved', () => {
    const after = [
      n('g', null, '目指す姿'),
      n('a', 'g', '課題A（改）'),
      n('c', 'b', '要因C'),
      n('d', 'a', '要因D'),
      n('b', 'g', '課題B', 1),
    ];
    expect(treeChanges(before, after)).toEqual([
      { op: 'rename', from: '課題A', title: '課題A（改）' },
      { op: 'move', title: '要因C', parent: '課題B' },
      { op: 'add', title: '要因D' },
    ]);
    expect(treeChanges(after, before)).toEqual([
      { op: 'rename', from: '課題A（改）', title: '課題A' },
      { op: 'move', title: '要因C', parent: '課題A' },
      { op: 'remove', title: '要因D' },
    ]);
  });

  it('finds nothing in the same tree, nor in a reorder among siblings', () => {
    expect(treeChanges(before, before)).toEqual([]);
    expect(treeChanges(before, [before[0]!, { ...before[2]!, position: 0 }, { ...before[1]!, position: 1 }, before[3]!])).toEqual([]);
  });
});
