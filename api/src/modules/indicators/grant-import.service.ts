/**
 * Importing the 交付金 scores (the program office, for its jurisdiction): 保険者機能強化推進交付金 and
 * 介護保険保険者努力支援交付金, one evaluation area of one municipality, grant and fiscal year a row,
 * with the area's 配点 and the national and prefectural averages — the areas are data of the file.
 * CSV (UTF-8/BOM/Shift_JIS) or xlsx through the grid reader. Like the indicator import: the preview
 * lists every bad cell and what applying would do; applying re-checks and, only when every row is
 * good, upserts by (municipality, fiscal year, grant, area code) in one audited transaction.
 */
import {
  type GrantImportPreview,
  type GrantImportResult,
  type GrantImportRowError,
  type GrantKind,
  type grantTemplateColumns,
  normalizePeriod,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { BadRequest, invalidRows } from '../../lib/errors.js';
import { type Cell, readGrid } from '../../lib/grid-file.js';
import { authorizeOffice } from '../access/access.service.js';
import * as repo from './indicators.repository.js';

type Stored = Awaited<ReturnType<typeof repo.grantScoresOfMunicipalities>>[number];
type Values = Pick<Stored, 'area' | 'position' | 'score' | 'maxScore' | 'nationalAverage' | 'prefectureAverage' | 'source'>;

interface Planned {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'shift_jis' | null;
  scores: number;
  errors: GrantImportRowError[];
  creates: repo.NewGrantScore[];
  updates: { before: Stored; after: Values }[];
  unchanged: number;
}

const SOURCE = '厚生労働省 保険者機能強化推進交付金・介護保険保険者努力支援交付金 評価結果';

const normalize = (h: string) =>
  h
    .normalize('NFKC')
    .replace(/[\s()（）[\]「」・]/g, '')
    .toLowerCase();
const headers: Record<(typeof grantTemplateColumns)[number], string[]> = {
  団体コード: ['団体コード', '地方公共団体コード', '保険者コード', '市区町村コード', 'code'],
  団体名: ['団体名', '保険者名', '市区町村名', 'name'],
  交付金: ['交付金', '交付金の種類', 'grant'],
  年度: ['年度', '評価年度', 'fiscalyear'],
  分野コード: ['分野コード', '評価分野コード', '区分コード', 'areacode'],
  分野: ['分野', '評価分野', '評価指標の分野', '分野名', 'area'],
  配点: ['配点', '満点', '最高点', 'max', 'maxscore'],
  得点: ['得点', '点数', 'score'],
  全国平均: ['全国平均', 'nationalaverage'],
  都道府県平均: ['都道府県平均', '都道府県平均点', '県平均', '都平均', 'prefectureaverage'],
};

/** 推進 / 支援, the full names, or the codes. */
function grantOf(text: string): GrantKind | null {
  const t = normalize(text);
  if (['promotion', '推進', '強化推進', '保険者機能強化推進交付金'].includes(t) || t.includes('推進')) return 'promotion';
  if (['support', '支援', '努力支援', '介護保険保険者努力支援交付金'].includes(t) || t.includes('努力支援')) return 'support';
  return null;
}

/** A spreadsheet that stored a 6-digit code as a number dropped its leading zero. */
function codeOf(cell: Cell | undefined): string {
  const t = (cell?.text ?? '').normalize('NFKC').trim();
  return cell?.numeric && /^[0-9]{4,5}$/.test(t) ? t.padStart(6, '0') : t;
}

const number = (text: string) => {
  const raw = text.normalize('NFKC').replace(/[,\s]/g, '');
  return /^-?[0-9]+(\.[0-9]+)?$/.test(raw) ? Number(raw) : null;
};
const blank = (text: string) => ['', '-', '－', '―', '…'].includes(text.normalize('NFKC').trim());

async function plan(db: Db, body: unknown, organizerId: string): Promise<Planned> {
  const grid = await readGrid(body);
  // Title lines may stand above the header: it is the first row with a 団体コード column.
  const all = [{ row: grid.headerRow, cells: grid.header.map((text) => ({ text, numeric: false })) }, ...grid.rows];
  const columnsOf = (cells: Cell[]) => {
    const names = cells.map((c) => normalize(c.text));
    return Object.fromEntries(
      Object.entries(headers).map(([key, aliases]) => [key, names.findIndex((n) => aliases.map(normalize).includes(n))]),
    ) as Record<keyof typeof headers, number>;
  };
  const headerAt = all.findIndex((r) => columnsOf(r.cells).団体コード >= 0);
  const at = headerAt >= 0 ? columnsOf(all[headerAt]!.cells) : null;
  const required = ['団体コード', '交付金', '年度', '分野', '配点', '得点'] as const;
  const missing = at ? required.filter((k) => at[k] < 0) : required;
  if (!at || missing.length)
    throw new BadRequest(
      `The file lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
      missing.map((m) => ({ path: 'body', message: `Missing column ${m}`, rule: 'missing_column' })),
      'invalid_file',
    );
  const header = all[headerAt]!.cells.map((c) => c.text.trim());
  const rows = all.slice(headerAt + 1);
  const text = (cells: Cell[], i: number) => (i >= 0 ? (cells[i]?.text ?? '') : '').normalize('NFKC').trim();

  const codes = [...new Set(rows.map((r) => codeOf(r.cells[at.団体コード])).filter(Boolean))];
  const municipalities = new Map((await repo.findMunicipalitiesByCodes(db, codes)).map((m) => [m.code, m]));
  const jurisdiction = new Set((await repo.jurisdictionOf(db, organizerId)).map((m) => m.id));
  const stored = await repo.grantScoresOfMunicipalities(
    db,
    [...municipalities.values()].map((m) => m.id),
  );
  const key = (municipalityId: string, fiscalYear: number, grant: string, areaCode: string) =>
    `${municipalityId}|${fiscalYear}|${grant}|${areaCode}`;
  const storedByKey = new Map(stored.map((s) => [key(s.municipalityId, s.fiscalYear, s.grant, s.areaCode), s]));

  const result: Planned = { format: grid.format, encoding: grid.encoding, scores: 0, errors: [], creates: [], updates: [], unchanged: 0 };
  const seen = new Map<string, number>();
  /** grant|year|area code → the area as its first row gave it, to hold every row to one name and 配点. */
  const areas = new Map<string, { name: string; max: number; row: number; position: number }>();
  const positions = new Map<string, number>();

  for (const { row, cells } of rows) {
    if (cells.every((c) => c.text.trim() === '')) continue;
    const areaCode = codeOf(cells[at.団体コード]);
    const fail = (column: keyof typeof headers, reason: GrantImportRowError['reason'], message: string) =>
      result.errors.push({ row, column: header[at[column]] ?? column, areaCode: areaCode || null, reason, message });
    const municipality = municipalities.get(areaCode);
    if (!municipality) {
      fail('団体コード', 'unknown_area', `${areaCode || '(blank)'} is not a municipality of the master`);
      continue;
    }
    if (!jurisdiction.has(municipality.id)) {
      fail('団体コード', 'outside_jurisdiction', `${municipality.name} (${areaCode}) is not in your organizer’s jurisdiction`);
      continue;
    }
    const grant = grantOf(text(cells, at.交付金));
    if (!grant) {
      fail(
        '交付金',
        'unknown_grant',
        `${text(cells, at.交付金) || '(blank)'} is neither 推進 (保険者機能強化推進交付金) nor 支援 (介護保険保険者努力支援交付金)`,
      );
      continue;
    }
    const period = normalizePeriod(text(cells, at.年度), { bareYear: 'fiscal_year' });
    if (!period || !/^FY[0-9]{4}$/.test(period)) {
      fail('年度', 'bad_fiscal_year', `${text(cells, at.年度) || '(blank)'} is not a fiscal year`);
      continue;
    }
    const fiscalYear = Number(period.slice(2));
    // The area's name as the file writes it (NFKC would turn 目標Ⅰ into 目標I).
    const name = (cells[at.分野]?.text ?? '').trim();
    const code = at.分野コード >= 0 ? text(cells, at.分野コード) : '';
    if (!name && !code) {
      fail('分野', 'missing_area', 'The row names no evaluation area');
      continue;
    }
    const figures = {} as Record<'配点' | '得点' | '全国平均' | '都道府県平均', number | null>;
    let bad = false;
    for (const column of ['配点', '得点', '全国平均', '都道府県平均'] as const) {
      const t = text(cells, at[column]);
      const optional = column === '全国平均' || column === '都道府県平均';
      if (optional && (at[column] < 0 || blank(t))) {
        figures[column] = null;
        continue;
      }
      const n = number(t);
      if (n === null) {
        fail(column, 'not_a_number', `${t || '(blank)'} is not a number`);
        bad = true;
      } else figures[column] = n;
    }
    if (bad) continue;
    const max = figures.配点!;
    if (max <= 0) {
      fail('配点', 'out_of_range', `The maximum must be above 0 (${max})`);
      continue;
    }
    const outside = (['得点', '全国平均', '都道府県平均'] as const).find(
      (c) => figures[c] !== null && (figures[c]! < 0 || figures[c]! > max),
    );
    if (outside) {
      fail(outside, 'out_of_range', `${figures[outside]} is outside 0–${max}`);
      continue;
    }
    // Areas without a code are keyed by their name.
    const areaKey = code || name;
    const areaId = `${grant}|${fiscalYear}|${areaKey}`;
    const area = areas.get(areaId);
    if (!area) {
      const yearKey = `${grant}|${fiscalYear}`;
      const position = positions.get(yearKey) ?? 0;
      positions.set(yearKey, position + 1);
      areas.set(areaId, { name: name || code, max, row, position });
    } else if (area.name !== (name || code) || area.max !== max) {
      fail(
        area.max !== max ? '配点' : '分野',
        'inconsistent_area',
        `Row ${area.row} gives this area as ${area.name} with maximum ${area.max}`,
      );
      continue;
    }
    const k = key(municipality.id, fiscalYear, grant, areaKey);
    const first = seen.get(k);
    if (first !== undefined) {
      fail('分野', 'duplicate', `The same municipality, grant, year and area is already on row ${first}`);
      continue;
    }
    seen.set(k, row);
    result.scores++;
    const after: Values = {
      area: name || code,
      position: areas.get(areaId)!.position,
      score: figures.得点!,
      maxScore: max,
      nationalAverage: figures.全国平均,
      prefectureAverage: figures.都道府県平均,
      source: SOURCE,
    };
    const before = storedByKey.get(k);
    if (!before) result.creates.push({ municipalityId: municipality.id, fiscalYear, grant, areaCode: areaKey, ...after });
    else if ((Object.keys(after) as (keyof Values)[]).some((f) => (f === 'source' ? false : before[f] !== after[f])))
      result.updates.push({ before, after: { ...after, source: before.source || SOURCE } });
    else result.unchanged++;
  }
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}

export async function previewGrantImport(ctx: ServiceContext, body: unknown): Promise<GrantImportPreview> {
  const { organizerId } = authorizeOffice(ctx, 'grant.import');
  const p = await plan(ctx.db, body, organizerId);
  return {
    format: p.format,
    encoding: p.encoding,
    scores: p.scores,
    errors: p.errors,
    create: p.creates.length,
    update: p.updates.length,
    unchanged: p.unchanged,
  };
}

export async function applyGrantImport(ctx: ServiceContext, body: unknown): Promise<GrantImportResult> {
  const { organizerId } = authorizeOffice(ctx, 'grant.import');
  return ctx.db.transaction(async (tx) => {
    await repo.lockForGrantImport(tx);
    const p = await plan(tx, body, organizerId);
    if (p.errors.length) throw invalidRows(p.errors);
    const created = await repo.insertGrantScores(tx, p.creates);
    for (const u of p.updates) await repo.updateGrantScore(tx, u.before.id, u.after);
    const view = (g: Values & { fiscalYear: number; grant: string; areaCode: string; municipalityId: string }) => ({
      municipalityId: g.municipalityId,
      fiscalYear: g.fiscalYear,
      grant: g.grant,
      areaCode: g.areaCode,
      area: g.area,
      score: g.score,
      maxScore: g.maxScore,
      nationalAverage: g.nationalAverage,
      prefectureAverage: g.prefectureAverage,
    });
    await repo.insertAudit(tx, [
      ...created.map((g) => ({
        actorId: ctx.actor.id,
        engagementId: null,
        entity: 'grant_score',
        entityId: g.id,
        action: 'import_create',
        before: null,
        after: view(g),
      })),
      ...p.updates.map((u) => ({
        actorId: ctx.actor.id,
        engagementId: null,
        entity: 'grant_score',
        entityId: u.before.id,
        action: 'import_update',
        before: view(u.before),
        after: view({ ...u.before, ...u.after }),
      })),
    ]);
    return { scores: p.scores, created: created.length, updated: p.updates.length, unchanged: p.unchanged };
  });
}
