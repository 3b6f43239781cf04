/**
 * 地域分析's pure part: an indicator's series merged into one row per period (what the chart draws
 * and the hidden table reads), the lines to draw with their styles, and number formatting by the
 * indicator's decimals.
 */
import type { AnalysisIndicator, DateLocale } from '@banso/shared';

export type LineKey = 'own' | 'national' | 'prefecture' | 'similar' | `neighbour:${string}`;

export interface SeriesLine {
  key: LineKey;
  label: string;
  /** Colour, dash and marker: never the colour alone (WCAG 1.4.1). */
  color: string;
  dash: string | undefined;
  marker: Marker;
  width: number;
}

export type Marker = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

export type SeriesRow = { period: string } & Partial<Record<LineKey, number>>;

/** Every colour at least 4.5:1 on white: the lines read apart by dash and marker as well. */
const styles: Record<'own' | 'national' | 'prefecture' | 'similar', Omit<SeriesLine, 'key' | 'label'>> = {
  own: { color: '#1d4f91', dash: undefined, marker: 'circle', width: 3 },
  national: { color: '#3d4753', dash: '6 4', marker: 'square', width: 2 },
  prefecture: { color: '#0d5f6a', dash: '2 3', marker: 'triangle', width: 2 },
  similar: { color: '#8a4a00', dash: '10 3 2 3', marker: 'diamond', width: 2 },
};
const neighbourColors = ['#6b3fa0', '#9c2f5a', '#4d5d12'];

export interface LineLabels {
  own: string;
  national: string;
  prefecture: string;
  similar: string;
}

/** The lines of one indicator: own, 全国, the prefecture, the similar mean, and the neighbours when asked. */
export function linesOf(item: AnalysisIndicator, labels: LineLabels, withNeighbours: boolean): SeriesLine[] {
  const s = item.series;
  const lines: SeriesLine[] = [];
  if (s.own.length) lines.push({ key: 'own', label: labels.own, ...styles.own });
  if (s.national.length) lines.push({ key: 'national', label: labels.national, ...styles.national });
  if (s.prefecture.length) lines.push({ key: 'prefecture', label: labels.prefecture, ...styles.prefecture });
  if (s.similarMean.length) lines.push({ key: 'similar', label: labels.similar, ...styles.similar });
  if (withNeighbours)
    s.neighbours.forEach((n, i) => {
      if (n.points.length)
        lines.push({
          key: `neighbour:${n.municipalityId}`,
          label: n.name,
          color: neighbourColors[i % neighbourColors.length]!,
          dash: '1 3',
          marker: 'cross',
          width: 1.5,
        });
    });
  return lines;
}

/** One row per period (sorted), each line's value where it has one. */
export function rowsOf(item: AnalysisIndicator): SeriesRow[] {
  const byPeriod = new Map<string, SeriesRow>();
  const put = (key: LineKey, points: { period: string; value: number }[]) => {
    for (const p of points) {
      const row = byPeriod.get(p.period) ?? { period: p.period };
      row[key] = p.value;
      byPeriod.set(p.period, row);
    }
  };
  const s = item.series;
  put('own', s.own);
  put('national', s.national);
  put('prefecture', s.prefecture);
  put('similar', s.similarMean);
  for (const n of s.neighbours) put(`neighbour:${n.municipalityId}`, n.points);
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}

const intlLocale = (locale: DateLocale) => (locale === 'ja' ? 'ja-JP' : 'en-US');

/** A value with the indicator's decimals: 12,345 / 6.8. */
export function formatValue(value: number | undefined | null, decimals: number, locale: DateLocale): string {
  if (value === undefined || value === null) return '—';
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** An axis tick: at most the indicator's decimals, large figures compact (2.5万, 25K). */
export function formatTick(value: number, decimals: number, locale: DateLocale): string {
  const compact = Math.abs(value) >= 10000;
  return new Intl.NumberFormat(intlLocale(locale), {
    maximumFractionDigits: compact ? 1 : decimals,
    ...(compact ? { notation: 'compact' as const } : {}),
  }).format(value);
}

/** The themes in the order the catalogue lists them. */
export function themesOf(items: AnalysisIndicator[]): string[] {
  return [...new Set(items.map((i) => i.indicator.theme))];
}

/** Bansō's indicator template as a CSV file (UTF-8 with BOM, which Japanese Excel opens as it is). */
export function templateCsv(columns: readonly string[], sample: readonly string[]): Blob {
  return new Blob([`\ufeff${columns.join(',')}\r\n${sample.join(',')}\r\n`], { type: 'text/csv;charset=utf-8' });
}
