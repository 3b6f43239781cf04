/**
 * A tidy left-to-right layout of the logic tree, in linear time: a column per depth, each leaf
 * takes the next free slot down the page, each parent is centred on its first and last child.
 * Box heights follow the wrapped title, so long Japanese titles stay legible. Units are abstract
 * (px for SVG, points for PowerPoint); the caller chooses the sizes.
 */

/** Approximate advance of a character in em: full width for CJK, kana and full-width forms. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000))
    return 1;
  if (cp >= 0x2460 && cp <= 0x27bf) return 1; // circled digits, symbols such as ○ ◎
  if (/[A-Z0-9%]/.test(ch)) return 0.64;
  if (ch === ' ') return 0.3;
  return 0.56;
}

/** Characters that must not start a line (kinsoku): they stay at the end of the previous one. */
const noLineStart = new Set([...'、。，．・：；？！ー）」』】〕〉》”’)]}%'.split('')]);

/** Wraps text to lines no wider than `maxEm`, breaking between any two characters (Japanese has no spaces). */
export function wrapText(text: string, maxEm: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const ch of [...text.replace(/\s+/g, ' ').trim()]) {
    const w = charWidth(ch);
    if (width + w > maxEm && line !== '' && !noLineStart.has(ch)) {
      lines.push(line);
      line = '';
      width = 0;
      if (ch === ' ') continue;
    }
    line += ch;
    width += w;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  // A last line of one or two characters reads badly: pull it up when it fits with a little slack.
  if (lines.length >= 2) {
    const last = lines[lines.length - 1]!;
    const prev = lines[lines.length - 2]!;
    const joinedWidth = [...prev, ...last].reduce((w, ch) => w + charWidth(ch), 0);
    if ([...last].length <= 2 && joinedWidth <= maxEm + 0.5) lines.splice(lines.length - 2, 2, prev + last);
  }
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${[...kept[maxLines - 1]!].slice(0, -1).join('')}…`;
    return kept;
  }
  return lines;
}

export interface LayoutInput {
  id: string;
  parentId: string | null;
  position: number;
  title: string;
}

export interface LayoutOptions<N extends LayoutInput = LayoutInput> {
  boxWidth: number;
  /** Horizontal space between columns. */
  columnGap: number;
  /** Vertical space between neighbouring boxes. */
  rowGap: number;
  fontSize: number;
  lineHeight: number;
  paddingX: number;
  /** Fixed height above and below the title lines (kind label, status badge, padding). */
  chrome: (node: N) => number;
  maxLines?: number;
}

export interface PlacedNode<N extends LayoutInput> {
  node: N;
  depth: number;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

export interface TreeLayout<N extends LayoutInput> {
  nodes: PlacedNode<N>[];
  edges: { from: PlacedNode<N>; to: PlacedNode<N> }[];
  width: number;
  height: number;
}

export function layoutTree<N extends LayoutInput>(input: readonly N[], opts: LayoutOptions<N>): TreeLayout<N> {
  const ids = new Set(input.map((n) => n.id));
  const children = new Map<string | null, N[]>();
  for (const n of input) {
    // A node whose parent is missing is drawn as a root rather than dropped.
    const parent = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));

  const maxEm = (opts.boxWidth - 2 * opts.paddingX) / opts.fontSize;
  const placed = new Map<string, PlacedNode<N>>();
  const order: PlacedNode<N>[] = [];
  const edges: TreeLayout<N>['edges'] = [];

  const shift = (p: PlacedNode<N>, dy: number) => {
    const stack = [p];
    while (stack.length > 0) {
      const q = stack.pop()!;
      q.y += dy;
      for (const c of children.get(q.node.id) ?? []) {
        const pc = placed.get(c.id);
        if (pc) stack.push(pc);
      }
    }
  };

  /** Places the subtree of `n` from `top` down; returns the bottom of the subtree. */
  const place = (n: N, depth: number, top: number, seen: Set<string>): number => {
    seen.add(n.id);
    const lines = wrapText(n.title, maxEm, opts.maxLines);
    const height = lines.length * opts.lineHeight + opts.chrome(n);
    const p: PlacedNode<N> = { node: n, depth, x: depth * (opts.boxWidth + opts.columnGap), y: top, width: opts.boxWidth, height, lines };
    placed.set(n.id, p);
    order.push(p);
    const kids = (children.get(n.id) ?? []).filter((c) => !seen.has(c.id));
    if (kids.length === 0) return top + height;
    let cursor = top;
    let bottom = top;
    const placedKids: PlacedNode<N>[] = [];
    for (const k of kids) {
      bottom = place(k, depth + 1, cursor, seen);
      placedKids.push(placed.get(k.id)!);
      edges.push({ from: p, to: placed.get(k.id)! });
      cursor = bottom + opts.rowGap;
    }
    const first = placedKids[0]!;
    const last = placedKids[placedKids.length - 1]!;
    const centre = (first.y + first.height / 2 + last.y + last.height / 2) / 2;
    p.y = centre - height / 2;
    if (p.y < top) {
      // The parent is taller than its children's block: push the children down to centre them.
      const dy = top - p.y;
      for (const k of placedKids) shift(k, dy);
      p.y = top;
      bottom += dy;
    }
    return Math.max(bottom, p.y + height);
  };

  let cursor = 0;
  const seen = new Set<string>();
  for (const root of children.get(null) ?? []) {
    cursor = place(root, 0, cursor, seen) + opts.rowGap * 2;
  }
  const width = order.reduce((w, p) => Math.max(w, p.x + p.width), 0);
  const height = order.reduce((h, p) => Math.max(h, p.y + p.height), 0);
  return { nodes: order, edges, width, height };
}
