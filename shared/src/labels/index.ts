/**
 * The labels of Bansō: every enum value in Japanese and English, the shared domain terms, the
 * PDCA marks and the kind styles. Web, report HTML, PDF, PPTX and XLSX read them from here.
 *
 *   labels('ja').nodeKind.measure  // 取組案
 *   terms('en').organizer          // Organizer
 */
import { formatDateTime, formatFiscalYear } from '../dates.js';
import type { SelfEvaluationMark } from '../contracts/self-evaluations.js';
import { carePlanPeriod } from '../fiscal-year.js';
import type { PdcaAssessment } from '../domain.js';
import { en, enTerms } from './en.js';
import type { EnumLabels } from './enums.js';
import { ja, jaTerms } from './ja.js';

export * from './enums.js';
export * from './kind-styles.js';

export type LabelLocale = 'ja' | 'en';
export const labelLocales = ['ja', 'en'] as const satisfies readonly LabelLocale[];
export type TermKey = keyof typeof jaTerms;

const tables: Record<LabelLocale, EnumLabels> = { ja, en };
const termTables: Record<LabelLocale, Record<TermKey, string>> = { ja: jaTerms, en: enTerms };

/** The enum labels of a locale: `labels(locale).nodeKind[kind]`. */
export function labels(locale: LabelLocale = 'ja'): EnumLabels {
  return tables[locale];
}

/** The domain terms of a locale: `terms(locale).observerView`. */
export function terms(locale: LabelLocale = 'ja'): Record<TermKey, string> {
  return termTables[locale];
}

/** A term with placeholders filled: `fillTerm(terms('ja').edition, { n: 2 })` → 第2版. */
export function fillTerm(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The marks of Japanese self-assessment sheets, the same in both languages. */
export const pdcaMarks = { excellent: '◎', good: '○', fair: '△', poor: '×' } as const satisfies Record<PdcaAssessment, string>;

/** The marks of the 「取組と目標」 self-evaluation sheet (◎ 達成 ○ 概ね達成 △ 一部未達 × 未達), the same in both languages. */
export const selfEvaluationMarkSymbols = {
  achieved: '◎',
  mostly_achieved: '○',
  partly_unmet: '△',
  unmet: '×',
} as const satisfies Record<SelfEvaluationMark, string>;

/** 令和8年度 取組と目標 自己評価シート / FY2026 (Reiwa 8) self-evaluation sheet …: the sheet's title. */
export function selfEvaluationSheetTitle(fiscalYear: number, locale: LabelLocale): string {
  return fillTerm(terms(locale).selfEvaluationSheetTitle, { fiscalYear: formatFiscalYear(fiscalYear, locale) });
}

/** 第9期 介護保険事業計画（令和6年度〜令和8年度）: the plan period a fiscal year falls in. */
export function carePlanPeriodLabel(fiscalYear: number, locale: LabelLocale): string {
  const p = carePlanPeriod(fiscalYear);
  return fillTerm(terms(locale).carePlanPeriod, {
    term: p.term,
    first: formatFiscalYear(p.firstYear, locale, { short: true }),
    last: formatFiscalYear(p.lastYear, locale, { short: true }),
  });
}

/** 評価: ◎ 達成 ○ 概ね達成 △ 一部未達 × 未達 (ideographic spaces between) — the legend under a sheet or table. */
export function selfEvaluationMarkLegend(locale: LabelLocale): string {
  const l = labels(locale).selfEvaluationMark;
  const legend = (Object.keys(selfEvaluationMarkSymbols) as SelfEvaluationMark[])
    .map((m) => `${selfEvaluationMarkSymbols[m]} ${l[m]}`)
    .join(locale === 'ja' ? '\u3000' : ', ');
  return fillTerm(terms(locale).markLegend, { legend });
}

/** The label of a measure node in the tree: 取組案, or 取組案(未選定) when no action was selected from it. */
export function nodeKindLabel(
  kind: keyof EnumLabels['nodeKind'],
  actionStatus: string | null | undefined,
  locale: LabelLocale = 'ja',
): string {
  const l = labels(locale);
  if (kind === 'measure' && !actionStatus) {
    return locale === 'ja'
      ? `${l.nodeKind.measure}(${l.actionBadge.not_selected})`
      : `${l.nodeKind.measure} (${l.actionBadge.not_selected.toLowerCase()})`;
  }
  return l.nodeKind[kind];
}

// ------------------------------------------------ deprecated aliases, until every caller reads labels()

/** @deprecated use `labels(locale).category` */
export const caseCategoryLabels = ja.category;
/** @deprecated use `labels(locale).regionType` */
export const caseRegionTypeLabels = ja.regionType;
/** @deprecated use `labels(locale).reportSection` */
export const reportSectionLabels = ja.reportSection;
/** @deprecated use `labels(locale)` */
export const reportLabels = { ...ja, assessment: pdcaMarks };

/** Who proposed and agreed the roadmap and when, as the roadmap and the report show it (names absent: a dash). */
export interface RoadmapAgreementFacts {
  proposedBy: string | null;
  proposedAt: string | null;
  agreedBy: string | null;
  agreedAt: string | null;
}

/** 合意: 提案 森川 恵子 (令和7年12月1日 10:00) / 合意 中村 陽子 (令和7年12月8日 14:30) — one line, in the locale. */
export function roadmapAgreementLine(a: RoadmapAgreementFacts, locale: LabelLocale): string {
  const t = terms(locale);
  if (!a.proposedAt) return t.roadmapAgreementNone;
  const vars = {
    proposer: a.proposedBy ?? '—',
    proposedAt: formatDateTime(a.proposedAt, locale),
    agreer: a.agreedBy ?? '—',
    agreedAt: formatDateTime(a.agreedAt, locale),
  };
  return fillTerm(a.agreedAt ? t.roadmapAgreementLine : t.roadmapAgreementAwaiting, vars);
}

/** A file's size as a list shows it: 820 B, 12.3 KB, 4.5 MB (decimal units, one decimal below 100; the same in both languages). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'] as const;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** One group of a visit's participants as the report shows it: 主任アドバイザー（架空大学 社会福祉学部） 1名 / Lead advisor (…): 1. */
export function participantGroupLine(
  g: { role: keyof EnumLabels['reportParticipantRole']; organization: string | null; count: number },
  locale: LabelLocale,
): string {
  const role = labels(locale).reportParticipantRole[g.role];
  const count = fillTerm(terms(locale).participantCount, { n: g.count });
  if (locale === 'ja') return `${role}${g.organization ? `（${g.organization}）` : ''} ${count}`;
  return `${role}${g.organization ? ` (${g.organization})` : ''}: ${count}`;
}
