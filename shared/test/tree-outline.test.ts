import { describe, expect, it } from 'vitest';
import { allowedChildKinds } from '../src/tree/rules.js';
import { nodeKinds } from '../src/domain.js';
import {
  checkOutline,
  inferChildKind,
  kindFromLabel,
  type Outline,
  parseOutlineGrid,
  parseOutlineText,
  splitMarker,
} from '../src/tree/outline.js';

/** The outline as `depth kind title` lines, to compare shapes at a glance. */
const shape = (o: Outline) => o.nodes.map((n) => `${'  '.repeat(n.depth)}${n.kind} ${n.title}`);
const grid = (...lines: string[][]) => lines.map((cells, i) => ({ row: i + 1, cells }));

describe('kindFromLabel', () => {
  it('reads the kind labels in Japanese and English, and the codes', () => {
    expect(['目指す姿', '課題', '要因', '取組', '取組案', '中間アウトカム'].map(kindFromLabel)).toEqual([
      'goal',
      'issue',
      'cause',
      'measure',
      'measure',
      'outcome',
    ]);
    expect(['Goal', 'Issues', 'cause', 'Measures', 'Intermediate outcome', 'outcome'].map(kindFromLabel)).toEqual([
      'goal',
      'issue',
      'cause',
      'measure',
      'outcome',
      'outcome',
    ]);
    expect(kindFromLabel('備考')).toBeNull();
    expect(kindFromLabel('')).toBeNull();
  });
});

describe('inferChildKind', () => {
  it('infers only kinds the tree rules allow under the parent', () => {
    for (const parent of nodeKinds)
      for (const hasChildren of [true, false])
        if (allowedChildKinds[parent].length > 0) expect(allowedChildKinds[parent]).toContain(inferChildKind(parent, hasChildren));
    expect(inferChildKind(null, true)).toBe('goal');
  });
});

describe('splitMarker', () => {
  it('takes bullets and numbering off the title', () => {
    expect(splitMarker('・高齢者の外出が減った')).toEqual({ style: 'b・', title: '高齢者の外出が減った' });
    expect(splitMarker('- 通いの場')).toEqual({ style: 'b-', title: '通いの場' });
    expect(splitMarker('■ 目指す姿')).toEqual({ style: 'b■', title: '目指す姿' });
    expect(splitMarker('1. 課題')).toEqual({ style: 'n1.', title: '課題' });
    expect(splitMarker('1-2　要因')).toEqual({ style: 'n2', title: '要因' });
    expect(splitMarker('1.2.3 取組')).toEqual({ style: 'n3', title: '取組' });
    expect(splitMarker('（１）課題')).toEqual({ style: 'p1', title: '課題' });
    expect(splitMarker('①取組')).toEqual({ style: 'c', title: '取組' });
  });
  it('leaves a title that only starts with a number or a minus alone', () => {
    expect(splitMarker('-5%の減少').style).toBeNull();
    expect(splitMarker('10人の担い手').style).toBeNull();
  });
});

describe('parseOutlineGrid: a column per level', () => {
  it('reads merged (repeated) and blank parents as the same node, kinds from the Japanese header', () => {
    const o = parseOutlineGrid(
      grid(
        ['目指す姿', '課題', '要因', '取組'],
        ['住み慣れた地域で暮らし続ける', '外出の機会が少ない', '移動手段がない', '移動支援'],
        ['住み慣れた地域で暮らし続ける', '外出の機会が少ない', '移動手段がない', '乗合タクシー'],
        ['', '', '通いの場が遠い', ''],
        ['', '担い手が足りない', '', ''],
      ),
    );
    expect(o.layout).toBe('columns');
    expect(o.errors).toEqual([]);
    expect(shape(o)).toEqual([
      'goal 住み慣れた地域で暮らし続ける',
      '  issue 外出の機会が少ない',
      '    cause 移動手段がない',
      '      measure 移動支援',
      '      measure 乗合タクシー',
      '    cause 通いの場が遠い',
      '  issue 担い手が足りない',
    ]);
    expect(o.nodes.map((n) => n.row)).toEqual([2, 2, 2, 2, 3, 4, 5]);
    expect(o.nodes[4]).toMatchObject({ ref: '3:4', column: 4, parentRef: '2:3', stated: 'measure' });
  });

  it('recognises English headers and skips empty rows', () => {
    const o = parseOutlineGrid(grid(['Goal', 'Issue', 'Cause', 'Measure'], ['G', 'I', 'C', 'M'], ['', '', '', ''], ['', 'I2', '', '']));
    expect(shape(o)).toEqual(['goal G', '  issue I', '    cause C', '      measure M', '  issue I2']);
  });

  it('names the row of a node with nothing in the level to its left', () => {
    const o = parseOutlineGrid(grid(['目指す姿', '課題', '要因'], ['G', '', 'C']));
    expect(o.errors).toEqual([expect.objectContaining({ row: 2, code: 'missing_parent' })]);
  });

  it('reads a header-less outline laid across columns by its level', () => {
    const o = parseOutlineGrid(grid(['G'], ['', 'I'], ['', '', 'C'], ['', '', '', 'M']));
    expect(shape(o)).toEqual(['goal G', '  issue I', '    cause C', '      measure M']);
  });
});

