/**
 * 地域分析 of an engagement: each indicator of its municipality as a time series beside 全国, the
 * prefecture, the mean of similar municipalities (same category and region type in the jurisdiction)
 * and the neighbours, its rank in the jurisdiction, and the 交付金 scores. Every role that reads the
 * engagement reads it (observers included): these are public statistics.
 */
import type { EngagementAnalysis } from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { NotFound } from '../../lib/errors.js';
import { authorize } from '../access/access.service.js';
import * as repo from './indicators.repository.js';

type Value = Awaited<ReturnType<typeof repo.valuesOfAreas>>[number];
const points = (values: Value[]) => values.map((v) => ({ period: v.period, value: v.value }));

export async function engagementAnalysis(ctx: ServiceContext, engagementId: string): Promise<EngagementAnalysis> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'analysis.read');
  const municipality = await repo.municipalityOf(db, access.engagement.municipalityId);
  if (!municipality) throw new NotFound('Municipality');
  const organizerId = await repo.organizerOfProgram(db, access.engagement.programId);
  const jurisdiction = organizerId ? await repo.jurisdictionOf(db, organizerId) : [];
  const similar = jurisdiction.filter(
    (m) => m.id !== municipality.id && m.category === municipality.category && m.regionType === municipality.regionType,
  );
  const neighbours = await repo.neighboursOf(db, municipality.id);
  const references = await repo.listReferenceAreas(db);
  const national = references.find((r) => r.kind === 'national');
  const prefecture = references.find((r) => r.kind === 'prefecture' && r.code === municipality.code.slice(0, 2));
  const municipalityIds = [...new Set([municipality.id, ...jurisdiction.map((m) => m.id), ...neighbours.map((n) => n.id)])];
  const values = await repo.valuesOfAreas(
    db,
    municipalityIds,
    [national?.id, prefecture?.id].filter((x): x is string => Boolean(x)),
  );
  const byIndicator = new Map<string, Value[]>();
  for (const v of values) byIndicator.set(v.indicatorId, [...(byIndicator.get(v.indicatorId) ?? []), v]);
  const similarIds = new Set(similar.map((m) => m.id));
  const jurisdictionIds = new Set(jurisdiction.map((m) => m.id));

  const catalogue = await repo.listIndicators(db);
  const indicators = catalogue.flatMap((indicator) => {
    const all = byIndicator.get(indicator.id) ?? [];
    const own = all.filter((v) => v.municipalityId === municipality.id);
    if (own.length === 0) return [];
    const similarByPeriod = new Map<string, number[]>();
    for (const v of all)
      if (v.municipalityId && similarIds.has(v.municipalityId))
        similarByPeriod.set(v.period, [...(similarByPeriod.get(v.period) ?? []), v.value]);
    const latest = own[own.length - 1]!;
    const peers = all.filter(
      (v) =>
        v.period === latest.period && v.municipalityId && (jurisdictionIds.has(v.municipalityId) || v.municipalityId === municipality.id),
    );
    const better = peers.filter((v) => (indicator.direction === 'higher' ? v.value > latest.value : v.value < latest.value)).length;
    return [
      {
        indicator: {
          id: indicator.id,
          code: indicator.code,
          name: indicator.name,
          unit: indicator.unit,
          direction: indicator.direction,
          level: indicator.level,
          theme: indicator.theme,
          figureKind: indicator.figureKind,
          decimals: indicator.decimals,
          source: indicator.source,
        },
        series: {
          own: points(own),
          national: points(all.filter((v) => national && v.referenceAreaId === national.id)),
          prefecture: points(all.filter((v) => prefecture && v.referenceAreaId === prefecture.id)),
          similarMean: [...similarByPeriod]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([period, xs]) => ({ period, value: xs.reduce((s, x) => s + x, 0) / xs.length, n: xs.length })),
          neighbours: neighbours.map((n) => ({
            municipalityId: n.id,
            name: n.name,
            points: points(all.filter((v) => v.municipalityId === n.id)),
          })),
        },
        ranking: { period: latest.period, rank: better + 1, of: peers.length },
        valueIds: Object.fromEntries(own.map((v) => [v.period, v.id])),
      },
    ];
  });
  const grants = await repo.grantScoresOf(db, municipality.id);
  return {
    municipality: {
      id: municipality.id,
      code: municipality.code,
      name: municipality.name,
      category: municipality.category,
      regionType: municipality.regionType,
    },
    prefecture: prefecture ? { code: prefecture.code, name: prefecture.name } : null,
    similar: similar.map((m) => ({ id: m.id, name: m.name })),
    indicators,
    grants: grants.map((g) => ({
      id: g.id,
      fiscalYear: g.fiscalYear,
      grant: g.grant,
      areaCode: g.areaCode,
      area: g.area,
      position: g.position,
      score: g.score,
      maxScore: g.maxScore,
      nationalAverage: g.nationalAverage,
      prefectureAverage: g.prefectureAverage,
      source: g.source,
    })),
  };
}
