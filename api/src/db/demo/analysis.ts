/**
 * The demo's regional analysis (地域分析): the 見える化-type catalogue beside the demo's own-record
 * indicators, five fiscal years of plausible figures for every demo municipality, 全国 and the demo
 * prefecture (code 99, like the municipalities' codes), and the 交付金 scores of the three supported
 * municipalities. Figures are generated from fixed seeds, so every seed gives the same numbers.
 */
import type { GrantKind, IndicatorDirection, IndicatorFigureKind, IndicatorLevel } from '@banso/shared';
import type { Db } from '../client.js';
import * as s from '../schema/index.js';

export interface DemoIndicator {
  code: string;
  name: string;
  unit: string;
  direction: IndicatorDirection;
  level: IndicatorLevel;
  theme: string;
  figureKind: IndicatorFigureKind;
  decimals: number;
  /** National figure in the latest year, and its yearly change. */
  base: number;
  trend: number;
  definition: string;
}

const MIERUKA = '地域包括ケア「見える化」システム';
/** The 交付金 scores' source (the demo's are fictional figures in that publication's shape). */
const GRANT_SOURCE = '厚生労働省 保険者機能強化推進交付金・介護保険保険者努力支援交付金 評価結果（架空のデモ値）';

const rate = (
  code: string,
  name: string,
  theme: string,
  level: IndicatorLevel,
  direction: IndicatorDirection,
  base: number,
  trend: number,
  definition: string,
  unit = '%',
): DemoIndicator => ({ code, name, unit, direction, level, theme, figureKind: 'rate', decimals: 1, base, trend, definition });

/** The 見える化-type indicators the demo adds to its own-record ones (I01–I10, M01–M02). */
export const analysisIndicators: DemoIndicator[] = [
  rate('A01', '通いの場への参加率', '介護予防', 'process', 'higher', 6.7, 0.3, '65歳以上人口に占める通いの場の参加者の割合'),
  rate('A02', '週1回以上の通いの場の箇所数(高齢者人口千人あたり)', '介護予防', 'structure', 'higher', 3.4, 0.1, '高齢者人口千人あたりの週1回以上開催の通いの場の数', '箇所/千人'),
  rate('A03', '新規認定者の平均年齢', '介護予防', 'outcome', 'higher', 81.2, 0.1, '要支援・要介護の新規認定を受けた人の平均年齢', '歳'),
  rate('A04', '要支援1・2の認定率', '介護予防', 'outcome', 'lower', 5.2, 0.05, '第1号被保険者に占める要支援1・2の認定者の割合'),
  rate('A05', '地域ケア会議の開催回数(高齢者人口千人あたり)', '介護予防', 'process', 'higher', 1.9, 0.08, '個別課題を検討する地域ケア会議の年間開催回数', '回/千人'),
  rate('A06', '運動器機能低下リスク者の割合', '介護予防', 'outcome', 'lower', 13.9, -0.2, 'ニーズ調査で運動器の機能低下リスクありと判定された人の割合'),
  rate('A07', '認知症サポーター養成数(人口千人あたり)', '認知症', 'output', 'higher', 118, 4, '累計の認知症サポーター数の人口千人あたり', '人/千人'),
  rate('A08', '認知症初期集中支援チームの訪問実人数(高齢者人口万人あたり)', '認知症', 'output', 'higher', 6.1, 0.2, '初期集中支援チームが訪問した実人数', '人/万人'),
  rate('A09', '認知機能低下リスク者の割合', '認知症', 'outcome', 'lower', 43.6, -0.3, 'ニーズ調査で認知機能の低下リスクありと判定された人の割合'),
  rate('A10', '認知症カフェの設置数(高齢者人口万人あたり)', '認知症', 'structure', 'higher', 2.3, 0.1, '認知症カフェの数', '箇所/万人'),
  rate('A11', 'チームオレンジの設置数(高齢者人口万人あたり)', '認知症', 'structure', 'higher', 0.6, 0.1, 'チームオレンジの数', '箇所/万人'),
  rate('A12', '訪問診療を受けた患者数(高齢者人口千人あたり)', '在宅医療・介護連携', 'output', 'higher', 31.5, 1.2, 'レセプトによる訪問診療の実患者数', '人/千人'),
  rate('A13', '在宅看取りの割合', '在宅医療・介護連携', 'outcome', 'higher', 16.8, 0.6, '死亡者に占める自宅での死亡の割合'),
  rate('A14', '退院調整加算の算定率', '在宅医療・介護連携', 'process', 'higher', 48.2, 1.1, '退院した高齢者に占める退院調整を受けた人の割合'),
  rate('A15', '訪問看護事業所数(高齢者人口万人あたり)', '在宅医療・介護連携', 'structure', 'higher', 4.4, 0.2, '訪問看護事業所の数', '箇所/万人'),
  rate('A16', '入退院支援ルールの参加医療機関割合', '在宅医療・介護連携', 'process', 'higher', 62, 2.5, '入退院支援ルールに参加する病院の割合'),
  {
    code: 'A17',
    name: '受給者1人あたり給付月額(在宅サービス)',
    unit: '円',
    direction: 'lower',
    level: 'outcome',
    theme: '給付',
    figureKind: 'amount',
    decimals: 0,
    base: 121000,
    trend: 900,
    definition: '在宅サービス受給者1人あたりの給付費の月額',
  },
  {
    code: 'A18',
    name: '受給者1人あたり給付月額(施設サービス)',
    unit: '円',
    direction: 'lower',
    level: 'outcome',
    theme: '給付',
    figureKind: 'amount',
    decimals: 0,
    base: 287000,
    trend: 1500,
    definition: '施設サービス受給者1人あたりの給付費の月額',
  },
  rate('A19', '調整済み重度認定率(要介護3以上)', '給付', 'outcome', 'lower', 6.4, -0.02, '性・年齢調整済みの要介護3〜5の認定率'),
  rate('A20', 'ケアプラン点検の実施率', '給付', 'process', 'higher', 21, 1.5, '居宅介護支援のケアプランのうち点検したものの割合'),
];

