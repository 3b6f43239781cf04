import { describe, expect, it } from 'vitest';
import {
  excelDateFormat,
  formatDate,
  formatDateTime,
  formatFiscalQuarter,
  formatFiscalYear,
  formatMonth,
  formatPeriod,
  monthLabel,
  yearLabel,
} from '../src/dates.js';

describe('the one date formatter', () => {
  it('writes Japanese dates with the era through Intl', () => {
    expect(formatDate('2025-07-10', 'ja')).toBe('令和7年7月10日');
    expect(formatMonth('2026-03', 'ja')).toBe('令和8年3月');
    expect(formatFiscalYear(2025, 'ja')).toBe('令和7年度');
    expect(formatFiscalYear(2018, 'ja')).toBe('平成30年度');
    expect(yearLabel(2026, 'ja')).toBe('令和8年');
    expect(monthLabel('2026-01', 'ja')).toBe('1月');
    expect(formatFiscalQuarter(2025, 2, 'ja')).toBe('令和7年度第2四半期');
    expect(formatDateTime('2025-07-10T05:05:00Z', 'ja')).toBe('令和7年7月10日 14:05');
  });

  it('writes English dates plainly, with the era beside fiscal years', () => {
    expect(formatDate('2025-07-10', 'en')).toBe('10 Jul 2025');
    expect(formatMonth('2026-03', 'en')).toBe('Mar 2026');
    expect(formatFiscalYear(2025, 'en')).toBe('FY2025 (Reiwa 7)');
    expect(formatFiscalYear(2018, 'en')).toBe('FY2018 (Heisei 30)');
    expect(formatFiscalYear(2025, 'en', { short: true })).toBe('FY2025');
    expect(monthLabel('2026-01', 'en')).toBe('Jan');
    expect(formatFiscalQuarter(2025, 4, 'en')).toBe('FY2025 Q4');
  });

  it('does not shift a day across time zones and passes through what is not a date', () => {
    expect(formatDate('2026-03-31', 'ja')).toBe('令和8年3月31日');
    expect(formatDate('未定', 'ja')).toBe('未定');
    expect(formatDate(null, 'ja')).toBe('');
    expect(formatPeriod('2024', 'ja')).toBe('令和6年');
    expect(formatPeriod('2024-10', 'en')).toBe('Oct 2024');
    expect(formatPeriod('FY2024', 'en')).toBe('FY2024 (Reiwa 6)');
    expect(formatPeriod('FY2024', 'ja')).toBe('令和6年度');
    expect(formatPeriod('R6', 'ja')).toBe('令和6年度');
    expect(formatPeriod('2025-07', 'ja')).toBe('令和7年7月');
  });

  it('gives Excel a 和暦 number format for date cells', () => {
    expect(excelDateFormat.ja).toContain('ggge');
  });
});
