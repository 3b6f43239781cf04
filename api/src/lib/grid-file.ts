/**
 * Reading a spreadsheet file into a grid of text cells with their row numbers: CSV (UTF-8 with or
 * without BOM, or Shift_JIS, as Excel writes it on Japanese Windows) or xlsx (the first worksheet).
 * Used by every import (the municipality master, indicator figures, 交付金 scores).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { BadRequest } from './errors.js';

/** A cell: its text, and whether the spreadsheet stored it as a number (codes lose leading zeros then). */
export interface Cell {
  text: string;
  numeric: boolean;
  /** The cell's indent level in xlsx (Excel's 「インデントを増やす」), when set. */
  indent?: number;
}

export interface Grid {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'shift_jis' | null;
  header: string[];
  /** The header's row number (1 in CSV; the first row with content in xlsx). */
  headerRow: number;
  /** Data rows with their spreadsheet row numbers (header = 1). */
  rows: { row: number; cells: Cell[] }[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const XLS_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export const fileError = (message: string) => new BadRequest(message, [{ path: 'body', message }], 'invalid_file');

/** CSV bytes as text: a UTF-8 BOM is skipped; bytes that are not UTF-8 are read as Shift_JIS (Excel's 「CSV」 on Japanese Windows). */
function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(body), encoding: 'shift_jis' };
  }
}

function readCsv(text: string, encoding: 'utf-8' | 'shift_jis'): Grid {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (err) {
    throw fileError(`The CSV cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const [header = [], ...data] = records;
  return {
    format: 'csv',
    encoding,
    header,
    headerRow: 1,
    rows: data.map((cells, i) => ({ row: i + 2, cells: cells.map((t) => ({ text: t, numeric: false })) })),
  };
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'number') return { text: String(value), numeric: true };
  if (typeof value === 'string') return { text: value, numeric: false };
  if (typeof value === 'boolean') return { text: String(value), numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), numeric: false };
  if ('result' in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return { text: String(value.text), numeric: false };
  return { text: '', numeric: false };
}

async function loadXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw fileError(`The xlsx file cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  return workbook;
}

async function readXlsx(bytes: Buffer): Promise<Grid> {
  const workbook = await loadXlsx(bytes);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError('The xlsx file has no worksheet');
  return gridOf(sheet);
}

function gridOf(sheet: ExcelJS.Worksheet): Grid {
  const headerRow = firstRow(sheet);
  const grid: Grid = { format: 'xlsx', encoding: null, header: [], headerRow, rows: [] };
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      const indent = cell.alignment?.indent;
      cells.push(indent ? { ...cellOf(cell.value), indent } : cellOf(cell.value));
    }
    if (grid.header.length === 0 && rowNumber === headerRow) grid.header = cells.map((x) => x.text);
    else grid.rows.push({ row: rowNumber, cells });
  });
  return grid;
}

function firstRow(sheet: ExcelJS.Worksheet): number {
  let first = 0;
  sheet.eachRow({ includeEmpty: false }, (_r, n) => {
    if (first === 0) first = n;
  });
  return first;
}

/** A named worksheet of a workbook, read as a grid (hidden columns included). */
export interface Sheet extends Grid {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

/** Raw body → every worksheet of an xlsx workbook (the engagement workbook's import); anything but xlsx is refused. */
export async function readSheets(body: unknown): Promise<Sheet[]> {
  if (!Buffer.isBuffer(body)) throw fileError('Send the xlsx file itself as the body (the xlsx content type, or application/octet-stream)');
  if (body.length === 0) throw fileError('The file is empty');
  if (!body.subarray(0, 4).equals(XLSX_MAGIC))
    throw fileError('This is not an xlsx workbook: upload the workbook Bansō exported, saved as .xlsx');
  const workbook = await loadXlsx(body);
  return workbook.worksheets.map((ws) => ({ ...gridOf(ws), name: ws.name, state: ws.state }));
}

/** Raw body → grid: xlsx by its zip signature, anything else as CSV. */
export async function readGrid(body: unknown): Promise<Grid> {
  // A JSON body (an object, or a bare number or boolean) is not a file either.
  if (typeof body === 'string') return readCsv(body.replace(/^\uFEFF/, ''), 'utf-8');
  if (!Buffer.isBuffer(body))
    throw fileError('Send the file itself as the body (Content-Type text/csv, or the xlsx content type, or application/octet-stream)');
  const bytes = body;
  if (bytes.length === 0) throw fileError('The file is empty');
  if (bytes.subarray(0, 4).equals(XLSX_MAGIC)) return readXlsx(bytes);
  if (bytes.subarray(0, 4).equals(XLS_MAGIC)) throw fileError('This is an old .xls workbook: save it as .xlsx or CSV first');
  const { text, encoding } = decodeCsv(bytes);
  return readCsv(text, encoding);
}
