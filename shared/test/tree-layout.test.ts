import { describe, expect, it } from 'vitest';
import { benchmarkLayout, layoutKey, layoutTree, type LayoutInput, measureNode, nodeMetrics, syntheticTree } from '../src/tree/index.js';
import { midoriFigureNodes as midoriTree } from './fixtures/midori.js';

const NODE_WIDTH = nodeMetrics.width;

const toInput = (nodes: readonly { id: string; parentId: string | null; position: number; title: string }[]): LayoutInput[] =>
  nodes.map((n) => ({ id: n.id, parentId: n.parentId, position: n.position, ...measureNode(n.title) }));

function overlaps(input: readonly LayoutInput[], positions: Map<string, { x: number; y: number }>): string[] {
  const boxes = input.map((n) => {
    const p = positions.get(n.id)!;
    return { id: n.id, x0: p.x, y0: p.y, x1: p.x + n.width, y1: p.y + n.height };
  });
  // Sweep by x so the check itself stays fast at 2,000 nodes.
  boxes.sort((a, b) => a.x0 - b.x0);
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.x0 < a.x1; j++) {
      const b = boxes[j]!;
      if (a.y0 < b.y1 && b.y0 < a.y1) found.push(`${a.id}×${b.id}`);
    }
  }
  return found;
}

describe('layoutTree', () => {
  it('places the demo tree of みどり区 without overlaps', () => {
    const input = toInput(midoriTree);
    const { positions } = layoutTree(input);
    expect(positions.size).toBe(midoriTree.length);
    expect(overlaps(input, positions)).toEqual([]);
  });

  it.each([50, 200, 1000, 2000])('places a synthetic tree of %i nodes without overlaps', (count) => {
    const input = toInput(syntheticTree(count, count));
    const { positions } = layoutTree(input);
    expect(positions.size).toBe(count);
    expect(overlaps(input, positions)).toEqual([]);
  });

  it('lays children to the right of their parent and siblings top to bottom in position order', () => {
    const input = toInput(syntheticTree(300, 7));
    const { positions } = layoutTree(input);
    const byParent = new Map<string, LayoutInput[]>();
    for (const n of input) {
      if (n.parentId === null) continue;
      expect(positions.get(n.id)!.x).toBeGreaterThan(positions.get(n.parentId)!.x + NODE_WIDTH);
      byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
    }
    for (const siblings of byParent.values()) {
      const ys = siblings.sort((a, b) => a.position - b.position).map((s) => positions.get(s.id)!.y);
      expect(ys).toEqual([...ys].sort((a, b) => a - b));
    }
  });

  it('puts the root in the first column and every depth in its own column', () => {
    const { positions } = layoutTree(toInput(midoriTree));
    expect(positions.get('md01')!.x).toBe(0);
    expect(positions.get('md02')!.x).toBe(positions.get('md03')!.x);
    expect(positions.get('md05')!.x).toBe(positions.get('md09')!.x);
  });

  it('keeps nodes in non-negative coordinates within the reported size', () => {
    const input = toInput(syntheticTree(500, 3));
    const { positions, width, height } = layoutTree(input);
    for (const n of input) {
      const p = positions.get(n.id)!;
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + n.width).toBeLessThanOrEqual(width);
      expect(p.y + n.height).toBeLessThanOrEqual(height + 0.001);
    }
  });

  it('stacks nodes whose parent is missing below the tree instead of dropping them', () => {
    const input = toInput([...midoriTree, { id: 'orphan', parentId: 'nope', position: 0, title: '迷子' }]);
    const { positions } = layoutTree(input);
    expect(positions.get('orphan')).toBeDefined();
    expect(overlaps(input, positions)).toEqual([]);
  });

  it('returns the same positions for the same input (pure)', () => {
    const input = toInput(syntheticTree(200, 5));
    expect(layoutTree(input).positions).toEqual(layoutTree(input).positions);
  });

  it('lays out 2,000 nodes within 50 ms and scales about linearly', () => {
    const small = toInput(syntheticTree(500, 11));
    const large = toInput(syntheticTree(2000, 11));
    benchmarkLayout(large, 3); // warm up the JIT
    // The fastest of several runs: other processes on a busy machine only ever make a run slower.
    const s = benchmarkLayout(small, 9).minMs;
    const l = benchmarkLayout(large, 9).minMs;
    expect(l).toBeLessThan(50);
    // 4× the nodes should cost far less than 16× (quadratic); allow noise.
    expect(l).toBeLessThan(Math.max(s, 0.5) * 10);
  });
});

describe('layoutKey', () => {
  it('changes on structure and size, not on identical input', () => {
    const input = toInput(midoriTree);
    const key = layoutKey(input);
    expect(layoutKey(toInput(midoriTree))).toBe(key);
    expect(layoutKey(input.map((n) => (n.id === 'md05' ? { ...n, parentId: 'md08' } : n)))).not.toBe(key);
    expect(layoutKey(input.map((n) => (n.id === 'md05' ? { ...n, height: n.height + nodeMetrics.lineHeight } : n)))).not.toBe(key);
  });
});
