import { describe, expect, it } from 'vitest';
import { fiscalYearOfPeriod, normalizePeriod, parsePeriod, PeriodKeySchema } from '../src/period.js';

describe('parsePeriod', () => {
  it.each([
    ['FY2024', 'FY2024'],
    ['R6', 'FY2024'],
    ['r6', 'FY2024'],
    ['令和6年度', 'FY2024'],
    ['令和元年度', 'FY2019'],
    ['平成30年度', 'FY2018'],
    ['H30', 'FY2018'],
    ['2024年度', 'FY2024'],
    ['２０２４年度', 'FY2024'],
    ['2024', 'FY2024'],
    ['令和6年', 'FY2024'],
    ['2024-07', '2024-07'],
    ['2024/7', '2024-07'],
    ['令和7年7月', '2025-07'],
    ['2025-07-10', '2025-07-10'],
    ['2025年7月10日', '2025-07-10'],
    ['令和7年度（速報）', 'FY2025'],
  ])('reads %s as %s', (input, key) => {
    expect(normalizePeriod(input)).toBe(key);
  });

  it.each(['', 'abc', '2024-13', '2025-02-30', '令和', '12', 'R'])('refuses %s', (input) => {
    expect(parsePeriod(input)).toBeNull();
  });

  it('reads a bare year only when asked to', () => {
    expect(parsePeriod('2024', { bareYear: 'none' })).toBeNull();
    expect(parsePeriod('R6', { bareYear: 'none' })).toEqual({ kind: 'fiscal_year', fiscalYear: 2024 });
  });

  it('puts months in their fiscal year (January–March belong to the year before)', () => {
    expect(fiscalYearOfPeriod(parsePeriod('2026-03')!)).toBe(2025);
    expect(fiscalYearOfPeriod(parsePeriod('2025-04-01')!)).toBe(2025);
  });

  it('accepts only canonical keys as stored periods', () => {
    expect(PeriodKeySchema.safeParse('FY2024').success).toBe(true);
    expect(PeriodKeySchema.safeParse('2024-07').success).toBe(true);
    expect(PeriodKeySchema.safeParse('R6').success).toBe(false);
    expect(PeriodKeySchema.safeParse('2024-13').success).toBe(false);
  });
});
