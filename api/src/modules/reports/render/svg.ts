/**
 * Server-side figures of a report: the logic tree (left to right) and the roadmap (months across).
 * Plain SVG strings with every text escaped; used in the PDF, the web views and the case library.
 */
import { type ReportFacts, reportLabels, type ReportRoadmapRow, type ReportTreeNode } from '@banso/shared';
import { layoutTree, wrapText } from './tree-layout.js';

export const FONT_FAMILY = `'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', sans-serif`;

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export interface KindStyle {
  fill: string;
  stroke: string;
  text: string;
  label: string;
}

export const kindStyles: Record<ReportTreeNode['kind'], KindStyle> = {
  goal: { fill: '#1f3b63', stroke: '#1f3b63', text: '#ffffff', label: '#c9d8ee' },
  outcome: { fill: '#e3edfb', stroke: '#3a6fc4', text: '#14213d', label: '#3a6fc4' },
  issue: { fill: '#fdecdc', stroke: '#d0691f', text: '#3b1d05', label: '#b3561a' },
  cause: { fill: '#fdf6d3', stroke: '#b38a00', text: '#332700', label: '#8a6a00' },
  measure: { fill: '#e1f4e6', stroke: '#2f8a4a', text: '#0f2e18', label: '#2f8a4a' },
};
export const notSelectedStyle: KindStyle = { fill: '#ffffff', stroke: '#9aa3ad', text: '#5b6570', label: '#7b848e' };

export const actionStatusColors: Record<NonNullable<ReportTreeNode['actionStatus']>, string> = {
  selected: '#2f6fd1',
  in_progress: '#2f8a4a',
  done: '#4b5563',
  on_hold: '#b7791f',
  dropped: '#9aa3ad',
};

export const TREE_BOX = { width: 184, columnGap: 34, rowGap: 10, fontSize: 12.5, lineHeight: 17, paddingX: 9, labelHeight: 19, badgeHeight: 18, padBottom: 8 };

function kindLabel(n: ReportTreeNode): string {
  if (n.kind === 'measure' && n.actionStatus === null) return `${reportLabels.nodeKind.measure}(未選定)`;
  return reportLabels.nodeKind[n.kind];
}

