import type { Indicator, IndicatorValue } from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { authorize } from '../access/access.service.js';
import * as repo from './indicators.repository.js';

/** The catalogue is not engagement-scoped: every signed-in user may read it. */
export async function listIndicators({ db }: ServiceContext): Promise<Indicator[]> {
  const rows = await repo.listIndicators(db);
  return rows.map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    unit: i.unit,
    direction: i.direction,
    level: i.level,
    source: i.source,
    definition: i.definition,
    frequency: i.frequency,
  }));
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
