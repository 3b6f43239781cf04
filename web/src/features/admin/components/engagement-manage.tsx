import { type Access, can, type EngagementDetail, formatFiscalYear } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContinueEngagement, useUpdateEngagement } from '../../../api/engagements/engagement-writes';
import { usePrograms } from '../../../api/programs/get-programs';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Link } from '../../../components/ui/link';
import { useLocale } from '../../../i18n';
import { navigate, paths } from '../../../lib/router';
import { serverFieldErrors } from '../../../lib/api-error';

function VisionForm({ engagement, onDone }: { engagement: EngagementDetail; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const update = useUpdateEngagement();
  const [theme, setTheme] = useState(engagement.theme);
  const [desiredState, setDesiredState] = useState(engagement.desiredState);
  const errors = serverFieldErrors(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!theme.trim()) return;
    update.mutate({ engagement, body: { theme: theme.trim(), desiredState: desiredState.trim() } }, { onSuccess: onDone });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('vision.title')}</h2>
      {update.error ? <ErrorMessage error={update.error} /> : null}
      <Field id={`${id}-theme`} label={t('engagement.theme')} error={errors.theme} required>
        <input id={`${id}-theme`} value={theme} maxLength={100} onChange={(e) => setTheme(e.target.value)} />
      </Field>
      <Field id={`${id}-vision`} label={t('engagement.desiredState')} hint={t('vision.hint')} error={errors.desiredState}>
        <textarea id={`${id}-vision`} value={desiredState} maxLength={1000} rows={3} onChange={(e) => setDesiredState(e.target.value)} />
      </Field>
      <button type="submit" className="btn btn--primary" disabled={update.isPending || !theme.trim()}>
        {t('vision.save')}
      </button>{' '}
      <button type="button" className="btn btn--ghost" onClick={onDone}>
        {t('program.cancelEdit')}
      </button>
    </form>
  );
}

function ContinueControl({ engagement }: { engagement: EngagementDetail }) {
  const { t } = useTranslation(['admin', 'common']);
  const { locale } = useLocale();
  const id = useId();
  const programs = usePrograms();
  const proceed = useContinueEngagement();
  const later = (programs.data ?? []).filter((p) => p.administered && p.fiscalYear > engagement.fiscalYear);
  const [programId, setProgramId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const target = later.find((p) => p.id === (programId || later[0]?.id));
  if (later.length === 0) return <p className="field__hint">{t('continue.noProgram')}</p>;
  return (
    <div className="engagement-manage__continue">
      {proceed.error ? <ErrorMessage error={proceed.error} /> : null}
      <Field id={`${id}-program`} label={t('continue.program')}>
        <select id={`${id}-program`} value={target?.id ?? ''} onChange={(e) => setProgramId(e.target.value)}>
          {later.map((p) => (
            <option key={p.id} value={p.id}>
              {formatFiscalYear(p.fiscalYear, locale)} {p.name}
            </option>
          ))}
        </select>
      </Field>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        disabled={!target || proceed.isPending}
        onClick={() => setConfirming(true)}
      >
        {t('continue.button')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('continue.confirmTitle', { municipality: engagement.municipality.name })}
        body={t('continue.confirmBody', { program: target ? `${formatFiscalYear(target.fiscalYear, locale)} ${target.name}` : '' })}
        confirmLabel={t('continue.button')}
        cancelLabel={t('common:common.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          if (target)
            proceed.mutate(
              { engagementId: engagement.id, body: { programId: target.id } },
              { onSuccess: (e) => navigate(paths.engagement(e.id)) },
            );
        }}
      />
    </div>
  );
}

/**
 * Under the engagement header: the team page, editing theme and 目指す姿 (office and advisors:
 * engagement.vision), continuing into next year (office). The UI only hides; the server decides.
 */
export function EngagementManage({ engagement, access }: { engagement: EngagementDetail; access: Access }) {
  const { t } = useTranslation('admin');
  const [editing, setEditing] = useState(false);
  const canVision = can(access, 'engagement.vision');
  const canContinue = can(access, 'engagement.continue');
  if (!can(access, 'team.read') && !canVision && !canContinue) return null;
  return (
    <div className="engagement-manage">
      <div className="toolbar">
        {can(access, 'team.read') ? <Link href={paths.team(engagement.id)}>{t('team.link')}</Link> : null}
        {canVision && !editing ? (
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setEditing(true)}>
            {t('vision.edit')}
          </button>
        ) : null}
      </div>
      {editing ? <VisionForm engagement={engagement} onDone={() => setEditing(false)} /> : null}
      {canContinue ? <ContinueControl engagement={engagement} /> : null}
    </div>
  );
}
