import {
  type CreateIndicatorBody,
  type Indicator,
  type IndicatorValue,
  type IndicatorValueEntry,
  type IndicatorValueEntryResult,
  parsePeriod,
  periodKey,
  type UpdateIndicatorBody,
} from '@banso/shared';
import { recordAudit } from '../../lib/audit.js';
import type { ServiceContext } from '../../lib/context.js';
import { BadRequest, Conflict, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/unique-violation.js';
import { authorize, authorizeOffice } from '../access/access.service.js';
import * as repo from './indicators.repository.js';

function toIndicator(i: repo.IndicatorRow): Indicator {
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    unit: i.unit,
    direction: i.direction,
    level: i.level,
    source: i.source,
    definition: i.definition,
    frequency: i.frequency,
    theme: i.theme,
    figureKind: i.figureKind,
    cumulative: i.cumulative,
    periodKind: i.periodKind,
    decimals: i.decimals,
    minValue: i.minValue,
    maxValue: i.maxValue,
    version: i.version,
  };
}

/** The catalogue is not engagement-scoped: every signed-in user may read it. */
export async function listIndicators({ db }: ServiceContext): Promise<Indicator[]> {
  return (await repo.listIndicators(db)).map(toIndicator);
}

const codeTaken = (code: string) => new Conflict('indicator_code_taken', `The catalogue already has an indicator ${code}`);

/** The program office adds an indicator to the catalogue; its code is unique (409). */
export async function createIndicator(ctx: ServiceContext, body: CreateIndicatorBody): Promise<Indicator> {
  authorizeOffice(ctx, 'indicator.catalogue');
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertIndicator(tx, body);
      const created = toIndicator(row);
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        engagementId: null,
        entity: 'indicator',
        entityId: row.id,
        action: 'create',
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(body.code);
    throw error;
  }
}

/**
 * The program office edits a catalogue entry (If-Match: its version). Its stored figures must still
 * fit: a range that would leave figures outside it, or a period kind other than theirs, is 409.
 */
export async function updateIndicator(
  ctx: ServiceContext,
  { id, ifMatch, body }: { id: string; ifMatch: () => number; body: UpdateIndicatorBody },
): Promise<Indicator> {
  authorizeOffice(ctx, 'indicator.catalogue');
  const version = ifMatch();
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await repo.findIndicator(tx, id);
      if (!before) throw new NotFound('Indicator');
      const merged = { ...before, ...body };
      if (merged.minValue !== null && merged.maxValue !== null && merged.minValue > merged.maxValue)
        throw new BadRequest('minValue must not exceed maxValue', [
          { path: 'body.maxValue', message: `below minValue ${merged.minValue}` },
        ]);
      const facts = await repo.valueFacts(tx, id);
      if (facts.count > 0) {
        if (repo.outsideRange(merged, facts.min!) || repo.outsideRange(merged, facts.max!))
          throw new Conflict(
            'indicator_values_out_of_range',
            `Stored figures of ${before.code} range from ${facts.min} to ${facts.max}: the range cannot exclude them`,
          );
        const otherKind = facts.periods.find((p) => parsePeriod(p)?.kind !== merged.periodKind);
        if (otherKind)
          throw new Conflict(
            'indicator_period_kind',
            `${before.code} holds figures for ${otherKind}: the period kind cannot change to ${merged.periodKind}`,
          );
      }
      const updated = await repo.updateIndicator(tx, id, version, body);
      if (!updated) throw new PreconditionFailed(toIndicator(before));
      const after = toIndicator(updated);
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        engagementId: null,
        entity: 'indicator',
        entityId: id,
        action: 'update',
        before: toIndicator(before),
        after,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(body.code ?? '');
    throw error;
  }
}

/** Indicator values of the engagement's municipality (public statistics and own records), for every role of the engagement. */
export async function listIndicatorValues(ctx: ServiceContext, engagementId: string): Promise<IndicatorValue[]> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'indicator.read');
  const rows = await repo.listValuesOfMunicipality(db, access.engagement.municipalityId);
  return rows.map(({ value: v, indicator: i }) => ({
    id: v.id,
    indicatorId: i.id,
    code: i.code,
    name: i.name,
    unit: i.unit,
    direction: i.direction,
    level: i.level,
    period: v.period,
    value: v.value,
    source: v.source,
  }));
}

/**
 * The program office enters one figure (a municipality's own record, or a national or prefectural
 * figure): the period is read like a file's and must be of the indicator's kind, the value inside
 * its range; upserts by (area, indicator, period) with an audit entry, as an import does.
 */
export async function enterValue(ctx: ServiceContext, body: IndicatorValueEntry): Promise<IndicatorValueEntryResult> {
  authorizeOffice(ctx, 'indicator.import');
  return ctx.db.transaction(async (tx) => {
    const indicator = await repo.findIndicator(tx, body.indicatorId);
    if (!indicator) throw new BadRequest('Unknown indicator', [{ path: 'body.indicatorId', message: 'not in the catalogue' }]);
    if (!(await repo.areaExists(tx, body)))
      throw new BadRequest('Unknown area', [
        { path: body.municipalityId ? 'body.municipalityId' : 'body.referenceAreaId', message: 'no such area' },
      ]);
    const parsed = parsePeriod(body.period);
    if (!parsed || parsed.kind !== indicator.periodKind)
      throw new BadRequest(`${body.period} is not a period of ${indicator.code}`, [
        { path: 'body.period', message: `expected a ${indicator.periodKind} period (FY2024, 2024-07 or 2024-07-10)` },
      ]);
    if (repo.outsideRange(indicator, body.value))
      throw new BadRequest(`${body.value} is outside the range of ${indicator.code}`, [
        { path: 'body.value', message: `outside ${repo.rangeText(indicator)}` },
      ]);
    const key = {
      indicatorId: indicator.id,
      municipalityId: body.municipalityId ?? null,
      referenceAreaId: body.referenceAreaId ?? null,
      period: periodKey(parsed),
    };
    const before = await repo.findValue(tx, key);
    let id: string;
    if (before) {
      await repo.updateValue(tx, before.id, body.value);
      id = before.id;
    } else {
      const [created] = await repo.insertValues(tx, [{ ...key, value: body.value, source: indicator.source }]);
      id = created!.id;
    }
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: null,
      entity: 'indicator_value',
      entityId: id,
      action: before ? 'update' : 'create',
      before: before ? { ...key, value: before.value } : null,
      after: { ...key, value: body.value },
    });
    return { id, ...key, value: body.value, previous: before?.value ?? null };
  });
}
