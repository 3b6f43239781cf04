/**
 * Importing a logic tree kept elsewhere (Excel, a memo): an outline turned into tree nodes. Three
 * forms are read, all pure so the API preview, the API import and the tests share one reading:
 *  - a grid with a column per level (目指す姿 | 課題 | 要因 | 取組案): a blank cell, or a cell that
 *    repeats the one above (merged cells read back that way), means the same node as above;
 *  - a grid with the outline in one column: leading spaces / full-width spaces / tabs, or a level
 *    number column (レベル, 階層, Level), optionally a kind column (種類, Kind);
 *  - pasted text: indentation, bullets (・ - * ■ □ ○ …) or numbering (1. 1-1 (1) ①). Text with tabs
 *    inside a line (a range copied from Excel) is read as a grid.
 * Kinds come from the column header, a kind column, or the level (see `inferChildKind`), and a
 * per-node override wins. Every node keeps its source row; every error names its row.
 */
import { type NodeKind, nodeKinds } from '../domain.js';
import { labels, labelLocales } from '../labels/index.js';
import { type TreeNodeShape, type TreeRule, validateTree } from './rules.js';

/** The longest node title (the tree contracts' limit too). */
export const MAX_NODE_TITLE = 200;

export interface OutlineRow {
  /** The row number in the source (spreadsheet row, or line of the text, 1-based). */
  row: number;
  cells: string[];
}

export type OutlineLayout = 'columns' | 'indent' | 'text';

/** A node read from the outline. `ref` identifies it within the import: `"12"`, or `"12:3"` in the column layout. */
export interface OutlineNode {
  ref: string;
  row: number;
  /** 1-based column in a grid; null in text. */
  column: number | null;
  depth: number;
  parentRef: string | null;
  title: string;
  /** What the file says (header column, kind column), or null when only the level tells. */
  stated: NodeKind | null;
  /** The kind before any override: stated, or inferred from the parent's kind. */
  suggested: NodeKind;
  kind: NodeKind;
}

export const outlineErrorCodes = ['title_too_long', 'too_many_nodes', 'missing_parent', 'unknown_kind', 'empty_outline'] as const;
export type OutlineErrorCode = (typeof outlineErrorCodes)[number] | TreeRule;

export interface OutlineError {
  /** The source row, or null for the outline as a whole. */
  row: number | null;
  ref: string | null;
  code: OutlineErrorCode;
  message: string;
}

export interface Outline {
  layout: OutlineLayout;
  nodes: OutlineNode[];
  errors: OutlineError[];
}

export interface OutlineOptions {
  /** Kind overrides by node ref. */
  kinds?: Readonly<Record<string, NodeKind>>;
  /** The kind of the node the outline goes under (append), or null when it becomes the whole tree. */
  parentKind?: NodeKind | null;
  /** At most this many nodes (the tree-size setting, less what the tree already holds when appending). */
  maxNodes?: number;
}

// ---------------------------------------------------------------------------------------------
// Words

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** A kind from its label in Japanese or English (目指す姿, 取組, Measures) or its code (measure). */
export function kindFromLabel(text: string): NodeKind | null {
  const t = norm(text);
  if (t === '') return null;
  for (const kind of nodeKinds) {
    const names = [kind, ...labelLocales.map((l) => norm(labels(l).nodeKind[kind]))];
    for (const name of names) if (t === name || t === `${name}s` || (t.length >= 2 && name.startsWith(t))) return kind;
  }
  return null;
}

const levelHeaders = ['レベル', '階層', '段階', '深さ', 'level', 'depth', 'lv'];
const kindHeaders = ['種類', '種別', '区分', 'kind', 'type'];
const titleHeaders = ['項目', '内容', 'タイトル', '名称', 'title', 'name', 'text', 'item'];
const isOneOf = (text: string, words: readonly string[]) => words.includes(norm(text));

// ---------------------------------------------------------------------------------------------
// Kinds

/**
 * The kind a child gets from its parent when nothing states it: goal → 課題 → 要因 → 取組案 (a 要因 with
 * children stays 要因). Always one of `allowedChildKinds[parent]` (shared/tree/rules), but under a 取組案.
 */
