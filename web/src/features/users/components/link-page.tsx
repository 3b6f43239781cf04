import { formatDateTime } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAcceptInvitation } from '../../../api/users/accept-invitation';
import { useInvitation } from '../../../api/users/get-invitation';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Loading, Notice } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { useLocale } from '../../../i18n';
import { isApiError } from '../../../lib/api-error';
import { navigate } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { PasswordFields, passwordReady, serverFieldError } from './password-fields';
import { PublicFrame } from './public-frame';

/** /invite/<token> and /reset/<token>: set the password through the one-time link, then signed in. */
export function LinkPage({ token, kind }: { token: string; kind: 'invitation' | 'reset' }) {
  const { t } = useTranslation(['users', 'common']);
  const { t: tAuth } = useTranslation('auth');
  const { locale } = useLocale();
  useDocumentTitle(t(kind === 'invitation' ? 'link.title.invitation' : 'link.title.reset'), t('common:app.name'));
  const id = useId();
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  // A reset of an account with two-factor on: the server asks (401 totp_required) for a code or a recovery code too.
  const [needsCode, setNeedsCode] = useState(false);
  const [code, setCode] = useState('');

  if (invitation.isPending) return <Loading />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(
      { token, password, code: needsCode ? code.trim() : undefined },
      {
        onSuccess: () => navigate('/', { replace: true }),
        onError: (err) => {
          if (isApiError(err) && err.code === 'totp_required') setNeedsCode(true);
        },
      },
    );
  };
  const codeAsked = isApiError(accept.error) && accept.error.code === 'totp_required';
  const info = invitation.data;
  const gone =
    (isApiError(accept.error) && (accept.error.status === 409 || accept.error.status === 410)) || (info && info.status !== 'valid');
  const state = info?.status === 'used' || (isApiError(accept.error) && accept.error.status === 409) ? 'link.used' : 'link.expired';
  const pwError = serverFieldError(accept.error, 'body.password');
  return (
    <PublicFrame>
      <form className="card login__form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`} className="login__title">
          {t((info?.kind ?? kind) === 'invitation' ? 'link.title.invitation' : 'link.title.reset')}
        </h1>
        {invitation.isError ? (
          <Notice tone="error">{t('link.unknown')}</Notice>
        ) : gone ? (
          <Notice tone="warning">
            {t(state)} <Link href="/login">{t('setup.toLogin')}</Link>
          </Notice>
        ) : info ? (
          <>
            <p className="login__lead">{t('link.lead', { name: info.name, email: info.email })}</p>
            <p className="field__hint">{t('link.expiresAt', { date: formatDateTime(info.expiresAt, locale) })}</p>
            {accept.error && !pwError && !codeAsked ? <ErrorMessage error={accept.error} /> : null}
            <input type="email" name="email" autoComplete="username" value={info.email} readOnly hidden />
            <PasswordFields
              id={id}
              password={password}
              confirm={confirm}
              onPassword={setPassword}
              onConfirm={setConfirm}
              serverError={pwError}
            />
            {needsCode ? (
              <Field id={`${id}-code`} label={tAuth('login.code')} hint={tAuth('login.recoveryHint')} required>
                <input
                  id={`${id}-code`}
                  name="code"
                  autoComplete="one-time-code"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={24}
                  required
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              </Field>
            ) : null}
            {needsCode ? <p className="field__hint">{tAuth('login.codeLead')}</p> : null}
            <button
              type="submit"
              className="btn btn--primary btn--block"
              disabled={accept.isPending || !passwordReady(password, confirm) || (needsCode && !code.trim())}
            >
              {t('link.submit')}
            </button>
          </>
        ) : null}
      </form>
    </PublicFrame>
  );
}
