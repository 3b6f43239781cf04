import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';

/** The frame of the pages one opens without a session (first-run setup, one-time links), like the sign-in page. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  const { locale, setLocale } = useLocale();
  return (
    <div className="login-page">
      <header className="login-page__header">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{t('app.name')}</span>
          {locale === 'ja' ? <span className="brand__sub">Bansō</span> : null}
        </div>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          lang={locale === 'ja' ? 'en' : 'ja'}
          onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
        >
          {locale === 'ja' ? t('lang.en') : t('lang.ja')}
        </button>
      </header>
      <main id="main" className="login-page__main">
        <div className="login">{children}</div>
      </main>
    </div>
  );
}
