/**
 * Progress of a verification plan toward its target, reading the figure the way its indicator is
 * kept: the direction (higher or lower is better) and the kind of figure (a running total, or a
 * figure of each period) decide what the latest measurements mean.
 */
import { type IndicatorDirection, type IndicatorFigureKind, progressTowardTarget, targetImproves } from './domain.js';
import { fiscalYearOf } from './fiscal-year.js';
import type { PeriodKind } from './period.js';

export interface PlanProgressInput {
  baseline: number | null;
  target: number | null;
  /** The catalogue's direction, else inferred; null when unknown. */
  direction: IndicatorDirection | null;
  /** From the catalogue indicator; null for a plan that names its own indicator. */
  indicator: { cumulative: boolean; figureKind: IndicatorFigureKind; periodKind: PeriodKind } | null;
  /** The plan's measurements (period YYYY-MM), in any order. */
  measurements: readonly { period: string; value: number }[];
}

/**
 * The figure compared with the target. A running total (累計), a rate, or an indicator of months or
 * days: the latest measurement as it stands. A count or amount of each fiscal year (not cumulative)
 * measured month by month: the months of the latest measurement's fiscal year added up — the year's
 * figure so far, since each month holds only its own part.
 */
export function planFigure(input: Pick<PlanProgressInput, 'indicator' | 'measurements'>): number | null {
  const sorted = [...input.measurements].sort((a, b) => a.period.localeCompare(b.period));
  const latest = sorted.at(-1);
  if (!latest) return null;
  const i = input.indicator;
  if (!i || i.cumulative || i.figureKind === 'rate' || i.periodKind !== 'fiscal_year') return latest.value;
  const year = fiscalYearOf(latest.period);
  return sorted.filter((m) => fiscalYearOf(m.period) === year).reduce((sum, m) => sum + m.value, 0);
}

/**
 * 0 = baseline, 1 = target reached (not clamped). Null when it cannot honestly be derived: no
 * baseline, target or measurement, a target equal to the baseline, or a target that goes against the
 * indicator's direction (a lower-is-better rate with a higher target is not progress when it rises).
 */
export function planProgress(input: PlanProgressInput): number | null {
  const { baseline, target, direction } = input;
  if (baseline === null || target === null) return null;
  if (direction && baseline !== target && !targetImproves(baseline, target, direction)) return null;
  return progressTowardTarget(baseline, target, planFigure(input));
}
