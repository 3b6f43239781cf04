import { describe, expect, it } from 'vitest';
import { formatDate, formatFiscalYear, formatMonth, monthLabel, yearLabel } from '../src/index.js';

describe('dates in the fiscal-year frame', () => {
  it('writes Japanese dates with the 令和 era through Intl', () => {
    expect(formatDate('2025-07-10', 'ja')).toBe('令和7年7月10日');
    expect(formatMonth('2026-03', 'ja')).toBe('令和8年3月');
    expect(formatFiscalYear(2025, 'ja')).toBe('令和7年度');
    expect(yearLabel(2026, 'ja')).toBe('令和8年');
    expect(monthLabel('2026-01', 'ja')).toBe('1月');
  });

  it('writes English dates plainly', () => {
    expect(formatDate('2025-07-10', 'en')).toBe('10 Jul 2025');
    expect(formatMonth('2026-03', 'en')).toBe('Mar 2026');
    expect(formatFiscalYear(2025, 'en')).toBe('FY2025 (Reiwa 7)');
    expect(monthLabel('2026-01', 'en')).toBe('Jan');
  });

  it('does not shift a date across time zones and passes through what is not a date', () => {
    expect(formatDate('2026-03-31', 'ja')).toBe('令和8年3月31日');
    expect(formatDate('未定', 'ja')).toBe('未定');
    expect(formatDate(null, 'ja')).toBe('');
  });
});
