import { fiscalYearOf } from '@banso/shared';

/** The fiscal years to review: from the engagement's year to today's (or the latest reviewed), newest first. */
export function reviewYears(engagementYear: number, reviewed: readonly number[], today: string): number[] {
  const last = Math.max(engagementYear, fiscalYearOf(today), ...reviewed);
  const first = Math.min(engagementYear, ...reviewed);
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
}
