/**
 * The roadmap's time scale: one fiscal year (April–March) mapped onto 0..1 with twelve months of
 * equal width, so month and quarter headers line up in a plain grid. A date falls inside its month
 * by day: 15 July 2025 in 令和7年度 is (3 + 14/31) / 12.
 */
import { fiscalYearMonths, fiscalYearOf, parseYearMonth } from '@banso/shared';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDay(iso: string): number {
  const m = /^\d{4}-\d{2}-(\d{2})/.exec(iso);
  return m ? Number(m[1]) : 1;
}

/** Months since April of `fy` (may be negative or ≥ 12 outside the year), with the day as a fraction. */
export function monthOffset(fy: number, iso: string): number {
  const [y, m] = parseYearMonth(iso);
  const whole = (y - fy) * 12 + (m - 4);
  const day = parseDay(iso);
  return whole + (day - 1) / daysInMonth(y, m);
}

/** Position of a date (YYYY-MM-DD) or a month's first day (YYYY-MM) in fiscal year `fy`: 0 = 1 April, 1 = next 1 April. */
export function positionInYear(fy: number, iso: string): number {
  return monthOffset(fy, iso) / 12;
}

/** Whether a date lies within fiscal year `fy`. */
export function isInFiscalYear(fy: number, iso: string): boolean {
  return fiscalYearOf(iso) === fy;
}

export interface MonthTick {
  /** YYYY-MM */
  month: string;
  start: number;
  end: number;
}

export function monthTicks(fy: number): MonthTick[] {
  return fiscalYearMonths(fy).map((month, i) => ({ month, start: i / 12, end: (i + 1) / 12 }));
}

export interface QuarterTick {
  quarter: 1 | 2 | 3 | 4;
  months: string[];
  start: number;
  end: number;
}

export function quarterTicks(fy: number): QuarterTick[] {
  const months = fiscalYearMonths(fy);
  return ([1, 2, 3, 4] as const).map((quarter) => ({
    quarter,
    months: months.slice((quarter - 1) * 3, quarter * 3),
    start: (quarter - 1) / 4,
    end: quarter / 4,
  }));
}

export interface SpanExtent {
  start: number;
  end: number;
  /** The span begins before this fiscal year. */
  continuesBefore: boolean;
  /** The span ends after this fiscal year. */
  continuesAfter: boolean;
}

/**
 * Where a span of whole months (startMonth..endMonth inclusive, YYYY-MM) lies in fiscal year `fy`,
 * clipped to the year; null when it does not touch the year.
 */
export function spanExtent(fy: number, startMonth: string, endMonth: string): SpanExtent | null {
  const s = monthOffset(fy, startMonth.slice(0, 7));
  const e = monthOffset(fy, endMonth.slice(0, 7)) + 1;
  if (e <= 0 || s >= 12 || e <= s) return null;
  return {
    start: Math.max(0, s) / 12,
    end: Math.min(12, e) / 12,
    continuesBefore: s < 0,
    continuesAfter: e > 12,
  };
}

/**
 * The fiscal years a roadmap covers: from the earliest to the latest year touched by any span or
 * milestone, always including `today`'s year, as a contiguous ascending list.
 */
export function roadmapYears(
  rows: readonly { span: { startMonth: string; endMonth: string } | null; dates: readonly string[] }[],
  today: string,
): number[] {
  const years = [fiscalYearOf(today)];
  for (const r of rows) {
    if (r.span) years.push(fiscalYearOf(r.span.startMonth), fiscalYearOf(r.span.endMonth));
    for (const d of r.dates) years.push(fiscalYearOf(d));
  }
  const min = Math.min(...years);
  const max = Math.max(...years);
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The first fiscal year to show: today's when the roadmap covers it, else the nearest covered year. */
export function initialYear(years: readonly number[], today: string): number {
  const current = fiscalYearOf(today);
  if (years.includes(current)) return current;
  let best = years[0] ?? current;
  for (const y of years) if (Math.abs(y - current) < Math.abs(best - current)) best = y;
  return best;
}
