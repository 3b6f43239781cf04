import { type EnumLabels, labels } from '@banso/shared';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { applyZodLocale, createI18n } from './setup';
import { htmlLang, LOCALE_STORAGE_KEY, type Locale, resolveLocale } from './translate';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [instance] = useState(() => createI18n(initialLocale ?? resolveLocale(readStored())));
  return (
    <I18nextProvider i18n={instance}>
      <LangAttribute />
      {children}
    </I18nextProvider>
  );
}

function LangAttribute() {
  const { locale } = useLocale();
  useEffect(() => {
    document.documentElement.lang = htmlLang(locale);
  }, [locale]);
  return null;
}

export interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

/** The chosen language and the switch; the choice is remembered in localStorage. */
export function useLocale(): LocaleState {
  const { i18n } = useTranslation();
  const locale = resolveLocale(i18n.resolvedLanguage ?? i18n.language);
  const setLocale = useCallback(
    (next: Locale) => {
      applyZodLocale(next);
      void i18n.changeLanguage(next);
      try {
        window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
    },
    [i18n],
  );
  return useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
}

/** The domain vocabulary (statuses, kinds, roles …) in the chosen language, from shared/src/labels. */
export function useLabels(): EnumLabels {
  return labels(useLocale().locale);
}
