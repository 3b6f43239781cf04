/**
 * The palette passes WCAG AA: every text colour the stylesheet pairs with a background reaches
 * 4.5:1. Colours are read from styles.css itself, so a change there is checked here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from './lib/contrast';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');
const vars = new Map([...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1] ?? '', (m[2] ?? '').toLowerCase()]));
const color = (ref: string) => (ref.startsWith('--') ? (vars.get(ref.slice(2)) ?? `missing ${ref}`) : ref);

/** The colours of one rule: `color` and `background`, resolving var(--x). */
function ruleColours(selector: string): { fg: string; bg: string } {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`No rule ${selector}`);
  const body = css.slice(start, css.indexOf('}', start));
  const pick = (prop: string) => {
    const m = new RegExp(`(?:^|\\n)\\s*${prop}:\\s*(var\\(--[\\w-]+\\)|#[0-9a-f]{6})`, 'i').exec(body);
    if (!m?.[1]) throw new Error(`${selector} has no ${prop}`);
    return color(m[1].replace(/^var\((--[\w-]+)\)$/, '$1')).toLowerCase();
  };
  return { fg: pick('color'), bg: pick('background') };
}

describe('colour contrast (WCAG AA, text ≥ 4.5:1)', () => {
  const pairs: [string, string, string][] = [
    ['body text on the page', '--c-text', '--c-bg'],
    ['body text on cards', '--c-text', '--c-surface'],
    ['muted text on the page', '--c-muted', '--c-bg'],
    ['muted text on cards', '--c-muted', '--c-surface'],
    ['muted text on pale panels', '--c-muted', '--c-surface-2'],
    ['links and primary text', '--c-primary', '--c-surface'],
    ['primary on its pale fill (current nav item)', '--c-primary', '--c-primary-soft'],
    ['white on primary buttons', '#ffffff', '--c-primary'],
    ['danger text', '--c-danger', '--c-surface'],
    ['white on the today label', '#ffffff', '--c-danger'],
    ['success text', '--c-success', '--c-surface'],
    ['accent text (themes)', '--c-accent', '--c-surface'],
    ['warning text on its fill', '--c-warning', '--c-warning-soft'],
    ['muted text on a delayed milestone', '--c-muted', '--c-danger-soft'],
  ];
  for (const [label, fg, bg] of pairs)
    it(label, () => {
      expect(contrastRatio(color(fg), color(bg))).toBeGreaterThanOrEqual(4.5);
    });

  for (const badge of ['neutral', 'info', 'success', 'warning', 'danger', 'muted', 'accent', 'readonly'])
    it(`badge ${badge}`, () => {
      const { fg, bg } = ruleColours(`.badge--${badge}`);
      expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(4.5);
    });

  it('computes the known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
