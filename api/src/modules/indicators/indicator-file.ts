/**
 * Reading an indicator file into values: Bansō's template (団体コード, 指標コード, 期間, 値 — one value
 * a row) or the table layout of a 見える化 download (areas as rows with their 団体コード, periods as
 * columns: 令和2年度, 2021年度, R3 …; one indicator per file, named by ?indicator=). Cells are only
 * read here; areas and indicators are resolved by the service.
 */
import { normalizePeriod } from '@banso/shared';
import { BadRequest } from '../../lib/errors.js';
import type { Cell, Grid } from '../../lib/grid-file.js';

export interface RawValue {
  row: number;
  column: string;
  areaCode: string;
  areaName: string;
  indicatorCode: string;
  period: string;
  text: string;
}

export interface ReadFile {
  layout: 'template' | 'mieruka';
  values: RawValue[];
  /** Rows whose area cell is unreadable or whose period column is not a period. */
  errors: { row: number; column: string; areaCode: string | null; reason: 'bad_period'; message: string }[];
}

const normalizeHeader = (h: string) =>
  h
    .normalize('NFKC')
    .replace(/[\s()（）[\]「」]/g, '')
    .toLowerCase();
const codeHeaders = ['団体コード', '地方公共団体コード', '保険者コード', '市区町村コード', 'コード', 'code', 'areacode'].map(
  normalizeHeader,
);
const nameHeaders = ['団体名', '保険者名', '市区町村名', '地域', '地域名', '区市町村名', 'name', 'areaname'].map(normalizeHeader);
const indicatorHeaders = ['指標コード', 'indicator', 'indicatorcode'].map(normalizeHeader);
const periodHeaders = ['期間', '年度', 'period'].map(normalizeHeader);
const valueHeaders = ['値', '数値', 'value'].map(normalizeHeader);

const find = (header: string[], names: string[]) => header.findIndex((h) => names.includes(normalizeHeader(h)));

/** A code cell as text: a spreadsheet that stored a 6-digit code as a number dropped its leading zero. */
function codeOf(cell: Cell | undefined): string {
  const t = (cell?.text ?? '').normalize('NFKC').trim();
  return cell?.numeric && /^[0-9]{4,5}$/.test(t) ? t.padStart(6, '0') : t;
}

export function readIndicatorGrid(grid: Grid, indicator: string | undefined): ReadFile {
  // A 見える化 download may carry title lines above the header: the header is the first row with a code column.
  const all = [{ row: 1, cells: grid.header.map((text) => ({ text, numeric: false })) }, ...grid.rows];
  const headerAt = all.findIndex(
    (r) =>
      find(
        r.cells.map((c) => c.text),
        codeHeaders,
      ) >= 0,
  );
  if (headerAt < 0)
    throw new BadRequest(
      'The file has no 団体コード column',
      [{ path: 'body', message: 'Missing column 団体コード', rule: 'missing_column' }],
      'invalid_file',
    );
  const header = all[headerAt]!.cells.map((c) => c.text.trim());
  const rows = all.slice(headerAt + 1);
  const codeAt = find(header, codeHeaders);
  const nameAt = find(header, nameHeaders);
  const text = (cells: Cell[], i: number) => (i >= 0 ? (cells[i]?.text ?? '') : '').normalize('NFKC').trim();
  const values: RawValue[] = [];
  const errors: ReadFile['errors'] = [];

  const indicatorAt = find(header, indicatorHeaders);
  const periodAt = find(header, periodHeaders);
  const valueAt = find(header, valueHeaders);
  if (indicatorAt >= 0 && periodAt >= 0 && valueAt >= 0) {
    for (const { row, cells } of rows) {
      if (cells.every((c) => c.text.trim() === '')) continue;
      const areaCode = codeOf(cells[codeAt]);
      const periodText = text(cells, periodAt);
      const period = normalizePeriod(periodText);
      if (!period) {
        errors.push({
          row,
          column: header[periodAt]!,
          areaCode,
          reason: 'bad_period',
          message: `${periodText || '(blank)'} is not a period`,
        });
        continue;
      }
      values.push({
        row,
        column: header[valueAt]!,
        areaCode,
        areaName: text(cells, nameAt),
        indicatorCode: text(cells, indicatorAt),
        period,
        text: text(cells, valueAt),
      });
    }
    return { layout: 'template', values, errors };
  }

  const periodColumns = header.flatMap((h, i) => {
    if (i === codeAt || i === nameAt) return [];
    const period = normalizePeriod(h);
    return period ? [{ i, period, column: h }] : [];
  });
  if (periodColumns.length === 0)
    throw new BadRequest(
      'The file has neither the template columns (指標コード, 期間, 値) nor period columns (令和6年度, 2024年度 …)',
      [{ path: 'body', message: 'No period columns', rule: 'missing_column' }],
      'invalid_file',
    );
  if (!indicator)
    throw new BadRequest('A 見える化 table holds one indicator: name it with ?indicator=CODE', [
      { path: 'querystring.indicator', message: 'Required for a table of periods as columns' },
    ]);
  for (const { row, cells } of rows) {
    if (cells.every((c) => c.text.trim() === '')) continue;
    const areaCode = codeOf(cells[codeAt]);
    const areaName = text(cells, nameAt);
    for (const p of periodColumns)
      values.push({ row, column: p.column, areaCode, areaName, indicatorCode: indicator, period: p.period, text: text(cells, p.i) });
  }
  return { layout: 'mieruka', values, errors };
}
