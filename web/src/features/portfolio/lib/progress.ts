/** Progress fraction (0 = baseline, 1 = target; may overshoot or regress) as a whole percentage. */
export function progressPercent(progress: number | null): number | null {
  if (progress === null || !Number.isFinite(progress)) return null;
  return Math.round(progress * 100);
}

/** Width of a progress bar in percent, clamped to 0..100. */
export function progressBarWidth(progress: number | null): number {
  const p = progressPercent(progress);
  if (p === null) return 0;
  return Math.max(0, Math.min(100, p));
}
