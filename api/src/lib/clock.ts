import { todayInJapan } from '@banso/shared';

/** Injectable time source: tests pin "today" to check overdue milestones. */
export interface Clock {
  now(): Date;
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInJapan(),
};

export function fixedClock(isoDate: string): Clock {
  const at = new Date(`${isoDate}T03:00:00Z`);
  return { now: () => at, today: () => isoDate };
}
