/**
 * The tree and the roadmap as PowerPoint: a title slide, a tree slide, a roadmap slide and the visit
 * log (支援の経過, by role: no names), drawn with native (editable) shapes and a table. The tree's boxes, lines and badges come from the one tree figure of
 * @banso/shared (`layoutFigure`, the layout and BudouX lines of the web export and the report SVG),
 * scaled into the slide; each box is named `node:<id>` in PowerPoint's selection pane.
 */
import {
  figureBadges,
  figureStyle,
  fillTerm,
  formatDate,
  formatFiscalYear,
  kindStyles,
  labels,
  type LabelLocale,
  layoutFigure,
  nodeMetrics,
  participantGroupLine,
  type ReportFacts,
  terms,
  wrapPhrases,
} from '@banso/shared';
import PptxGenJS from 'pptxgenjs';
import { milestoneColors, reportFigureNodes, roadmapSpan } from '../render/svg.js';

const FONT = 'Meiryo';
const SLIDE_W = 13.333;
const SLIDE_H = 7.5;
const hex = (c: string) => c.replace('#', '').toUpperCase();

function slideTitle(pptx: PptxGenJS, slide: PptxGenJS.Slide, title: string, sub: string) {
  slide.addShape(pptx.ShapeType.rect, { x: 0, y: 0, w: SLIDE_W, h: 0.62, fill: { color: '1F3B63' }, line: { color: '1F3B63' } });
  slide.addText(title, {
    x: 0.3,
    y: 0.08,
    w: 7,
    h: 0.46,
    fontFace: FONT,
    fontSize: 20,
    bold: true,
    color: 'FFFFFF',
    lang: 'ja-JP',
    margin: 0,
  });
  slide.addText(sub, {
    x: 7.2,
    y: 0.08,
    w: SLIDE_W - 7.5,
    h: 0.46,
    fontFace: FONT,
    fontSize: 11,
    color: 'DDE6F3',
    align: 'right',
    lang: 'ja-JP',
    margin: 0,
  });
}

function titleSlide(pptx: PptxGenJS, f: ReportFacts, title: string, locale: LabelLocale) {
  const l = labels(locale);
  const t = terms(locale);
  const slide = pptx.addSlide();
  slide.background = { color: 'FFFFFF' };
  slide.addShape(pptx.ShapeType.rect, { x: 0, y: 0, w: 0.35, h: SLIDE_H, fill: { color: '1F3B63' }, line: { color: '1F3B63' } });
  slide.addText(f.program.name, { x: 0.9, y: 1.2, w: 11.5, h: 0.5, fontFace: FONT, fontSize: 16, color: '4B5563', lang: 'ja-JP' });
  slide.addText(title, { x: 0.9, y: 1.8, w: 11.5, h: 1.2, fontFace: FONT, fontSize: 34, bold: true, color: '1F3B63', lang: 'ja-JP' });
  const m = f.municipality;
  slide.addText(`${m.name}(${l.category[m.category]}・${l.regionType[m.regionType]})  ${t.theme}: ${f.engagement.theme}`, {
    x: 0.9,
    y: 3.1,
    w: 11.5,
    h: 0.5,
    fontFace: FONT,
    fontSize: 18,
    color: '111827',
    lang: 'ja-JP',
  });
  slide.addText(
    [
      { text: t.desiredState, options: { fontSize: 12, bold: true, color: '3A6FC4', breakLine: true } },
      { text: f.engagement.desiredState || t.desiredStateUnset, options: { fontSize: 20, bold: true, color: '1F3B63' } },
    ],
    {
      x: 0.9,
      y: 3.9,
      w: 11.5,
      h: 1.3,
      fontFace: FONT,
      lang: 'ja-JP',
      fill: { color: 'F5F8FC' },
      line: { color: '1F3B63', width: 1.5 },
      margin: 10,
    },
  );
  slide.addText(`${formatFiscalYear(f.fiscalYear, locale)} / ${t.recordAsOf} ${formatDate(f.asOf, locale)}`, {
    x: 0.9,
    y: 6.6,
    w: 11.5,
    h: 0.4,
    fontFace: FONT,
    fontSize: 11,
    color: '6B7280',
    lang: 'ja-JP',
  });
}