/** The logic tree as an SVG figure. */
export function treeSvg(nodes: readonly ReportTreeNode[], opts: { title?: string } = {}): string {
  const B = TREE_BOX;
  const layout = layoutTree(nodes, {
    boxWidth: B.width,
    columnGap: B.columnGap,
    rowGap: B.rowGap,
    fontSize: B.fontSize,
    lineHeight: B.lineHeight,
    paddingX: B.paddingX,
    maxLines: 5,
    chrome: (n) => B.labelHeight + B.padBottom + (n.actionStatus ? B.badgeHeight : 0),
  });
  const margin = 6;
  const legendHeight = 30;
  const width = Math.max(layout.width, 560) + margin * 2;
  const height = layout.height + margin * 2 + legendHeight;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="tree-figure" viewBox="0 0 ${fmt(width)} ${fmt(height)}" width="${fmt(width)}" height="${fmt(height)}" font-family="${esc(FONT_FAMILY)}" role="img" aria-label="${esc(opts.title ?? 'ロジックツリー')}">`,
  );
  parts.push(`<g transform="translate(${margin},${margin})">`);
  for (const { from, to } of layout.edges) {
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const xm = x1 + B.columnGap / 2;
    parts.push(`<path d="M${fmt(x1)} ${fmt(y1)}H${fmt(xm)}V${fmt(y2)}H${fmt(x2)}" fill="none" stroke="#8b95a1" stroke-width="1.2"/>`);
  }
  for (const p of layout.nodes) {
    const n = p.node;
    const s = n.kind === 'measure' && n.actionStatus === null ? notSelectedStyle : kindStyles[n.kind];
    const dashed = n.kind === 'measure' && n.actionStatus === null ? ' stroke-dasharray="4 3"' : '';
    const strokeWidth = n.kind === 'measure' && n.actionStatus !== null ? 2 : 1.2;
    parts.push(`<g class="node node-${n.kind}" data-id="${esc(n.id)}">`);
    parts.push(
      `<rect x="${fmt(p.x)}" y="${fmt(p.y)}" width="${fmt(p.width)}" height="${fmt(p.height)}" rx="6" fill="${s.fill}" stroke="${s.stroke}" stroke-width="${strokeWidth}"${dashed}/>`,
    );
    parts.push(
      `<text x="${fmt(p.x + B.paddingX)}" y="${fmt(p.y + 14)}" font-size="10" fill="${s.label}" font-weight="700">${esc(kindLabel(n))}${n.hypothesisState && n.hypothesisState !== 'hypothesis' ? ` ・${esc(reportLabels.hypothesisState[n.hypothesisState])}` : ''}</text>`,
    );
    p.lines.forEach((line, i) => {
      parts.push(
        `<text x="${fmt(p.x + B.paddingX)}" y="${fmt(p.y + B.labelHeight + B.fontSize + i * B.lineHeight)}" font-size="${B.fontSize}" fill="${s.text}"${n.kind === 'goal' ? ' font-weight="700"' : ''}>${esc(line)}</text>`,
      );
    });
    if (n.actionStatus) {
      const label = `取組: ${reportLabels.actionStatus[n.actionStatus]}`;
      const bw = label.length * 10 + 12;
      const by = p.y + p.height - B.badgeHeight - 3;
      parts.push(
        `<rect x="${fmt(p.x + B.paddingX)}" y="${fmt(by)}" width="${fmt(bw)}" height="15" rx="7.5" fill="${actionStatusColors[n.actionStatus]}"/>`,
        `<text x="${fmt(p.x + B.paddingX + 6)}" y="${fmt(by + 11)}" font-size="10" fill="#ffffff" font-weight="700">${esc(label)}</text>`,
      );
    }
    parts.push('</g>');
  }
  parts.push('</g>');
  // Legend.
  const ly = height - legendHeight + 8;
  let lx = margin;
  const legend: [string, KindStyle, boolean][] = [
    ...(['goal', 'outcome', 'issue', 'cause', 'measure'] as const).map((k): [string, KindStyle, boolean] => [reportLabels.nodeKind[k], kindStyles[k], false]),
    ['取組案(未選定)', notSelectedStyle, true],
  ];
  for (const [label, s, dashed] of legend) {
    parts.push(
      `<rect x="${lx}" y="${ly}" width="14" height="12" rx="3" fill="${s.fill}" stroke="${s.stroke}"${dashed ? ' stroke-dasharray="3 2"' : ''}/>`,
      `<text x="${lx + 19}" y="${ly + 10.5}" font-size="10.5" fill="#374151">${esc(label)}</text>`,
    );
    lx += 26 + label.length * 11;
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Months from `from` to `to` inclusive, as YYYY-MM. */
export function monthRange(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1 && out.length < 120; i++)
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

/** The span the roadmap chart shows: from April of the report's fiscal year (or the earliest start) to the latest end or milestone. */
export function roadmapSpan(rows: readonly ReportRoadmapRow[], fiscalYear: number): string[] {
  let start = `${fiscalYear}-04`;
  let end = `${fiscalYear + 1}-03`;
  for (const r of rows) {
    if (r.startMonth && r.startMonth < start) start = r.startMonth;
    if (r.endMonth && r.endMonth > end) end = r.endMonth;
    for (const m of r.milestones) if (m.due.slice(0, 7) > end) end = m.due.slice(0, 7);
  }
  // Whole fiscal years read best: extend to the next March.
  const [ey, em] = end.split('-').map(Number) as [number, number];
  end = em <= 3 ? `${ey}-03` : `${ey + 1}-03`;
  return monthRange(start, end);
}

export const milestoneColors: Record<ReportRoadmapRow['milestones'][number]['status'], string> = {
  planned: '#2f6fd1',
  done: '#2f8a4a',
  delayed: '#d92d20',
  cancelled: '#9aa3ad',
};

/** The roadmap as an SVG chart: a row per action, a bar for its span, diamonds for milestones, a line for the as-of day. */
export function roadmapSvg(facts: Pick<ReportFacts, 'roadmap' | 'fiscalYear' | 'asOf'>): string {
  const months = roadmapSpan(facts.roadmap, facts.fiscalYear);
  const labelWidth = 230;
  const monthWidth = Math.max(16, Math.min(40, 760 / months.length));
  const headerHeight = 40;
  const rowHeight = 46;
  const width = labelWidth + monthWidth * months.length + 10;
  const height = headerHeight + rowHeight * Math.max(facts.roadmap.length, 1) + 34;
  const xOf = (ym: string, fraction = 0) => {
    const i = months.indexOf(ym);
    if (i >= 0) return labelWidth + (i + fraction) * monthWidth;
    return ym < months[0]! ? labelWidth : labelWidth + months.length * monthWidth;
  };
  const dayFraction = (iso: string) => (Number(iso.slice(8, 10)) - 0.5) / 31;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="roadmap-figure" viewBox="0 0 ${fmt(width)} ${fmt(height)}" width="${fmt(width)}" height="${fmt(height)}" font-family="${esc(FONT_FAMILY)}" role="img" aria-label="ロードマップ">`,
  );
  // Fiscal-year bands and month grid.
  months.forEach((ym, i) => {
    const x = labelWidth + i * monthWidth;
    const m = Number(ym.slice(5, 7));
    if (m === 4 || i === 0) {
      const fy = m >= 4 ? Number(ym.slice(0, 4)) : Number(ym.slice(0, 4)) - 1;
      parts.push(`<text x="${fmt(x + 3)}" y="14" font-size="11" font-weight="700" fill="#1f2937">${esc(`${fy}年度`)}</text>`);
      parts.push(`<line x1="${fmt(x)}" y1="2" x2="${fmt(x)}" y2="${fmt(height - 30)}" stroke="#6b7280" stroke-width="1"/>`);
    } else {
      parts.push(`<line x1="${fmt(x)}" y1="${headerHeight - 16}" x2="${fmt(x)}" y2="${fmt(height - 30)}" stroke="#e5e7eb" stroke-width="1"/>`);
    }
    parts.push(`<text x="${fmt(x + monthWidth / 2)}" y="${headerHeight - 6}" font-size="9.5" fill="#4b5563" text-anchor="middle">${m}</text>`);
  });
  parts.push(`<line x1="0" y1="${headerHeight}" x2="${fmt(width)}" y2="${headerHeight}" stroke="#9ca3af"/>`);
  facts.roadmap.forEach((r, i) => {
    const y = headerHeight + i * rowHeight;
    if (i % 2 === 1) parts.push(`<rect x="0" y="${fmt(y)}" width="${fmt(width)}" height="${rowHeight}" fill="#f6f7f9"/>`);
    const lines = wrapText(r.title, (labelWidth - 12) / 11.5, 2);
    lines.forEach((line, j) =>
      parts.push(`<text x="4" y="${fmt(y + (lines.length === 1 ? 27 : 19 + j * 15))}" font-size="11.5" fill="#111827">${esc(line)}</text>`),
    );
    if (r.startMonth && r.endMonth) {
      const x1 = xOf(r.startMonth);
      const x2 = xOf(r.endMonth, 1);
      parts.push(`<rect x="${fmt(x1)}" y="${fmt(y + 9)}" width="${fmt(Math.max(x2 - x1, 3))}" height="12" rx="3" fill="#bcd3f5" stroke="#2f6fd1" stroke-width="0.8"/>`);
    }
    r.milestones.forEach((m, j) => {
      const x = xOf(m.due.slice(0, 7), dayFraction(m.due));
      const cy = y + 15;
      parts.push(
        `<path d="M${fmt(x)} ${fmt(cy - 7)}L${fmt(x + 7)} ${fmt(cy)}L${fmt(x)} ${fmt(cy + 7)}L${fmt(x - 7)} ${fmt(cy)}Z" fill="${milestoneColors[m.status]}" stroke="#ffffff" stroke-width="1"/>`,
      );
      const next = r.milestones[j + 1];
      const room = next ? xOf(next.due.slice(0, 7), dayFraction(next.due)) - x - 4 : width - x;
      const label = wrapText(m.title, Math.max(room, 30) / 9.5, 1)[0] ?? '';
      parts.push(`<text x="${fmt(x - 4)}" y="${fmt(y + 38)}" font-size="9.5" fill="${m.status === 'delayed' ? '#b42318' : '#374151'}">${esc(label)}</text>`);
    });
  });
  if (months.length > 0 && facts.asOf.slice(0, 7) >= months[0]! && facts.asOf.slice(0, 7) <= months[months.length - 1]!) {
    const x = xOf(facts.asOf.slice(0, 7), dayFraction(facts.asOf));
    parts.push(
      `<line x1="${fmt(x)}" y1="${headerHeight - 4}" x2="${fmt(x)}" y2="${fmt(height - 30)}" stroke="#d92d20" stroke-width="1.2" stroke-dasharray="3 2"/>`,
    );
  }
  // Legend.
  const ly = height - 14;
  let lx = 4;
  for (const [status, color] of Object.entries(milestoneColors) as [keyof typeof milestoneColors, string][]) {
    parts.push(
      `<path d="M${lx + 6} ${ly - 10}L${lx + 12} ${ly - 4}L${lx + 6} ${ly + 2}L${lx} ${ly - 4}Z" fill="${color}"/>`,
      `<text x="${lx + 16}" y="${ly}" font-size="10" fill="#374151">${esc(reportLabels.milestoneStatus[status])}</text>`,
    );
    lx += 56;
  }
  parts.push(
    `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 14}" y2="${ly - 4}" stroke="#d92d20" stroke-width="1.2" stroke-dasharray="3 2"/>`,
    `<text x="${lx + 18}" y="${ly}" font-size="10" fill="#374151">${esc(`基準日 ${facts.asOf}`)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
