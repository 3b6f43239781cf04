export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];

export const LOCALE_STORAGE_KEY = 'banso.locale';

/** The remembered choice when valid; Japanese otherwise (the app is Japanese-first). */
export function resolveLocale(stored: string | null | undefined): Locale {
  return stored === 'en' || stored === 'ja' ? stored : 'ja';
}

/** BCP 47 tag for `<html lang>`. */
export function htmlLang(locale: Locale): string {
  return locale === 'ja' ? 'ja' : 'en';
}