function treeSlide(pptx: PptxGenJS, f: ReportFacts, locale: LabelLocale) {
  const l = labels(locale);
  const t = terms(locale);
  const slide = pptx.addSlide();
  slideTitle(pptx, slide, t.logicTree, `${f.municipality.name} ${f.engagement.theme}`);
  if (f.tree.nodes.length === 0) {
    slide.addText(t.treeNotCreated, { x: 0.5, y: 1.2, w: 8, h: 0.5, fontFace: FONT, fontSize: 14, lang: 'ja-JP' });
    return;
  }
  // The figure in px, scaled into the slide's drawing area (inches).
  const M = nodeMetrics;
  const figure = layoutFigure(reportFigureNodes(f.tree.nodes));
  const area = { x: 0.3, y: 0.85, w: SLIDE_W - 0.6, h: SLIDE_H - 1.25 };
  const scale = Math.min(area.w / figure.width, area.h / figure.height, 1.4 / 72);
  const inch = (px: number) => px * scale;
  const offX = area.x + (area.w - inch(figure.width)) / 2;
  const X = (px: number) => offX + inch(px);
  const Y = (px: number) => area.y + inch(px);
  // Font sizes in points: px × scale (inches) × 72.
  const font = (px: number) => Math.max(4, Math.round(px * scale * 72 * 10) / 10);
  const line = { color: '9CA3AF', width: 0.75 };
  for (const { from, to } of figure.edges) {
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const xm = (x1 + x2) / 2;
    slide.addShape(pptx.ShapeType.line, { x: X(x1), y: Y(y1), w: inch(xm - x1), h: 0, line });
    if (Math.abs(y2 - y1) > 0.01)
      slide.addShape(pptx.ShapeType.line, { x: X(xm), y: Y(Math.min(y1, y2)), w: 0, h: inch(Math.abs(y2 - y1)), line });
    slide.addShape(pptx.ShapeType.line, { x: X(xm), y: Y(y2), w: inch(x2 - xm), h: 0, line });
  }
  for (const p of figure.nodes) {
    const n = p.node;
    const s = figureStyle(n);
    const badges = figureBadges(n, locale);
    const runs: PptxGenJS.TextProps[] = [
      {
        text: `${kindStyles[n.kind].icon} ${l.nodeKind[n.kind]}`,
        options: { fontSize: font(M.labelFontSize), bold: true, color: hex(s.color), breakLine: true },
      },
      ...p.lines.map((text, i) => ({
        text,
        options: {
          fontSize: font(M.fontSize),
          color: hex(s.text),
          bold: n.kind === 'goal',
          breakLine: i < p.lines.length - 1 || badges.length > 0,
        },
      })),
      ...badges.map((b, i) => ({
        text: `${i > 0 ? '  ' : ''}${b.text}`,
        options: { fontSize: font(M.badgeFontSize), bold: true, color: hex(b.color) },
      })),
    ];
    slide.addText(runs, {
      objectName: `node:${n.id}`,
      shape: pptx.ShapeType.roundRect,
      rectRadius: 0.06,
      x: X(p.x),
      y: Y(p.y),
      w: inch(p.width),
      h: inch(p.height),
      fill: { color: hex(s.background) },
      line: { color: hex(s.color), width: 1, ...(s.dashed ? { dashType: 'dash' as const } : {}) },
      fontFace: FONT,
      lang: 'ja-JP',
      valign: 'top',
      margin: [font(6), font(M.paddingRight), font(4), font(M.paddingLeft)],
      fit: 'none',
    });
  }
}

function monthsBetween(months: string[], ym: string): number {
  const i = months.indexOf(ym);
  if (i >= 0) return i;
  return ym < (months[0] ?? '') ? 0 : months.length;
}

