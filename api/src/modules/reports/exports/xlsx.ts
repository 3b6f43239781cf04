/**
 * The engagement as an Excel workbook: ロジックツリー, 取組, ロードマップ, 検証方法, 測定値, ロジックフレーム, each sheet
 * ready to print (A4 landscape, fit to width, header row repeated, frozen header, column widths).
 * Words come from the shared labels; date cells stay real dates, shown in the 和暦 by their number
 * format (令和7年10月31日, 令和7年10月), so Excel can still sort and compute with them.
 */
import {
  excelDateFormat,
  excelMonthFormat,
  isoToUtcDate,
  type LabelLocale,
  labels,
  logframeAssumptionText,
  logframeRows,
  logframeSpans,
  type ReportFacts,
  roadmapAgreementLine,
  terms,
} from '@banso/shared';
import ExcelJS from 'exceljs';
import type { EngagementRecord } from '../facts.js';

/** The sheet names, in order. */
export function workbookSheets(locale: LabelLocale = 'ja'): string[] {
  const t = terms(locale);
  return [t.logicTree, t.actions, t.roadmap, t.verification, t.measurements, t.logframe];
}

interface Column {
  header: string;
  width: number;
  /** Number format for numeric cells. */
  numFmt?: string;
  /** ISO dates (day) or year-months (month) in this column are written as date cells. */
  date?: 'day' | 'month';
  wrap?: boolean;
}

/** A business date string as an Excel date (UTC midnight, so no time zone shifts the day); other text stays text. */
function dateCell(value: Cell, kind: 'day' | 'month'): Cell | Date {
  if (typeof value !== 'string') return value;
  const pattern = kind === 'day' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}(-\d{2})?$/;
  return pattern.test(value) ? (isoToUtcDate(value) ?? value) : value;
}

type Cell = string | number | null;

function addSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: Column[], rows: Cell[][], locale: LabelLocale) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: `&L&"-,Bold"${title.replace(/&/g, '&&')}&R${name}`, oddFooter: '&C&P / &N' },
  });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3B63' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF1F3B63' } } };
  });
  rows.forEach((values, i) => {
    const row = ws.addRow(values.map((v, col) => (v === '' ? null : columns[col]?.date ? dateCell(v, columns[col]!.date!) : v)));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const c = columns[col - 1];
      cell.alignment = { vertical: 'top', wrapText: c?.wrap ?? true };
      cell.border = { bottom: { style: 'hair', color: { argb: 'FFB0B8C4' } } };
      if (c?.numFmt && typeof cell.value === 'number') cell.numFmt = c.numFmt;
      if (c?.date && cell.value instanceof Date) cell.numFmt = (c.date === 'day' ? excelDateFormat : excelMonthFormat)[locale];
    });
    if (i % 2 === 1)
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F6FA' } };
      });
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** Rows of each sheet, from the record (exported for the tests and the API comparison). */
export function workbookRows(record: EngagementRecord, locale: LabelLocale = 'ja') {
  const l = labels(locale);
  const f: ReportFacts = record.facts;
  const byId = new Map(f.tree.nodes.map((n) => [n.id, n]));
  const depthOf = (id: string): number => {
    let d = 0;
    let n = byId.get(id);
    const seen = new Set<string>();
    while (n?.parentId && !seen.has(n.id)) {
      seen.add(n.id);
      d += 1;
      n = byId.get(n.parentId);
    }
    return d;
  };
  const tree: Cell[][] = f.tree.nodes.map((n, i) => [
    i + 1,
    depthOf(n.id) + 1,
    l.nodeKind[n.kind],
    n.title,
    n.parentId ? (byId.get(n.parentId)?.title ?? '') : '',
    n.hypothesisState ? l.hypothesisState[n.hypothesisState] : '',
    n.kind === 'measure' ? l.actionBadge[n.actionStatus ?? 'not_selected'] : '',
  ]);
  const actions: Cell[][] = f.actions.map((a, i) => [
    i + 1,
    a.title,
    a.ownerDepartment,
    a.partners.join('、'),
    l.priority[a.priority],
    l.actionStatus[a.status],
    a.rationale,
  ]);
  const roadmap: Cell[][] = f.roadmap.flatMap((r) => {
    const head: Cell[] = [r.title, l.actionStatus[r.status], r.startMonth ?? '', r.endMonth ?? ''];
    if (r.milestones.length === 0) return [[...head, '', '', '']];
    return r.milestones.map((m) => [...head, m.due, m.title, l.milestoneStatus[m.status]]);
  });
  // ロードマップ合意: one line under the rows (合意: 提案 〇〇 (日時) / 合意 〇〇 (日時)).
  if (f.roadmapAgreement) roadmap.push([roadmapAgreementLine(f.roadmapAgreement, locale)]);
  const plans: Cell[][] = f.verification.map((p) => [
    p.actionTitle,
    p.indicatorCode ?? '',
    p.indicatorName,
    p.unit,
    p.baselineValue,
    p.baselineAsOf ?? '',
    p.baselineNote ?? '',
    p.targetValue,
    p.targetBy ?? '',
    p.timing,
    p.dataSource,
    p.responsible,
    p.method,
    p.latest?.value ?? null,
    p.progress === null ? null : p.progress,
  ]);
  const values: Cell[][] = f.verification.flatMap((p) =>
    p.measurements.map((m) => [
      p.actionTitle,
      p.indicatorName,
      m.period,
      m.value,
      p.unit,
      record.comments.get(p.planId)?.get(m.period) ?? '',
    ]),
  );
  // ロジックフレーム: 目指す姿 / 中間アウトカム / 取組 × 指標 / 検証方法 / ベースライン / 目標 / 前提・リスク
  const frame = logframeRows(f.tree.nodes, f.actions, f.verification);
  const logframe: Cell[][] = frame.map((r) => [
    r.goal ?? '',
    r.outcomes.join('\n'),
    r.action.title,
    r.plan ? `${r.plan.indicatorName}${r.plan.unit ? ` (${r.plan.unit})` : ''}` : '',
    r.plan ? [r.plan.method, r.plan.dataSource, r.plan.timing].filter(Boolean).join('\n') : '',
    r.plan?.baselineValue ?? null,
    r.plan?.baselineAsOf ?? '',
    r.plan?.targetValue ?? null,
    r.plan?.targetBy ?? '',
    r.assumptions.map((a) => logframeAssumptionText(a, locale)).join('\n'),
  ]);
  return {
    tree,
    actions,
    roadmap,
    plans,
    values,
    logframe,
    logframeSpans: logframeSpans(frame),
    depths: f.tree.nodes.map((n) => depthOf(n.id)),
  };
}

