import { type Action, type ActionPriority, actionPriorities } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { useUpdateAction } from '../../../api/actions/update-action';
import { splitList } from '../lib/candidates';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../i18n';

/** Edits owner, partners, priority and rationale of an action (advisor). Keeps the input on 412. */
export function EditActionForm({ engagementId, action, onDone }: { engagementId: string; action: Action; onDone: () => void }) {
  const { t } = useTranslation(['actions', 'common']);
  const L = useLabels();
  const id = useId();
  const update = useUpdateAction(engagementId);
  const [owner, setOwner] = useState(action.ownerDepartment);
  const [partners, setPartners] = useState(action.partners.join(t('common:common.listSeparator')));
  const [priority, setPriority] = useState<ActionPriority>(action.priority);
  const [rationale, setRationale] = useState(action.rationale);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rationale.trim()) {
      setError(t('actions.select.rationaleRequired'));
      return;
    }
    setError(null);
    update.mutate(
      {
        actionId: action.id,
        // The version as it is now: after a 412 the newer one has been loaded.
        version: action.version,
        body: { ownerDepartment: owner.trim(), partners: splitList(partners), priority, rationale: rationale.trim() },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="form-grid inline-form" onSubmit={submit} noValidate aria-label={t('actions.edit.title')}>
      <Field id={`${id}-owner`} label={t('actions.select.owner')}>
        <input id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)} />
      </Field>
      <Field id={`${id}-partners`} label={t('actions.select.partners')}>
        <input id={`${id}-partners`} value={partners} onChange={(e) => setPartners(e.target.value)} />
      </Field>
      <Field id={`${id}-priority`} label={t('actions.select.priority')}>
        <select
          id={`${id}-priority`}
          value={priority}
          onChange={(e) => setPriority(actionPriorities.find((p) => p === e.target.value) ?? 'medium')}
        >
          {actionPriorities.map((p) => (
            <option key={p} value={p}>
              {L.priority[p]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-rationale`} label={t('actions.select.rationale')} required error={error} className="form-grid__wide">
        <textarea id={`${id}-rationale`} rows={3} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </Field>
      <div className="form-grid__actions form-grid__wide">
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? t('common:common.saving') : t('actions.edit.submit')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t('common:common.cancel')}
        </button>
      </div>
      {update.error ? (
        <div className="form-grid__wide">
          <ErrorMessage error={update.error} />
        </div>
      ) : null}
    </form>
  );
}