function roadmapSlide(pptx: PptxGenJS, f: ReportFacts, locale: LabelLocale) {
  const l = labels(locale);
  const t = terms(locale);
  const slide = pptx.addSlide();
  slideTitle(pptx, slide, t.roadmap, `${f.municipality.name} ${formatFiscalYear(f.fiscalYear, locale)}〜`);
  const months = roadmapSpan(f.roadmap, f.fiscalYear);
  const labelW = 3.1;
  const left = 0.3 + labelW;
  const monthW = (SLIDE_W - 0.3 - left) / months.length;
  const top = 1.25;
  const rowH = Math.min(0.95, (SLIDE_H - top - 0.55) / Math.max(f.roadmap.length, 1));
  const mx = (ym: string, fraction = 0) => left + (monthsBetween(months, ym) + fraction) * monthW;
  const dayFraction = (iso: string) => (Number(iso.slice(8, 10)) - 0.5) / 31;
  // Header: fiscal years and month numbers.
  months.forEach((ym, i) => {
    const m = Number(ym.slice(5, 7));
    const x = left + i * monthW;
    if (m === 4 || i === 0) {
      const fy = m >= 4 ? Number(ym.slice(0, 4)) : Number(ym.slice(0, 4)) - 1;
      slide.addText(formatFiscalYear(fy, locale, { short: true }), {
        x,
        y: 0.72,
        w: Math.min(12, months.length - i) * monthW,
        h: 0.26,
        fontFace: FONT,
        fontSize: 10,
        bold: true,
        color: '1F2937',
        lang: 'ja-JP',
        margin: 1,
      });
      slide.addShape(pptx.ShapeType.line, {
        x,
        y: 0.72,
        w: 0,
        h: top - 0.72 + rowH * f.roadmap.length,
        line: { color: '6B7280', width: 1 },
      });
    } else {
      slide.addShape(pptx.ShapeType.line, {
        x,
        y: 1.0,
        w: 0,
        h: top - 1.0 + rowH * f.roadmap.length,
        line: { color: 'E5E7EB', width: 0.5 },
      });
    }
    slide.addText(String(m), { x, y: 0.98, w: monthW, h: 0.24, fontFace: FONT, fontSize: 8, color: '4B5563', align: 'center', margin: 0 });
  });
  f.roadmap.forEach((r, i) => {
    const y = top + i * rowH;
    if (i % 2 === 1)
      slide.addShape(pptx.ShapeType.rect, {
        x: 0.3,
        y,
        w: SLIDE_W - 0.6,
        h: rowH,
        fill: { color: 'F6F7F9' },
        line: { color: 'F6F7F9', width: 0 },
      });
    slide.addText(wrapPhrases(r.title, 19, 2).join('\n'), {
      x: 0.3,
      y,
      w: labelW - 0.05,
      h: rowH * 0.62,
      fontFace: FONT,
      fontSize: 10,
      color: '111827',
      valign: 'middle',
      lang: 'ja-JP',
      margin: 2,
    });
    slide.addText(l.actionStatus[r.status], {
      x: 0.3,
      y: y + rowH * 0.6,
      w: labelW - 0.05,
      h: rowH * 0.36,
      fontFace: FONT,
      fontSize: 8,
      color: '2F8A4A',
      lang: 'ja-JP',
      margin: 2,
    });
    const barY = y + rowH * 0.18;
    if (r.startMonth && r.endMonth) {
      const x1 = mx(r.startMonth);
      const x2 = mx(r.endMonth, 1);
      slide.addShape(pptx.ShapeType.roundRect, {
        x: x1,
        y: barY,
        w: Math.max(x2 - x1, 0.05),
        h: 0.16,
        rectRadius: 0.04,
        fill: { color: 'BCD3F5' },
        line: { color: '2F6FD1', width: 0.75 },
      });
    }
    r.milestones.forEach((m, j) => {
      const x = mx(m.due.slice(0, 7), dayFraction(m.due));
      slide.addShape(pptx.ShapeType.diamond, {
        x: x - 0.09,
        y: barY - 0.01,
        w: 0.18,
        h: 0.18,
        fill: { color: hex(milestoneColors[m.status]) },
        line: { color: 'FFFFFF', width: 0.5 },
      });
      const next = r.milestones[j + 1];
      const room = next ? mx(next.due.slice(0, 7), dayFraction(next.due)) - x - 0.04 : SLIDE_W - 0.3 - x;
      slide.addText(m.title, {
        x: x - 0.06,
        y: barY + 0.2,
        w: Math.max(room, 0.5),
        h: Math.min(0.4, rowH - 0.3),
        fontFace: FONT,
        fontSize: 7.5,
        color: m.status === 'delayed' ? 'B42318' : '374151',
        valign: 'top',
        lang: 'ja-JP',
        margin: 0,
      });
    });
  });
  const today = f.asOf.slice(0, 7);
  if (months.length > 0 && today >= months[0]! && today <= months[months.length - 1]!) {
    const x = mx(today, dayFraction(f.asOf));
    slide.addShape(pptx.ShapeType.line, {
      x,
      y: 0.98,
      w: 0,
      h: top - 0.98 + rowH * f.roadmap.length,
      line: { color: 'D92D20', width: 1.25, dashType: 'dash' },
    });
  }
  let lx = 0.3;
  const ly = SLIDE_H - 0.42;
  for (const [status, color] of Object.entries(milestoneColors) as [keyof typeof milestoneColors, string][]) {
    slide.addShape(pptx.ShapeType.diamond, {
      x: lx,
      y: ly + 0.05,
      w: 0.16,
      h: 0.16,
      fill: { color: hex(color) },
      line: { color: 'FFFFFF', width: 0.5 },
    });
    slide.addText(l.milestoneStatus[status], {
      x: lx + 0.2,
      y: ly,
      w: 0.8,
      h: 0.26,
      fontFace: FONT,
      fontSize: 9,
      color: '374151',
      lang: 'ja-JP',
      margin: 0,
    });
    lx += 1.0;
  }
  slide.addText(fillTerm(t.dashedAsOf, { date: formatDate(f.asOf, locale) }), {
    x: lx,
    y: ly,
    w: 3,
    h: 0.26,
    fontFace: FONT,
    fontSize: 9,
    color: 'B42318',
    lang: 'ja-JP',
    margin: 0,
  });
}

