/**
 * Places visits into the program's visit windows (支援回): a report-meeting visit goes to the report
 * meeting; another visit goes to the window of its sequence number, else to the first window whose
 * dates contain it, else to "other". Windows without a visit are kept (they show what is due).
 */
export interface VisitWindowLike {
  seq: number;
  start: string;
  end: string;
  purpose: string;
}

export interface VisitLike {
  id: string;
  seq: number;
  kind: string;
  date: string;
}

export type VisitSection<V> =
  | { kind: 'window'; window: VisitWindowLike; visits: V[] }
  | { kind: 'report'; date: string | null; visits: V[] }
  | { kind: 'other'; visits: V[] };

export function sectionVisits<V extends VisitLike>(
  windows: readonly VisitWindowLike[],
  reportMeeting: string | null,
  visits: readonly V[],
): VisitSection<V>[] {
  const ordered = [...windows].sort((a, b) => a.seq - b.seq);
  const byWindow = new Map<number, V[]>(ordered.map((w) => [w.seq, []]));
  const report: V[] = [];
  const other: V[] = [];
  for (const v of [...visits].sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq)) {
    if (v.kind === 'report_meeting' || (reportMeeting !== null && v.date === reportMeeting)) {
      report.push(v);
      continue;
    }
    const bySeq = byWindow.get(v.seq);
    if (bySeq) {
      bySeq.push(v);
      continue;
    }
    const byDate = ordered.find((w) => w.start <= v.date && v.date <= w.end);
    if (byDate) byWindow.get(byDate.seq)?.push(v);
    else other.push(v);
  }
  const sections: VisitSection<V>[] = ordered.map((w) => ({ kind: 'window', window: w, visits: byWindow.get(w.seq) ?? [] }));
  if (reportMeeting !== null || report.length > 0) sections.push({ kind: 'report', date: reportMeeting, visits: report });
  if (other.length > 0) sections.push({ kind: 'other', visits: other });
  return sections;
}
