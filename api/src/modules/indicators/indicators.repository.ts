import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { indicators, indicatorValues } from '../../db/schema/index.js';

export async function listIndicators(db: Db) {
  return db.select().from(indicators).orderBy(asc(indicators.code));
}

/** Values of one municipality with their indicator, by indicator code then period. */
export async function listValuesOfMunicipality(db: Db, municipalityId: string) {
  return db
    .select({ value: indicatorValues, indicator: indicators })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(eq(indicatorValues.municipalityId, municipalityId))
    .orderBy(asc(indicators.code), asc(indicatorValues.period));
}
