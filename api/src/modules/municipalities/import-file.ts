/**
 * Reading a municipality master file — the layout of the official 全国地方公共団体コード list
 * (団体コード, 都道府県名（漢字）, 市区町村名（漢字）, 都道府県名（カナ）, 市区町村名（カナ）) plus optional
 * category, region type, population and aging-rate columns — as CSV (UTF-8 with or without BOM, or
 * Shift_JIS) or xlsx, and validating every row.
 */
import { type MunicipalityCategory, type MunicipalityImportReason, type MunicipalityImportRowError, type RegionType } from '@banso/shared';
import { municipalityCodeProblem } from '@banso/shared/municipality-code';
import { BadRequest } from '../../lib/errors.js';
import { type Cell, fileError, type Grid } from '../../lib/grid-file.js';

export type Field = MunicipalityImportRowError['field'];

export interface MasterRow {
  row: number;
  code: string;
  prefecture: string | null;
  name: string;
  prefectureKana: string | null;
  nameKana: string | null;
  /** Null: the file does not say (kept on update; inferred from the name on create). */
  category: MunicipalityCategory | null;
  regionType: RegionType | null;
  population: number | null;
  agingRate: number | null;
}

export interface ValidatedFile {
  format: Grid['format'];
  encoding: Grid['encoding'];
  rows: number;
  skipped: number;
  valid: MasterRow[];
  errors: MunicipalityImportRowError[];
  /** Which optional columns the file has (an absent column leaves the stored value alone). */
  present: Set<Field>;
}

// ── Columns ───────────────────────────────────────────────────────────────────────────────────────

/** Header spellings, compared after NFKC, without spaces and brackets, lower-cased. */
const aliases: Record<Field, string[]> = {
  code: ['団体コード', '地方公共団体コード', 'コード', 'code'],
  prefecture: ['都道府県名漢字', '都道府県名', '都道府県', 'prefecture'],
  name: ['市区町村名漢字', '市区町村名', '区市町村名', '団体名', 'name'],
  prefectureKana: ['都道府県名カナ', 'prefecturekana', 'prefecture_kana'],
  nameKana: ['市区町村名カナ', '区市町村名カナ', 'kana', 'namekana', 'name_kana'],
  category: ['区分', '区市町村区分', 'category'],
  regionType: ['地域類型', '地域区分', 'regiontype', 'region_type'],
  population: ['人口', '総人口', 'population'],
  agingRate: ['高齢化率', 'agingrate', 'aging_rate'],
};

const normalizeHeader = (h: string) =>
  h
    .normalize('NFKC')
    .replace(/[\s()（）[\]「」]/g, '')
    .toLowerCase();

function columnsOf(header: string[]): Map<Field, number> {
  const found = new Map<Field, number>();
  header.forEach((h, i) => {
    const n = normalizeHeader(h);
    for (const [field, names] of Object.entries(aliases) as [Field, string[]][])
      if (!found.has(field) && names.some((a) => normalizeHeader(a) === n)) found.set(field, i);
  });
  return found;
}

const categoryWords: Record<string, MunicipalityCategory> = {
  区部: 'ward',
  区: 'ward',
  特別区: 'ward',
  ward: 'ward',
  市部: 'city',
  市: 'city',
  city: 'city',
  町村部: 'town_village',
  町村: 'town_village',
  町: 'town_village',
  村: 'town_village',
  town_village: 'town_village',
};
const regionWords: Record<string, RegionType> = {
  大都市型: 'metro',
  大都市: 'metro',
  metro: 'metro',
  都市型: 'urban',
  都市: 'urban',
  urban: 'urban',
  '離島・中山間型': 'island_mountain',
  離島中山間型: 'island_mountain',
  離島: 'island_mountain',
  中山間: 'island_mountain',
  island_mountain: 'island_mountain',
};

/** The category a name implies (…区 / …市 / …町・…村), or null. */
export function categoryFromName(name: string): MunicipalityCategory | null {
  if (/区$/.test(name)) return 'ward';
  if (/市$/.test(name)) return 'city';
  if (/[町村]$/.test(name)) return 'town_village';
  return null;
}

const numberText = (t: string) => t.normalize('NFKC').replace(/[,\s]/g, '').replace(/%$/, '');

