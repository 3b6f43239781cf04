import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../../api/users/change-password';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Notice } from '../../../components/ui/feedback';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { PasswordFields, passwordReady, serverFieldError } from './password-fields';

/** 「パスワード変更」 for everyone: current + new; other sessions end. */
export function PasswordPage() {
  const { t } = useTranslation(['users', 'common']);
  useDocumentTitle(t('change.title'), t('common:app.name'));
  const id = useId();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword: current, newPassword: password },
      {
        onSuccess: () => {
          setCurrent('');
          setPassword('');
          setConfirm('');
        },
      },
    );
  };
  const wrongCurrent = serverFieldError(change.error, 'body.currentPassword') ? t('change.wrongCurrent') : null;
  const pwError = serverFieldError(change.error, 'body.newPassword');
  return (
    <div className="page">
      <form className="card login__form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('change.title')}</h1>
        {change.isSuccess ? <Notice tone="success">{t('change.done')}</Notice> : null}
        {change.error && !wrongCurrent && !pwError ? <ErrorMessage error={change.error} /> : null}
        <Field id={`${id}-current`} label={t('change.current')} error={wrongCurrent} required>
          <input
            id={`${id}-current`}
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
        <PasswordFields
          id={id}
          label={t('change.new')}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          serverError={pwError}
        />
        <button type="submit" className="btn btn--primary" disabled={change.isPending || !current || !passwordReady(password, confirm)}>
          {t('change.submit')}
        </button>
      </form>
    </div>
  );
}
