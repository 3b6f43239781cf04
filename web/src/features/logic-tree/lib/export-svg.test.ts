import { describe, expect, it } from 'vitest';
import { escapeXml, treeToSvg } from './export-svg';
import { layoutTree } from './layout';
import { NODE_WIDTH, nodeHeight, wrapTitle } from './node-size';
import { midoriTree } from './test-fixtures';

const { positions } = layoutTree(midoriTree.map((n) => ({ ...n, width: NODE_WIDTH, height: nodeHeight(n.title) })));

describe('treeToSvg', () => {
  it('draws one box per node and one path per edge, with kinds and titles in Japanese', () => {
    const { svg, width, height } = treeToSvg(midoriTree, positions, 'みどり区 ロジックツリー');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(midoriTree.length - 1);
    expect(svg.match(new RegExp(`<rect width="${NODE_WIDTH}"`, "g"))).toHaveLength(midoriTree.length);
    expect(svg).toContain('目指す姿');
    expect(svg).toContain('相談が重度化してから来る');
    expect(svg).toContain('未選定');
    expect(svg).toContain('みどり区 ロジックツリー');
    expect(width).toBeGreaterThan(4 * NODE_WIDTH);
    expect(height).toBeGreaterThan(300);
    // Well-formed enough for a parser.
    expect(svg.match(/<g/g)?.length).toBe(svg.match(/<\/g>/g)?.length);
  });

  it('escapes markup in titles', () => {
    expect(escapeXml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    const nodes = midoriTree.map((n) => (n.id === 'md02' ? { ...n, title: '<script>alert(1)</script>' } : n));
    expect(treeToSvg(nodes, positions).svg).not.toContain('<script>');
  });
});

describe('wrapTitle', () => {
  it('keeps short titles on one line and clamps long ones to three with an ellipsis', () => {
    expect(wrapTitle('相談窓口')).toEqual(['相談窓口']);
    const long = wrapTitle('あ'.repeat(100));
    expect(long).toHaveLength(3);
    expect(long[2]!.endsWith('…')).toBe(true);
    expect(wrapTitle('')).toEqual(['']);
  });
});
