import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, emptyHistory, record, redo, undo, type HistoryEntry } from './history';

/** The entries carry their label as a message; the tests number them through its parameter. */
const labelOf = (e: Pick<HistoryEntry, 'label'>) => String(e.label.params?.['detail']);

const entry = (n: number): HistoryEntry => ({
  label: { key: 'save.server', params: { detail: `edit ${n}` } },
  ops: [{ op: 'update', id: `n${n}`, title: `new ${n}` }],
  inverse: [{ op: 'update', id: `n${n}`, title: `old ${n}` }],
  selectAfter: `n${n}`,
  selectAfterUndo: `p${n}`,
});

describe('undo/redo history', () => {
  it('undoes the latest edit with its inverse, then redoes it with its operations', () => {
    const h = record(record(emptyHistory, entry(1)), entry(2));
    const u = undo(h)!;
    expect(u.ops).toEqual(entry(2).inverse);
    expect(u.select).toBe('p2');
    expect(canRedo(u.history)).toBe(true);
    const r = redo(u.history)!;
    expect(r.ops).toEqual(entry(2).ops);
    expect(r.select).toBe('n2');
    expect(r.history).toEqual(h);
  });

  it('undoes in reverse order down to empty', () => {
    let h = record(record(record(emptyHistory, entry(1)), entry(2)), entry(3));
    const labels: string[] = [];
    for (let s = undo(h); s; s = undo(h)) {
      labels.push(labelOf(s));
      h = s.history;
    }
    expect(labels).toEqual(['edit 3', 'edit 2', 'edit 1']);
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBeNull();
  });

  it('drops the redo branch when a new edit is recorded', () => {
    const h = undo(record(record(emptyHistory, entry(1)), entry(2)))!.history;
    const h2 = record(h, entry(3));
    expect(canRedo(h2)).toBe(false);
    expect(redo(h2)).toBeNull();
    expect(h2.past.map(labelOf)).toEqual(['edit 1', 'edit 3']);
  });

  it('keeps at most the limit, forgetting the oldest', () => {
    let h = emptyHistory;
    for (let i = 0; i < 5; i++) h = record(h, entry(i), 3);
    expect(h.past.map(labelOf)).toEqual(['edit 2', 'edit 3', 'edit 4']);
  });

  it('does not mutate the history it is given', () => {
    const h = record(emptyHistory, entry(1));
    const frozen = JSON.stringify(h);
    undo(h);
    record(h, entry(2));
    expect(JSON.stringify(h)).toBe(frozen);
  });
});
