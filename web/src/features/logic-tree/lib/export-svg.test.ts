import { layoutFigure, nodeMetrics } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { escapeXml, toFigureNodes, treeToSvg } from './export-svg';
import { layoutTree } from './layout';
import { NODE_WIDTH, nodeHeight, wrapTitle } from './node-size';
import { midoriTree } from './test-fixtures';

/** Node id → top-left corner, as the SVG places each node group. */
function svgPositions(svg: string): Map<string, { x: number; y: number }> {
  return new Map(
    [...svg.matchAll(/data-id="([^"]+)" transform="translate\(([\d.-]+) ([\d.-]+)\)"/g)].map((m) => [
      m[1]!,
      { x: Number(m[2]), y: Number(m[3]) },
    ]),
  );
}

describe('treeToSvg', () => {
  it('draws one box per node and one path per edge, with kinds and titles in Japanese', () => {
    const { svg, width, height } = treeToSvg(midoriTree, 'みどり区 ロジックツリー');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(midoriTree.length - 1);
    expect(svg.match(new RegExp(`<rect width="${NODE_WIDTH}"`, 'g'))).toHaveLength(midoriTree.length);
    expect(svg).toContain('目指す姿');
    expect(svg).toContain('相談が重度化してから来る');
    expect(svg).toContain('未選定');
    expect(svg).toContain('みどり区 ロジックツリー');
    expect(width).toBeGreaterThan(4 * NODE_WIDTH);
    expect(height).toBeGreaterThan(300);
    // Well-formed enough for a parser.
    expect(svg.match(/<g/g)?.length).toBe(svg.match(/<\/g>/g)?.length);
  });

  it('places みどり区 exactly where the shared figure (report, PPTX) and the canvas layout place it', () => {
    const { svg } = treeToSvg(midoriTree);
    const drawn = svgPositions(svg);
    const figure = layoutFigure(toFigureNodes(midoriTree));
    expect(drawn.size).toBe(midoriTree.length);
    for (const p of figure.nodes) expect(drawn.get(p.node.id)).toEqual({ x: p.x, y: p.y });
    // The canvas lays out the same boxes with the same function.
    const canvas = layoutTree(
      midoriTree.map((n) => ({ id: n.id, parentId: n.parentId, position: n.position, width: NODE_WIDTH, height: nodeHeight(n.title) })),
    );
    for (const p of figure.nodes) {
      const c = canvas.positions.get(p.node.id)!;
      expect(Math.abs(c.x - p.x) + Math.abs(c.y - p.y)).toBeLessThan(0.1);
    }
  });

  it('escapes markup in titles', () => {
    expect(escapeXml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    const nodes = midoriTree.map((n) => (n.id === 'md02' ? { ...n, title: '<script>alert(1)</script>' } : n));
    expect(treeToSvg(nodes).svg).not.toContain('<script>');
  });

  it('writes English labels when asked', () => {
    const { svg } = treeToSvg(midoriTree, undefined, 'en');
    expect(svg).toContain('Goal');
    expect(svg).toContain('Not selected');
  });
});

describe('wrapTitle', () => {
  it('keeps short titles on one line, breaks between phrases and clamps long ones with an ellipsis', () => {
    expect(wrapTitle('相談窓口')).toEqual(['相談窓口']);
    expect(wrapTitle('医師会と「もの忘れ連絡票」を定型化')).toEqual(['医師会と「もの忘れ連絡票」を', '定型化']);
    const long = wrapTitle('あ'.repeat(100));
    expect(long).toHaveLength(nodeMetrics.maxLines);
    expect(long.at(-1)!.endsWith('…')).toBe(true);
    expect(wrapTitle('')).toEqual(['']);
  });
});
