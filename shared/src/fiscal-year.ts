/**
 * Japanese fiscal years (年度) run April to March: 令和7年度 = April 2025 – March 2026.
 * Era names come from Intl (`ja-JP-u-ca-japanese`), never from a hand-written table.
 */
import { formatFiscalYear } from './dates.js';

/** ISO date or year-month (YYYY-MM[-DD]) → fiscal year (the calendar year in which it starts). */
export function fiscalYearOf(isoDate: string): number {
  const [y, m] = parseYearMonth(isoDate);
  return m >= 4 ? y : y - 1;
}

export function parseYearMonth(iso: string): [number, number] {
  const match = /^(\d{4})-(\d{2})/.exec(iso);
  if (!match) throw new RangeError(`Not an ISO date: ${iso}`);
  return [Number(match[1]), Number(match[2])];
}

/** First and last day of a fiscal year. */
export function fiscalYearRange(fy: number): { start: string; end: string } {
  return { start: `${fy}-04-01`, end: `${fy + 1}-03-31` };
}

/** Quarter within the fiscal year: April–June is Q1, January–March is Q4. */
export function fiscalQuarterOf(isoDate: string): 1 | 2 | 3 | 4 {
  const [, m] = parseYearMonth(isoDate);
  return (Math.floor(((m + 8) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** Month index within the fiscal year, 0 = April … 11 = March. */
export function fiscalMonthIndex(isoDate: string): number {
  const [, m] = parseYearMonth(isoDate);
  return (m + 8) % 12;
}

/** The calendar months of a fiscal year in order, as YYYY-MM. */
export function fiscalYearMonths(fy: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    const year = month >= 4 ? fy : fy + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

/** 令和7年度 (ja) or FY2025 (Reiwa 7) (en): `formatFiscalYear` of dates.ts, the one formatter. */
export function fiscalYearLabel(fy: number, locale: 'ja' | 'en' = 'ja'): string {
  return formatFiscalYear(fy, locale);
}

/** Fraction (0..1) of the way through a fiscal year at a date, for timeline positioning. */
export function fiscalYearFraction(fy: number, isoDate: string): number {
  const start = Date.UTC(fy, 3, 1);
  const end = Date.UTC(fy + 1, 3, 1);
  const [y, m] = parseYearMonth(isoDate);
  const d = Number(/^\d{4}-\d{2}-(\d{2})/.exec(isoDate)?.[1] ?? 1);
  const t = Date.UTC(y, m - 1, d);
  return (t - start) / (end - start);
}

/** Today's date as YYYY-MM-DD in Japan time, the frame every deadline here is read in. */
export function todayInJapan(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** The 介護保険事業計画 period (期) a fiscal year falls in: three years from FY2000 (第1期), so 第9期 = FY2024–2026 (令和6〜8年度). */
export function carePlanPeriod(fy: number): { term: number; firstYear: number; lastYear: number } {
  const term = Math.floor((fy - 2000) / 3) + 1;
  const firstYear = 2000 + (term - 1) * 3;
  return { term, firstYear, lastYear: firstYear + 2 };
}
