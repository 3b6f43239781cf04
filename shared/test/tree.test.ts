import { describe, expect, it } from 'vitest';
import {
  applyTreeOperations,
  childrenIndex,
  diffTrees,
  orderTree,
  summarizeOperations,
  type TreeNodeShape,
  type TreeOperation,
  validateTree,
} from '../src/tree/index.js';

// Readable ids: the rules do not care whether ids are uuids.
const node = (id: string, parentId: string | null, kind: TreeNodeShape['kind'], position = 0): TreeNodeShape => ({
  id,
  parentId,
  position,
  kind,
  title: id,
  detail: '',
  hypothesisState: null,
});

/** goal G → issue I → cause C → measure M, plus outcome O under G. */
const base: TreeNodeShape[] = [
  node('G', null, 'goal'),
  node('I', 'G', 'issue', 0),
  node('O', 'G', 'outcome', 1),
  node('C', 'I', 'cause'),
  node('M', 'C', 'measure'),
];

const apply = (ops: TreeOperation[], ctx = {}) => applyTreeOperations(base, ops, ctx);
const violation = (ops: TreeOperation[], ctx = {}) => {
  const r = apply(ops, ctx);
  if (r.ok) throw new Error('expected a violation');
  return r.violation;
};
const ok = (ops: TreeOperation[], ctx = {}) => {
  const r = apply(ops, ctx);
  if (!r.ok) throw new Error(`unexpected ${r.violation.rule} at ${r.violation.index}`);
  return r.nodes;
};
const byId = (nodes: TreeNodeShape[], id: string) => nodes.find((n) => n.id === id);

