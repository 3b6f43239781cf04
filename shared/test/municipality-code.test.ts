import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidMunicipalityCode,
  municipalityCheckDigit,
  municipalityCodeProblem,
  prefectureCodeOf,
  withCheckDigit,
} from '../src/municipality-code.js';

/** Codes from the official list (総務省 全国地方公共団体コード). */
const official = [
  ['011002', '札幌市'],
  ['131016', '千代田区'],
  ['131130', '渋谷区'],
  ['132012', '八王子市'],
  ['232335', '豊明市'],
  ['292095', '生駒市'],
  ['472018', '那覇市'],
  ['010006', '北海道'],
  ['130001', '東京都'],
] as const;

describe('municipality code check digit', () => {
  it.each(official)('accepts %s (%s)', (code) => {
    expect(municipalityCodeProblem(code)).toBeNull();
    expect(withCheckDigit(code.slice(0, 5))).toBe(code);
  });

  it('refuses a wrong check digit and malformed codes, naming why', () => {
    expect(municipalityCodeProblem('131017')).toBe('bad_check_digit');
    expect(municipalityCodeProblem('011001')).toBe('bad_check_digit');
    for (const bad of ['13101', '1310166', '13101a', '', ' 131016', '１３１０１６'])
      expect(municipalityCodeProblem(bad)).toBe('not_six_digits');
  });

  it('covers the wrap-around cases (sum ≡ 0 gives 1, sum ≡ 1 gives 0)', () => {
    // 6·0+5·0+4·0+3·0+2·0 = 0 → (11 − 0) mod 10 = 1
    expect(municipalityCheckDigit('00000')).toBe(1);
    // 2·5 = 10 ≡ 10; 3·4 = 12 ≡ 1 → (11 − 1) mod 10 = 0
    expect(municipalityCheckDigit('00040')).toBe(0);
    expect(() => municipalityCheckDigit('1234')).toThrow(RangeError);
  });

  it('extracts the prefecture part', () => {
    expect(prefectureCodeOf('131016')).toBe('13');
  });
});

describe('municipality code properties', () => {
  const five = fc.stringMatching(/^[0-9]{5}$/);

  it('every 5 digits have exactly one valid check digit', () => {
    fc.assert(
      fc.property(five, (f) => {
        const valid = [...'0123456789'].filter((d) => isValidMunicipalityCode(f + d));
        expect(valid).toEqual([String(municipalityCheckDigit(f))]);
      }),
    );
  });

  it('detects any single changed digit among the first five, except when the remainders are 0 and 10 (both give 1)', () => {
    const remainder = (f: string) => [...f].reduce((a, d, i) => a + Number(d) * (6 - i), 0) % 11;
    fc.assert(
      fc.property(five, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 9 }), (f, pos, delta) => {
        const changed = [...f];
        changed[pos] = String((Number(changed[pos]) + delta) % 10);
        const g = changed.join('');
        // Weights 6..2 are coprime to 11, so one changed digit always changes the remainder mod 11.
        expect(remainder(g)).not.toBe(remainder(f));
        const folded = new Set([remainder(f), remainder(g)]).size === 2 && [0, 10].includes(remainder(f)) && [0, 10].includes(remainder(g));
        expect(isValidMunicipalityCode(`${g}${municipalityCheckDigit(f)}`)).toBe(folded);
      }),
      { numRuns: 2000 },
    );
  });

  it('detects a wrong check digit always', () => {
    fc.assert(
      fc.property(five, fc.integer({ min: 1, max: 9 }), (f, delta) => {
        const digit = (municipalityCheckDigit(f) + delta) % 10;
        expect(municipalityCodeProblem(`${f}${digit}`)).toBe('bad_check_digit');
      }),
    );
  });
});
