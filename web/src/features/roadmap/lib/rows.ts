import type { Roadmap } from '@banso/shared';

/** A roadmap row as either view (full or observer) serves it. */
export type AnyRoadmapRow = Roadmap['items'][number];
export type AnyPlan = AnyRoadmapRow['plans'][number];
export type AnyMeasurement = AnyPlan['measurements'][number];

/** The plan and measurement fields that only the full view carries. */
export function measurementComment(m: AnyMeasurement): string | null {
  return 'comment' in m ? m.comment : null;
}

export function measurementAuthor(m: AnyMeasurement): string | null {
  return 'enteredBy' in m && m.enteredBy ? m.enteredBy.name : null;
}

/** Current month (YYYY-MM) of an ISO date. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** Parses a number typed by a person ("1,200", "12.5", "", "abc"): null for empty, NaN for invalid. */
export function parseNumberInput(text: string): number | null {
  const s = text.replace(/[,，\s]/g, '').replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}
