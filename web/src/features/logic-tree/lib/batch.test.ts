import { describe, expect, it } from 'vitest';
import { compactOperations } from './batch';

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
