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
  WORKBOOK_FORMAT,
  type WorkbookSheetKey,
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
  /** A hidden column (the round trip's ids and versions): after the visible ones, outside the filter. */
  hidden?: boolean;
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
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, ...(c.hidden ? { hidden: true } : {}) }));
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
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.filter((c) => !c.hidden).length } };
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
  // The logframe is one row per action's plan; goal- and outcome-level plans are on the 検証方法 sheet.
  const actionPlans = f.verification.flatMap((p) => (p.actionId ? [{ ...p, actionId: p.actionId }] : []));
  const frame = logframeRows(f.tree.nodes, f.actions, actionPlans);
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

// ── The round trip (issue 17.1): hidden ids and versions, and what was exported ───────────────────

/** The headers of the hidden columns, the same in every language. */
export const hiddenHeaders = { id: 'banso:id', version: 'banso:version', parent: 'banso:parent' } as const;
/** The very hidden sheet with the export's metadata and the exported values of the editable cells. */
export const META_SHEET = '_banso';

/** One editable row as exported: its record's id and version, a label for people, and its editable values. */
export interface EditableRow {
  id: string;
  version: number;
  /** The plan of a measurement, the action of a milestone. */
  parent: string;
  label: string;
  values: Record<string, Cell>;
}

/**
 * The editable rows of each sheet, in the sheets' order, from the record: what the export writes and
 * what the import compares an upload with (the same function on the record as it stands now).
 * Values are in their domain form: enums as codes, months as YYYY-MM, partners joined by 、.
 */
export function editableRows(record: EngagementRecord): Record<WorkbookSheetKey, EditableRow[]> {
  const f = record.facts;
  const v = record.versions;
  return {
    tree: f.tree.nodes.map((n) => ({
      id: n.id,
      version: v.treeRevision,
      parent: n.parentId ?? '',
      label: n.title,
      values: { title: n.title },
    })),
    actions: f.actions.map((a) => ({
      id: a.id,
      version: v.actions.get(a.id) ?? 0,
      parent: a.nodeId,
      label: a.title,
      values: {
        ownerDepartment: a.ownerDepartment,
        partners: a.partners.join('、'),
        priority: a.priority,
        status: a.status,
        rationale: a.rationale,
      },
    })),
    roadmap: f.roadmap.flatMap((r) =>
      r.milestones.map((m) => ({
        id: m.id,
        version: v.milestones.get(m.id) ?? 0,
        parent: r.actionId,
        label: `${r.title} / ${m.title}`,
        values: { due: m.due, title: m.title, status: m.status },
      })),
    ),
    plans: f.verification.map((p) => ({
      id: p.planId,
      version: v.plans.get(p.planId) ?? 0,
      parent: p.actionId ?? p.nodeId ?? '',
      label: `${p.actionTitle} / ${p.indicatorName}`,
      values: {
        baselineValue: p.baselineValue,
        baselineAsOf: p.baselineAsOf,
        baselineNote: p.baselineNote ?? '',
        targetValue: p.targetValue,
        targetBy: p.targetBy,
        timing: p.timing,
        dataSource: p.dataSource,
        responsible: p.responsible,
        method: p.method,
      },
    })),
    measurements: f.verification.flatMap((p) =>
      p.measurements.map((m) => {
        const key = v.measurements.get(p.planId)?.get(m.period);
        return {
          id: key?.id ?? '',
          version: key?.version ?? 0,
          parent: p.planId,
          label: `${p.indicatorName} ${m.period}`,
          values: { period: m.period, value: m.value, comment: record.comments.get(p.planId)?.get(m.period) ?? '' },
        };
      }),
    ),
  };
}

const hiddenColumns: Column[] = [
  { header: hiddenHeaders.id, width: 8, hidden: true },
  { header: hiddenHeaders.version, width: 8, hidden: true },
  { header: hiddenHeaders.parent, width: 8, hidden: true },
];
const hiddenCells = (r: Pick<EditableRow, 'id' | 'version' | 'parent'> | null): Cell[] => (r ? [r.id, r.version, r.parent] : []);

/** The metadata sheet: key/value lines, then one line per exported editable cell (sheet, id, version, field, JSON value). */
function addMetaSheet(
  wb: ExcelJS.Workbook,
  record: EngagementRecord,
  editable: Record<WorkbookSheetKey, EditableRow[]>,
  locale: LabelLocale,
) {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  ws.addRow(['format', WORKBOOK_FORMAT]);
  ws.addRow(['engagementId', record.facts.engagement.id]);
  ws.addRow(['exportedAt', record.facts.generatedAt]);
  ws.addRow(['locale', locale]);
  ws.addRow(['treeRevision', record.versions.treeRevision]);
  ws.addRow([]);
  ws.addRow(['sheet', 'id', 'version', 'field', 'value']);
  for (const [sheet, rows] of Object.entries(editable))
    for (const r of rows)
      for (const [field, value] of Object.entries(r.values)) ws.addRow([sheet, r.id, r.version, field, JSON.stringify(value)]);
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
  const editable = editableRows(record);
  // The roadmap's rows: a milestone's, or an action's without milestones (its id as the parent), then the agreement line.
  const stones = new Map(editable.roadmap.map((r) => [r.id, r]));
  const roadmapKeys = record.facts.roadmap.flatMap((r) =>
    r.milestones.length === 0 ? [{ id: '', version: 0, parent: r.actionId }] : r.milestones.map((m) => stones.get(m.id)!),
  );
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
      ...hiddenColumns,
    ],
    rows.tree.map((r, i) => [...r, ...hiddenCells(editable.tree[i]!)]),
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
      ...hiddenColumns,
    ],
    rows.actions.map((r, i) => [...r, ...hiddenCells(editable.actions[i]!)]),
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
      ...hiddenColumns,
    ],
    rows.roadmap.map((r, i) => [...r, ...hiddenCells(roadmapKeys[i] ?? null)]),
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
      ...hiddenColumns,
    ],
    rows.plans.map((r, i) => [...r, ...hiddenCells(editable.plans[i]!)]),
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
      ...hiddenColumns,
    ],
    rows.values.map((r, i) => [...r, ...hiddenCells(editable.measurements[i]!)]),
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
  addMetaSheet(wb, record, editable, locale);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