export async function renderWorkbook(record: EngagementRecord, title: string, locale: LabelLocale = 'ja'): Promise<Buffer> {
  const t = terms(locale);
  const [treeName, actionsName, roadmapName, plansName, valuesName, logframeName] = workbookSheets(locale) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bansō';
  wb.title = title;
  wb.created = new Date(record.facts.generatedAt);
  const rows = workbookRows(record, locale);
  const value = '#,##0.0##';
  addSheet(
    wb,
    treeName,
    title,
    [
      { header: t.no, width: 6 },
      { header: t.depth, width: 7 },
      { header: t.kind, width: 14 },
      { header: t.item, width: 56 },
      { header: t.parentItem, width: 40 },
      { header: t.hypothesisState, width: 12 },
      { header: t.actionStatus, width: 12 },
    ],
    rows.tree,
    locale,
  );
  const treeSheet = wb.getWorksheet(treeName)!;
  rows.depths.forEach((d, i) => {
    treeSheet.getCell(i + 2, 4).alignment = { vertical: 'top', wrapText: true, indent: d };
  });
  addSheet(
    wb,
    actionsName,
    title,
    [
      { header: t.no, width: 6 },
      { header: t.action, width: 44 },
      { header: t.ownerDepartment, width: 18 },
      { header: t.partners, width: 24 },
      { header: t.priority, width: 8 },
      { header: t.status, width: 10 },
      { header: t.rationale, width: 56 },
    ],
    rows.actions,
    locale,
  );
  addSheet(
    wb,
    roadmapName,
    title,
    [
      { header: t.action, width: 44 },
      { header: t.status, width: 10 },
      { header: t.startMonth, width: 14, date: 'month' },
      { header: t.endMonth, width: 14, date: 'month' },
      { header: t.milestoneDue, width: 18, date: 'day' },
      { header: t.milestone, width: 36 },
      { header: t.milestoneStatus, width: 14 },
    ],
    rows.roadmap,
    locale,
  );
  addSheet(
    wb,
    plansName,
    title,
    [
      { header: t.action, width: 34 },
      { header: t.indicatorCode, width: 10 },
      { header: t.indicator, width: 34 },
      { header: t.unit, width: 8 },
      { header: t.baseline, width: 12, numFmt: value },
      { header: t.baselineAsOf, width: 14, date: 'month' },
      { header: t.baselineNote, width: 16 },
      { header: t.targetValue, width: 10, numFmt: value },
      { header: t.targetBy, width: 14, date: 'month' },
      { header: t.timing, width: 18 },
      { header: t.dataSource, width: 20 },
      { header: t.responsible, width: 14 },
      { header: t.method, width: 20 },
      { header: t.latest, width: 10, numFmt: value },
      { header: t.progress, width: 8, numFmt: '0%' },
    ],
    rows.plans,
    locale,
  );
  addSheet(
    wb,
    valuesName,
    title,
    [
      { header: t.action, width: 36 },
      { header: t.indicator, width: 36 },
      { header: t.period, width: 14, date: 'month' },
      { header: t.value, width: 12, numFmt: value },
      { header: t.unit, width: 8 },
      { header: t.comment, width: 50 },
    ],
    rows.values,
    locale,
  );
  const logframe = addSheet(
    wb,
    logframeName,
    title,
    [
      { header: t.desiredState, width: 26 },
      { header: t.intermediateOutcome, width: 26 },
      { header: t.action, width: 30 },
      { header: t.indicator, width: 26 },
      { header: t.verification, width: 30 },
      { header: t.baseline, width: 11, numFmt: value },
      { header: t.baselineAsOf, width: 13, date: 'month' },
      { header: t.targetValue, width: 11, numFmt: value },
      { header: t.targetBy, width: 13, date: 'month' },
      { header: t.assumptions, width: 34 },
    ],
    rows.logframe,
    locale,
  );
  // The goal and outcome cells of consecutive rows that share them are merged (an empty one is left alone), as the view draws them.
  rows.logframeSpans.forEach((span, i) => {
    const [goal, outcomes] = rows.logframe[i]!;
    if (span.goal > 1 && goal) logframe.mergeCells(i + 2, 1, i + 1 + span.goal, 1);
    if (span.outcomes > 1 && outcomes) logframe.mergeCells(i + 2, 2, i + 1 + span.outcomes, 2);
  });
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
