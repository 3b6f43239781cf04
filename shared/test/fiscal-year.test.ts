import { describe, expect, it } from 'vitest';
import {
  fiscalMonthIndex,
  fiscalQuarterOf,
  fiscalYearFraction,
  fiscalYearLabel,
  fiscalYearMonths,
  fiscalYearOf,
  fiscalYearRange,
  todayInJapan,
} from '../src/fiscal-year.js';

describe('fiscal year (年度, April–March)', () => {
  it('starts in April', () => {
    expect(fiscalYearOf('2025-04-01')).toBe(2025);
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2025-03-31')).toBe(2024);
    expect(fiscalYearOf('2025-12')).toBe(2025);
    expect(() => fiscalYearOf('R7')).toThrow(RangeError);
  });

  it('gives the range, quarters and month order', () => {
    expect(fiscalYearRange(2025)).toEqual({ start: '2025-04-01', end: '2026-03-31' });
    expect(fiscalQuarterOf('2025-04-15')).toBe(1);
    expect(fiscalQuarterOf('2025-09-30')).toBe(2);
    expect(fiscalQuarterOf('2025-12-01')).toBe(3);
    expect(fiscalQuarterOf('2026-03-31')).toBe(4);
    expect(fiscalMonthIndex('2025-04-01')).toBe(0);
    expect(fiscalMonthIndex('2026-03-01')).toBe(11);
    const months = fiscalYearMonths(2025);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-04');
    expect(months[11]).toBe('2026-03');
  });

  it('labels the year with the Japanese era from Intl', () => {
    expect(fiscalYearLabel(2025)).toBe('令和7年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearLabel(2025, 'en')).toBe('FY2025 (Reiwa 7)');
  });

  it('places a date within the year', () => {
    expect(fiscalYearFraction(2025, '2025-04-01')).toBe(0);
    expect(fiscalYearFraction(2025, '2026-04-01')).toBe(1);
    const mid = fiscalYearFraction(2025, '2025-10-01');
    expect(mid).toBeGreaterThan(0.49);
    expect(mid).toBeLessThan(0.51);
  });

  it('reads today in Japan time', () => {
    expect(todayInJapan(new Date('2025-03-31T15:30:00Z'))).toBe('2025-04-01');
    expect(todayInJapan(new Date('2025-03-31T14:59:00Z'))).toBe('2025-03-31');
  });
});
