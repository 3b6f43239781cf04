export { I18nProvider, useI18n, type I18n } from './i18n-provider';
export type { MessageKey } from './messages.ja';
export { type Locale, locales, translate, resolveLocale } from './translate';
