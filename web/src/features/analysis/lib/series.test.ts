import type { AnalysisIndicator } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { formatTick, formatValue, linesOf, rowsOf, templateCsv, themesOf } from './series';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const item = (over: Partial<AnalysisIndicator['indicator']> = {}): AnalysisIndicator => ({
  indicator: {
    id: id(1),
    code: 'A01',
    name: 'Participation',
    unit: '%',
    direction: 'higher',
    level: 'process',
    theme: 'prevention',
    figureKind: 'rate',
    decimals: 1,
    source: 'x',
    ...over,
  },
  series: {
    own: [
      { period: 'FY2023', value: 6 },
      { period: 'FY2024', value: 7 },
    ],
    national: [
      { period: 'FY2022', value: 5 },
      { period: 'FY2024', value: 6.5 },
    ],
    prefecture: [],
    similarMean: [{ period: 'FY2024', value: 6.8, n: 3 }],
    neighbours: [{ municipalityId: id(2), name: 'N', points: [{ period: 'FY2024', value: 8 }] }],
  },
  ranking: { period: 'FY2024', rank: 1, of: 4 },
  valueIds: {},
});
const labels = { own: 'own', national: 'nat', prefecture: 'pref', similar: 'sim' };

describe('rowsOf', () => {
  it('merges every line into one row per period, in order, leaving gaps empty', () => {
    expect(rowsOf(item())).toEqual([
      { period: 'FY2022', national: 5 },
      { period: 'FY2023', own: 6 },
      { period: 'FY2024', own: 7, national: 6.5, similar: 6.8, [`neighbour:${id(2)}`]: 8 },
    ]);
  });
});

describe('linesOf', () => {
  it('draws only the lines with figures, neighbours when asked, each with its own dash and marker', () => {
    expect(linesOf(item(), labels, false).map((l) => l.key)).toEqual(['own', 'national', 'similar']);
    const all = linesOf(item(), labels, true);
    expect(all.map((l) => l.key)).toEqual(['own', 'national', 'similar', `neighbour:${id(2)}`]);
    expect(new Set(all.map((l) => l.marker)).size).toBe(all.length);
    expect(new Set(all.map((l) => l.dash ?? 'solid')).size).toBe(all.length);
  });
});

describe('formatting', () => {
  it('writes values with the indicator’s decimals and compact axis ticks', () => {
    expect(formatValue(6.8, 1, 'ja')).toBe('6.8');
    expect(formatValue(121000, 0, 'en')).toBe('121,000');
    expect(formatValue(undefined, 1, 'ja')).toBe('—');
    expect(formatTick(60, 1, 'ja')).toBe('60');
    expect(formatTick(25000, 0, 'en')).toBe('25K');
  });

  it('lists themes in catalogue order', () => {
    expect(themesOf([item(), item({ theme: 'dementia' }), item()])).toEqual(['prevention', 'dementia']);
  });

  it('builds the template as a UTF-8 CSV with BOM', async () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await templateCsv(['a', 'b'], ['1', '2']).arrayBuffer());
    expect(text).toBe('\ufeffa,b\r\n1,2\r\n');
  });
});