describe('applyTreeOperations', () => {
  it('adds, updates, moves and removes in one batch and keeps the tree valid', () => {
    const nodes = ok([
      { op: 'add', id: 'C2', parentId: 'I', kind: 'cause', title: '要因2' },
      { op: 'add', id: 'M2', parentId: 'C2', kind: 'measure', title: '取組2' },
      { op: 'update', id: 'I', title: '課題(改)', hypothesisState: 'supported' },
      { op: 'move', id: 'M', parentId: 'C2', position: 0 },
      { op: 'remove', id: 'O' },
    ]);
    expect(validateTree(nodes)).toEqual([]);
    expect(byId(nodes, 'I')).toMatchObject({ title: '課題(改)', hypothesisState: 'supported' });
    expect(byId(nodes, 'M')).toMatchObject({ parentId: 'C2', position: 0 });
    expect(byId(nodes, 'M2')).toMatchObject({ parentId: 'C2', position: 1 });
    expect(byId(nodes, 'O')).toBeUndefined();
  });

  it('starts an empty tree with a goal', () => {
    const r = applyTreeOperations([], [{ op: 'add', id: 'G', parentId: null, kind: 'goal', title: '目指す姿' }]);
    expect(r.ok).toBe(true);
  });

  it('inserts at a position and renumbers siblings 0..k-1', () => {
    const nodes = ok([{ op: 'add', id: 'X', parentId: 'G', kind: 'issue', title: 'X', position: 0 }]);
    const kids = childrenIndex(nodes)
      .get('G')!
      .map((n) => [n.id, n.position]);
    expect(kids).toEqual([
      ['X', 0],
      ['I', 1],
      ['O', 2],
    ]);
  });

  it('rejects a second goal root (single_goal_root)', () => {
    expect(violation([{ op: 'add', id: 'G2', parentId: null, kind: 'goal', title: 'g' }])).toMatchObject({
      index: 0,
      rule: 'single_goal_root',
    });
  });

  it('rejects a root that is not a goal (root_must_be_goal)', () => {
    expect(violation([{ op: 'add', id: 'R', parentId: null, kind: 'issue', title: 'r' }]).rule).toBe('root_must_be_goal');
    expect(violation([{ op: 'update', id: 'G', kind: 'outcome' }]).rule).toBe('root_must_be_goal');
  });

  it('rejects moving a node under its own descendant (cycle)', () => {
    expect(violation([{ op: 'move', id: 'I', parentId: 'C' }])).toMatchObject({ index: 0, rule: 'cycle', nodeId: 'I' });
    expect(violation([{ op: 'move', id: 'C', parentId: 'C' }]).rule).toBe('cycle');
  });

  it('keeps measures as leaves (measure_is_leaf)', () => {
    expect(violation([{ op: 'add', id: 'X', parentId: 'M', kind: 'measure', title: 'x' }]).rule).toBe('measure_is_leaf');
    expect(violation([{ op: 'move', id: 'O', parentId: 'M' }]).rule).toBe('measure_is_leaf');
    // A cause (under a cause) with a measure child cannot become a measure itself.
    expect(
      violation([
        { op: 'add', id: 'C2', parentId: 'C', kind: 'cause', title: 'c2' },
        { op: 'add', id: 'M3', parentId: 'C2', kind: 'measure', title: 'm3' },
        { op: 'update', id: 'C2', kind: 'measure' },
      ]),
    ).toMatchObject({ index: 2, rule: 'measure_is_leaf' });
  });

  it('makes a child’s kind follow its parent (kind_follows_parent)', () => {
    expect(violation([{ op: 'add', id: 'X', parentId: 'G', kind: 'measure', title: 'x' }]).rule).toBe('kind_follows_parent');
    expect(violation([{ op: 'add', id: 'X', parentId: 'G', kind: 'cause', title: 'x' }]).rule).toBe('kind_follows_parent');
    expect(violation([{ op: 'add', id: 'X', parentId: 'I', kind: 'outcome', title: 'x' }]).rule).toBe('kind_follows_parent');
    expect(violation([{ op: 'add', id: 'X', parentId: 'C', kind: 'issue', title: 'x' }]).rule).toBe('kind_follows_parent');
    expect(violation([{ op: 'add', id: 'X', parentId: 'O', kind: 'goal', title: 'x' }]).rule).toBe('kind_follows_parent');
    expect(violation([{ op: 'move', id: 'C', parentId: 'O' }]).rule).toBe('kind_follows_parent');
    // Changing a kind checks both the parent and the children.
    expect(violation([{ op: 'update', id: 'I', kind: 'outcome' }]).rule).toBe('kind_follows_parent');
    // Every allowed pair passes.
    expect(
      ok([
        { op: 'add', id: 'a', parentId: 'G', kind: 'outcome', title: 'a' },
        { op: 'add', id: 'b', parentId: 'a', kind: 'outcome', title: 'b' },
        { op: 'add', id: 'c', parentId: 'b', kind: 'issue', title: 'c' },
        { op: 'add', id: 'd', parentId: 'c', kind: 'issue', title: 'd' },
        { op: 'add', id: 'e', parentId: 'd', kind: 'cause', title: 'e' },
        { op: 'add', id: 'f', parentId: 'e', kind: 'cause', title: 'f' },
        { op: 'add', id: 'g', parentId: 'f', kind: 'measure', title: 'g' },
      ]),
    ).toHaveLength(12);
  });

  it('refuses to remove or re-kind a node with an action (node_has_action)', () => {
    const ctx = { nodesWithAction: new Set(['M']) };
    expect(violation([{ op: 'remove', id: 'M' }], ctx)).toMatchObject({ rule: 'node_has_action', nodeId: 'M' });
    // Removing an ancestor would remove the measure too.
    expect(violation([{ op: 'remove', id: 'I' }], ctx)).toMatchObject({ rule: 'node_has_action', nodeId: 'M' });
    expect(violation([{ op: 'update', id: 'M', kind: 'cause' }], ctx).rule).toBe('node_has_action');
    // Moving it or renaming it is fine.
    expect(
      ok(
        [
          { op: 'update', id: 'M', title: '新しい名前' },
          { op: 'move', id: 'M', parentId: 'C' },
        ],
        ctx,
      ),
    ).toHaveLength(5);
  });

  it('names unknown nodes and parents (unknown_node, unknown_parent)', () => {
    expect(violation([{ op: 'update', id: 'nope', title: 'x' }]).rule).toBe('unknown_node');
    expect(violation([{ op: 'remove', id: 'nope' }]).rule).toBe('unknown_node');
    expect(violation([{ op: 'move', id: 'nope', parentId: 'G' }]).rule).toBe('unknown_node');
    expect(violation([{ op: 'move', id: 'C', parentId: 'nope' }]).rule).toBe('unknown_parent');
    expect(violation([{ op: 'add', id: 'X', parentId: 'nope', kind: 'issue', title: 'x' }]).rule).toBe('unknown_parent');
  });

  it('rejects ids in use, ids removed earlier in the batch and ids taken elsewhere (duplicate_id)', () => {
    expect(violation([{ op: 'add', id: 'I', parentId: 'G', kind: 'issue', title: 'x' }]).rule).toBe('duplicate_id');
    expect(
      violation([
        { op: 'remove', id: 'O' },
        { op: 'add', id: 'O', parentId: 'G', kind: 'outcome', title: 'again' },
      ]),
    ).toMatchObject({ index: 1, rule: 'duplicate_id' });
    expect(violation([{ op: 'add', id: 'T', parentId: 'G', kind: 'issue', title: 't' }], { takenIds: new Set(['T']) }).rule).toBe(
      'duplicate_id',
    );
  });

  it('requires a title (empty_title)', () => {
    expect(violation([{ op: 'add', id: 'X', parentId: 'G', kind: 'issue', title: '   ' }]).rule).toBe('empty_title');
    expect(violation([{ op: 'update', id: 'I', title: '' }]).rule).toBe('empty_title');
  });

  it('reports the index of the first failing operation and leaves the input untouched', () => {
    const before = structuredClone(base);
    const v = violation([
      { op: 'update', id: 'I', title: 'changed' },
      { op: 'remove', id: 'O' },
      { op: 'move', id: 'G', parentId: 'M' },
    ]);
    expect(v.index).toBe(2);
    expect(base).toEqual(before);
  });

  it('removes a whole subtree', () => {
    const nodes = ok([{ op: 'remove', id: 'I' }]);
    expect(nodes.map((n) => n.id).sort()).toEqual(['G', 'O']);
    expect(byId(nodes, 'O')!.position).toBe(0);
  });
});

