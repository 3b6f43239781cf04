import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeKinds, type NodeKind } from '../src/domain.js';
import {
  allowedChildKinds,
  applyTreeOperations,
  diffTrees,
  type TreeNodeShape,
  type TreeOperation,
  validateTree,
} from '../src/tree/index.js';

/** A random intent, interpreted against the current tree so that most operations are meaningful. */
const intentArb = fc.record({
  op: fc.constantFrom('add', 'add', 'add', 'update', 'move', 'remove'),
  a: fc.nat(),
  b: fc.nat(),
  k: fc.nat(),
  position: fc.option(fc.nat({ max: 6 }), { nil: undefined }),
  title: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0),
});
type Intent = typeof intentArb extends fc.Arbitrary<infer T> ? T : never;

let counter = 0;
const freshId = () => `n${++counter}`;

/** Turns an intent into an operation that respects the rules for `nodes` (it may still be refused, e.g. a cycle). */
function toValidOp(nodes: readonly TreeNodeShape[], intent: Intent, withAction: ReadonlySet<string>): TreeOperation | null {
  if (nodes.length === 0) return { op: 'add', id: freshId(), parentId: null, kind: 'goal', title: intent.title };
  const pick = (n: number) => nodes[n % nodes.length]!;
  switch (intent.op) {
    case 'add': {
      const parent = pick(intent.a);
      const kinds = allowedChildKinds[parent.kind];
      if (kinds.length === 0) return null;
      const kind = kinds[intent.k % kinds.length]!;
      return { op: 'add', id: freshId(), parentId: parent.id, kind, title: intent.title, position: intent.position };
    }
    case 'update':
      return { op: 'update', id: pick(intent.a).id, title: intent.title, hypothesisState: intent.k % 2 ? 'supported' : null };
    case 'move': {
      const target = pick(intent.a);
      const parent = pick(intent.b);
      if (target.parentId === null || !allowedChildKinds[parent.kind].includes(target.kind)) return null;
      return { op: 'move', id: target.id, parentId: parent.id, position: intent.position };
    }
    case 'remove': {
      const target = pick(intent.a);
      if (target.parentId === null || withAction.has(target.id)) return null;
      return { op: 'remove', id: target.id };
    }
    default:
      return null;
  }
}

/** An operation that breaks a rule on a non-empty valid tree. */
function invalidOp(nodes: readonly TreeNodeShape[], pick: number, withAction: ReadonlySet<string>): TreeOperation {
  const goal = nodes.find((n) => n.parentId === null)!;
  const measure = nodes.find((n) => n.kind === 'measure');
  const nonRoot = nodes.filter((n) => n.parentId !== null);
  const choices: TreeOperation[] = [
    { op: 'add', id: freshId(), parentId: null, kind: 'goal', title: 'second goal' },
    { op: 'add', id: freshId(), parentId: goal.id, kind: 'measure', title: 'measure under goal' },
    { op: 'add', id: goal.id, parentId: goal.id, kind: 'issue', title: 'duplicate id' },
    { op: 'update', id: 'missing', title: 'x' },
    { op: 'update', id: goal.id, kind: 'issue' },
    { op: 'update', id: goal.id, title: '  ' },
  ];
  if (measure) choices.push({ op: 'add', id: freshId(), parentId: measure.id, kind: 'measure', title: 'under a measure' });
  const deep = nonRoot.find((n) => nodes.some((c) => c.parentId === n.id));
  if (deep) {
    const child = nodes.find((c) => c.parentId === deep.id)!;
    choices.push({ op: 'move', id: deep.id, parentId: child.id });
  }
  const acted = nodes.find((n) => withAction.has(n.id));
  if (acted) choices.push({ op: 'remove', id: acted.id });
  return choices[pick % choices.length]!;
}

/** Builds a tree by applying intents one at a time; returns the batch of operations that were accepted. */
function grow(intents: readonly Intent[]): { nodes: TreeNodeShape[]; ops: TreeOperation[] } {
  let nodes: TreeNodeShape[] = [];
  const ops: TreeOperation[] = [];
  for (const intent of intents) {
    const op = toValidOp(nodes, intent, new Set());
    if (!op) continue;
    const r = applyTreeOperations(nodes, [op]);
    if (!r.ok) continue; // e.g. a move under a descendant: refused, tree unchanged
    nodes = r.nodes;
    ops.push(op);
  }
  return { nodes, ops };
}

const sortById = (nodes: readonly TreeNodeShape[]) => [...nodes].sort((a, b) => a.id.localeCompare(b.id));

