/**
 * Dates as people in Japanese local government read them: 令和 era through Intl
 * (`ja-JP-u-ca-japanese`) in Japanese, plain Gregorian in English. Business dates are ISO strings
 * (YYYY-MM-DD / YYYY-MM) and are formatted in UTC so that no time zone shifts the day.
 */
import { fiscalYearLabel, parseYearMonth } from '@banso/shared';

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

function utcDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1)));
}

/** 令和7年7月10日 / 10 Jul 2025. Returns the input when it is not an ISO date. */
export function formatDate(iso: string | null | undefined, locale: DateLocale): string {
  if (!iso) return '';
  const d = utcDate(iso);
  if (!d) return iso;
  return locale === 'ja'
    ? fmt(JA, { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d)
    : fmt('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** 令和7年7月 / Jul 2025 for YYYY-MM (or a date). */
export function formatMonth(ym: string | null | undefined, locale: DateLocale): string {
  if (!ym) return '';
  const d = utcDate(ym);
  if (!d) return ym;
  return locale === 'ja'
    ? fmt(JA, { era: 'long', year: 'numeric', month: 'long', timeZone: 'UTC' }).format(d)
    : fmt('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** 7月 / Jul: a month header of the timeline. */
export function monthLabel(ym: string, locale: DateLocale): string {
  const [, m] = parseYearMonth(ym);
  return fmt(locale === 'ja' ? 'ja-JP' : 'en-GB', { month: locale === 'ja' ? 'long' : 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
}

/** 令和7年 / 2025: the calendar-year label above January of a timeline. */
export function yearLabel(year: number, locale: DateLocale): string {
  if (locale === 'en') return String(year);
  return fmt(JA, { era: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, 6, 1)));
}

/** 令和7年7月10日 14:05 (Japan time) for an ISO timestamp. */
export function formatDateTime(iso: string | null | undefined, locale: DateLocale): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return locale === 'ja'
    ? fmt(JA, { era: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(d)
    : fmt('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(d);
}

/** 令和7年度 / FY2025 */
export function formatFiscalYear(fy: number, locale: DateLocale): string {
  return fiscalYearLabel(fy, locale);
}
