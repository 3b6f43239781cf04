import { describe, expect, it } from 'vitest';
import { progressBarWidth, progressPercent } from './progress';

describe('progress', () => {
  it('rounds to whole percent and keeps overshoot and regression', () => {
    expect(progressPercent(0.456)).toBe(46);
    expect(progressPercent(1.2)).toBe(120);
    expect(progressPercent(-0.1)).toBe(-10);
    expect(progressPercent(null)).toBeNull();
  });

  it('clamps the bar to 0..100', () => {
    expect(progressBarWidth(1.2)).toBe(100);
    expect(progressBarWidth(-0.1)).toBe(0);
    expect(progressBarWidth(0.5)).toBe(50);
    expect(progressBarWidth(null)).toBe(0);
  });
});