describe('tree rules (property-based)', () => {
  it('random sequences of valid operations keep validateTree() empty', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { minLength: 1, maxLength: 60 }), (intents) => {
        let nodes: TreeNodeShape[] = [];
        for (const intent of intents) {
          const op = toValidOp(nodes, intent, new Set());
          if (!op) continue;
          const r = applyTreeOperations(nodes, [op]);
          if (r.ok) nodes = r.nodes;
          expect(validateTree(nodes)).toEqual([]);
        }
        expect(nodes.filter((n) => n.parentId === null)).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it('one batch gives the same tree as applying its operations one by one', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { minLength: 1, maxLength: 40 }), (intents) => {
        const { nodes, ops } = grow(intents);
        const batch = applyTreeOperations([], ops);
        expect(batch.ok).toBe(true);
        if (batch.ok) expect(sortById(batch.nodes)).toEqual(sortById(nodes));
      }),
      { numRuns: 200 },
    );
  });

  it('siblings are numbered 0..k-1 after every batch', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { minLength: 1, maxLength: 40 }), (intents) => {
        const { nodes } = grow(intents);
        const byParent = new Map<string | null, number[]>();
        for (const n of nodes) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n.position]);
        for (const positions of byParent.values()) expect([...positions].sort((a, b) => a - b)).toEqual(positions.map((_, i) => i));
      }),
      { numRuns: 100 },
    );
  });

  it('any invalid batch is rejected at its bad operation and leaves the input unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(intentArb, { minLength: 3, maxLength: 40 }),
        fc.array(intentArb, { maxLength: 10 }),
        fc.nat(),
        fc.nat(),
        (treeIntents, batchIntents, pick, actionPick) => {
          const { nodes } = grow(treeIntents);
          const measures = nodes.filter((n) => n.kind === 'measure');
          const withAction = new Set(measures.length > 0 ? [measures[actionPick % measures.length]!.id] : []);
          const snapshot = structuredClone(nodes);
          // A valid prefix, then one broken operation, then more operations that are never reached.
          let current = nodes;
          const prefix: TreeOperation[] = [];
          for (const intent of batchIntents) {
            const op = toValidOp(current, intent, withAction);
            if (!op) continue;
            const r = applyTreeOperations(current, [op], { nodesWithAction: withAction });
            if (!r.ok) continue;
            current = r.nodes;
            prefix.push(op);
          }
          const bad = invalidOp(current, pick, withAction);
          const batch = [...prefix, bad, { op: 'update', id: nodes[0]!.id, title: 'never' } satisfies TreeOperation];
          const result = applyTreeOperations(nodes, batch, { nodesWithAction: withAction });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.violation.index).toBe(prefix.length);
          expect(nodes).toEqual(snapshot);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a node with an action survives every accepted batch and stays a measure', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { minLength: 5, maxLength: 40 }), fc.array(intentArb, { maxLength: 30 }), (treeIntents, edits) => {
        const { nodes } = grow(treeIntents);
        const measure = nodes.find((n) => n.kind === 'measure');
        if (!measure) return;
        const withAction = new Set([measure.id]);
        let current = nodes;
        for (const intent of edits) {
          const kinds: readonly NodeKind[] = nodeKinds;
          const wild: TreeOperation[] = [
            { op: 'remove', id: current[intent.a % current.length]!.id },
            { op: 'update', id: current[intent.a % current.length]!.id, kind: kinds[intent.k % kinds.length]! },
          ];
          const op =
            intent.op === 'remove' || intent.op === 'update'
              ? wild[intent.op === 'remove' ? 0 : 1]!
              : toValidOp(current, intent, withAction);
          if (!op) continue;
          const r = applyTreeOperations(current, [op], { nodesWithAction: withAction });
          if (r.ok) current = r.nodes;
          expect(current.find((n) => n.id === measure.id)?.kind).toBe('measure');
          expect(validateTree(current)).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('diffTrees lists exactly the rows to write, parents before children', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { minLength: 1, maxLength: 30 }), fc.array(intentArb, { maxLength: 20 }), (a, b) => {
        const before = grow(a).nodes;
        let after = before;
        for (const intent of b) {
          const op = toValidOp(after, intent, new Set());
          if (!op) continue;
          const r = applyTreeOperations(after, [op]);
          if (r.ok) after = r.nodes;
        }
        const diff = diffTrees(before, after);
        // Replaying the diff on `before` gives `after`.
        const rows = new Map(before.map((n) => [n.id, n]));
        for (const id of diff.removed) rows.delete(id);
        for (const n of [...diff.added, ...diff.changed]) rows.set(n.id, n);
        expect(sortById([...rows.values()])).toEqual(sortById(after));
        // Every added node's parent exists before it is inserted.
        const present = new Set(before.filter((n) => !diff.removed.includes(n.id)).map((n) => n.id));
        for (const n of diff.added) {
          if (n.parentId !== null) expect(present.has(n.parentId)).toBe(true);
          present.add(n.id);
        }
      }),
      { numRuns: 150 },
    );
  });
});