/** Every row checked; a file-level problem (no code or name column, no rows) is a 400 at once. */
export function validateGrid(grid: Grid): ValidatedFile {
  const columns = columnsOf(grid.header);
  const missing = (['code', 'name'] as const).filter((f) => !columns.has(f));
  if (missing.length)
    throw new BadRequest(
      `The file has no ${missing.map((f) => (f === 'code' ? '団体コード' : '市区町村名')).join(' or ')} column (row 1 must be the header)`,
      missing.map((f) => ({
        path: 'body',
        message: `Missing column ${f === 'code' ? '団体コード' : '市区町村名（漢字）'}`,
        rule: 'missing_column',
      })),
      'invalid_file',
    );
  const headerOf = (f: Field) => grid.header[columns.get(f)!]?.replace(/\s+/g, '') ?? f;
  const errors: MunicipalityImportRowError[] = [];
  const valid: MasterRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  let rows = 0;
  let skipped = 0;

  for (const { row, cells } of grid.rows) {
    const cell = (f: Field): Cell | undefined => (columns.has(f) ? cells[columns.get(f)!] : undefined);
    const text = (f: Field) => (cell(f)?.text ?? '').normalize('NFKC').trim();
    if (cells.every((c) => c.text.trim() === '')) continue;
    const codeCell = cell('code');
    let code = text('code');
    // A spreadsheet that stored the code as a number dropped its leading zero (011002 → 11002).
    if (codeCell?.numeric && /^[0-9]{1,6}$/.test(code)) code = code.padStart(6, '0');
    const name = text('name');
    // Prefecture rows of the official list (e.g. 130001 東京都) carry no municipality name.
    if (!name && /^[0-9]{2}000[0-9]$/.test(code)) {
      skipped++;
      continue;
    }
    rows++;
    const rowErrors: MunicipalityImportRowError[] = [];
    const fail = (field: Field, reason: MunicipalityImportReason, message: string) =>
      rowErrors.push({ row, column: headerOf(field), field, code: code || null, reason, message });

    if (!code) fail('code', 'missing_code', 'The code is missing');
    else {
      const problem = municipalityCodeProblem(code);
      if (problem === 'not_six_digits') fail('code', 'not_six_digits', `${code} is not a 6-digit code`);
      else if (problem === 'bad_check_digit') fail('code', 'bad_check_digit', `${code}: the check digit (6th digit) is wrong`);
      else {
        const first = firstRowOfCode.get(code);
        if (first !== undefined) fail('code', 'duplicate_code', `${code} is already on row ${first}`);
        else firstRowOfCode.set(code, row);
      }
    }
    if (!name) fail('name', 'missing_name', 'The municipality name is missing');

    let category: MunicipalityCategory | null = null;
    const categoryText = text('category');
    if (categoryText) {
      category = categoryWords[categoryText.toLowerCase()] ?? null;
      if (!category) fail('category', 'unknown_category', `${categoryText} is not 区部, 市部, 町村部 (or ward, city, town_village)`);
    }
    let regionType: RegionType | null = null;
    const regionText = text('regionType');
    if (regionText) {
      regionType = regionWords[regionText.toLowerCase()] ?? null;
      if (!regionType)
        fail(
          'regionType',
          'unknown_region_type',
          `${regionText} is not 大都市型, 都市型, 離島・中山間型 (or metro, urban, island_mountain)`,
        );
    }
    const numberOf = (field: 'population' | 'agingRate', integer: boolean, max: number): number | null => {
      const raw = text(field);
      if (!raw) return null;
      const t = numberText(raw);
      if (!(integer ? /^[0-9]+$/ : /^[0-9]+(\.[0-9]+)?$/).test(t)) {
        fail(field, 'not_a_number', `${raw} is not ${integer ? 'a whole number' : 'a number'}`);
        return null;
      }
      const n = Number(t);
      if (n > max) {
        fail(field, 'out_of_range', `${raw} is above ${max}`);
        return null;
      }
      return n;
    };
    const population = numberOf('population', true, 2_147_483_647);
    const agingRate = numberOf('agingRate', false, 100);

    if (rowErrors.length) errors.push(...rowErrors);
    else
      valid.push({
        row,
        code,
        name,
        prefecture: text('prefecture') || null,
        prefectureKana: text('prefectureKana') || null,
        nameKana: text('nameKana') || null,
        category,
        regionType,
        population,
        agingRate,
      });
  }
  if (rows === 0 && errors.length === 0) throw fileError('The file has no municipality rows under its header');
  return { format: grid.format, encoding: grid.encoding, rows, skipped, valid, errors, present: new Set(columns.keys()) };
}
