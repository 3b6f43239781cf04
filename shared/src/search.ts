/**
 * Full-text search of the case library in Japanese (and the Latin words and numbers mixed in).
 *
 * Japanese has no spaces, so text is cut into overlapping character bigrams (見守り → 見守 守り)
 * plus unigrams, and a query is cut the same way and asked as a phrase of its bigrams
 * (`'見守' <-> '守り'`): the two-character 「見守」 finds 見守り協定, a single character still finds
 * something, and no dictionary decides what a word is (a dictionary segmenter such as
 * Intl.Segmenter cuts 認知症カフェ differently in a query than inside a longer sentence, and its
 * ICU data differs between Node versions). Latin words and numbers stay whole and match by prefix.
 *
 * The document becomes a `tsvector` literal with explicit positions and weights, and the query a
 * `tsquery` literal: both are cast in SQL without PostgreSQL's parser, so the same strings work on
 * PostgreSQL and PGlite whatever their locale.
 */

/** Weight of a piece of text in the ranking (ts_rank: A counts most). */
export type SearchWeight = 'A' | 'B' | 'C' | 'D';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆ヶ]/u;
const WORD = /[\p{L}\p{N}]/u;
/** PostgreSQL keeps positions up to 16383 and at most 256 per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_WORD = 60;

type Run = { kind: 'cjk' | 'word'; text: string };

/** The text as runs of Japanese characters and of other letters/digits (NFKC, lower case); the rest separates. */
function runs(text: string): Run[] {
  const out: Run[] = [];
  let cur: Run | null = null;
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const kind = CJK.test(ch) ? 'cjk' : WORD.test(ch) ? 'word' : null;
    if (kind === null) {
      cur = null;
      continue;
    }
    if (cur && cur.kind === kind) cur.text += ch;
    else {
      cur = { kind, text: ch };
      out.push(cur);
    }
  }
  return out;
}

/** The tokens of a Japanese run: each character and each pair of neighbouring characters. */
export function bigramsOf(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
}

/**
 * The `tsvector` literal of weighted pieces of text: at position p+i the unigram and the bigram
 * starting at character i, so the bigrams of a run stand at consecutive positions (a phrase query
 * matches them) and runs are kept apart by a gap.
 */
export function searchVectorLiteral(pieces: readonly { text: string; weight: SearchWeight }[]): string {
  const lexemes = new Map<string, string[]>();
  let position = 1;
  const put = (token: string, pos: number, weight: SearchWeight) => {
    const list = lexemes.get(token) ?? [];
    if (list.length >= MAX_POSITIONS_PER_LEXEME) return;
    list.push(`${Math.min(pos, MAX_POSITION)}${weight}`);
    lexemes.set(token, list);
  };
  for (const piece of pieces) {
    for (const run of runs(piece.text)) {
      if (run.kind === 'word') {
        put(run.text.slice(0, MAX_WORD), position, piece.weight);
        position += 2;
        continue;
      }
      const chars = [...run.text];
      chars.forEach((c, i) => {
        put(c, position + i, piece.weight);
        if (i + 1 < chars.length) put(c + chars[i + 1]!, position + i, piece.weight);
      });
      position += chars.length + 1;
    }
  }
  // Lexemes hold letters and digits only (no quote, backslash or space), so quoting is enough.
  return [...lexemes].map(([token, positions]) => `'${token}':${positions.join(',')}`).join(' ');
}

/**
 * The `tsquery` literal of what a person typed: every space-separated part must match; a Japanese
 * part as the phrase of its bigrams (one character: that character), a Latin word or number by
 * prefix. Null when the text holds nothing searchable (punctuation only).
 */
export function searchQueryLiteral(text: string): string | null {
  const parts = runs(text).map((run) => {
    if (run.kind === 'word') return `'${run.text.slice(0, MAX_WORD)}':*`;
    const grams = bigramsOf(run.text);
    return grams.length === 1 ? `'${grams[0]}'` : `(${grams.map((g) => `'${g}'`).join(' <-> ')})`;
  });
  return parts.length === 0 ? null : parts.join(' & ');
}

/** What a person typed, as the pieces to mark in a snippet (the runs, in the text's own spelling when found). */
export function searchTerms(text: string): string[] {
  return [...new Set(runs(text).map((r) => r.text))];
}

/**
 * A window of `text` around the first place a term occurs, with the places of every term in it
 * (start, length in UTF-16 units of the returned text), or null when no term occurs.
 */
export function searchSnippet(
  text: string,
  terms: readonly string[],
  width = 120,
): { text: string; highlights: { start: number; length: number }[] } | null {
  const hay = text.normalize('NFKC').toLowerCase();
  // NFKC may change lengths (half-width kana): mark only where the normalized text lines up.
  const source = hay.length === text.length ? text : hay;
  const firsts = terms.map((t) => hay.indexOf(t)).filter((i) => i >= 0);
  if (firsts.length === 0) return null;
  const first = Math.min(...firsts);
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(source.length, start + width);
  const windowHay = hay.slice(start, end);
  const highlights: { start: number; length: number }[] = [];
  for (const term of terms) {
    for (let i = windowHay.indexOf(term); i >= 0 && term.length > 0; i = windowHay.indexOf(term, i + term.length))
      highlights.push({ start: i, length: term.length });
  }
  highlights.sort((a, b) => a.start - b.start);
  // Overlapping marks (a term inside another) merge into one.
  const merged: typeof highlights = [];
  for (const h of highlights) {
    const last = merged.at(-1);
    if (last && h.start <= last.start + last.length) last.length = Math.max(last.length, h.start + h.length - last.start);
    else merged.push({ ...h });
  }
  return { text: source.slice(start, end).replace(/\s/g, ' '), highlights: merged };
}
