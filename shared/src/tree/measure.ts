/**
 * Node measuring with Japanese line breaking. Titles break only between BudouX phrases
 * (`loadDefaultJapaneseParser()`), so 「利用継続」になっている never becomes 「利用継続 / 」になっている」;
 * a single phrase wider than a line is the one exception (broken by character, keeping closing
 * punctuation off the line start). Shared has no DOM, so widths come from a character-width table:
 * full-width 1em, half-width 0.55em. The editor canvas, the SVG renderer and the PPTX all use these
 * measures, so screen and print break alike.
 */
import { loadDefaultJapaneseParser } from 'budoux';

type Parser = ReturnType<typeof loadDefaultJapaneseParser>;
let parser: Parser | null = null;

/** The node figure's metrics (px at 1×): one set for the canvas, the SVG export, the report and the PPTX. */
export const nodeMetrics = {
  width: 240,
  /** Left border (5) + left padding (14): where the kind label, title and badges start. */
  paddingLeft: 19,
  /** Right padding (12) + border (1.5), rounded up, plus slack. */
  paddingRight: 17,
  /** Height without the title lines: kind header, badge row, padding. */
  chromeHeight: 62,
  fontSize: 14,
  lineHeight: 19,
  maxLines: 4,
  /** Baseline of the kind label and of the first title line, from the node's top. */
  labelBaseline: 20,
  titleBaseline: 42,
  labelFontSize: 11,
  badgeFontSize: 10.5,
  badgeHeight: 17,
  /** Space between columns and between siblings (cousins get 1.5×). */
  columnGap: 56,
  rowGap: 16,
} as const;

/** Width available to a title, in em of the title font. */
export const titleWidthEm = (nodeMetrics.width - nodeMetrics.paddingLeft - nodeMetrics.paddingRight) / nodeMetrics.fontSize;

/** Advance of a character in em: 1 for full-width (CJK, kana, full-width forms), 0.55 for half-width. */
export function charWidthEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0xff61 && cp <= 0xffdc) return 0.55; // half-width katakana and hangul
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2460 && cp <= 0x27bf) || // circled digits, ○ ◎ ▶ and other symbols drawn full width in CJK fonts
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  )
    return 1;
  return 0.55;
}

export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidthEm(ch);
  return w;
}

/**
 * The phrases of a text, in order; joined they give the text back. BudouX phrases, further split
 * after spaces so Latin words wrap too.
 */
export function phrases(text: string): string[] {
  if (text === '') return [];
  parser ??= loadDefaultJapaneseParser();
  const out: string[] = [];
  for (const chunk of parser.parse(text)) for (const part of chunk.split(/(?<= )/)) if (part !== '') out.push(part);
  return out;
}

/** Characters that must not start a line (kinsoku), for the rare phrase broken by character. */
const noLineStart = new Set([...'、。，．・：；？！ー）」』】〕〉》”’)]}%…']);

/** Where a phrase too long for a line may still break nicely: after a 中黒 or a comma. */
const softBreakAfter = new Set([...'・、，,/／']);

function breakLongPhrase(phrase: string, maxEm: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let width = 0;
  for (const ch of phrase) {
    const w = charWidthEm(ch);
    if (width + w > maxEm && line.length > 0 && !noLineStart.has(ch)) {
      // Prefer the last soft break in the second half of the line.
      let cut = line.length;
      for (let i = line.length - 1; i >= Math.ceil(line.length / 2); i--)
        if (softBreakAfter.has(line[i - 1]!)) {
          cut = i;
          break;
        }
      lines.push(line.slice(0, cut).join(''));
      line = line.slice(cut);
      width = textWidthEm(line.join(''));
    }
    line.push(ch);
    width += w;
  }
  if (line.length > 0) lines.push(line.join(''));
  return lines;
}

/**
 * Breaks a text into lines no wider than `maxEm`, only between phrases. With `maxLines`, the last
 * kept line ends in … when text was cut.
 */
export function wrapPhrases(text: string, maxEm: number, maxLines = Infinity): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  // Most titles fit on one line: no phrase parsing needed (BudouX costs ~0.1 ms a title).
  if (textWidthEm(clean) <= maxEm) return [clean];
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const flush = () => {
    lines.push(line.trimEnd());
    line = '';
    width = 0;
  };
  for (const phrase of phrases(clean)) {
    const w = textWidthEm(phrase);
    // A trailing space may hang past the edge.
    const fitWidth = textWidthEm(phrase.trimEnd());
    if (width + fitWidth <= maxEm) {
      line += phrase;
      width += w;
      continue;
    }
    if (line !== '') flush();
    if (fitWidth <= maxEm) {
      line = phrase;
      width = w;
      continue;
    }
    const pieces = breakLongPhrase(phrase, maxEm);
    for (const piece of pieces.slice(0, -1)) lines.push(piece);
    line = pieces[pieces.length - 1] ?? '';
    width = textWidthEm(line);
  }
  if (line !== '' || lines.length === 0) flush();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last !== '' && textWidthEm(last) + 1 > maxEm) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

export interface NodeMeasure {
  width: number;
  height: number;
  /** The title's lines as drawn, each a run of whole phrases. */
  lines: string[];
}

const measured = new Map<string, NodeMeasure>();

/**
 * Size and title lines of a node box: the one measure of the canvas, the SVG figure and the PPTX.
 * Memoized per title (the canvas asks on every mapping); the returned object must not be mutated.
 */
export function measureNode(title: string): NodeMeasure {
  let m = measured.get(title);
  if (!m) {
    const lines = wrapPhrases(title, titleWidthEm, nodeMetrics.maxLines);
    m = { width: nodeMetrics.width, height: nodeMetrics.chromeHeight + lines.length * nodeMetrics.lineHeight, lines };
    if (measured.size >= 10_000) measured.clear();
    measured.set(title, m);
  }
  return m;
}
