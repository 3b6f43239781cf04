export { I18nProvider, useLabels, useLocale } from './i18n-provider';
export { createI18n } from './setup';
export { type Locale, locales } from './translate';
