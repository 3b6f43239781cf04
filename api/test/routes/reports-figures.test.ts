/**
 * The report's figures: the tree (the shared renderer; its layout and line breaking are tested in
 * shared/test/tree-*.test.ts) and the roadmap, as SVG that escapes what users typed, with 令和 dates.
 */
import { describe, expect, it } from 'vitest';
import { roadmapSpan, roadmapSvg, treeSvg } from '../../src/modules/reports/render/svg.js';

describe('treeSvg and roadmapSvg', () => {
  it('escapes titles, so typed markup stays text', () => {
    const svg = treeSvg([
      {
        id: '00000000-0000-4000-8000-000000000001',
        parentId: null,
        position: 0,
        kind: 'goal',
        title: '<script>alert(1)</script> & "引用"',
        hypothesisState: null,
        actionStatus: null,
      },
    ]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&amp;');
    expect(svg).toContain('目指す姿');
  });

  it('spans whole fiscal years from the report’s April to the March after the last month', () => {
    const rows = [
      {
        actionId: 'a',
        title: 'x',
        status: 'selected' as const,
        startMonth: '2025-09',
        endMonth: '2026-06',
        milestones: [{ id: 'm', due: '2027-01-15', title: 'y', status: 'planned' as const }],
      },
    ];
    const months = roadmapSpan(rows, 2025);
    expect(months[0]).toBe('2025-04');
    expect(months[months.length - 1]).toBe('2027-03');
    expect(months).toHaveLength(24);
    const svg = roadmapSvg({ roadmap: rows, fiscalYear: 2025, asOf: '2026-02-20' });
    expect(svg).toContain('令和7年度');
    expect(svg).toContain('令和8年度');
    expect(svg).toContain('基準日 令和8年2月20日');
    const en = roadmapSvg({ roadmap: rows, fiscalYear: 2025, asOf: '2026-02-20' }, 'en');
    expect(en).toContain('FY2025');
    expect(en).toContain('As of 20 Feb 2026');
  });
});