describe('validateTree', () => {
  it('accepts a valid tree and an empty one', () => {
    expect(validateTree(base)).toEqual([]);
    expect(validateTree([])).toEqual([]);
  });

  it('finds every kind of violation', () => {
    const rules = (nodes: TreeNodeShape[]) => validateTree(nodes).map((v) => v.rule);
    expect(rules([...base, node('G2', null, 'goal')])).toContain('single_goal_root');
    expect(rules([node('I', null, 'issue')])).toContain('root_must_be_goal');
    expect(rules([...base, node('X', 'M', 'measure')])).toContain('measure_is_leaf');
    expect(rules([...base, node('X', 'G', 'cause')])).toContain('kind_follows_parent');
    expect(rules([...base, node('X', 'missing', 'cause')])).toContain('unknown_parent');
    expect(rules([node('G', null, 'goal'), node('A', 'B', 'issue'), node('B', 'A', 'issue')])).toContain('cycle');
  });
});

describe('orderTree and diffTrees', () => {
  it('orders depth-first with parents before children', () => {
    expect(orderTree(base).map((n) => n.id)).toEqual(['G', 'I', 'C', 'M', 'O']);
  });

  it('lists added (parents first), changed and removed rows', () => {
    const after = ok([
      { op: 'add', id: 'C2', parentId: 'I', kind: 'cause', title: 'c2', position: 0 },
      { op: 'add', id: 'M2', parentId: 'C2', kind: 'measure', title: 'm2' },
      { op: 'remove', id: 'O' },
    ]);
    const diff = diffTrees(base, after);
    expect(diff.added.map((n) => n.id)).toEqual(['C2', 'M2']);
    // C moved from position 0 to 1 under I.
    expect(diff.changed.map((n) => n.id)).toEqual(['C']);
    expect(diff.removed).toEqual(['O']);
    expect(diffTrees(base, base)).toEqual({ added: [], changed: [], removed: [] });
  });

  it('summarizes a batch', () => {
    expect(
      summarizeOperations([
        { op: 'add', id: 'a', parentId: 'G', kind: 'issue', title: 'a' },
        { op: 'add', id: 'b', parentId: 'G', kind: 'issue', title: 'b' },
        { op: 'remove', id: 'O' },
      ]),
    ).toBe('add 2, remove 1');
  });
});
