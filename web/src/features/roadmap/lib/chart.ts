/**
 * Geometry of the small measurement chart: measurements over months against the baseline and target
 * lines. Pure, so the scales are unit-tested; the component only draws what this returns.
 */
import { parseYearMonth } from '@banso/shared';

export interface ChartInput {
  baselineValue: number | null;
  baselineAsOf: string | null;
  targetValue: number | null;
  targetBy: string | null;
  measurements: readonly { period: string; value: number }[];
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartModel {
  points: { period: string; value: number; x: number; y: number }[];
  baselineY: number | null;
  targetY: number | null;
  /** x of the baseline date and the target date (for short markers), when known. */
  baselineX: number | null;
  targetX: number | null;
  xTicks: { period: string; x: number }[];
  yTicks: { value: number; y: number }[];
  plot: { x0: number; x1: number; y0: number; y1: number };
}

/** Months since year 0, so that periods can be subtracted. */
export function monthNumber(ym: string): number {
  const [y, m] = parseYearMonth(ym);
  return y * 12 + (m - 1);
}

/** Whether a value is a usable YYYY-MM month; plans may lack their baseline or target month. */
export function isMonth(ym: string | null | undefined): ym is string {
  return typeof ym === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(ym);
}

export function monthFromNumber(n: number): string {
  const y = Math.floor(n / 12);
  const m = (n % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** A "nice" step (1, 2 or 5 × 10^k) giving about `count` intervals over `span`. */
export function niceStep(span: number, count = 4): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
  return nice * power;
}

export function chartModel(input: ChartInput, box: ChartBox): ChartModel {
  const plot = { x0: box.left, x1: box.width - box.right, y0: box.top, y1: box.height - box.bottom };
  // Months that are missing or malformed are left out: the chart draws what it can, never throws.
  const sorted = input.measurements.filter((m) => isMonth(m.period)).sort((a, b) => a.period.localeCompare(b.period));
  const baselineAsOf = isMonth(input.baselineAsOf) ? input.baselineAsOf : null;
  const targetBy = isMonth(input.targetBy) ? input.targetBy : null;

  const months = [
    ...sorted.map((m) => monthNumber(m.period)),
    ...(baselineAsOf ? [monthNumber(baselineAsOf)] : []),
    ...(targetBy ? [monthNumber(targetBy)] : []),
  ];
  let mMin = months.length ? Math.min(...months) : 0;
  let mMax = months.length ? Math.max(...months) : 1;
  if (mMax === mMin) {
    mMin -= 1;
    mMax += 1;
  }

  const values = [
    ...sorted.map((m) => m.value),
    ...(input.baselineValue !== null ? [input.baselineValue] : []),
    ...(input.targetValue !== null ? [input.targetValue] : []),
  ];
  let vMin = values.length ? Math.min(...values) : 0;
  let vMax = values.length ? Math.max(...values) : 1;
  if (vMax === vMin) {
    const pad = Math.abs(vMax) > 0 ? Math.abs(vMax) * 0.1 : 1;
    vMin -= pad;
    vMax += pad;
  }
  const step = niceStep(vMax - vMin);
  const lo = Math.floor(vMin / step) * step;
  const hi = Math.ceil(vMax / step) * step;

  const xOf = (n: number) => plot.x0 + ((n - mMin) / (mMax - mMin)) * (plot.x1 - plot.x0);
  const x = (ym: string) => xOf(monthNumber(ym));
  const y = (v: number) => plot.y1 - ((v - lo) / (hi - lo)) * (plot.y1 - plot.y0);

  const yTicks: { value: number; y: number }[] = [];
  for (let v = lo; v <= hi + step / 1e6; v += step) {
    const rounded = Number(v.toPrecision(12));
    yTicks.push({ value: rounded, y: y(rounded) });
  }

  // Up to five x ticks, evenly spread over whole months; none when the plan has no month at all.
  const spanMonths = mMax - mMin;
  const xStep = Math.max(1, Math.ceil(spanMonths / 4));
  const xTicks: { period: string; x: number }[] = [];
  if (months.length > 0) for (let n = mMin; n <= mMax; n += xStep) xTicks.push({ period: monthFromNumber(n), x: xOf(n) });

  return {
    points: sorted.map((m) => ({ period: m.period, value: m.value, x: x(m.period), y: y(m.value) })),
    baselineY: input.baselineValue !== null ? y(input.baselineValue) : null,
    targetY: input.targetValue !== null ? y(input.targetValue) : null,
    baselineX: baselineAsOf ? x(baselineAsOf) : null,
    targetX: targetBy ? x(targetBy) : null,
    xTicks,
    yTicks,
    plot,
  };
}
