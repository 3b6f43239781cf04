import { en } from './messages.en';
import { ja, type MessageKey } from './messages.ja';

export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];
export type MessageParams = Record<string, string | number>;
export type Dictionaries = { ja: Record<MessageKey, string> } & Partial<Record<Locale, Partial<Record<MessageKey, string>>>>;

export const LOCALE_STORAGE_KEY = 'banso.locale';

const appDictionaries: Dictionaries = { ja, en };

/** Fills `{name}` placeholders; unknown placeholders stay as written. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message in `locale`, falling back to Japanese (the complete dictionary), then to the key itself. */
export function translateWith(dictionaries: Dictionaries, locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale]?.[key] ?? dictionaries.ja[key] ?? key;
  return interpolate(template, params);
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return translateWith(appDictionaries, locale, key, params);
}

/** The remembered choice when valid; Japanese otherwise (the app is Japanese-first). */
export function resolveLocale(stored: string | null | undefined): Locale {
  return stored === 'en' || stored === 'ja' ? stored : 'ja';
}

/** BCP 47 tag for `<html lang>`. */
export function htmlLang(locale: Locale): string {
  return locale === 'ja' ? 'ja' : 'en';
}
