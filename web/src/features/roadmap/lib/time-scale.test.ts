import { describe, expect, it } from 'vitest';
import { initialYear, isInFiscalYear, monthOffset, monthTicks, positionInYear, quarterTicks, roadmapYears, spanExtent } from './time-scale';

describe('positionInYear', () => {
  it('puts 1 April at 0 and the next 1 April at 1', () => {
    expect(positionInYear(2025, '2025-04-01')).toBe(0);
    expect(positionInYear(2025, '2026-04-01')).toBe(1);
  });

  it('places a date inside its month by day', () => {
    expect(positionInYear(2025, '2025-07-16')).toBeCloseTo((3 + 15 / 31) / 12, 10);
    expect(positionInYear(2025, '2026-02-15')).toBeCloseTo((10 + 14 / 28) / 12, 10);
  });

  it('treats a year-month as the first day of the month', () => {
    expect(positionInYear(2025, '2026-01')).toBeCloseTo(9 / 12, 10);
  });

  it('is below 0 before and above 1 after the year', () => {
    expect(positionInYear(2025, '2025-03-31')).toBeLessThan(0);
    expect(positionInYear(2025, '2026-04-02')).toBeGreaterThan(1);
  });

  it('handles leap February (2028-02-29)', () => {
    expect(monthOffset(2027, '2028-02-29')).toBeCloseTo(10 + 28 / 29, 10);
  });
});

describe('isInFiscalYear', () => {
  it('runs April to March', () => {
    expect(isInFiscalYear(2025, '2025-04-01')).toBe(true);
    expect(isInFiscalYear(2025, '2026-03-31')).toBe(true);
    expect(isInFiscalYear(2025, '2025-03-31')).toBe(false);
    expect(isInFiscalYear(2025, '2026-04-01')).toBe(false);
  });
});

describe('monthTicks and quarterTicks', () => {
  it('gives twelve equal months from April to March', () => {
    const ticks = monthTicks(2025);
    expect(ticks).toHaveLength(12);
    expect(ticks[0]).toEqual({ month: '2025-04', start: 0, end: 1 / 12 });
    expect(ticks[9]?.month).toBe('2026-01');
    expect(ticks[11]).toEqual({ month: '2026-03', start: 11 / 12, end: 1 });
  });

  it('groups the months into fiscal quarters, January–March being Q4', () => {
    const q = quarterTicks(2025);
    expect(q.map((x) => x.months)).toEqual([
      ['2025-04', '2025-05', '2025-06'],
      ['2025-07', '2025-08', '2025-09'],
      ['2025-10', '2025-11', '2025-12'],
      ['2026-01', '2026-02', '2026-03'],
    ]);
    expect(q[3]).toMatchObject({ quarter: 4, start: 0.75, end: 1 });
  });
});

describe('spanExtent', () => {
  it('covers whole months, the end month included', () => {
    expect(spanExtent(2025, '2025-09', '2025-11')).toEqual({ start: 5 / 12, end: 8 / 12, continuesBefore: false, continuesAfter: false });
  });

  it('clips a span that crosses into the next year and says so', () => {
    expect(spanExtent(2025, '2025-10', '2026-06')).toEqual({ start: 6 / 12, end: 1, continuesBefore: false, continuesAfter: true });
    expect(spanExtent(2026, '2025-10', '2026-06')).toEqual({ start: 0, end: 3 / 12, continuesBefore: true, continuesAfter: false });
  });

  it('is null for a span outside the year', () => {
    expect(spanExtent(2025, '2024-04', '2025-03')).toBeNull();
    expect(spanExtent(2025, '2026-04', '2026-05')).toBeNull();
  });

  it('is the whole year for a span around it', () => {
    expect(spanExtent(2025, '2024-10', '2027-02')).toEqual({ start: 0, end: 1, continuesBefore: true, continuesAfter: true });
  });
});

describe('roadmapYears and initialYear', () => {
  const rows = [
    { span: { startMonth: '2025-09', endMonth: '2027-02' }, dates: ['2025-10-31', '2027-02-28'] },
    { span: null, dates: ['2026-05-31'] },
  ];

  it('lists every fiscal year from the first to the last touched, with today', () => {
    expect(roadmapYears(rows, '2025-11-24')).toEqual([2025, 2026]);
    expect(roadmapYears(rows, '2028-06-01')).toEqual([2025, 2026, 2027, 2028]);
    expect(roadmapYears([], '2026-02-01')).toEqual([2025]);
  });

  it('starts at today’s year when covered, else the nearest', () => {
    expect(initialYear([2025, 2026], '2026-11-24')).toBe(2026);
    expect(initialYear([2025, 2026], '2026-03-31')).toBe(2025);
    expect(initialYear([2027, 2028], '2025-05-01')).toBe(2027);
  });
});
