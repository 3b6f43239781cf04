/**
 * Server-side figures of a report: the logic tree (the one SVG renderer of @banso/shared, also used
 * by the web export and, through the same layout, the PPTX) and the roadmap (months across). Plain
 * SVG strings with every text escaped; used in the PDF, the web views and the case library.
 */
import {
  actionBadgeFor,
  escapeXml,
  FIGURE_FONT,
  type FigureNode,
  formatDate,
  formatFiscalYear,
  labels,
  type LabelLocale,
  renderTreeSvg,
  type ReportFacts,
  type ReportRoadmapRow,
  type ReportTreeNode,
  terms,
  wrapPhrases,
} from '@banso/shared';

export const FONT_FAMILY = FIGURE_FONT;
export const esc = escapeXml;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The report's tree nodes as the shared figure reads them (a measure without an action is 未選定). */
export function reportFigureNodes(nodes: readonly ReportTreeNode[]): FigureNode[] {
  return nodes.map((n) => ({
    id: n.id,
    parentId: n.parentId,
    position: n.position,
    kind: n.kind,
    title: n.title,
    hypothesisState: n.hypothesisState,
    actionBadge: actionBadgeFor(n.kind, n.actionStatus),
  }));
}

/** The logic tree as an SVG figure, with a legend of the kinds. */
export function treeSvg(nodes: readonly ReportTreeNode[], opts: { title?: string; locale?: LabelLocale } = {}): string {
  const locale = opts.locale ?? 'ja';
  const { svg } = renderTreeSvg(reportFigureNodes(nodes), { locale, legend: true, className: 'tree-figure', margin: 6 });
  return opts.title ? svg.replace(/aria-label="[^"]*"/, `aria-label="${esc(opts.title)}"`) : svg;
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
export function roadmapSvg(facts: Pick<ReportFacts, 'roadmap' | 'fiscalYear' | 'asOf'>, locale: LabelLocale = 'ja'): string {
  const l = labels(locale);
  const t = terms(locale);
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
    `<svg xmlns="http://www.w3.org/2000/svg" class="roadmap-figure" viewBox="0 0 ${fmt(width)} ${fmt(height)}" width="${fmt(width)}" height="${fmt(height)}" font-family="${esc(FONT_FAMILY)}" role="img" aria-label="${esc(t.roadmap)}">`,
  );
  // Fiscal-year bands and month grid.
  months.forEach((ym, i) => {
    const x = labelWidth + i * monthWidth;
    const m = Number(ym.slice(5, 7));
    if (m === 4 || i === 0) {
      const fy = m >= 4 ? Number(ym.slice(0, 4)) : Number(ym.slice(0, 4)) - 1;
      parts.push(
        `<text x="${fmt(x + 3)}" y="14" font-size="11" font-weight="700" fill="#1f2937">${esc(formatFiscalYear(fy, locale, { short: true }))}</text>`,
      );
      parts.push(`<line x1="${fmt(x)}" y1="2" x2="${fmt(x)}" y2="${fmt(height - 30)}" stroke="#6b7280" stroke-width="1"/>`);
    } else {
      parts.push(
        `<line x1="${fmt(x)}" y1="${headerHeight - 16}" x2="${fmt(x)}" y2="${fmt(height - 30)}" stroke="#e5e7eb" stroke-width="1"/>`,
      );
    }
    parts.push(
      `<text x="${fmt(x + monthWidth / 2)}" y="${headerHeight - 6}" font-size="9.5" fill="#4b5563" text-anchor="middle">${m}</text>`,
    );
  });
  parts.push(`<line x1="0" y1="${headerHeight}" x2="${fmt(width)}" y2="${headerHeight}" stroke="#9ca3af"/>`);
  facts.roadmap.forEach((r, i) => {
    const y = headerHeight + i * rowHeight;
    if (i % 2 === 1) parts.push(`<rect x="0" y="${fmt(y)}" width="${fmt(width)}" height="${rowHeight}" fill="#f6f7f9"/>`);
    const lines = wrapPhrases(r.title, (labelWidth - 12) / 11.5, 2);
    lines.forEach((line, j) =>
      parts.push(`<text x="4" y="${fmt(y + (lines.length === 1 ? 27 : 19 + j * 15))}" font-size="11.5" fill="#111827">${esc(line)}</text>`),
    );
    if (r.startMonth && r.endMonth) {
      const x1 = xOf(r.startMonth);
      const x2 = xOf(r.endMonth, 1);
      parts.push(
        `<rect x="${fmt(x1)}" y="${fmt(y + 9)}" width="${fmt(Math.max(x2 - x1, 3))}" height="12" rx="3" fill="#bcd3f5" stroke="#2f6fd1" stroke-width="0.8"/>`,
      );
    }
    r.milestones.forEach((m, j) => {
      const x = xOf(m.due.slice(0, 7), dayFraction(m.due));
      const cy = y + 15;
      parts.push(
        `<path d="M${fmt(x)} ${fmt(cy - 7)}L${fmt(x + 7)} ${fmt(cy)}L${fmt(x)} ${fmt(cy + 7)}L${fmt(x - 7)} ${fmt(cy)}Z" fill="${milestoneColors[m.status]}" stroke="#ffffff" stroke-width="1"/>`,
      );
      const next = r.milestones[j + 1];
      const room = next ? xOf(next.due.slice(0, 7), dayFraction(next.due)) - x - 4 : width - x;
      const label = wrapPhrases(m.title, Math.max(room, 30) / 9.5, 1)[0] ?? '';
      parts.push(
        `<text x="${fmt(x - 4)}" y="${fmt(y + 38)}" font-size="9.5" fill="${m.status === 'delayed' ? '#b42318' : '#374151'}">${esc(label)}</text>`,
      );
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
      `<text x="${lx + 16}" y="${ly}" font-size="10" fill="#374151">${esc(l.milestoneStatus[status])}</text>`,
    );
    lx += 56;
  }
  parts.push(
    `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 14}" y2="${ly - 4}" stroke="#d92d20" stroke-width="1.2" stroke-dasharray="3 2"/>`,
    `<text x="${lx + 18}" y="${ly}" font-size="10" fill="#374151">${esc(`${t.asOfDay} ${formatDate(facts.asOf, locale)}`)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
