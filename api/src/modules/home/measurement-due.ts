/**
 * When a verification plan expects its next value. The plan's timing (測定時期) is free text; the
 * usual schedules are read from it (四半期, 半期, 年度末, 毎年N月, YYYY年N月); any other wording
 * (年1回, 終了3か月後 …) names no month, and the plan is not listed as missing a value.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The plan's schedule: months of the year (1–12), a single period (YYYY-MM), or null when the text names none. */
export function measurementSchedule(timing: string): { months: number[] } | { period: string } | null {
  const once = /(\d{4})年\s*(\d{1,2})月/.exec(timing);
  if (once) return { period: `${once[1]}-${pad(Number(once[2]))}` };
  if (/四半期|quarter/i.test(timing)) return { months: [3, 6, 9, 12] };
  if (/半期|半年|half/i.test(timing)) return { months: [3, 9] };
  if (/年度末|end of (the )?fiscal year/i.test(timing)) return { months: [3] };
  const monthly = /(\d{1,2})\s*月/.exec(timing);
  if (monthly) {
    const m = Number(monthly[1]);
    if (m >= 1 && m <= 12) return { months: [m] };
  }
  return null;
}

function previousMonth(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/**
 * The latest scheduled period that has ended before `today` (YYYY-MM-DD), after the baseline and
 * not after the target; null when there is none (yet).
 */
export function latestDuePeriod(
  plan: { timing: string; baselineAsOf: string | null; targetBy: string | null },
  today: string,
): string | null {
  const schedule = measurementSchedule(plan.timing);
  if (!schedule) return null;
  const baseline = plan.baselineAsOf?.slice(0, 7) ?? null;
  const target = plan.targetBy?.slice(0, 7) ?? null;
  const fits = (ym: string) => (!baseline || ym > baseline) && (!target || ym <= target);
  const current = today.slice(0, 7);
  if ('period' in schedule) return schedule.period < current && fits(schedule.period) ? schedule.period : null;
  let ym = previousMonth(current);
  for (let i = 0; i < 36; i++, ym = previousMonth(ym)) {
    if (baseline && ym <= baseline) return null;
    if (schedule.months.includes(Number(ym.slice(5, 7))) && fits(ym)) return ym;
  }
  return null;
}

/** The last day of the month after `ym`: by then a period's value should be recorded. */
export function recordBy(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  // Day 0 of the month after next = the last day of the next month.
  const last = new Date(Date.UTC(y, m + 1, 0));
  return last.toISOString().slice(0, 10);
}
