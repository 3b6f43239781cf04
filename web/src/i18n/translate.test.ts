import { describe, expect, it } from 'vitest';
import { en } from './messages.en';
import { ja } from './messages.ja';
import { interpolate, resolveLocale, translate, translateWith } from './translate';

describe('translate', () => {
  it('answers in the chosen language', () => {
    expect(translate('ja', 'nav.signOut')).toBe('サインアウト');
    expect(translate('en', 'nav.signOut')).toBe('Sign out');
  });

  it('falls back to Japanese when English lacks a key', () => {
    const dictionaries = { ja: { ...ja, 'app.name': '伴走' }, en: { 'nav.signOut': 'Sign out' } };
    expect(translateWith(dictionaries, 'en', 'app.name')).toBe('伴走');
    expect(translateWith(dictionaries, 'en', 'nav.signOut')).toBe('Sign out');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('ja', 'engagements.delayed', { count: 3 })).toBe('遅延 3件');
    expect(translate('en', 'status.moveTo', { status: 'Roadmap agreed' })).toBe('Move to “Roadmap agreed”');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('keeps the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(en)) expect(names(text ?? ''), key).toEqual(names(ja[key as keyof typeof ja]));
  });
});

describe('resolveLocale', () => {
  it('is Japanese unless English was chosen', () => {
    expect(resolveLocale(null)).toBe('ja');
    expect(resolveLocale('fr')).toBe('ja');
    expect(resolveLocale('en')).toBe('en');
    expect(resolveLocale('ja')).toBe('ja');
  });
});
