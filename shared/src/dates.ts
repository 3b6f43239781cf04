/**
 * The one date formatter: dates as people in Japanese local government read them, on screens,
 * charts, the report (HTML/PDF), PPTX and XLSX. Japanese uses the era through Intl
 * (`ja-JP-u-ca-japanese`, 令和7年7月10日), English plain Gregorian (10 Jul 2025) with the era
 * beside fiscal years (FY2025 (Reiwa 7)). Business dates are ISO strings (YYYY-MM-DD / YYYY-MM)
 * formatted in UTC so that no time zone shifts the day; timestamps are shown in Japan time.
 */
import { parsePeriod, periodKey } from './period.js';

export type DateLocale = 'ja' | 'en';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const JA = 'ja-JP-u-ca-japanese';
const EN_ERA = 'en-GB-u-ca-japanese';

/** A business date (YYYY-MM[-DD]) as a UTC midnight Date, or null when it is not one. */
export function isoToUtcDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1)));
}

/** 令和7年7月10日 / 10 Jul 2025. Returns the input when it is not an ISO date. */
export function formatDate(iso: string | null | undefined, locale: DateLocale): string {
  if (!iso) return '';
  const d = isoToUtcDate(iso);
  if (!d) return iso;
  return locale === 'ja'
    ? fmt(JA, { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d)
    : fmt('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** 令和7年7月 / Jul 2025 for YYYY-MM (or a date). Returns the input when it is not an ISO date. */
export function formatMonth(ym: string | null | undefined, locale: DateLocale): string {
  if (!ym) return '';
  const d = isoToUtcDate(ym);
  if (!d) return ym;
  return locale === 'ja'
    ? fmt(JA, { era: 'long', year: 'numeric', month: 'long', timeZone: 'UTC' }).format(d)
    : fmt('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** 7月 / Jul: a month header of a timeline or chart axis. */
export function monthLabel(ym: string, locale: DateLocale): string {
  const m = Number(/^\d{4}-(\d{2})/.exec(ym)?.[1]);
  if (!m) return ym;
  if (locale === 'ja') return `${m}月`;
  return fmt('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
}

/** 令和7年 / 2025: the calendar-year label above January of a timeline. */
export function yearLabel(year: number, locale: DateLocale): string {
  if (locale === 'en') return String(year);
  return fmt(JA, { era: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, 6, 1)));
}

/** 令和7年7月10日 14:05 / 10 Jul 2025, 14:05 (Japan time) for an ISO timestamp. */
export function formatDateTime(iso: string | null | undefined, locale: DateLocale): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' } as const;
  return locale === 'ja'
    ? fmt(JA, { era: 'long', year: 'numeric', month: 'long', day: 'numeric', ...time }).format(d)
    : fmt('en-GB', { day: 'numeric', month: 'short', year: 'numeric', ...time }).format(d);
}

/** Reiwa 7: the English era name of the year in force on 1 April of a fiscal year, from Intl. */
function englishEraYear(fy: number): string {
  const parts = fmt(EN_ERA, { era: 'long', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(fy, 3, 1)));
  const era = parts.find((p) => p.type === 'era')?.value ?? '';
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  return `${era} ${year}`.trim();
}

/**
 * 令和7年度 / FY2025 (Reiwa 7). `short` drops the era in English (FY2025), for axes and tight cells.
 * Uses the era in force on 1 April of that year; Intl writes its first year as 元年 or 1年 by engine.
 */
export function formatFiscalYear(fy: number, locale: DateLocale, opts: { short?: boolean } = {}): string {
  if (locale === 'en') return opts.short ? `FY${fy}` : `FY${fy} (${englishEraYear(fy)})`;
  return `${fmt(JA, { era: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(fy, 3, 1)))}度`;
}

/** 令和7年度第2四半期 / FY2025 Q2. */
export function formatFiscalQuarter(fy: number, quarter: 1 | 2 | 3 | 4, locale: DateLocale): string {
  return locale === 'ja' ? `${formatFiscalYear(fy, 'ja')}第${quarter}四半期` : `FY${fy} Q${quarter}`;
}

/**
 * A period in the fiscal-year frame: FY2024 / R6 / 令和6年度 → 令和6年度 (FY2024 (Reiwa 6)), 2024-10 →
 * 令和6年10月, 2024-10-01 → 令和6年10月1日 (the period model of period.ts). A bare calendar year (2024)
 * reads as 令和6年; anything else is returned as written.
 */
export function formatPeriod(period: string | null | undefined, locale: DateLocale, opts: { short?: boolean } = {}): string {
  if (!period) return '';
  const p = parsePeriod(period, { bareYear: 'none' });
  if (p?.kind === 'fiscal_year') return formatFiscalYear(p.fiscalYear, locale, opts);
  if (p?.kind === 'month') return formatMonth(periodKey(p), locale);
  if (p?.kind === 'date') return formatDate(periodKey(p), locale);
  if (/^\d{4}$/.test(period)) return yearLabel(Number(period), locale);
  return period;
}

/**
 * Excel's number format for a date cell in the 和暦, so the cell keeps a real date: 令和7年7月10日.
 * This is the code Excel itself writes for カレンダーの種類 = 和暦 (`ja-JP` locale; `x-gannen` writes
 * the first year of an era as 元年, as Intl does). `ggg` = 令和, `e` = the year of the era.
 */
export const excelDateFormat: Record<DateLocale, string> = {
  ja: '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"',
  en: 'd mmm yyyy',
};
/** The same for a year-month cell: 令和7年7月 / Jul 2025. */
export const excelMonthFormat: Record<DateLocale, string> = {
  ja: '[$-ja-JP-x-gannen]ggge"年"m"月"',
  en: 'mmm yyyy',
};
