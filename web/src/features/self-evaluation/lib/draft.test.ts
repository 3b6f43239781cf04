import { describe, expect, it } from 'vitest';
import { draftOf, parseNumber, toBody } from './draft';

describe('the self-evaluation form', () => {
  it('reads typed numbers: empty is none, full-width digits and separators are numbers, words are not', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber(' 8 ')).toBe(8);
    expect(parseNumber('1,200.5')).toBe(1200.5);
    expect(parseNumber('７．２')).toBe(7.2);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('8%')).toBeUndefined();
    expect(parseNumber('abc')).toBeUndefined();
  });

  it('sends the empty choices as null', () => {
    const body = toBody({ ...draftOf(null), title: '  goal ', targetValue: '8' });
    expect(body).toMatchObject({
      title: 'goal',
      targetValue: 8,
      actualValue: null,
      mark: null,
      direction: null,
      indicatorId: null,
      actionIds: [],
    });
  });
});
