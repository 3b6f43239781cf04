import type { Application, CreateApplicationBody } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { useTranslation } from 'react-i18next';

/** The application's fields (theme, motivation, contact): for a new application and for edits. */
export function ApplicationForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: Application | null;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: CreateApplicationBody) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('applications');
  const id = useId();
  const [theme, setTheme] = useState(initial?.theme ?? '');
  const [motivation, setMotivation] = useState(initial?.motivation ?? '');
  const [contactName, setContactName] = useState(initial?.contactName ?? '');
  const [contactEmail, setContactEmail] = useState(initial?.contactEmail ?? '');
  const [contactPhone, setContactPhone] = useState(initial?.contactPhone ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      theme: theme.trim(),
      motivation: motivation.trim(),
      contactName: contactName.trim(),
      contactEmail: contactEmail.trim(),
      ...(contactPhone.trim() ? { contactPhone: contactPhone.trim() } : {}),
    });
  };
  return (
    <form className="form-grid" onSubmit={submit}>
      <Field id={`${id}-theme`} label={t('apps.theme')} hint={t('apps.themeHint')} required>
        <input id={`${id}-theme`} value={theme} onChange={(e) => setTheme(e.target.value)} required maxLength={100} />
      </Field>
      <Field id={`${id}-motivation`} label={t('apps.motivation')} required className="form-grid__wide">
        <textarea
          id={`${id}-motivation`}
          rows={4}
          value={motivation}
          onChange={(e) => setMotivation(e.target.value)}
          required
          maxLength={5000}
        />
      </Field>
      <Field id={`${id}-name`} label={t('apps.contactName')} required>
        <input id={`${id}-name`} value={contactName} onChange={(e) => setContactName(e.target.value)} required maxLength={100} />
      </Field>
      <Field id={`${id}-email`} label={t('apps.contactEmail')} required>
        <input id={`${id}-email`} type="email" value={contactEmail} onChange={(e) => setContactEmail(e.target.value)} required />
      </Field>
      <Field id={`${id}-phone`} label={t('apps.contactPhone')}>
        <input id={`${id}-phone`} type="tel" value={contactPhone} onChange={(e) => setContactPhone(e.target.value)} maxLength={40} />
      </Field>
      <div className="form-grid__actions form-grid__wide">
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? t('apps.submitting') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn--secondary" onClick={onCancel}>
            {t('apps.cancel')}
          </button>
        ) : null}
      </div>
      {error ? (
        <div className="form-grid__wide">
          <ErrorMessage error={error} />
        </div>
      ) : null}
    </form>
  );
}
