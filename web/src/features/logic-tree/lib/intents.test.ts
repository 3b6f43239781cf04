import { applyTreeOperations } from '@banso/shared/tree';
import { describe, expect, it } from 'vitest';
import { addChild, addSibling, descendantCount, indexTree, moveUnder, neighbour, removeNode, updateNode } from './intents';
import { jaNewTitle, midoriTree, refusalText } from './test-fixtures';

const index = indexTree(midoriTree);
const ok = <T extends { ok: boolean }>(r: T | null): Extract<T, { ok: true }> => {
  if (!r || !r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};
const roundTrip = (ops: Parameters<typeof applyTreeOperations>[1], inverse: Parameters<typeof applyTreeOperations>[1]) => {
  const after = applyTreeOperations(midoriTree, ops);
  if (!after.ok) throw new Error(after.violation.message);
  const back = applyTreeOperations(after.nodes, inverse);
  if (!back.ok) throw new Error(back.violation.message);
  const norm = (
    ns: readonly {
      id: string;
      parentId: string | null;
      position: number;
      kind: string;
      title: string;
      detail: string;
      hypothesisState: unknown;
    }[],
  ) =>
    ns
      .map((n) => ({
        id: n.id,
        parentId: n.parentId,
        position: n.position,
        kind: n.kind,
        title: n.title,
        detail: n.detail,
        h: n.hypothesisState,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  return { restored: norm(back.nodes), original: norm(midoriTree) };
};

describe('addChild', () => {
  it('adds the first allowed child kind at the end of the children', () => {
    const { edit } = ok(addChild(midoriTree, index, 'md04', 'new1', jaNewTitle));
    expect(edit.ops).toEqual([{ op: 'add', id: 'new1', parentId: 'md04', kind: 'cause', title: '新しい要因', position: 3 }]);
    expect(edit.inverse).toEqual([{ op: 'remove', id: 'new1' }]);
    expect(edit.selectAfter).toBe('new1');
    expect(edit.selectAfterUndo).toBe('md04');
  });

  it.each([
    ['md01', 'outcome'],
    ['md02', 'outcome'],
    ['md04', 'cause'],
    ['md05', 'cause'],
  ])('under %s adds a %s', (parent, kind) => {
    const { edit } = ok(addChild(midoriTree, index, parent, 'x', jaNewTitle));
    expect(edit.ops[0]).toMatchObject({ kind });
  });

  it('refuses a child under a measure with the rule in Japanese', () => {
    const r = addChild(midoriTree, index, 'md13', 'x', jaNewTitle);
    expect(refusalText(r)).toContain('取組案はツリーの末端');
  });
});

describe('addSibling', () => {
  it('adds a node of the same kind right after the selected one', () => {
    const { edit } = ok(addSibling(midoriTree, index, 'md05', 'sib', jaNewTitle));
    expect(edit.ops).toEqual([{ op: 'add', id: 'sib', parentId: 'md04', kind: 'cause', title: '新しい要因', position: 1 }]);
    const after = applyTreeOperations(midoriTree, edit.ops);
    expect(after.ok && after.nodes.find((n) => n.id === 'md06')?.position).toBe(2);
  });

  it('refuses a sibling of the goal (one goal per tree)', () => {
    expect(refusalText(addSibling(midoriTree, index, 'md01', 'x', jaNewTitle))).toBe('「目指す姿」はツリーに一つだけです。');
  });
});

describe('updateNode', () => {
  it('renames with the old title as the inverse', () => {
    const { edit } = ok(updateNode(midoriTree, index, 'md06', { title: '  窓口の認知度が低い ' }));
    expect(edit.ops).toEqual([{ op: 'update', id: 'md06', title: '窓口の認知度が低い' }]);
    expect(edit.inverse).toEqual([{ op: 'update', id: 'md06', title: '相談窓口が知られていない' }]);
  });

  it('returns null when nothing changes', () => {
    expect(updateNode(midoriTree, index, 'md06', { title: '相談窓口が知られていない', hypothesisState: 'hypothesis' })).toBeNull();
  });

  it('sets the hypothesis state and restores it on undo', () => {
    const { edit } = ok(updateNode(midoriTree, index, 'md06', { hypothesisState: 'supported' }));
    expect(edit.ops).toEqual([{ op: 'update', id: 'md06', hypothesisState: 'supported' }]);
    const { restored, original } = roundTrip(edit.ops, edit.inverse);
    expect(restored).toEqual(original);
  });

  it('refuses a kind that does not fit under the parent, naming both kinds', () => {
    const r = updateNode(midoriTree, index, 'md05', { kind: 'outcome' });
    expect(refusalText(r)).toContain('「課題」の下に「中間アウトカム」は置けません');
  });

  it('refuses changing the kind of a measure with a selected action', () => {
    const r = updateNode(midoriTree, index, 'md13', { kind: 'cause' });
    expect(refusalText(r)).toContain('選定済みの取組');
  });
});

describe('moveUnder', () => {
  it('re-parents a cause under another issue and undoes back to the same place', () => {
    const { edit } = ok(moveUnder(midoriTree, index, 'md06', 'md08'));
    expect(edit.ops).toEqual([{ op: 'move', id: 'md06', parentId: 'md08', position: 1 }]);
    expect(edit.inverse).toEqual([{ op: 'move', id: 'md06', parentId: 'md04', position: 1 }]);
    const { restored, original } = roundTrip(edit.ops, edit.inverse);
    expect(restored).toEqual(original);
  });

  it('refuses a cause under an outcome, with the allowed kinds in Japanese', () => {
    const r = moveUnder(midoriTree, index, 'md06', 'md03');
    expect(refusalText(r)).toBe(
      '「中間アウトカム」の下に「要因」は置けません。「中間アウトカム」の下に置けるのは中間アウトカム、課題です。',
    );
  });

  it('refuses moving a node under its own descendant', () => {
    expect(moveUnder(midoriTree, index, 'md04', 'md05')).toMatchObject({ ok: false });
    expect(refusalText(moveUnder(midoriTree, index, 'md02', 'md04'))).toContain('配下');
  });

  it('refuses anything under a measure', () => {
    expect(refusalText(moveUnder(midoriTree, index, 'md18', 'md13'))).toContain('取組案');
  });

  it('is a no-op onto the current parent', () => {
    expect(moveUnder(midoriTree, index, 'md05', 'md04')).toBeNull();
  });
});

describe('removeNode', () => {
  it('removes a subtree and the inverse re-adds every node at its place, parents first', () => {
    const plain = midoriTree.map((n) => ({ ...n, action: null }));
    const { edit } = ok(removeNode(plain, indexTree(plain), 'md10'));
    expect(edit.ops).toEqual([{ op: 'remove', id: 'md10' }]);
    expect(edit.inverse.map((o) => o.id)).toEqual(['md10', 'md11', 'md12', 'md18', 'md16']);
    expect(edit.selectAfter).toBe('md03');
    const { restored, original } = roundTrip(edit.ops, edit.inverse);
    expect(restored).toEqual(original);
  });

  it('refuses removing a subtree holding a selected action', () => {
    expect(refusalText(removeNode(midoriTree, index, 'md04'))).toContain('選定済み');
  });

  it('undoes the removal of a leaf exactly', () => {
    const { edit } = ok(removeNode(midoriTree, index, 'md18'));
    const { restored, original } = roundTrip(edit.ops, edit.inverse);
    expect(restored).toEqual(original);
  });

  it('refuses removing the goal', () => {
    expect(removeNode(midoriTree, index, 'md01')).toMatchObject({ ok: false });
  });

  it('counts descendants for the confirmation', () => {
    expect(descendantCount(index, 'md02')).toBe(10);
    expect(descendantCount(index, 'md18')).toBe(0);
  });
});

describe('neighbour', () => {
  it('goes to the parent, first child and siblings', () => {
    expect(neighbour(index, 'md05', 'parent')).toBe('md04');
    expect(neighbour(index, 'md04', 'firstChild')).toBe('md05');
    expect(neighbour(index, 'md06', 'previous')).toBe('md05');
    expect(neighbour(index, 'md06', 'next')).toBe('md07');
    expect(neighbour(index, 'md07', 'next')).toBeNull();
    expect(neighbour(index, 'md01', 'parent')).toBeNull();
    expect(neighbour(index, 'md13', 'firstChild')).toBeNull();
  });
});
