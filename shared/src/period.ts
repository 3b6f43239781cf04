/**
 * The one period model: a figure belongs to a fiscal year (年度), a month or a day. Stored
 * canonically as `FY2025`, `2025-07` or `2025-07-10` (sortable within a kind; the month and date
 * forms are the ISO strings measurements and verification plans already store). `parsePeriod`
 * also reads what people and sources write: 令和7年度, R7, 2025年度, FY2025, H30年度, 2025/7, 令和7年7月.
 * Shown in the fiscal-year frame through dates.ts (`formatPeriod`): 令和7年度, 令和7年7月.
 */
import { z } from 'zod';

export const periodKinds = ['fiscal_year', 'month', 'date'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export type Period =
  | { kind: 'fiscal_year'; fiscalYear: number }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'date'; year: number; month: number; day: number };

/** First Gregorian year of the eras a Japanese source writes (元年 = 1). */
const eraStart: Record<string, number> = { 令和: 2019, R: 2019, 平成: 1989, H: 1989, 昭和: 1926, S: 1926 };

const pad = (n: number) => String(n).padStart(2, '0');
const validYear = (y: number) => y >= 1900 && y <= 2200;

/** The canonical stored text of a period: FY2025, 2025-07 or 2025-07-10. */
export function periodKey(p: Period): string {
  switch (p.kind) {
    case 'fiscal_year':
      return `FY${p.fiscalYear}`;
    case 'month':
      return `${p.year}-${pad(p.month)}`;
    case 'date':
      return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  }
}

function yearOf(era: string | undefined, n: string): number {
  const value = n === '元' ? 1 : Number(n);
  return era ? (eraStart[era] ?? eraStart[era.toUpperCase()]!) + value - 1 : value;
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * A period from its canonical key or from how people write it; null when it is none.
 * `bareYear` says what a lone year (2025, 令和7年) means: a fiscal year (the default: statistics
 * such as 見える化 are by 年度) or nothing.
 */
export function parsePeriod(input: string, opts: { bareYear?: 'fiscal_year' | 'none' } = {}): Period | null {
  const s = input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（(].*[)）]$/, '');
  if (!s) return null;
  const era = '(令和|平成|昭和|R|H|S)?';
  const num = '(元|\\d{1,4})';
  let m = new RegExp(`^(?:FY)?${era}${num}(?:年度|FY)$`, 'i').exec(s) ?? new RegExp(`^FY${era}${num}$`, 'i').exec(s);
  if (!m && /^(令和|平成|昭和|R|H|S)(元|\d{1,2})$/i.test(s)) m = /^(令和|平成|昭和|R|H|S)(元|\d{1,2})$/i.exec(s);
  if (m) {
    const fy = yearOf(m[1], m[2]!);
    return validYear(fy) ? { kind: 'fiscal_year', fiscalYear: fy } : null;
  }
  m = new RegExp(`^${era}${num}[-/.年](\\d{1,2})(?:月)?(?:[-/.](\\d{1,2})|(\\d{1,2})日)?$`, 'i').exec(s);
  if (m) {
    const y = yearOf(m[1], m[2]!);
    const month = Number(m[3]);
    const dayText = m[4] ?? m[5];
    if (!validYear(y) || month < 1 || month > 12) return null;
    if (dayText === undefined) return { kind: 'month', year: y, month };
    const day = Number(dayText);
    return validDate(y, month, day) ? { kind: 'date', year: y, month, day } : null;
  }
  if (opts.bareYear !== 'none') {
    m = new RegExp(`^${era}${num}年?$`, 'i').exec(s);
    if (m && (m[1] || /^\d{4}$/.test(m[2]!))) {
      const fy = yearOf(m[1], m[2]!);
      return validYear(fy) ? { kind: 'fiscal_year', fiscalYear: fy } : null;
    }
  }
  return null;
}

/** The canonical key of what someone wrote, or null: `normalizePeriod('令和6年度') === 'FY2024'`. */
export function normalizePeriod(input: string, opts?: { bareYear?: 'fiscal_year' | 'none' }): string | null {
  const p = parsePeriod(input, opts);
  return p ? periodKey(p) : null;
}

/** The fiscal year a period falls in (April–March). */
export function fiscalYearOfPeriod(p: Period): number {
  if (p.kind === 'fiscal_year') return p.fiscalYear;
  return p.month >= 4 ? p.year : p.year - 1;
}

/** A stored period key, strictly: FY2025, 2025-07 or 2025-07-10. */
export const PeriodKeySchema = z
  .string()
  .regex(/^(FY\d{4}|\d{4}-\d{2}(-\d{2})?)$/, 'A period is FY2025, 2025-07 or 2025-07-10')
  .refine((s) => parsePeriod(s) !== null, 'Not a real period');
