import { YearMonthSchema } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { en } from './locales/en';
import { ja } from './locales/ja';
import { createI18n } from './setup';
import { resolveLocale } from './translate';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message catalog', () => {
  it('has the same namespaces and keys in Japanese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const ns of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(Object.keys(en[ns]).sort(), ns).toEqual(Object.keys(ja[ns]).sort());
    }
  });

  it('has no empty or untranslated message', () => {
    for (const [lang, catalog] of [
      ['ja', ja],
      ['en', en],
    ] as const) {
      for (const [ns, messages] of Object.entries(catalog)) {
        for (const [key, value] of Object.entries(messages as Record<string, string>)) {
          expect(value.trim(), `${lang} ${ns}:${key}`).not.toBe('');
          expect(value, `${lang} ${ns}:${key}`).not.toMatch(/^TODO/);
        }
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    // English may leave out what it does not say: the count of a singular, the era of a year
    const englishOmits = new Set(['common:month.yearOption']);
    for (const ns of Object.keys(ja) as (keyof typeof ja)[]) {
      const jaNs = ja[ns] as Record<string, string>;
      const enNs = en[ns] as Record<string, string>;
      for (const key of Object.keys(jaNs)) {
        const expected = placeholders(jaNs[key] ?? '');
        const actual = placeholders(enNs[key] ?? '');
        if (key.endsWith('_one') || englishOmits.has(`${ns}:${key}`))
          expect(expected, `${ns}:${key}`).toEqual(expect.arrayContaining(actual));
        else expect(actual, `${ns}:${key}`).toEqual(expected);
      }
    }
  });

  it('has no English text in the Japanese catalog beyond names and formats', () => {
    // a Japanese message is written in Japanese: at least one kana or kanji, or a short proper name
    const allowed = /^(Bansō|English|PDF|Excel|PowerPoint|PNG|SVG|\{\{\w+\}\}.*)$/;
    for (const [ns, messages] of Object.entries(ja)) {
      for (const [key, value] of Object.entries(messages as Record<string, string>)) {
        if (allowed.test(value)) continue;
        expect(value, `${ns}:${key}`).toMatch(
          /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]/u,
        );
      }
    }
  });
});

describe('i18next setup', () => {
  it('answers in the chosen language and interpolates', () => {
    const i18n = createI18n('en');
    expect(i18n.t('nav.signOut')).toBe('Sign out');
    expect(i18n.getFixedT('ja')('nav.signOut')).toBe('サインアウト');
    expect(i18n.getFixedT('ja', 'engagements')('engagements.delayed', { count: 3 })).toBe('遅延 3件');
  });

  it('counts in English with the right plural form, once in Japanese', () => {
    const i18n = createI18n('en');
    expect(i18n.t('library.count', { ns: 'library', count: 1 })).toBe('1 case');
    expect(i18n.t('library.count', { ns: 'library', count: 2 })).toBe('2 cases');
    expect(i18n.getFixedT('ja', 'library')('library.count', { count: 2 })).toBe('2件の事例');
  });

  it('switches the validation messages of the shared zod schemas with the language', () => {
    const parse = () => YearMonthSchema.safeParse(3).error?.issues[0]?.message;
    createI18n('ja');
    expect(parse()).toMatch(/[\p{Script=Hiragana}\p{Script=Han}]/u);
    createI18n('en');
    expect(parse()).toMatch(/^Invalid input: expected string/);
  });

  it('remembers only a known language, Japanese otherwise', () => {
    expect(resolveLocale('en')).toBe('en');
    expect(resolveLocale('fr')).toBe('ja');
    expect(resolveLocale(null)).toBe('ja');
  });
});
