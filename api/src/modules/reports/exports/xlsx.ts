/**
 * The engagement as an Excel workbook: ロジックツリー, 取組, ロードマップ, 検証方法, 測定値, each sheet
 * ready to print (A4 landscape, fit to width, header row repeated, frozen header, column widths).
 */
import { reportLabels, type ReportFacts } from '@banso/shared';
import ExcelJS from 'exceljs';
import type { EngagementRecord } from '../facts.js';

export const workbookSheets = ['ロジックツリー', '取組', 'ロードマップ', '検証方法', '測定値'] as const;

interface Column {
  header: string;
  width: number;
  /** Number format for numeric cells. */
  numFmt?: string;
  wrap?: boolean;
}

type Cell = string | number | null;

function addSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: Column[], rows: Cell[][]) {
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
    const row = ws.addRow(values.map((v) => (v === '' ? null : v)));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const c = columns[col - 1];
      cell.alignment = { vertical: 'top', wrapText: c?.wrap ?? true };
      cell.border = { bottom: { style: 'hair', color: { argb: 'FFB0B8C4' } } };
      if (c?.numFmt && typeof cell.value === 'number') cell.numFmt = c.numFmt;
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
export function workbookRows(record: EngagementRecord) {
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
    reportLabels.nodeKind[n.kind],
    n.title,
    n.parentId ? (byId.get(n.parentId)?.title ?? '') : '',
    n.hypothesisState ? reportLabels.hypothesisState[n.hypothesisState] : '',
    n.kind === 'measure' ? (n.actionStatus ? reportLabels.actionStatus[n.actionStatus] : '未選定') : '',
  ]);
  const actions: Cell[][] = f.actions.map((a, i) => [
    i + 1,
    a.title,
    a.ownerDepartment,
    a.partners.join('、'),
    reportLabels.priority[a.priority],
    reportLabels.actionStatus[a.status],
    a.rationale,
  ]);
  const roadmap: Cell[][] = f.roadmap.flatMap((r) => {
    const head: Cell[] = [r.title, reportLabels.actionStatus[r.status], r.startMonth ?? '', r.endMonth ?? ''];
    if (r.milestones.length === 0) return [[...head, '', '', '']];
    return r.milestones.map((m) => [...head, m.due, m.title, reportLabels.milestoneStatus[m.status]]);
  });
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
    p.measurements.map((m) => [p.actionTitle, p.indicatorName, m.period, m.value, p.unit, record.comments.get(p.planId)?.get(m.period) ?? '']),
  );
  return { tree, actions, roadmap, plans, values, depths: f.tree.nodes.map((n) => depthOf(n.id)) };
}

export async function renderWorkbook(record: EngagementRecord, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bansō';
  wb.title = title;
  wb.created = new Date(record.facts.generatedAt);
  const rows = workbookRows(record);
  addSheet(
    wb,
    'ロジックツリー',
    title,
    [
      { header: 'No', width: 6 },
      { header: '階層', width: 7 },
      { header: '種類', width: 14 },
      { header: '項目', width: 56 },
      { header: '上位の項目', width: 40 },
      { header: '仮説の状態', width: 12 },
      { header: '取組の状態', width: 12 },
    ],
    rows.tree,
  );
  const treeSheet = wb.getWorksheet('ロジックツリー')!;
  rows.depths.forEach((d, i) => {
    treeSheet.getCell(i + 2, 4).alignment = { vertical: 'top', wrapText: true, indent: d };
  });
  addSheet(
    wb,
    '取組',
    title,
    [
      { header: 'No', width: 6 },
      { header: '取組', width: 44 },
      { header: '担当', width: 18 },
      { header: '連携先', width: 24 },
      { header: '優先度', width: 8 },
      { header: '状態', width: 10 },
      { header: '選定理由', width: 56 },
    ],
    rows.actions,
  );
  addSheet(
    wb,
    'ロードマップ',
    title,
    [
      { header: '取組', width: 44 },
      { header: '状態', width: 10 },
      { header: '開始月', width: 10 },
      { header: '終了月', width: 10 },
      { header: 'マイルストーン期日', width: 14 },
      { header: 'マイルストーン', width: 36 },
      { header: 'マイルストーン状態', width: 14 },
    ],
    rows.roadmap,
  );
  addSheet(
    wb,
    '検証方法',
    title,
    [
      { header: '取組', width: 34 },
      { header: '指標コード', width: 10 },
      { header: '指標', width: 34 },
      { header: '単位', width: 8 },
      { header: 'ベースライン', width: 12, numFmt: '#,##0.0##' },
      { header: '基準時点', width: 10 },
      { header: 'ベースライン備考', width: 16 },
      { header: '目標値', width: 10, numFmt: '#,##0.0##' },
      { header: '目標時期', width: 10 },
      { header: '測定時期', width: 18 },
      { header: 'データ出典', width: 20 },
      { header: '担当', width: 14 },
      { header: '方法', width: 20 },
      { header: '最新値', width: 10, numFmt: '#,##0.0##' },
      { header: '進捗', width: 8, numFmt: '0%' },
    ],
    rows.plans,
  );
  addSheet(
    wb,
    '測定値',
    title,
    [
      { header: '取組', width: 36 },
      { header: '指標', width: 36 },
      { header: '期間', width: 10 },
      { header: '値', width: 12, numFmt: '#,##0.0##' },
      { header: '単位', width: 8 },
      { header: 'コメント', width: 50 },
    ],
    rows.values,
  );
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