/** 支援の経過: the visit log as a table — date, kind, participants by role, what was done (no names). */
function visitsSlide(pptx: PptxGenJS, f: ReportFacts, locale: LabelLocale) {
  const l = labels(locale);
  const t = terms(locale);
  const slide = pptx.addSlide();
  slideTitle(pptx, slide, t.visitLog, `${f.municipality.name} ${formatFiscalYear(f.fiscalYear, locale)}`);
  const visits = f.visits ?? [];
  if (visits.length === 0) {
    slide.addText(t.noVisits, { x: 0.5, y: 1.2, w: 8, h: 0.5, fontFace: FONT, fontSize: 14, lang: 'ja-JP' });
    return;
  }
  const head = { bold: true, fill: { color: 'E8EEF7' }, color: '111827' };
  const rows: PptxGenJS.TableRow[] = [
    [t.visitNo, t.date, t.kind, t.participants, t.whatWasDone].map((text) => ({ text, options: head })),
    ...visits.map((v) => [
      { text: fillTerm(t.visitSeq, { n: v.seq }), options: { bold: true } },
      { text: formatDate(v.date, locale) },
      { text: `${l.visitKind[v.kind]}\n${l.visitStatus[v.status]}` },
      { text: v.participants.map((g) => participantGroupLine(g, locale)).join('\n') || '—' },
      { text: [v.agenda ? `${t.agenda}: ${v.agenda}` : '', v.summary].filter(Boolean).join('\n') || '—' },
    ]),
  ];
  slide.addTable(rows, {
    x: 0.3,
    y: 0.85,
    w: SLIDE_W - 0.6,
    colW: [1.2, 1.7, 1.4, 3.6, SLIDE_W - 0.6 - 7.9],
    fontFace: FONT,
    fontSize: 10,
    color: '111827',
    border: { type: 'solid', pt: 0.75, color: 'CBD5E1' },
    valign: 'top',
    autoPage: true,
    autoPageRepeatHeader: true,
  });
}

export async function renderPresentation(facts: ReportFacts, title: string, locale: LabelLocale = 'ja'): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = title;
  pptx.author = 'Bansō';
  pptx.company = facts.program.name;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  titleSlide(pptx, facts, title, locale);
  treeSlide(pptx, facts, locale);
  roadmapSlide(pptx, facts, locale);
  visitsSlide(pptx, facts, locale);
  const out = await pptx.write({ outputType: 'nodebuffer', compression: true });
  if (typeof out === 'string' || !(out instanceof Uint8Array)) throw new Error('pptxgenjs did not return a buffer');
  return Buffer.from(out);
}
