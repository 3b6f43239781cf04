export { I18nProvider, useI18n, useLabels, useLocale, type LocaleState } from './i18n-provider';
export { createI18n, namespaces, resources } from './setup';
export { type Locale, locales, resolveLocale } from './translate';
