/**
 * Node box sizes. Every node is the same width; its height follows a size class (how many lines
 * the title takes, 1–3, longer titles are clamped). The layout only has to be recomputed when the
 * structure or a size class changes, not on every keystroke of a title.
 */
export const NODE_WIDTH = 240;
/** Left border (5) + left padding (14) + right padding (12) + right border (1.5) of the node box, rounded up, plus slack. */
const CHROME_X = 36;
/** Height of a node without its title lines: kind header, badge row and padding. */
const BASE_HEIGHT = 62;
const LINE_HEIGHT = 19;
/** Width of a full-width (CJK) character at the title's font size, in px. */
const FULL_WIDTH_PX = 14;
const HALF_WIDTH_PX = 7.7;
export const MAX_TITLE_LINES = 3;

const isHalfWidth = (code: number) => code < 0x1100 || (code >= 0xff61 && code <= 0xff9f);

/** Width available to the title text inside a node, px. */
export const TITLE_WIDTH_PX = NODE_WIDTH - CHROME_X;

const charWidth = (ch: string) => (isHalfWidth(ch.codePointAt(0) ?? 0) ? HALF_WIDTH_PX : FULL_WIDTH_PX);

/** Breaks a title into at most `MAX_TITLE_LINES` lines of `TITLE_WIDTH_PX`, the last one ellipsized. */
export function wrapTitle(title: string, maxLines = MAX_TITLE_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const chars = [...title];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const w = charWidth(ch);
    if (width + w > TITLE_WIDTH_PX && line !== '') {
      if (lines.length === maxLines - 1) {
        lines.push(`${[...line].slice(0, -1).join('')}…`);
        return lines;
      }
      lines.push(line);
      line = '';
      width = 0;
    }
    line += ch;
    width += w;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Approximate rendered width of a title in px (CJK full width, Latin half width). */
export function titleWidthPx(title: string): number {
  let w = 0;
  for (const ch of title) w += charWidth(ch);
  return w;
}

/** 1, 2 or 3: the number of lines the title occupies in a node. */
export function sizeClass(title: string): 1 | 2 | 3 {
  const lines = wrapTitle(title).length;
  return lines <= 1 ? 1 : lines === 2 ? 2 : 3;
}

export function nodeHeight(title: string): number {
  return BASE_HEIGHT + sizeClass(title) * LINE_HEIGHT;
}
