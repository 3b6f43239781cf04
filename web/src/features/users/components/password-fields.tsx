import { PASSWORD_MIN_LENGTH } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { describedBy, Field } from '../../../components/ui/field';
import { isApiError } from '../../../lib/api-error';

/** The server's word on a refused password (zxcvbn feedback), for the field it names. */
export function serverFieldError(error: unknown, path: string): string | null {
  if (!isApiError(error) || error.status !== 400) return null;
  return error.errors.find((e) => e.path === path)?.message ?? null;
}

/** A new password with its confirmation: live length count, mismatch, and the server's strength feedback. */
export function PasswordFields({
  id,
  password,
  confirm,
  onPassword,
  onConfirm,
  serverError,
  label,
}: {
  id: string;
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  serverError: string | null;
  label?: string;
}) {
  const { t } = useTranslation('users');
  const short = PASSWORD_MIN_LENGTH - password.length;
  const lengthNote =
    password.length === 0 ? null : short > 0 ? t('password.tooShort', { count: short }) : t('password.count', { count: password.length });
  const error = serverError ? t('password.weak', { feedback: serverError }) : null;
  const mismatch = confirm.length > 0 && confirm !== password ? t('password.mismatch') : null;
  return (
    <>
      <Field
        id={`${id}-password`}
        label={label ?? t('password.label')}
        hint={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
        error={error}
        required
      >
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={password}
          onChange={(e) => onPassword(e.target.value)}
          aria-describedby={describedBy(`${id}-password`, { hint: true, error })}
        />
      </Field>
      {lengthNote ? (
        <p className="field__hint" aria-live="polite" data-testid="password-length">
          {lengthNote}
        </p>
      ) : null}
      <Field id={`${id}-confirm`} label={t('password.confirm')} error={mismatch} required>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => onConfirm(e.target.value)}
          aria-describedby={describedBy(`${id}-confirm`, { error: mismatch })}
        />
      </Field>
    </>
  );
}

export const passwordReady = (password: string, confirm: string) => password.length >= PASSWORD_MIN_LENGTH && password === confirm;
