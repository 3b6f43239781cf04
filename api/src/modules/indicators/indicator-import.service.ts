/**
 * Importing indicator figures (the program office): municipalities, 全国 and prefectures, from
 * Bansō's template or a 見える化 table, CSV (UTF-8/BOM/Shift_JIS) or xlsx. The preview lists every
 * bad cell and what applying would do; applying re-checks and, only when every cell is good, upserts
 * by (area, indicator, period) in one audited transaction.
 */
import type { IndicatorImportPreview, IndicatorImportQuery, IndicatorImportResult, IndicatorImportRowError } from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { invalidRows } from '../../lib/errors.js';
import { readGrid } from '../../lib/grid-file.js';
import { authorizeOffice } from '../access/access.service.js';
import { readIndicatorGrid } from './indicator-file.js';
import * as repo from './indicators.repository.js';

type Stored = Awaited<ReturnType<typeof repo.valuesOfIndicators>>[number];

interface Planned {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'shift_jis' | null;
  layout: 'template' | 'mieruka';
  values: number;
  errors: IndicatorImportRowError[];
  creates: repo.NewIndicatorValue[];
  updates: { before: Stored; value: number }[];
  unchanged: number;
}

/** A blank cell or the statistics' “no figure” marks hold no value. */
const NO_VALUE = new Set(['', '-', '－', '―', '…', '*', 'x', 'X']);

async function plan(db: Db, body: unknown, query: IndicatorImportQuery): Promise<Planned> {
  const grid = await readGrid(body);
  const file = readIndicatorGrid(grid, query.indicator);
  const errors: IndicatorImportRowError[] = [...file.errors];
  const indicatorList = await repo.findIndicatorsByCodes(db, [...new Set(file.values.map((v) => v.indicatorCode))]);
  const indicatorsByCode = new Map(indicatorList.map((i) => [i.code, i]));
  const municipalityList = await repo.findMunicipalitiesByCodes(db, [...new Set(file.values.map((v) => v.areaCode).filter(Boolean))]);
  const municipalityByCode = new Map(municipalityList.map((m) => [m.code, m]));
  const references = await repo.listReferenceAreas(db);
  const referenceOf = (code: string, name: string) =>
    references.find((r) => r.code === code) ??
    (code === '000000' || code === '00000' ? references.find((r) => r.kind === 'national') : undefined) ??
    (!code || !municipalityByCode.has(code) ? references.find((r) => name && r.name === name) : undefined);
  const stored = await repo.valuesOfIndicators(
    db,
    indicatorList.map((i) => i.id),
  );
  const key = (indicatorId: string, area: string, period: string) => `${indicatorId}|${area}|${period}`;
  const storedByKey = new Map(stored.map((v) => [key(v.indicatorId, v.municipalityId ?? v.referenceAreaId!, v.period), v]));
  const seen = new Map<string, number>();
  const badRows = new Set<string>();
  const result: Planned = {
    format: grid.format,
    encoding: grid.encoding,
    layout: file.layout,
    values: 0,
    errors,
    creates: [],
    updates: [],
    unchanged: 0,
  };

  for (const v of file.values) {
    const fail = (reason: IndicatorImportRowError['reason'], message: string, once = false) => {
      const rowKey = `${v.row}|${reason}`;
      if (once && badRows.has(rowKey)) return;
      badRows.add(rowKey);
      errors.push({ row: v.row, column: v.column, areaCode: v.areaCode || null, reason, message });
    };
    const raw = v.text.replace(/[,\s]/g, '').replace(/%$/, '');
    if (NO_VALUE.has(raw)) continue;
    const indicator = indicatorsByCode.get(v.indicatorCode);
    if (!indicator) {
      fail('unknown_indicator', `${v.indicatorCode || '(blank)'} is not in the indicator catalogue`, true);
      continue;
    }
    const municipality = municipalityByCode.get(v.areaCode);
    const reference = municipality ? undefined : referenceOf(v.areaCode, v.areaName);
    if (!municipality && !reference) {
      fail(
        'unknown_area',
        `${v.areaCode || v.areaName || '(blank)'} is neither a municipality of the master nor 全国 or a prefecture`,
        true,
      );
      continue;
    }
    if (!/^-?[0-9]+(\.[0-9]+)?$/.test(raw)) {
      fail('not_a_number', `${v.text} is not a number`);
      continue;
    }
    const value = Number(raw);
    if (repo.outsideRange(indicator, value)) {
      fail('out_of_range', `${v.text} is outside ${repo.rangeText(indicator)} for ${indicator.code}`);
      continue;
    }
    const areaId = municipality?.id ?? reference!.id;
    const k = key(indicator.id, areaId, v.period);
    const first = seen.get(k);
    if (first !== undefined) {
      fail('duplicate', `${indicator.code} ${v.period} of this area is already on row ${first}`);
      continue;
    }
    seen.set(k, v.row);
    result.values++;
    const before = storedByKey.get(k);
    if (!before)
      result.creates.push({
        indicatorId: indicator.id,
        municipalityId: municipality?.id ?? null,
        referenceAreaId: reference?.id ?? null,
        period: v.period,
        value,
        source: indicator.source,
      });
    else if (before.value !== value) result.updates.push({ before, value });
    else result.unchanged++;
  }
  errors.sort((a, b) => a.row - b.row);
  return result;
}

export async function previewImport(ctx: ServiceContext, body: unknown, query: IndicatorImportQuery): Promise<IndicatorImportPreview> {
  authorizeOffice(ctx, 'indicator.import');
  const p = await plan(ctx.db, body, query);
  return {
    format: p.format,
    encoding: p.encoding,
    layout: p.layout,
    values: p.values,
    errors: p.errors,
    create: p.creates.length,
    update: p.updates.length,
    unchanged: p.unchanged,
  };
}

export async function applyImport(ctx: ServiceContext, body: unknown, query: IndicatorImportQuery): Promise<IndicatorImportResult> {
  authorizeOffice(ctx, 'indicator.import');
  return ctx.db.transaction(async (tx) => {
    await repo.lockForImport(tx);
    const p = await plan(tx, body, query);
    if (p.errors.length) throw invalidRows(p.errors, 'cell');
    const created = await repo.insertValues(tx, p.creates);
    for (const u of p.updates) await repo.updateValue(tx, u.before.id, u.value);
    await repo.insertAudit(tx, [
      ...created.map((v) => ({
        actorId: ctx.actor.id,
        engagementId: null,
        entity: 'indicator_value',
        entityId: v.id,
        action: 'import_create',
        before: null,
        after: {
          indicatorId: v.indicatorId,
          municipalityId: v.municipalityId,
          referenceAreaId: v.referenceAreaId,
          period: v.period,
          value: v.value,
        },
      })),
      ...p.updates.map((u) => ({
        actorId: ctx.actor.id,
        engagementId: null,
        entity: 'indicator_value',
        entityId: u.before.id,
        action: 'import_update',
        before: { value: u.before.value },
        after: { value: u.value },
      })),
    ]);
    return { values: p.values, created: created.length, updated: p.updates.length, unchanged: p.unchanged };
  });
}