describe('parseOutlineGrid: one column', () => {
  it('reads leading spaces, full-width spaces and tabs as levels', () => {
    const o = parseOutlineGrid(grid(['項目'], ['G'], ['  I'], ['\u3000\u3000C'], ['\t\tM'], [' I2']));
    expect(o.layout).toBe('indent');
    expect(shape(o)).toEqual(['goal G', '  issue I', '    cause C', '      measure M', '  issue I2']);
  });

  it('reads a level number column and a kind column', () => {
    const o = parseOutlineGrid(
      grid(['レベル', '項目', '種類'], ['1', 'G', ''], ['2', 'O', '中間アウトカム'], ['3', 'I', ''], ['4', 'C', '']),
    );
    expect(shape(o)).toEqual(['goal G', '  outcome O', '    issue I', '      cause C']);
    expect(o.errors).toEqual([]);
  });

  it('reports a level that skips one and a kind it does not know, by row', () => {
    const o = parseOutlineGrid(grid(['Level', 'Title', 'Kind'], ['1', 'G', ''], ['3', 'X', ''], ['2', 'Y', 'Foo']));
    expect(o.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'missing_parent'],
      [4, 'unknown_kind'],
    ]);
  });
});

describe('parseOutlineText', () => {
  it('reads indentation', () => {
    const o = parseOutlineText('G\n  I\n    C\n      M\n  I2\n');
    expect(shape(o)).toEqual(['goal G', '  issue I', '    cause C', '      measure M', '  issue I2']);
    expect(o.nodes.map((n) => n.row)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads bullets of different kinds as levels, without indentation', () => {
    const o = parseOutlineText('■ G\n□ I\n○ C\n・M1\n・M2\n○ C2\n□ I2');
    expect(shape(o)).toEqual(['goal G', '  issue I', '    cause C', '      measure M1', '      measure M2', '    cause C2', '  issue I2']);
  });

  it('reads numbering 1. 1-1 (1) ①', () => {
    const o = parseOutlineText('目指す姿\n1. I\n1-1 C\n(1) M\n① M-detail\n2. I2\n2-1 C2');
    expect(shape(o).slice(0, 4)).toEqual(['goal 目指す姿', '  issue I', '    cause C', '      cause M']);
    expect(shape(o).slice(4)).toEqual(['        measure M-detail', '  issue I2', '    cause C2']);
  });

  it('reads tab-separated text copied from Excel as a grid', () => {
    const o = parseOutlineText('目指す姿\t課題\t要因\nG\tI\tC\n\t\tC2\n');
    expect(o.layout).toBe('columns');
    expect(shape(o)).toEqual(['goal G', '  issue I', '    cause C', '    cause C2']);
  });

  it('applies kind overrides, and children follow the overridden kind', () => {
    const o = parseOutlineText('G\n I\n  C\n   M', { kinds: { '2': 'outcome' } });
    expect(shape(o)).toEqual(['goal G', '  outcome I', '    issue C', '      cause M']);
    expect(o.nodes[1]).toMatchObject({ suggested: 'issue', kind: 'outcome' });
  });

  it('runs the tree rules and names rows: a second top node, a measure with children, a bad kind', () => {
    const o = parseOutlineText('G\n I\nG2', {});
    expect(o.errors).toEqual([expect.objectContaining({ row: 3, code: 'single_goal_root' })]);
    const bad = parseOutlineText('G\n I\n  C', { kinds: { '2': 'measure' } });
    expect(bad.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'kind_follows_parent'],
      [3, 'measure_is_leaf'],
    ]);
    const wrong = parseOutlineText('G\n I', { kinds: { '2': 'cause' } });
    expect(wrong.errors.map((e) => [e.row, e.code])).toEqual([[2, 'kind_follows_parent']]);
  });

  it('reports over-long titles and too many nodes', () => {
    const o = parseOutlineText(`G\n ${'あ'.repeat(201)}\n x\n y`, { maxNodes: 3 });
    expect(o.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'title_too_long'],
      [4, 'too_many_nodes'],
    ]);
  });

  it('reports an empty outline', () => {
    expect(parseOutlineText('\n  \n').errors).toEqual([expect.objectContaining({ row: null, code: 'empty_outline' })]);
  });

  it('infers kinds from the node it is appended under, and allows several top nodes there', () => {
    const o = parseOutlineText('C1\n M\nC2', { parentKind: 'issue' });
    expect(shape(o)).toEqual(['cause C1', '  measure M', 'cause C2']);
    expect(o.errors).toEqual([]);
    const bad = parseOutlineText('X', { parentKind: 'issue', kinds: { '1': 'measure' } });
    expect(bad.errors.map((e) => [e.row, e.code])).toEqual([[1, 'kind_follows_parent']]);
  });
});

describe('checkOutline', () => {
  it('names the row whose parent does not come before it', () => {
    const errors = checkOutline([
      { ref: 'a', row: 2, parentRef: null, kind: 'goal', title: 'G' },
      { ref: 'b', row: 3, parentRef: 'zz', kind: 'issue', title: 'I' },
    ]);
    expect(errors.map((e) => [e.row, e.code])).toEqual([[3, 'unknown_parent']]);
  });
});