/** M01 and M02 of the demo file come from 見える化 too: their national figure and trend. */
const demoFileSeries: Record<string, { base: number; trend: number; decimals: number }> = {
  M01: { base: 19.0, trend: 0.1, decimals: 1 },
  M02: { base: 23400, trend: 250, decimals: 0 },
};

/** A deterministic number in [0, 1) from a text: the same demo every time. */
function unit(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100000) / 100000;
}

const round = (v: number, decimals: number) => Number(v.toFixed(decimals));

interface AreaSeries {
  municipalityId?: string;
  referenceAreaId?: string;
  /** Level relative to 全国 (1 = the national figure). */
  level: number;
  /** The stored latest value to end on (the demo file's key value), when there is one. */
  latest?: number;
}

/** Reference areas, five years of figures for each area and indicator, and the 交付金 scores. */
export async function seedAnalysis(
  tx: Db,
  opts: {
    fy: number;
    indicatorIds: Map<string, string>;
    municipalities: { id: string; name: string; keyValues: Record<string, number> }[];
    grantMunicipalities: { id: string; name: string }[];
  },
): Promise<void> {
  const [nation] = await tx
    .insert(s.referenceAreas)
    .values({ code: '00', kind: 'national', name: '全国' })
    .onConflictDoUpdate({ target: s.referenceAreas.code, set: { name: '全国' } })
    .returning({ id: s.referenceAreas.id });
  const [prefecture] = await tx
    .insert(s.referenceAreas)
    .values({ code: '99', kind: 'prefecture', name: '架空都' })
    .onConflictDoUpdate({ target: s.referenceAreas.code, set: { name: '架空都' } })
    .returning({ id: s.referenceAreas.id });

  const latestFy = opts.fy - 1;
  const years = [4, 3, 2, 1, 0].map((back) => latestFy - back);
  const series = [
    ...analysisIndicators.map((i) => ({ code: i.code, base: i.base, trend: i.trend, decimals: i.decimals, source: MIERUKA })),
    ...Object.entries(demoFileSeries).map(([code, x]) => ({ code, ...x, source: MIERUKA })),
  ];
  const rows: (typeof s.indicatorValues.$inferInsert)[] = [];
  for (const ind of series) {
    const indicatorId = opts.indicatorIds.get(ind.code);
    if (!indicatorId) continue;
    const areas: AreaSeries[] = [
      { referenceAreaId: nation!.id, level: 1 },
      { referenceAreaId: prefecture!.id, level: 0.96 + unit(`99${ind.code}`) * 0.08 },
      ...opts.municipalities.map((m) => ({
        municipalityId: m.id,
        level: 0.8 + unit(`${m.name}${ind.code}`) * 0.4,
        latest: m.keyValues[ind.code],
      })),
    ];
    for (const area of areas) {
      const end = area.latest ?? ind.base * area.level;
      const wobble = unit(`${area.municipalityId ?? area.referenceAreaId}${ind.code}`);
      years.forEach((fy, i) => {
        const back = years.length - 1 - i;
        const noise = back === 0 ? 0 : (unit(`${wobble}${fy}`) - 0.5) * Math.abs(ind.trend) * 0.8;
        const value = round(Math.max(0, end - ind.trend * area.level * back + noise), ind.decimals);
        rows.push({
          indicatorId,
          municipalityId: area.municipalityId ?? null,
          referenceAreaId: area.referenceAreaId ?? null,
          period: `FY${fy}`,
          value,
          source: ind.source,
        });
      });
    }
  }
  await tx.insert(s.indicatorValues).values(rows).onConflictDoNothing();

  // 交付金: two grants, their evaluation areas of the year (data, not code), two fiscal years.
  // Fictional demo figures: plausible in size, not any municipality's real scores or averages.
  const areas: Record<GrantKind, [string, number][]> = {
    promotion: [
      ['目標Ⅰ 持続可能な地域のあるべき姿をかたちにする', 400],
      ['目標Ⅱ 公正・公平な給付を行う体制を構築する', 300],
      ['目標Ⅲ 介護人材の確保その他のサービス提供基盤の整備を推進する', 300],
    ],
    support: [
      ['目標Ⅰ 持続可能な地域のあるべき姿をかたちにする', 400],
      ['目標Ⅱ 介護予防/日常生活支援を推進する', 400],
      ['目標Ⅲ 認知症総合支援を推進する', 200],
    ],
  };
  const grantRows: (typeof s.grantScores.$inferInsert)[] = [];
  for (const m of opts.grantMunicipalities)
    for (const fy of [latestFy - 1, latestFy])
      for (const grant of ['promotion', 'support'] as const)
        areas[grant].forEach(([area, max], position) => {
          const share = 0.45 + unit(`${m.name}${grant}${area}${fy}`) * 0.45;
          grantRows.push({
            municipalityId: m.id,
            fiscalYear: fy,
            grant,
            areaCode: String(position + 1),
            area,
            position,
            source: GRANT_SOURCE,
            score: Math.round(max * share),
            maxScore: max,
            nationalAverage: Math.round(max * 0.62),
            prefectureAverage: Math.round(max * (0.58 + unit(`99${grant}${area}${fy}`) * 0.1)),
          });
        });
  await tx.insert(s.grantScores).values(grantRows).onConflictDoNothing();
}
