import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompleteSetup } from '../../../api/users/complete-setup';
import { useSetupStatus } from '../../../api/users/get-setup-status';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Loading, Notice } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { isApiError } from '../../../lib/api-error';
import { navigate } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { PasswordFields, passwordReady, serverFieldError } from './password-fields';
import { PublicFrame } from './public-frame';

/** First run: the token from the server log creates the first program-office account, then signs in. */
export function SetupPage() {
  const { t } = useTranslation(['users', 'common']);
  useDocumentTitle(t('setup.title'), t('common:app.name'));
  const id = useId();
  const status = useSetupStatus();
  const setup = useCompleteSetup();
  const [form, setForm] = useState({ token: '', email: '', name: '', organization: '', title: '' });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  if (status.isPending) return <Loading />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate(
      { ...form, token: form.token.trim(), email: form.email.trim(), ...(form.title ? {} : { title: undefined }), password },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };
  const wrongToken = isApiError(setup.error) && setup.error.status === 403;
  const pwError = serverFieldError(setup.error, 'body.password');
  return (
    <PublicFrame>
      <form className="card login__form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`} className="login__title">
          {t('setup.title')}
        </h1>
        {status.data?.needed === false ? (
          <Notice tone="info">
            {t('setup.done')} <Link href="/login">{t('setup.toLogin')}</Link>
          </Notice>
        ) : (
          <>
            <p className="login__lead">{t('setup.lead')}</p>
            {wrongToken ? (
              <Notice tone="error">{t('setup.wrongToken')}</Notice>
            ) : setup.error && !pwError ? (
              <ErrorMessage error={setup.error} />
            ) : null}
            <Field id={`${id}-token`} label={t('setup.token')} required>
              <input id={`${id}-token`} name="token" autoComplete="off" required value={form.token} onChange={set('token')} />
            </Field>
            <Field id={`${id}-email`} label={t('setup.email')} required>
              <input
                id={`${id}-email`}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={form.email}
                onChange={set('email')}
              />
            </Field>
            <Field id={`${id}-name`} label={t('setup.name')} required>
              <input id={`${id}-name`} name="name" required value={form.name} onChange={set('name')} />
            </Field>
            <Field id={`${id}-org`} label={t('setup.organization')} required>
              <input id={`${id}-org`} name="organization" required value={form.organization} onChange={set('organization')} />
            </Field>
            <Field id={`${id}-jobtitle`} label={t('setup.title.field')}>
              <input id={`${id}-jobtitle`} name="title" value={form.title} onChange={set('title')} />
            </Field>
            <PasswordFields
              id={id}
              password={password}
              confirm={confirm}
              onPassword={setPassword}
              onConfirm={setConfirm}
              serverError={pwError}
            />
            <button
              type="submit"
              className="btn btn--primary btn--block"
              disabled={
                setup.isPending || !form.token || !form.email || !form.name || !form.organization || !passwordReady(password, confirm)
              }
            >
              {t('setup.submit')}
            </button>
          </>
        )}
      </form>
    </PublicFrame>
  );
}
