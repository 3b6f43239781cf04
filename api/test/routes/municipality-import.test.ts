/**
 * Municipality master import: files made here with real bytes — UTF-8 CSV with a BOM and the official
 * list's two-line headers, Shift_JIS CSV, and xlsx written with exceljs.
 */
import { count, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { withCheckDigit } from '@banso/shared/municipality-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, municipalities } from '../../src/db/schema/index.js';
import { createTestContext, demo, type Session, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let office: Session;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  office = await ctx.login(demo.office);
});
afterAll(() => ctx.close());

/** The official list's header (総務省 全国地方公共団体コード), with its line breaks, plus the optional columns. */
const HEADER = [
  '団体コード',
  '都道府県名\n（漢字）',
  '市区町村名\n（漢字）',
  '都道府県名\n（カナ）',
  '市区町村名\n（カナ）',
  'category',
  '地域類型',
  '人口',
  '高齢化率',
];
type Row = string[];

const suffixes = [
  ['区', 'ク', '区部', '大都市型'],
  ['市', 'シ', '市部', '都市型'],
  ['町', 'マチ', '町村部', '離島・中山間型'],
] as const;

/** 46 distinct valid codes of prefecture 13 (13201 onwards), each with a check digit. */
const good: Row[] = Array.from({ length: 46 }, (_, i) => {
  const [suffix, kana, category, region] = suffixes[i % 3]!;
  return [
    withCheckDigit(`13${String(201 + i).padStart(3, '0')}`),
    '東京都',
    `試験${i + 1}${suffix}`,
    'トウキョウト',
    `シケン${i + 1}${kana}`,
    category,
    region,
    `${(10_000 + i * 1_234).toLocaleString('en-US')}`,
    `${(20 + i / 10).toFixed(1)}`,
  ];
});

const wrongCheckDigit = (code: string) => `${code.slice(0, 5)}${(Number(code[5]) + 3) % 10}`;
/** 50 rows: the 46 good ones, 3 with a wrong check digit and 1 repeating row 5's code (spreadsheet rows 12, 23, 34 and 45). */
const bad: Row[] = (() => {
  const rows = good.map((r) => [...r]);
  rows.splice(10, 0, [
    wrongCheckDigit(withCheckDigit('13301')),
    '東京都',
    '誤り一市',
    'トウキョウト',
    'アヤマリイチシ',
    '市部',
    '都市型',
    '5000',
    '30',
  ]);
  rows.splice(21, 0, [
    wrongCheckDigit(withCheckDigit('13302')),
    '東京都',
    '誤り二町',
    'トウキョウト',
    'アヤマリニチョウ',
    '町村部',
    '都市型',
    '4000',
    '31',
  ]);
  rows.splice(32, 0, [
    wrongCheckDigit(withCheckDigit('13303')),
    '東京都',
    '誤り三村',
    'トウキョウト',
    'アヤマリサンソン',
    '町村部',
    '都市型',
    '3000',
    '32',
  ]);
  rows.splice(43, 0, [good[3]![0]!, '東京都', '重複区', 'トウキョウト', 'ジュウフクク', '区部', '大都市型', '2000', '33']);
  return rows;
})();
const badRows = [12, 23, 34, 45];

const csvText = (rows: Row[]) =>
  [HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
const utf8Csv = (rows: Row[]) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(rows), 'utf8')]);

