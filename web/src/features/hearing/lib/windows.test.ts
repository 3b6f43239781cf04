import { describe, expect, it } from 'vitest';
import { sectionVisits } from './windows';

const windows = [
  { seq: 2, start: '2025-09-01', end: '2025-11-30', purpose: 'ロジックツリー・取組選定' },
  { seq: 1, start: '2025-06-01', end: '2025-08-31', purpose: 'ヒアリング・現状共有' },
  { seq: 3, start: '2025-11-01', end: '2026-02-28', purpose: 'ロードマップ・検証方法' },
];
const v = (id: string, seq: number, date: string, kind = 'hearing') => ({ id, seq, date, kind });

describe('sectionVisits', () => {
  it('orders windows by sequence and places visits by their sequence number', () => {
    const s = sectionVisits(windows, '2026-03-16', [v('a', 1, '2025-07-10'), v('b', 3, '2025-11-15'), v('c', 2, '2025-10-02')]);
    expect(s.map((x) => x.kind)).toEqual(['window', 'window', 'window', 'report']);
    expect(s.map((x) => x.visits.map((y) => y.id))).toEqual([['a'], ['c'], ['b'], []]);
  });

  it('falls back to the dates when the sequence has no window, then to "other"', () => {
    const s = sectionVisits(windows, null, [v('a', 7, '2025-06-20'), v('b', 8, '2024-01-01')]);
    expect(s[0]?.visits.map((x) => x.id)).toEqual(['a']);
    expect(s.at(-1)).toEqual({ kind: 'other', visits: [v('b', 8, '2024-01-01')] });
  });

  it('puts the report meeting apart, by kind or by the program’s date', () => {
    const s = sectionVisits(windows, '2026-03-16', [v('r', 4, '2026-03-16', 'workshop'), v('k', 5, '2026-03-20', 'report_meeting')]);
    const report = s.find((x) => x.kind === 'report');
    expect(report?.visits.map((x) => x.id)).toEqual(['r', 'k']);
  });

  it('keeps empty windows so that what is due still shows', () => {
    const s = sectionVisits(windows, null, []);
    expect(s).toHaveLength(3);
    expect(s.every((x) => x.visits.length === 0)).toBe(true);
  });
});
