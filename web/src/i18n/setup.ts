import i18next, { type i18n } from 'i18next';
import { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import zodJa from 'zod/v4/locales/ja.js';
import { en } from './locales/en';
import { ja } from './locales/ja';
import type { Locale } from './translate';

export const resources = { ja, en };
export const namespaces = Object.keys(ja) as (keyof typeof ja)[];

/** Validation messages of the shared zod schemas follow the chosen language (zod's own locales, only these two in the bundle). */
export function applyZodLocale(locale: Locale): void {
  z.config(locale === 'ja' ? zodJa() : zodEn());
}

/**
 * One i18next instance with both catalogs bundled (no HTTP backend), so the first render is already
 * in the right language. Japanese is the complete catalog and the fallback.
 */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: locale,
    fallbackLng: 'ja',
    supportedLngs: ['ja', 'en'],
    ns: namespaces,
    defaultNS: 'common',
    keySeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyZodLocale(locale);
  return instance;
}
