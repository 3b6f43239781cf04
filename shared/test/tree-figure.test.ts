import { describe, expect, it } from 'vitest';
import {
  layoutFigure,
  measureNode,
  nodeMetrics,
  phrases,
  renderTreeSvg,
  textWidthEm,
  titleWidthEm,
  wrapPhrases,
} from '../src/tree/index.js';
import { midoriFigureNodes } from './fixtures/midori.js';

/** Every line of `lines` ends at a phrase boundary of `text` (except where a phrase alone overflows). */
function breaksAtPhraseBoundaries(text: string, lines: readonly string[]): boolean {
  const boundaries = new Set<number>();
  let at = 0;
  for (const p of phrases(text)) boundaries.add((at += p.length));
  let offset = 0;
  for (const line of lines.slice(0, -1)) {
    offset += line.length;
    if (!boundaries.has(offset)) return false;
  }
  return true;
}

describe('Japanese line breaking with BudouX', () => {
  it('never breaks inside a phrase: 「利用継続」になっている stays whole', () => {
    const text = '高齢者の「利用継続」になっている状態を把握する';
    expect(phrases(text).join('')).toBe(text);
    expect(phrases(text)).toContain('「利用継続」に');
    // From 8em up no phrase of it is wider than a line.
    for (let width = 8; width <= 14; width++) {
      const lines = wrapPhrases(text, width);
      expect(lines.join('')).toBe(text);
      expect(lines.some((l) => l.startsWith('」'))).toBe(false);
      expect(lines.some((l) => l.endsWith('「利用継続'))).toBe(false);
      expect(breaksAtPhraseBoundaries(text, lines)).toBe(true);
    }
  });

  it('breaks a 40-character Japanese title only at BudouX boundaries, each line within the node', () => {
    const title = '地域包括支援センターと医師会が「もの忘れ連絡票」で早期に情報を共有する仕組み作り';
    expect([...title]).toHaveLength(40);
    const { lines, height } = measureNode(title);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.join('')).toBe(title);
    expect(breaksAtPhraseBoundaries(title, lines)).toBe(true);
    for (const l of lines) expect(textWidthEm(l)).toBeLessThanOrEqual(titleWidthEm);
    expect(height).toBe(nodeMetrics.chromeHeight + lines.length * nodeMetrics.lineHeight);
  });

  it('measures half-width characters at 0.55em, wraps Latin at spaces and clamps with an ellipsis', () => {
    expect(textWidthEm('あa')).toBeCloseTo(1.55);
    expect(wrapPhrases('Raise the share of early consultations', 12)).toEqual(['Raise the share of', 'early consultations']);
    const long = wrapPhrases('相談窓口を周知する'.repeat(12), titleWidthEm, nodeMetrics.maxLines);
    expect(long).toHaveLength(nodeMetrics.maxLines);
    expect(long.at(-1)!.endsWith('…')).toBe(true);
    expect(wrapPhrases('', 10)).toEqual(['']);
    // A phrase wider than the line is broken by character, never leaving 」 at a line start.
    const lines = wrapPhrases('あいうえおかきくけこさしすせそ」', 5);
    expect(lines.join('')).toBe('あいうえおかきくけこさしすせそ」');
    for (const l of lines) expect(l.startsWith('」')).toBe(false);
  });
});

describe('the tree figure', () => {
  it('lays out みどり区 without overlaps, with the lines it measured', () => {
    const figure = layoutFigure(midoriFigureNodes);
    expect(figure.nodes).toHaveLength(midoriFigureNodes.length);
    expect(figure.edges).toHaveLength(midoriFigureNodes.length - 1);
    for (const a of figure.nodes)
      for (const b of figure.nodes)
        if (a !== b) expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height).toBe(false);
    const root = figure.nodes.find((p) => p.node.id === 'md01')!;
    expect(root.x).toBe(0);
    expect(root.lines).toEqual(measureNode(root.node.title).lines);
  });

  it('draws every node at its layout position, escaped, in the chosen language', () => {
    const { svg, figure, offset } = renderTreeSvg(midoriFigureNodes, { heading: 'みどり区 ロジックツリー', legend: true });
    for (const p of figure.nodes) expect(svg).toContain(`data-id="${p.node.id}" transform="translate(${p.x} ${p.y})"`);
    expect(offset.y).toBeGreaterThan(offset.x);
    expect(svg).toContain('取組: 選定');
    expect(svg).toContain('未選定');
    expect(svg).toContain('取組案(未選定)');
    expect(svg).toContain('根拠 1');
    expect(svg.match(/<path /g)).toHaveLength(midoriFigureNodes.length - 1);
    const en = renderTreeSvg(midoriFigureNodes, { locale: 'en' }).svg;
    expect(en).toContain('Action: Selected');
    expect(en).toContain('Measure');
    const evil = midoriFigureNodes.map((n) => (n.id === 'md02' ? { ...n, title: '<script>alert(1)</script>' } : n));
    expect(renderTreeSvg(evil).svg).not.toContain('<script>');
  });
});
