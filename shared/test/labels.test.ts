import { describe, expect, it } from 'vitest';
import * as shared from '../src/index.js';
import { enumSubsets, labelLocales, labelledEnums, labels, formatFileSize, nodeKindLabel, terms } from '../src/labels/index.js';
import { notForDisplay } from '../src/labels/enums.js';

/** Every exported array of strings in @banso/shared is an enum (or a list of names) people may read. */
const stringArrayExports = (Object.entries(shared) as [string, unknown][]).filter(
  (e): e is [string, readonly string[]] => Array.isArray(e[1]) && e[1].length > 0 && e[1].every((v: unknown) => typeof v === 'string'),
);

describe('labels cover every enum in both languages', () => {
  it('finds the enums of shared', () => {
    expect(stringArrayExports.length).toBeGreaterThanOrEqual(20);
  });

  it('registers every string-array export of shared as a labelled enum or a subset of one', () => {
    const registered = new Set<readonly string[]>(Object.values(labelledEnums));
    const unregistered = stringArrayExports
      .filter(([name, values]) => !registered.has(values) && !(name in enumSubsets) && !(notForDisplay as readonly string[]).includes(name))
      .map(([name]) => name);
    expect(unregistered).toEqual([]);
  });

  it('subsets only hold values of the enum they borrow labels from', () => {
    for (const [name, key] of Object.entries(enumSubsets)) {
      const values = (shared as unknown as Record<string, readonly string[]>)[name]!;
      for (const v of values) expect(labelledEnums[key], `${name}: ${v}`).toContain(v);
    }
  });

  for (const locale of labelLocales) {
    it(`has a non-empty ${locale} label for every value and no label for a value that does not exist`, () => {
      const table = labels(locale) as unknown as Record<string, Record<string, string>>;
      const missing: string[] = [];
      for (const [key, values] of Object.entries(labelledEnums)) {
        for (const v of values) {
          const label = table[key]?.[v];
          if (typeof label !== 'string' || label.trim() === '') missing.push(`${key}.${v}`);
        }
        expect(Object.keys(table[key] ?? {}).sort(), key).toEqual([...values].sort());
      }
      expect(missing).toEqual([]);
      expect(Object.keys(table).sort()).toEqual(Object.keys(labelledEnums).sort());
    });
  }

  it('has the same terms in both languages, none empty', () => {
    expect(Object.keys(terms('en')).sort()).toEqual(Object.keys(terms('ja')).sort());
    for (const locale of labelLocales) for (const v of Object.values(terms(locale))) expect(v.trim()).not.toBe('');
  });

  it('writes English labels without Japanese and uses one word per concept', () => {
    const jaScript = /[\u3040-\u30ff\u3400-\u9fff]/;
    for (const group of Object.values(labels('en') as unknown as Record<string, Record<string, string>>))
      for (const v of Object.values(group)) expect(v).not.toMatch(jaScript);
    for (const v of Object.values(terms('en'))) expect(v).not.toMatch(jaScript);
    const ja = labels('ja');
    expect(ja.nodeKind.measure).toBe('取組案');
    expect(ja.hypothesisState.supported).toBe('支持');
    expect(ja.role.program_office).toBe('実施主体');
    expect(ja.role.observer).toBe('傍聴自治体');
    expect(terms('ja').contractor).toBe('事務局');
    expect(terms('ja').observerView).toBe('閲覧のみ');
    expect(nodeKindLabel('measure', null)).toBe('取組案(未選定)');
    expect(nodeKindLabel('measure', 'done', 'en')).toBe('Measure');
  });
});

describe('formatFileSize', () => {
  it('writes bytes, kilobytes and megabytes as a file list shows them', () => {
    expect(formatFileSize(820)).toBe('820 B');
    expect(formatFileSize(12_345)).toBe('12.3 KB');
    expect(formatFileSize(450_000)).toBe('450 KB');
    expect(formatFileSize(4_500_000)).toBe('4.5 MB');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('21.0 MB');
  });
});
