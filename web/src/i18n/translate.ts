export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];
export type MessageParams = Record<string, string | number>;

export const LOCALE_STORAGE_KEY = 'banso.locale';

/**
 * Fills `{name}` placeholders; unknown placeholders stay as written. Only the logic-tree feature's
 * own dictionary still uses it, until that feature moves to the catalog (i18next).
 */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The remembered choice when valid; Japanese otherwise (the app is Japanese-first). */
export function resolveLocale(stored: string | null | undefined): Locale {
  return stored === 'en' || stored === 'ja' ? stored : 'ja';
}

/** BCP 47 tag for `<html lang>`. */
export function htmlLang(locale: Locale): string {
  return locale === 'ja' ? 'ja' : 'en';
}
