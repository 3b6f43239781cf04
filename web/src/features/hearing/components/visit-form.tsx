import { type VisitKind, visitKinds } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Notice } from '../../../components/ui/feedback';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors } from '../../../lib/api-error';
import { useCreateVisit } from '../../../api/hearing/create-visit';
import { useLabels } from '../../../i18n';

const split = (s: string) =>
  s
    .split(/[,、，\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Adds a visit (advisor). */
export function VisitForm({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation(['hearing', 'common']);
  const L = useLabels();
  const id = useId();
  const create = useCreateVisit(engagementId);
  const [seq, setSeq] = useState('');
  const [kind, setKind] = useState<VisitKind>('hearing');
  const [date, setDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [venue, setVenue] = useState('');
  const [attendees, setAttendees] = useState('');
  const [agenda, setAgenda] = useState('');
  const [done, setDone] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (!date) return;
    const n = Number(seq);
    create.mutate(
      {
        kind,
        date,
        ...(endDate ? { endDate } : {}),
        venue: venue.trim(),
        attendees: split(attendees),
        agenda: agenda.trim(),
        ...(seq && Number.isInteger(n) && n > 0 ? { seq: n } : {}),
      },
      {
        onSuccess: () => {
          setDone(true);
          setSeq('');
          setDate('');
          setEndDate('');
          setVenue('');
          setAttendees('');
          setAgenda('');
        },
      },
    );
  };

  return (
    <details className="card disclosure">
      <summary className="disclosure__summary">{t('hearing.visit.add')}</summary>
      <form className="form-grid" onSubmit={submit}>
        <Field id={`${id}-seq`} label={t('hearing.visit.seqLabel')}>
          <input id={`${id}-seq`} type="number" min={1} max={99} value={seq} onChange={(e) => setSeq(e.target.value)} />
        </Field>
        <Field id={`${id}-kind`} label={t('hearing.visit.kind')} required>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(visitKinds.find((k) => k === e.target.value) ?? 'hearing')}>
            {visitKinds.map((k) => (
              <option key={k} value={k}>
                {L.visitKind[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-date`} label={t('hearing.visit.date')} required>
          <input id={`${id}-date`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <Field
          id={`${id}-end`}
          label={t('hearing.visit.endDate')}
          hint={t('hearing.visit.endDateHint')}
          error={serverFieldErrors(create.error).endDate}
        >
          <input id={`${id}-end`} type="date" min={date || undefined} value={endDate} onChange={(e) => setEndDate(e.target.value)} />
        </Field>
        <Field id={`${id}-venue`} label={t('hearing.visit.venue')}>
          <input id={`${id}-venue`} value={venue} maxLength={300} onChange={(e) => setVenue(e.target.value)} />
        </Field>
        <Field id={`${id}-attendees`} label={t('hearing.visit.attendees')} hint={t('hearing.visit.attendeesHint')}>
          <input
            id={`${id}-attendees`}
            value={attendees}
            onChange={(e) => setAttendees(e.target.value)}
            aria-describedby={`${id}-attendees-hint`}
          />
        </Field>
        <Field id={`${id}-agenda`} label={t('hearing.visit.agenda')} className="form-grid__wide">
          <textarea id={`${id}-agenda`} rows={2} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
        </Field>
        <div className="form-grid__actions form-grid__wide">
          <button type="submit" className="btn btn--primary" disabled={create.isPending || !date}>
            {create.isPending ? t('common:common.saving') : t('hearing.visit.add')}
          </button>
        </div>
        {create.error ? (
          <div className="form-grid__wide">
            <ErrorMessage error={create.error} />
          </div>
        ) : null}
        {done && !create.error ? (
          <div className="form-grid__wide">
            <Notice tone="success">{t('hearing.visit.added')}</Notice>
          </div>
        ) : null}
      </form>
    </details>
  );
}
