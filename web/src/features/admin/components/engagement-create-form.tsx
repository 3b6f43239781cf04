import type { Program } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateEngagement } from '../../../api/engagements/engagement-writes';
import { useMunicipalities } from '../../../api/municipalities/list-municipalities';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { navigate, paths } from '../../../lib/router';
import { serverFieldErrors } from '../../../lib/api-error';

/** The office opens an engagement in a program: a municipality from the master and a theme. */
export function EngagementCreateForm({ program, taken }: { program: Program; taken: ReadonlySet<string> }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const municipalities = useMunicipalities();
  const create = useCreateEngagement();
  const [municipalityId, setMunicipalityId] = useState('');
  const [theme, setTheme] = useState('');
  const [desiredState, setDesiredState] = useState('');
  const errors = serverFieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!municipalityId || !theme.trim()) return;
    create.mutate(
      { programId: program.id, municipalityId, theme: theme.trim(), desiredState: desiredState.trim() },
      { onSuccess: (e) => navigate(paths.team(e.id)) },
    );
  };
  const options = (municipalities.data?.items ?? []).filter((m) => !taken.has(m.id));
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('engagement.newTitle')}</h3>
      {create.error ? <ErrorMessage error={create.error} /> : null}
      {municipalities.isSuccess && municipalities.data.items.length === 0 ? (
        <p className="field__hint">{t('engagement.noMunicipalities')}</p>
      ) : null}
      <Field id={`${id}-muni`} label={t('engagement.municipality')} error={errors.municipalityId} required>
        <select id={`${id}-muni`} value={municipalityId} onChange={(e) => setMunicipalityId(e.target.value)}>
          <option value="">{t('engagement.chooseMunicipality')}</option>
          {options.map((m) => (
            <option key={m.id} value={m.id}>
              {t('option.withDetail', { name: m.name, detail: m.code })}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-theme`} label={t('engagement.theme')} error={errors.theme} required>
        <input id={`${id}-theme`} value={theme} maxLength={100} onChange={(e) => setTheme(e.target.value)} />
      </Field>
      <Field id={`${id}-vision`} label={t('engagement.desiredState')} hint={t('engagement.desiredStateHint')} error={errors.desiredState}>
        <textarea id={`${id}-vision`} value={desiredState} maxLength={1000} rows={2} onChange={(e) => setDesiredState(e.target.value)} />
      </Field>
      <button type="submit" className="btn btn--primary" disabled={create.isPending || !municipalityId || !theme.trim()}>
        {t('engagement.create')}
      </button>
    </form>
  );
}