export function inferChildKind(parentKind: NodeKind | null, hasChildren: boolean): NodeKind {
  switch (parentKind) {
    case null:
      return 'goal';
    case 'goal':
    case 'outcome':
      return 'issue';
    case 'issue':
      return 'cause';
    case 'cause':
      return hasChildren ? 'cause' : 'measure';
    case 'measure':
      return 'measure';
  }
}

/** Fills `suggested` and `kind` of every node, parents first, so a child follows its parent's (overridden) kind. */
function resolveKinds(nodes: OutlineNode[], opts: OutlineOptions): void {
  const byRef = new Map(nodes.map((n) => [n.ref, n]));
  const parents = new Set(nodes.map((n) => n.parentRef));
  for (const n of nodes) {
    const parentKind = n.parentRef === null ? (opts.parentKind ?? null) : (byRef.get(n.parentRef)?.kind ?? null);
    n.suggested = n.stated ?? inferChildKind(parentKind, parents.has(n.ref));
    n.kind = opts.kinds?.[n.ref] ?? n.suggested;
  }
}

// ---------------------------------------------------------------------------------------------
// Checking

export interface OutlineNodeInput {
  ref: string;
  row: number;
  parentRef: string | null;
  kind: NodeKind;
  title: string;
}

/**
 * The tree rules run on an outline as it would stand: alone (replace) or under a node of
 * `parentKind` (append, where several top nodes may hang under it). Errors name rows.
 */