/** A Shift_JIS encoder built from the platform's decoder (every double-byte code decoded once, then reversed). */
const sjisTable = (() => {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
})();
function shiftJis(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = sjisTable.get(ch);
      if (!pair) throw new Error(`no Shift_JIS code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}
const sjisCsv = (rows: Row[]) => shiftJis(csvText(rows));

/** An xlsx workbook; codes stored as numbers where `numericCodes` (as Excel does when a file is typed in). */
async function xlsx(rows: Row[], numericCodes = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('R7.1.1現在の団体');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r.map((c, i) => (i === 0 && numericCodes ? Number(c) : i >= 7 ? Number(c.replace(/,/g, '')) : c)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const send = (s: Session, url: string, body: Buffer, type = 'text/csv') =>
  s.request({ method: 'POST', url, payload: body, headers: { 'content-type': type } });
const preview = (body: Buffer, type?: string) => send(office, '/api/municipalities/import/preview', body, type);
const apply = (body: Buffer, type?: string) => send(office, '/api/municipalities/import', body, type);

const municipalityCount = async () => (await ctx.database.db.select({ n: count() }).from(municipalities))[0]!.n;
const importedRows = () =>
  ctx.database.db
    .select()
    .from(municipalities)
    .where(
      inArray(
        municipalities.code,
        good.map((r) => r[0]!),
      ),
    )
    .orderBy(municipalities.code);

describe('preview', () => {
  it.each([
    ['UTF-8 CSV with BOM', () => utf8Csv(bad), 'text/csv', 'utf-8'],
    ['Shift_JIS CSV', () => sjisCsv(bad), 'text/csv', 'shift_jis'],
    ['xlsx', () => xlsx(bad), XLSX, null],
    ['xlsx with numeric codes', () => xlsx(bad, true), 'application/octet-stream', null],
  ] as const)('names the 3 bad check digits and the duplicate of a 50-row %s, and writes nothing', async (_, make, type, encoding) => {
    const before = await municipalityCount();
    const res = await preview(await make(), type);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ rows: 50, valid: 46, create: 46, update: 0, unchanged: 0, encoding });
    expect(body.errors.map((e: { row: number; reason: string; column: string }) => [e.row, e.reason, e.column])).toEqual([
      [12, 'bad_check_digit', '団体コード'],
      [23, 'bad_check_digit', '団体コード'],
      [34, 'bad_check_digit', '団体コード'],
      [45, 'duplicate_code', '団体コード'],
    ]);
    expect(body.errors[3].message).toContain('row 5');
    expect(await municipalityCount()).toBe(before);
  });

  it('names the column and reason of other bad cells: missing name, not a number, out of range, unknown category', async () => {
    const rows: Row[] = [
      [withCheckDigit('13401'), '東京都', '', 'トウキョウト', '', '市部', '都市型', '1000', '20'],
      [withCheckDigit('13402'), '東京都', '数字市', 'トウキョウト', 'スウジシ', '市部', '都市型', 'たくさん', '20'],
      [withCheckDigit('13403'), '東京都', '率市', 'トウキョウト', 'リツシ', '市部', '都市型', '1000', '120'],
      [withCheckDigit('13404'), '東京都', '区分市', 'トウキョウト', 'クブンシ', '郡部', '都市型', '1000', '20'],
      ['1340', '東京都', '短市', 'トウキョウト', 'ミジカシ', '市部', '都市型', '1000', '20'],
    ];
    const body = (await preview(utf8Csv(rows))).json();
    expect(body.errors.map((e: { row: number; field: string; reason: string }) => [e.row, e.field, e.reason])).toEqual([
      [2, 'name', 'missing_name'],
      [3, 'population', 'not_a_number'],
      [4, 'agingRate', 'out_of_range'],
      [5, 'category', 'unknown_category'],
      [6, 'code', 'not_six_digits'],
    ]);
    expect(body.errors[1].column).toBe('人口');
  });

  it('skips the prefecture rows of the official list and refuses a file without the code column', async () => {
    const rows: Row[] = [['130001', '東京都', '', 'トウキョウト', '', '', '', '', ''], good[0]!];
    expect((await preview(utf8Csv(rows))).json()).toMatchObject({ rows: 1, skipped: 1, errors: [], create: 1 });
    const res = await preview(Buffer.from('市区町村名,人口\r\n千代田区,1\r\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_file', errors: [{ path: 'body', rule: 'missing_column' }] });
  });
});

describe('apply', () => {
  it('refuses the file with bad rows (400 listing them) and writes nothing', async () => {
    const before = await municipalityCount();
    const res = await apply(utf8Csv(bad));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.code).toBe('invalid_rows');
    expect(problem.errors.map((e: { index: number; path: string }) => [e.index, e.path])).toEqual(
      badRows.map((r) => [r, `body.rows.${r}.code`]),
    );
    expect(await municipalityCount()).toBe(before);
  });

  it('imports the 46 good rows (Shift_JIS CSV) in one audited transaction', async () => {
    const before = await municipalityCount();
    const res = await apply(sjisCsv(good));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rows: 46, skipped: 0, created: 46, updated: 0, unchanged: 0, addedToJurisdiction: 46 });
    expect(await municipalityCount()).toBe(before + 46);
    const rows = await importedRows();
    expect(rows[0]).toMatchObject({
      code: good[0]![0],
      name: '試験1区',
      prefecture: '東京都',
      nameKana: 'シケン1ク',
      category: 'ward',
      regionType: 'metro',
      population: 10_000,
      agingRate: 20,
    });
    expect(rows[2]).toMatchObject({ name: '試験3町', category: 'town_village', regionType: 'island_mountain' });
    const audited = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'import_create'));
    expect(audited).toHaveLength(46);
    // They joined the office's jurisdiction: the jurisdiction list finds them by name.
    const found = (await office.get(`/api/organizer/jurisdiction?q=${encodeURIComponent('試験1区')}`)).json();
    expect(found.items.map((m: { name: string }) => m.name)).toEqual(['試験1区']);
  });

  it('leaves the jurisdiction alone with jurisdiction=keep', async () => {
    const extra = [[withCheckDigit('13501'), '東京都', '保留市', 'トウキョウト', 'ホリュウシ', '市部', '都市型', '1000', '20']];
    expect((await send(office, '/api/municipalities/import/preview?jurisdiction=keep', utf8Csv(extra))).json()).toMatchObject({
      create: 1,
      jurisdictionAdd: 0,
    });
    const res = await send(office, '/api/municipalities/import?jurisdiction=keep', utf8Csv(extra));
    expect(res.json()).toMatchObject({ created: 1, addedToJurisdiction: 0 });
    expect((await office.get(`/api/organizer/jurisdiction?q=${encodeURIComponent('保留市')}`)).json().total).toBe(0);
  });

  it('changes nothing when the same file is imported again, as CSV or as xlsx (row count and values)', async () => {
    const before = await municipalityCount();
    const rowsBefore = await importedRows();
    const again = await apply(utf8Csv(good));
    expect(again.json()).toEqual({ rows: 46, skipped: 0, created: 0, updated: 0, unchanged: 46, addedToJurisdiction: 0 });
    const fromXlsx = await apply(await xlsx(good, true), XLSX);
    expect(fromXlsx.json()).toEqual({ rows: 46, skipped: 0, created: 0, updated: 0, unchanged: 46, addedToJurisdiction: 0 });
    expect((await preview(utf8Csv(good))).json()).toMatchObject({ create: 0, update: 0, unchanged: 46, jurisdictionAdd: 0, errors: [] });
    expect(await municipalityCount()).toBe(before);
    expect(await importedRows()).toEqual(rowsBefore);
  });

  it('updates by code what changed, keeps what the file leaves blank, and audits the change', async () => {
    const changed = good.map((r) => [...r]);
    changed[1]![7] = '99,999';
    changed[2]![6] = '';
    const res = await apply(await xlsx(changed), XLSX);
    expect(res.json()).toEqual({ rows: 46, skipped: 0, created: 0, updated: 1, unchanged: 45, addedToJurisdiction: 0 });
    const rows = await importedRows();
    expect(rows[1]!.population).toBe(99_999);
    expect(rows[2]!.regionType).toBe('island_mountain');
    const [entry] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'import_update'));
    expect(entry).toMatchObject({
      entity: 'municipality',
      entityId: rows[1]!.id,
      before: { population: 11_234 },
      after: { population: 99_999 },
    });
  });
});

describe('authorization', () => {
  it('lets only the program office preview or import (municipal member and advisor 403, anonymous 401)', async () => {
    const file = utf8Csv(good.slice(0, 2));
    for (const who of [demo.midori, demo.morikawa]) {
      const s = await ctx.login(who);
      expect((await send(s, '/api/municipalities/import/preview', file)).statusCode).toBe(403);
      expect((await send(s, '/api/municipalities/import', file)).statusCode).toBe(403);
    }
    expect((await send(ctx.anonymous, '/api/municipalities/import', file)).statusCode).toBe(401);
  });

  it('answers a wrong content type with 415 and a JSON body with 400 naming the body', async () => {
    expect((await send(office, '/api/municipalities/import', Buffer.from('<x/>'), 'application/xml')).statusCode).toBe(415);
    const res = await office.post('/api/municipalities/import/preview', { file: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body');
  });
});
