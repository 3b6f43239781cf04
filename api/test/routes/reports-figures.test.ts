/**
 * The report's figures: the tidy left-to-right tree layout (pure), text wrapping for Japanese
 * titles, and SVG that escapes what users typed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutTree, wrapText } from '../../src/modules/reports/render/tree-layout.js';
import { roadmapSpan, roadmapSvg, treeSvg } from '../../src/modules/reports/render/svg.js';

const opts = { boxWidth: 100, columnGap: 20, rowGap: 8, fontSize: 10, lineHeight: 14, paddingX: 5, chrome: () => 12 };

/** A random tree: node i > 0 hangs under a node before it. */
const treeArb = fc.array(fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 40 })), { minLength: 1, maxLength: 60 }).map((rows) =>
  rows.map(([p, title], i) => ({ id: `n${i}`, parentId: i === 0 ? null : `n${p % i}`, position: p % 5, title })),
);

describe('layoutTree', () => {
  it('places every node once, a column per depth, children right of their parent and boxes never overlapping', () => {
    fc.assert(
      fc.property(treeArb, (nodes) => {
        const layout = layoutTree(nodes, opts);
        expect(layout.nodes).toHaveLength(nodes.length);
        const byId = new Map(layout.nodes.map((p) => [p.node.id, p]));
        for (const p of layout.nodes) {
          expect(p.x).toBe(p.depth * (opts.boxWidth + opts.columnGap));
          if (p.node.parentId) expect(byId.get(p.node.parentId)!.depth).toBe(p.depth - 1);
          expect(p.y).toBeGreaterThanOrEqual(0);
        }
        const columns = new Map<number, typeof layout.nodes>();
        for (const p of layout.nodes) columns.set(p.depth, [...(columns.get(p.depth) ?? []), p]);
        for (const column of columns.values()) {
          const sorted = [...column].sort((a, b) => a.y - b.y);
          for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.y).toBeGreaterThanOrEqual(sorted[i - 1]!.y + sorted[i - 1]!.height - 1e-6);
        }
        expect(layout.edges).toHaveLength(nodes.length - 1);
      }),
      { numRuns: 200 },
    );
  });

  it('centres a parent on its first and last child', () => {
    const layout = layoutTree(
      [
        { id: 'g', parentId: null, position: 0, title: '目指す姿' },
        { id: 'a', parentId: 'g', position: 0, title: '子A' },
        { id: 'b', parentId: 'g', position: 1, title: '子B' },
        { id: 'c', parentId: 'g', position: 2, title: '子C' },
      ],
      opts,
    );
    const at = (id: string) => layout.nodes.find((p) => p.node.id === id)!;
    const centre = (id: string) => at(id).y + at(id).height / 2;
    expect(centre('g')).toBeCloseTo((centre('a') + centre('c')) / 2);
    expect(layout.nodes.map((p) => p.node.id)).toEqual(['g', 'a', 'b', 'c']);
  });
});

describe('wrapText', () => {
  it('wraps Japanese at the box width without losing characters, keeping 、。 off the start of a line', () => {
    const text = '医師会と「もの忘れ連絡票」を定型化し、包括への連絡経路を全区に広げる。';
    const lines = wrapText(text, 8);
    expect(lines.join('')).toBe(text);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.startsWith('、') || l.startsWith('。')).toBe(false);
  });

  it('pulls a one-character last line up and ellipsises beyond the line limit', () => {
    expect(wrapText('早期に相談・支援につながる', 12.6)).toEqual(['早期に相談・支援につながる']);
    const cut = wrapText('あいうえおかきくけこさしすせそたちつてと', 5, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
  });
});

describe('treeSvg and roadmapSvg', () => {
  it('escapes titles, so typed markup stays text', () => {
    const svg = treeSvg([
      { id: '00000000-0000-4000-8000-000000000001', parentId: null, position: 0, kind: 'goal', title: '<script>alert(1)</script> & "引用"', hypothesisState: null, actionStatus: null },
    ]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&amp;');
  });

  it('spans whole fiscal years from the report’s April to the March after the last month', () => {
    const rows = [{ actionId: 'a', title: 'x', status: 'selected' as const, startMonth: '2025-09', endMonth: '2026-06', milestones: [{ id: 'm', due: '2027-01-15', title: 'y', status: 'planned' as const }] }];
    const months = roadmapSpan(rows, 2025);
    expect(months[0]).toBe('2025-04');
    expect(months[months.length - 1]).toBe('2027-03');
    expect(months).toHaveLength(24);
    const svg = roadmapSvg({ roadmap: rows, fiscalYear: 2025, asOf: '2026-02-20' });
    expect(svg).toContain('2025年度');
    expect(svg).toContain('2026年度');
    expect(svg).toContain('基準日 2026-02-20');
  });
});
