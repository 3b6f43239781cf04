import { describe, expect, it } from 'vitest';
import { applyTreeOperations, type TreeOperation } from '@banso/shared/tree';
import { compactOperations, splitBatches } from './batch';
import { indexTree, removeNode } from './intents';
import { midoriTree } from './test-fixtures';

describe('compactOperations', () => {
  it('folds a rename into the add of the same node', () => {
    expect(
      compactOperations([
        { op: 'add', id: 'a', parentId: 'p', kind: 'cause', title: '新しい要因', position: 0 },
        { op: 'update', id: 'a', title: '窓口が遠い' },
      ]),
    ).toEqual([{ op: 'add', id: 'a', parentId: 'p', kind: 'cause', title: '窓口が遠い', position: 0 }]);
  });

  it('merges successive updates of one node and keeps other nodes apart', () => {
    expect(
      compactOperations([
        { op: 'update', id: 'a', title: 'x' },
        { op: 'update', id: 'b', title: 'y' },
        { op: 'update', id: 'a', hypothesisState: 'supported' },
      ]),
    ).toEqual([
      { op: 'update', id: 'a', title: 'x', hypothesisState: 'supported' },
      { op: 'update', id: 'b', title: 'y' },
    ]);
  });

  it('does not fold across a move or remove of the same node', () => {
    const ops = [
      { op: 'update', id: 'a', title: 'x' },
      { op: 'move', id: 'a', parentId: 'q' },
      { op: 'update', id: 'a', title: 'y' },
    ] as const;
    expect(compactOperations(ops)).toEqual(ops);
  });

  it('never folds a kind change', () => {
    const ops = [
      { op: 'update', id: 'a', title: 'x' },
      { op: 'update', id: 'a', kind: 'issue' },
      { op: 'update', id: 'a', title: 'z' },
    ] as const;
    expect(compactOperations(ops)).toEqual(ops);
  });
});

describe('splitBatches', () => {
  const plain = midoriTree.map((n) => ({ ...n, action: null }));

  it('keeps a batch whole when no id comes back', () => {
    const ops: TreeOperation[] = [
      { op: 'update', id: 'md05', title: 'x' },
      { op: 'remove', id: 'md18' },
    ];
    expect(splitBatches(plain, ops)).toEqual([ops]);
  });

  it('starts a new batch where an undone removal re-adds its ids, and every batch applies in turn', () => {
    const r = removeNode(plain, indexTree(plain), 'md10');
    if (!r.ok) throw new Error(r.message.key);
    const ops = [
      { op: 'update', id: 'md05', title: 'x' } as const,
      ...r.edit.ops,
      ...r.edit.inverse,
      { op: 'update', id: 'md11', title: 'y' } as const,
    ];
    // As one batch the shared rules (like the server) refuse it.
    expect(applyTreeOperations(plain, ops)).toMatchObject({ ok: false, violation: { rule: 'duplicate_id' } });
    const batches = splitBatches(plain, ops);
    expect(batches.map((b) => b.length)).toEqual([2, 6]);
    let tree = plain.map((n) => ({ ...n }));
    for (const b of batches) {
      const applied = applyTreeOperations(tree, b);
      if (!applied.ok) throw new Error(applied.violation.message);
      tree = applied.nodes.map((n) => ({ ...n, evidenceCount: 0, action: null }));
    }
    expect(tree).toHaveLength(plain.length);
    expect(tree.find((n) => n.id === 'md11')?.title).toBe('y');
  });
});
