import type { Me } from '@banso/shared';
import { LoginForm } from '../../features/auth';
import { type LoginReason, navigate } from '../../lib/router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';

export function LoginPage({ next, reason }: { next: string | null; reason: LoginReason | null }) {
  const { t } = useTranslation(['common', 'auth']);
  const { locale, setLocale } = useLocale();
  useDocumentTitle(t('auth:login.title'), t('app.name'));
  const onSignedIn = (_me: Me) => navigate(next ?? '/', { replace: true });
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
        <LoginForm
          onSignedIn={onSignedIn}
          notice={reason === 'expired' ? 'login.expired' : reason === 'signedOut' ? 'login.signedOut' : null}
        />
      </main>
    </div>
  );
}
