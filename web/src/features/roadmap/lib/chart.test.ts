import { describe, expect, it } from 'vitest';
import { chartModel, monthFromNumber, monthNumber, niceStep } from './chart';

const box = { width: 400, height: 200, left: 40, right: 10, top: 10, bottom: 30 };

describe('chartModel', () => {
  it('spans the months from the baseline to the target and places points between', () => {
    const m = chartModel(
      {
        baselineValue: 0,
        baselineAsOf: '2025-09',
        targetValue: 60,
        targetBy: '2027-03',
        measurements: [{ period: '2026-03', value: 15 }],
      },
      box,
    );
    expect(m.baselineX).toBe(40);
    expect(m.targetX).toBe(390);
    // 2026-03 is 6 of 18 months after 2025-09.
    expect(m.points[0]?.x).toBeCloseTo(40 + (6 / 18) * 350, 6);
    // 0..60 with a step of 20: 15 is a quarter of the way up from the bottom (y1 = 170).
    expect(m.baselineY).toBe(170);
    expect(m.targetY).toBe(10);
    expect(m.points[0]?.y).toBeCloseTo(170 - 0.25 * 160, 6);
  });

  it('works for a lower-is-better plan (target below baseline)', () => {
    const m = chartModel({ baselineValue: 30, baselineAsOf: '2025-04', targetValue: 20, targetBy: '2026-04', measurements: [] }, box);
    expect(m.targetY ?? 0).toBeGreaterThan(m.baselineY ?? 0);
    expect(m.points).toEqual([]);
  });

  it('sorts measurements by period and widens a flat range', () => {
    const m = chartModel(
      {
        baselineValue: null,
        baselineAsOf: null,
        targetValue: null,
        targetBy: null,
        measurements: [
          { period: '2026-06', value: 5 },
          { period: '2026-03', value: 5 },
        ],
      },
      box,
    );
    expect(m.points.map((p) => p.period)).toEqual(['2026-03', '2026-06']);
    expect(m.yTicks.length).toBeGreaterThan(1);
    expect(Number.isFinite(m.points[0]!.y)).toBe(true);
  });
});

describe('chartModel without months (issue 12 item 1)', () => {
  it('draws a plan with no baseline month, no target month and no measurement without throwing', () => {
    const m = chartModel({ baselineValue: 12, baselineAsOf: null, targetValue: 30, targetBy: null, measurements: [] }, box);
    expect(m.xTicks).toEqual([]);
    expect(m.baselineX).toBeNull();
    expect(m.targetX).toBeNull();
    expect(m.baselineY).not.toBeNull();
    expect(m.points).toEqual([]);
  });

  it('ignores malformed months instead of throwing, and keeps the valid ones', () => {
    const m = chartModel(
      { baselineValue: 0, baselineAsOf: '', targetValue: 10, targetBy: '2027', measurements: [{ period: '2026-03', value: 4 }] },
      box,
    );
    expect(m.baselineX).toBeNull();
    expect(m.targetX).toBeNull();
    expect(m.points.map((p) => p.period)).toEqual(['2026-03']);
    expect(m.xTicks.every((t) => /^\d{4}-\d{2}$/.test(t.period))).toBe(true);
  });
});

describe('helpers', () => {
  it('round-trips month numbers', () => {
    expect(monthFromNumber(monthNumber('2026-01'))).toBe('2026-01');
    expect(monthNumber('2026-01') - monthNumber('2025-12')).toBe(1);
  });

  it('chooses 1/2/5 steps', () => {
    expect(niceStep(60)).toBe(20);
    expect(niceStep(10)).toBe(5);
    expect(niceStep(0.7)).toBe(0.2);
  });
});
