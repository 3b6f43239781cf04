import type { Me } from '@banso/shared';
import { type FormEvent, useId, useRef, useState } from 'react';
import { describedBy, Field } from '../../../components/ui/field';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Notice } from '../../../components/ui/feedback';
import { isApiError } from '../../../lib/api-error';
import { useTranslation } from 'react-i18next';
import { useLogin } from '../../../api/auth/login';

const demoAccounts = [
  ['office', 'office@demo.banso.jp'],
  ['morikawa', 'morikawa@demo.banso.jp'],
  ['kitano', 'kitano@demo.banso.jp'],
  ['takada', 'takada@demo.banso.jp'],
  ['midori', 'midori@demo.banso.jp'],
  ['aoba', 'aoba@demo.banso.jp'],
  ['yamanami', 'yamanami@demo.banso.jp'],
  ['sakura', 'sakura@demo.banso.jp'],
  ['higashi', 'higashi@demo.banso.jp'],
  ['shiosai', 'shiosai@demo.banso.jp'],
] as const satisfies readonly (readonly [string, string])[];

export function LoginForm({ onSignedIn, notice }: { onSignedIn: (me: Me) => void; notice?: 'login.expired' | 'login.signedOut' | null }) {
  const { t } = useTranslation('auth');
  const id = useId();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  // Two-factor sign-in: after 401 totp_required the form asks for the code and sends password and code together.
  const [codeStep, setCodeStep] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password, ...(codeStep && code.trim() ? { code: code.trim() } : {}) },
      {
        onSuccess: onSignedIn,
        onError: (err) => {
          if (isApiError(err) && err.code === 'totp_required') setCodeStep(true);
          if (isApiError(err) && err.code === 'totp_invalid') setCode('');
        },
      },
    );
  };
  const backToPassword = () => {
    setCodeStep(false);
    setCode('');
    setPassword('');
    login.reset();
  };

  const error = login.error;
  let known: string | null = null;
  if (isApiError(error)) {
    if (error.code === 'totp_required') known = null;
    else if (error.code === 'totp_invalid') known = t('login.codeInvalid');
    else if (error.status === 401) known = t('login.failed');
    else if (error.status === 429) known = t('login.rateLimited');
  }
  const showError = error && !(isApiError(error) && error.code === 'totp_required');

  return (
    <div className="login">
      <form className="card login__form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`} className="login__title">
          {t('login.title')}
        </h1>
        <p className="login__lead">{t('login.lead')}</p>
        {notice ? <Notice tone="info">{t(notice)}</Notice> : null}
        {known ? <Notice tone="error">{known}</Notice> : showError ? <ErrorMessage error={error} /> : null}
        {codeStep ? (
          <div className="login__step">
            <p>{t(useRecovery ? 'login.recoveryLead' : 'login.codeLead')}</p>
            <Field
              id={`${id}-code`}
              label={t(useRecovery ? 'login.recoveryCode' : 'login.code')}
              hint={useRecovery ? t('login.recoveryHint') : undefined}
            >
              <input
                id={`${id}-code`}
                name="code"
                // The browser offers codes from a password manager; a phone shows digits.
                autoComplete="one-time-code"
                inputMode={useRecovery ? 'text' : 'numeric'}
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={useRecovery ? 24 : 7}
                required
                autoFocus
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            </Field>
            <button type="submit" className="btn btn--primary btn--block" disabled={login.isPending || !code.trim()}>
              {login.isPending ? t('login.submitting') : t('login.codeSubmit')}
            </button>
            <div className="login__links">
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setUseRecovery(!useRecovery);
                  setCode('');
                }}
              >
                {t(useRecovery ? 'login.useApp' : 'login.useRecovery')}
              </button>{' '}
              <button type="button" className="link-button" onClick={backToPassword}>
                {t('login.back')}
              </button>
            </div>
          </div>
        ) : null}
        <div className="login__step" hidden={codeStep}>
          <Field id={`${id}-email`} label={t('login.email')}>
            <input
              id={`${id}-email`}
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-describedby={describedBy(`${id}-email`, {})}
            />
          </Field>
          <Field id={`${id}-password`} label={t('login.password')}>
            <input
              ref={passwordRef}
              id={`${id}-password`}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <button type="submit" className="btn btn--primary btn--block" disabled={login.isPending || !email || !password}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>
      <section className="card login__demo" aria-labelledby={`${id}-demo`}>
        <h2 id={`${id}-demo`} className="login__demo-title">
          {t('login.demoTitle')}
        </h2>
        <p className="login__demo-hint">{t('login.demoHint')}</p>
        <ul className="login__demo-list">
          {demoAccounts.map(([key, address]) => (
            <li key={key}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setEmail(address);
                  passwordRef.current?.focus();
                }}
              >
                {address}
              </button>
              <span className="login__demo-role">{t(`login.demo.${key}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
