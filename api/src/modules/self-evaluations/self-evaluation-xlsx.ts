/**
 * The 「取組と目標」 self-evaluation sheet as a printable Excel file: the title (令和8年度 取組と目標
 * 自己評価シート) and the insurer above the table, A4 landscape fitted to the width, the title rows and
 * the header row repeated on every page, wrapped text, the marks (◎○△×) large in their own column.
 * Styled like the engagement workbook (reports/exports/xlsx.ts): navy header, hairlines, banded rows.
 */
import {
  carePlanPeriodLabel,
  type LabelLocale,
  labels,
  type ReportSelfEvaluation,
  selfEvaluationMarkLegend,
  selfEvaluationMarkSymbols,
  selfEvaluationSheetTitle,
  terms,
} from '@banso/shared';
import ExcelJS from 'exceljs';

export interface SelfEvaluationSheet {
  fiscalYear: number;
  municipalityName: string;
  municipalityCode: string;
  rows: readonly ReportSelfEvaluation[];
  generatedAt: Date;
}

/** The row of the column headers (1: title, 2: insurer and plan period, 3: headers). */
export const HEADER_ROW = 3;

type Cell = string | number | null;

interface Column {
  header: string;
  width: number;
  align?: 'center' | 'right';
  /** The mark column: its symbol large. */
  mark?: boolean;
}

/** The sheet's columns and rows (exported for the tests). */
export function sheetTable(sheet: SelfEvaluationSheet, locale: LabelLocale): { columns: Column[]; rows: Cell[][] } {
  const t = terms(locale);
  const l = labels(locale);
  const columns: Column[] = [
    { header: t.no, width: 5, align: 'center' },
    { header: t.planTheme, width: 14 },
    { header: t.planGoal, width: 30 },
    { header: t.indicator, width: 22 },
    { header: t.unit, width: 7, align: 'center' },
    { header: t.target, width: 9, align: 'right' },
    { header: t.actual, width: 9, align: 'right' },
    { header: t.selfEvaluation, width: 8, align: 'center', mark: true },
    { header: t.selfEvaluationComment, width: 40 },
    { header: t.direction, width: 10, align: 'center' },
    { header: t.directionDetail, width: 30 },
    { header: t.linkedActions, width: 26 },
  ];
  const rows: Cell[][] = sheet.rows.map((r, i) => [
    i + 1,
    r.theme,
    r.title,
    r.indicatorName,
    r.unit,
    r.targetValue,
    r.actualValue,
    r.mark ? selfEvaluationMarkSymbols[r.mark] : '',
    r.comment,
    r.direction ? l.selfEvaluationDirection[r.direction] : '',
    r.directionText,
    r.actions.map((a) => `・${a.title}`).join('\n'),
  ]);
  return { columns, rows };
}

const NAVY = 'FF1F3B63';

export async function renderSelfEvaluationWorkbook(sheet: SelfEvaluationSheet, locale: LabelLocale = 'ja'): Promise<Buffer> {
  const t = terms(locale);
  const title = selfEvaluationSheetTitle(sheet.fiscalYear, locale);
  const { columns, rows } = sheetTable(sheet, locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bansō';
  wb.title = `${title} ${sheet.municipalityName}`;
  wb.created = sheet.generatedAt;
  const ws = wb.addWorksheet(t.selfEvaluationSheet, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `1:${HEADER_ROW}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&R${sheet.municipalityName.replace(/&/g, '&&')}`,
      oddFooter: `&L${title.replace(/&/g, '&&')}&C&P / &N`,
    },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;

  // 1: the title, across the table.
  ws.mergeCells(1, 1, 1, last);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 16, color: { argb: NAVY } };
  titleCell.alignment = { vertical: 'middle', horizontal: 'center' };
  ws.getRow(1).height = 30;

  // 2: the insurer, the plan period and the marks' legend.
  ws.mergeCells(2, 1, 2, 4);
  ws.getCell(2, 1).value = `${t.insurer}: ${sheet.municipalityName}（${sheet.municipalityCode}）`;
  ws.getCell(2, 1).font = { bold: true, size: 12 };
  ws.mergeCells(2, 5, 2, 8);
  ws.getCell(2, 5).value = carePlanPeriodLabel(sheet.fiscalYear, locale);
  ws.mergeCells(2, 9, 2, last);
  ws.getCell(2, 9).value = selfEvaluationMarkLegend(locale);
  ws.getCell(2, 9).alignment = { horizontal: 'right', vertical: 'middle' };
  ws.getRow(2).height = 20;

  // 3: the headers, repeated on every printed page.
  const header = ws.getRow(HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.height = 30;
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: NAVY } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { top: { style: 'thin', color: { argb: NAVY } }, bottom: { style: 'thin', color: { argb: NAVY } } };
  });

  if (rows.length === 0) {
    ws.mergeCells(HEADER_ROW + 1, 1, HEADER_ROW + 1, last);
    ws.getCell(HEADER_ROW + 1, 1).value = t.noSelfEvaluations;
    ws.getCell(HEADER_ROW + 1, 1).alignment = { horizontal: 'center' };
  }
  rows.forEach((values, i) => {
    const row = ws.addRow(values.map((v) => (v === '' ? null : v)));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const c = columns[col - 1];
      cell.alignment = { vertical: c?.mark ? 'middle' : 'top', horizontal: c?.align ?? 'left', wrapText: true };
      cell.border = {
        bottom: { style: 'hair', color: { argb: 'FFB0B8C4' } },
        left: { style: 'hair', color: { argb: 'FFB0B8C4' } },
        right: { style: 'hair', color: { argb: 'FFB0B8C4' } },
      };
      if (c?.mark) cell.font = { bold: true, size: 16, color: { argb: NAVY } };
      if (i % 2 === 1) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F6FA' } };
    });
  });
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