export function checkOutline(
  nodes: readonly OutlineNodeInput[],
  opts: Pick<OutlineOptions, 'parentKind' | 'maxNodes'> = {},
): OutlineError[] {
  const errors: OutlineError[] = [];
  if (nodes.length === 0) return [{ row: null, ref: null, code: 'empty_outline', message: 'The outline has no nodes' }];
  const maxNodes = opts.maxNodes ?? Number.POSITIVE_INFINITY;
  if (nodes.length > maxNodes)
    errors.push({
      row: nodes[maxNodes]?.row ?? null,
      ref: null,
      code: 'too_many_nodes',
      message: `${nodes.length} nodes: a tree may hold at most ${maxNodes} more`,
    });
  const byRef = new Map(nodes.map((n) => [n.ref, n]));
  const seen = new Set<string>();
  for (const n of nodes) {
    const err = (code: OutlineErrorCode, message: string) => errors.push({ row: n.row, ref: n.ref, code, message });
    if (seen.has(n.ref)) err('duplicate_id', `Row ${n.row}: the node ${n.ref} appears twice`);
    seen.add(n.ref);
    if (n.title.trim() === '') err('empty_title', `Row ${n.row}: a node needs a title`);
    if (n.title.length > MAX_NODE_TITLE)
      err('title_too_long', `Row ${n.row}: the title has ${n.title.length} characters (at most ${MAX_NODE_TITLE})`);
    if (n.parentRef !== null && !seen.has(n.parentRef))
      err(byRef.has(n.parentRef) ? 'cycle' : 'unknown_parent', `Row ${n.row}: the parent must come before the node`);
  }
  // The shared rules on the tree as it would be: appended nodes hang under a stand-in of the chosen node.
  const anchor = '\u0000anchor';
  const shapes: TreeNodeShape[] = nodes.map((n, i) => ({
    id: n.ref,
    parentId: n.parentRef ?? (opts.parentKind ? anchor : null),
    position: i,
    kind: n.kind,
    title: n.title,
    detail: '',
    hypothesisState: null,
  }));
  if (opts.parentKind)
    shapes.unshift({ id: anchor, parentId: null, position: 0, kind: opts.parentKind, title: '-', detail: '', hypothesisState: null });
  for (const v of validateTree(shapes)) {
    if (v.nodeId === anchor || v.rule === 'cycle' || v.rule === 'unknown_parent') continue; // the stand-in; the rest is reported above, by row
    const n = byRef.get(v.nodeId);
    errors.push({
      row: n?.row ?? null,
      ref: n?.ref ?? null,
      code: v.rule,
      message: ruleMessage(v.rule, n, byRef, opts.parentKind ?? null),
    });
  }
  return errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

function ruleMessage(
  rule: TreeRule,
  n: OutlineNodeInput | undefined,
  byRef: Map<string, OutlineNodeInput>,
  parentKind: NodeKind | null,
): string {
  const at = n ? `Row ${n.row}: ` : '';
  switch (rule) {
    case 'single_goal_root':
      return `${at}a tree has one goal at the top; this is a second top node`;
    case 'root_must_be_goal':
      return `${at}the top node must be a goal`;
    case 'measure_is_leaf':
      return `${at}a measure cannot have nodes under it`;
    case 'kind_follows_parent': {
      const pk = n?.parentRef ? (byRef.get(n.parentRef)?.kind ?? null) : parentKind;
      return `${at}a ${n?.kind ?? 'node'} cannot go under a ${pk ?? 'goal'}`;
    }
    default:
      return `${at}${rule}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

interface Draft {
  ref: string;
  row: number;
  column: number | null;
  depth: number;
  title: string;
  stated: NodeKind | null;
}

function finish(
  layout: OutlineLayout,
  drafts: Draft[],
  parentOf: Map<string, string | null>,
  errors: OutlineError[],
  opts: OutlineOptions,
): Outline {
  const nodes: OutlineNode[] = drafts.map((d) => ({
    ...d,
    parentRef: parentOf.get(d.ref) ?? null,
    suggested: 'goal',
    kind: 'goal',
  }));
  resolveKinds(nodes, opts);
  // A node already reported for where it stands is not reported again by the tree rules.
  const placed = new Set(errors.filter((e) => e.code === 'missing_parent').map((e) => e.ref));
  errors.push(...checkOutline(nodes, opts).filter((e) => e.ref === null || !placed.has(e.ref) || e.code === 'title_too_long'));
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { layout, nodes, errors };
}

/** Parents by depth: a node's parent is the nearest node above it with a smaller depth. */
function parentsByDepth(drafts: readonly Draft[]): Map<string, string | null> {
  const stack: Draft[] = [];
  const parentOf = new Map<string, string | null>();
  for (const d of drafts) {
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= d.depth) stack.pop();
    parentOf.set(d.ref, stack[stack.length - 1]?.ref ?? null);
    stack.push(d);
  }
  return parentOf;
}

/** Width of leading white space: a space 1, a full-width space 2, a tab 4. */
function leadingWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    if (ch === ' ' || ch === '\u00a0') w += 1;
    else if (ch === '\u3000') w += 2;
    else if (ch === '\t') w += 4;
    else break;
  }
  return w;
}

/** Depths from indent widths: deeper than the line above's indent means one level deeper. */
function depthsFromIndent(widths: readonly number[]): number[] {
  const stack: number[] = [];
  return widths.map((w) => {
    while (stack.length > 0 && stack[stack.length - 1]! >= w) stack.pop();
    stack.push(w);
    return stack.length - 1;
  });
}

const bulletChars = '・･-－*＊■□○●◆◇◎•‣▶▷►▸☆★◯〇';

/** The marker of an outline line (its style tells levels apart) and the title after it. */
export function splitMarker(line: string): { style: string | null; title: string } {
  const s = line.trim();
  let m: RegExpMatchArray | null;
  // 1-1, 1.2.3, １－１ (several numbers): the count of numbers is the level.
  if ((m = s.match(/^([0-9０-９]+(?:[.\-．－‐ー][0-9０-９]+)+)[.．]?(?:[\s\u3000]+|(?=[^\s0-9０-９.．]))(.*)$/)))
    return { style: `n${m[1]!.split(/[.\-．－‐ー]/).length}`, title: m[2]!.trim() };
  // 1. 1) 1、 １．
  if ((m = s.match(/^[0-9０-９]+([.．、)）])[\s\u3000]*(.*)$/))) return { style: `n1${m[1]!.normalize('NFKC')}`, title: m[2]!.trim() };
  // (1) （１） (ア) (a)
  if ((m = s.match(/^[(（]([0-9０-９]+|[ア-ン]|[a-zａ-ｚ])[)）][\s\u3000]*(.*)$/)))
    return { style: /[0-9０-９]/.test(m[1]!) ? 'p1' : /[ア-ン]/.test(m[1]!) ? 'pk' : 'pa', title: m[2]!.trim() };
  // ① … ⑳, ㉑ … ㊿
  if ((m = s.match(/^[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf][\s\u3000]*(.*)$/u))) return { style: 'c', title: m[1]!.trim() };
  const first = s[0];
  if (first !== undefined && bulletChars.includes(first)) {
    const rest = s.slice(1);
    // A hyphen or asterisk is a bullet only when a space follows (not -5%).
    if ('-－*＊'.includes(first) && !/^[\s\u3000]/.test(rest)) return { style: null, title: s };
    return { style: `b${first === '－' ? '-' : first === '＊' ? '*' : first}`, title: rest.trim() };
  }
  return { style: null, title: s };
}

/**
 * Depths of outline lines from their indent and marker: a line with the marker and indent of an
 * open line above is that line's sibling; otherwise it goes under the nearest open line that is
 * not more indented.
 */
function depthsFromMarkers(lines: readonly { indent: number; style: string | null }[]): number[] {
  const stack: { indent: number; style: string | null }[] = [];
  return lines.map((l) => {
    let i = -1;
    for (let k = stack.length - 1; k >= 0; k--)
      if (stack[k]!.style === l.style && stack[k]!.indent === l.indent) {
        i = k;
        break;
      }
    if (i >= 0) stack.length = i;
    else {
      while (stack.length > 0 && stack[stack.length - 1]!.indent > l.indent) stack.pop();
      // An unmarked line at the indent of an open line is its sibling (plain indentation).
      if (l.style === null && stack.length > 0 && stack[stack.length - 1]!.indent === l.indent && stack[stack.length - 1]!.style === null)
        stack.pop();
    }
    stack.push(l);
    return stack.length - 1;
  });
}

/** Pasted outline text: indentation, bullets or numbering; tab-separated text (copied from Excel) is read as a grid. */
export function parseOutlineText(text: string, opts: OutlineOptions = {}): Outline {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.some((l) => /\S\t/.test(l.replace(/\t+$/, ''))))
    return parseOutlineGrid(
      lines.map((l, i) => ({ row: i + 1, cells: l.split('\t') })),
      opts,
    );
  const items: { row: number; indent: number; style: string | null; title: string }[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const { style, title } = splitMarker(line);
    if (title === '') return; // a bare bullet
    items.push({ row: i + 1, indent: leadingWidth(line), style, title });
  });
  const depths = depthsFromMarkers(items);
  const drafts: Draft[] = items.map((it, i) => ({
    ref: String(it.row),
    row: it.row,
    column: null,
    depth: depths[i]!,
    title: it.title,
    stated: null,
  }));
  return finish(items.some((i) => i.style !== null) ? 'text' : 'indent', drafts, parentsByDepth(drafts), [], opts);
}

/** A grid (xlsx or CSV rows, header row included): a column per level, or one column with indentation or a level column. */
export function parseOutlineGrid(rows: readonly OutlineRow[], opts: OutlineOptions = {}): Outline {
  const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = filled[0];
  const headerKinds = header ? header.cells.map(kindFromLabel) : [];
  const levelColumns = headerKinds.filter((k) => k !== null).length;
  if (header && levelColumns >= 2)
    return readColumns(
      filled.slice(1),
      headerKinds.flatMap((k, i) => (k !== null ? [i] : [])),
      headerKinds,
      opts,
    );
  const levelCol = header ? header.cells.findIndex((c) => isOneOf(c, levelHeaders)) : -1;
  const kindCol = header ? header.cells.findIndex((c) => isOneOf(c, kindHeaders)) : -1;
  const titleCol = header ? header.cells.findIndex((c) => isOneOf(c, titleHeaders)) : -1;
  const hasHeader = levelCol >= 0 || kindCol >= 0 || titleCol >= 0 || levelColumns === 1;
  const data = hasHeader ? filled.slice(1) : filled;
  // Without a header, several used columns are levels (an outline laid across columns).
  const used = [...new Set(data.flatMap((r) => r.cells.flatMap((c, i) => (c.trim() !== '' ? [i] : []))))].sort((a, b) => a - b);
  if (!hasHeader && used.length > 1) return readColumns(data, used, [], opts);
  const col =
    titleCol >= 0
      ? titleCol
      : levelColumns === 1
        ? headerKinds.findIndex((k) => k !== null)
        : (used.find((i) => i !== levelCol && i !== kindCol) ?? 0);
  return readIndented(data, { col, levelCol, kindCol }, opts);
}

function readIndented(
  rows: readonly OutlineRow[],
  cols: { col: number; levelCol: number; kindCol: number },
  opts: OutlineOptions,
): Outline {
  const errors: OutlineError[] = [];
  const items = rows.flatMap((r) => {
    const raw = r.cells[cols.col] ?? '';
    if (raw.trim() === '') return [];
    const { style, title } = splitMarker(raw);
    const levelText = cols.levelCol >= 0 ? (r.cells[cols.levelCol] ?? '').normalize('NFKC').trim() : '';
    const level = /^\d+$/.test(levelText) ? Number(levelText) : null;
    if (cols.levelCol >= 0 && level === null)
      errors.push({
        row: r.row,
        ref: String(r.row),
        code: 'missing_parent',
        message: `Row ${r.row}: the level “${levelText}” is not a number`,
      });
    const kindText = cols.kindCol >= 0 ? (r.cells[cols.kindCol] ?? '') : '';
    const stated = kindText.trim() === '' ? null : kindFromLabel(kindText);
    if (kindText.trim() !== '' && stated === null)
      errors.push({ row: r.row, ref: String(r.row), code: 'unknown_kind', message: `Row ${r.row}: “${kindText}” is not a kind of node` });
    return [{ row: r.row, indent: leadingWidth(raw), style, title, level, stated }];
  });
  let depths: number[];
  if (cols.levelCol >= 0) {
    const min = Math.min(...items.flatMap((i) => (i.level === null ? [] : [i.level])));
    depths = items.map((i) => (i.level === null ? 0 : i.level - min));
  } else depths = items.some((i) => i.style !== null) ? depthsFromMarkers(items) : depthsFromIndent(items.map((i) => i.indent));
  const drafts: Draft[] = items.map((it, i) => ({
    ref: String(it.row),
    row: it.row,
    column: cols.col + 1,
    depth: depths[i]!,
    title: it.title,
    stated: it.stated,
  }));
  // A level that jumps more than one below the line above has no parent at the level between.
  for (let i = 1; i < drafts.length; i++)
    if (drafts[i]!.depth > drafts[i - 1]!.depth + 1)
      errors.push({
        row: drafts[i]!.row,
        ref: drafts[i]!.ref,
        code: 'missing_parent',
        message: `Row ${drafts[i]!.row}: level ${drafts[i]!.depth + 1} right after level ${drafts[i - 1]!.depth + 1}`,
      });
  if (drafts[0] && drafts[0].depth > 0 && cols.levelCol >= 0)
    errors.push({
      row: drafts[0].row,
      ref: drafts[0].ref,
      code: 'missing_parent',
      message: `Row ${drafts[0].row}: the first line is not at the top level`,
    });
  return finish(
    cols.levelCol >= 0 || items.every((i) => i.style === null) ? 'indent' : 'text',
    drafts,
    parentsByDepth(drafts),
    errors,
    opts,
  );
}

/** Column per level: a blank cell, or a cell repeating the open node of its column, continues the node above. */
function readColumns(
  rows: readonly OutlineRow[],
  columns: readonly number[],
  headerKinds: readonly (NodeKind | null)[],
  opts: OutlineOptions = {},
): Outline {
  const drafts: Draft[] = [];
  const parentOf = new Map<string, string | null>();
  const errors: OutlineError[] = [];
  const open: (Draft | undefined)[] = [];
  for (const r of rows) {
    let continuing = true;
    columns.forEach((c, level) => {
      const text = (r.cells[c] ?? '').trim();
      if (text === '') return;
      const current = open[level];
      if (continuing && current?.title === text) return; // a repeated (merged) cell: the same node
      continuing = false;
      const ref = `${r.row}:${c + 1}`;
      let parentLevel = level - 1;
      while (parentLevel >= 0 && !open[parentLevel]) parentLevel--;
      if (parentLevel !== level - 1)
        errors.push({ row: r.row, ref, code: 'missing_parent', message: `Row ${r.row}: nothing in the level to the left of “${text}”` });
      const d: Draft = { ref, row: r.row, column: c + 1, depth: level, title: text, stated: headerKinds[c] ?? null };
      drafts.push(d);
      parentOf.set(ref, parentLevel >= 0 ? open[parentLevel]!.ref : null);
      open[level] = d;
      open.length = level + 1;
    });
  }
  return finish('columns', drafts, parentOf, errors, opts);
}
