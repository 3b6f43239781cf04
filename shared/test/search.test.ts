import { describe, expect, it } from 'vitest';
import { bigramsOf, searchQueryLiteral, searchSnippet, searchVectorLiteral } from '../src/search.js';

describe('library search segmentation', () => {
  it('cuts Japanese into bigrams and keeps a single character as itself', () => {
    expect(bigramsOf('見守り')).toEqual(['見守', '守り']);
    expect(bigramsOf('町')).toEqual(['町']);
  });

  it('asks a Japanese query as the phrase of its bigrams, parts joined by AND, Latin words by prefix', () => {
    expect(searchQueryLiteral('見守り')).toBe("('見守' <-> '守り')");
    expect(searchQueryLiteral('認知症カフェ ACP')).toBe("('認知' <-> '知症' <-> '症カ' <-> 'カフ' <-> 'フェ') & 'acp':*");
    expect(searchQueryLiteral('町')).toBe("'町'");
    expect(searchQueryLiteral('「」！ %_')).toBeNull();
  });

  it('places unigrams and bigrams at consecutive positions, runs apart, with the weight of their piece', () => {
    const v = searchVectorLiteral([
      { text: '見守り協定', weight: 'A' },
      { text: 'ＡＣＰ', weight: 'C' },
    ]);
    expect(v).toContain("'見守':1A");
    expect(v).toContain("'守り':2A");
    expect(v).toContain("'り協':3A");
    expect(v).toContain("'見':1A");
    // NFKC: full-width Latin becomes ASCII, lower case
    expect(v).toContain("'acp':7C");
  });

  it('marks the terms in a snippet around the first match', () => {
    const s = searchSnippet('区報で周知した。マンション管理組合と見守り協定を結んだ。', ['見守り']);
    expect(s).not.toBeNull();
    const h = s!.highlights[0]!;
    expect(s!.text.slice(h.start, h.start + h.length)).toBe('見守り');
    expect(searchSnippet('関係のない文', ['見守り'])).toBeNull();
  });
});
