import { type Access, can, type Milestone } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Badge, type BadgeTone, EmptyState, Notice } from '../../../components/ui/feedback';
import { formatDate, formatDateTime } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { useCompleteMilestone } from '../../../api/roadmap/complete-milestone';
import { useCreateMilestone } from '../../../api/roadmap/create-milestone';
import { useLabels, useLocale } from '../../../i18n';

const tones: Record<Milestone['status'], BadgeTone> = { planned: 'info', done: 'success', delayed: 'danger', cancelled: 'muted' };

function AddMilestoneForm({ engagementId, actionId }: { engagementId: string; actionId: string }) {
  const { t } = useTranslation('roadmap');
  const id = useId();
  const create = useCreateMilestone(engagementId);
  const [due, setDue] = useState('');
  const [title, setTitle] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!due || !title.trim()) return;
    create.mutate(
      { actionId, body: { due, title: title.trim() } },
      {
        onSuccess: () => {
          setDue('');
          setTitle('');
        },
      },
    );
  };
  return (
    <form className="inline-fields" onSubmit={submit} aria-label={t('roadmap.milestones.add')}>
      <Field id={`${id}-due`} label={t('roadmap.milestones.due')} required>
        <input id={`${id}-due`} type="date" value={due} required onChange={(e) => setDue(e.target.value)} />
      </Field>
      <Field id={`${id}-title`} label={t('roadmap.milestones.name')} required className="inline-fields__grow">
        <input id={`${id}-title`} value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <button type="submit" className="btn btn--secondary" disabled={create.isPending || !due || !title.trim()}>
        {t('roadmap.milestones.add')}
      </button>
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </form>
  );
}

/** The action's milestones; municipal members and advisors mark them done, advisors add them. */
export function Milestones({
  engagementId,
  actionId,
  milestones,
  access,
}: {
  engagementId: string;
  actionId: string;
  milestones: readonly Milestone[];
  access: Access;
}) {
  const { t } = useTranslation('roadmap');
  const L = useLabels();
  const { locale } = useLocale();
  const complete = useCompleteMilestone(engagementId);
  const [done, setDone] = useState<string | null>(null);
  const canComplete = can(access, 'milestone.complete');
  const canWrite = can(access, 'roadmap.write');
  const sorted = [...milestones].sort((a, b) => a.due.localeCompare(b.due));
  return (
    <div className="milestones">
      {sorted.length === 0 ? (
        <EmptyState>{t('roadmap.milestones.empty')}</EmptyState>
      ) : (
        <ul className="milestone-list">
          {sorted.map((m) => (
            <li key={m.id} className={`milestone-list__item milestone-list__item--${m.status}`}>
              <span className={`milestone milestone--${m.status} milestone--static`} aria-hidden="true" />
              <span className="milestone-list__due">{formatDate(m.due, locale)}</span>
              <span className="milestone-list__title">{m.title}</span>
              <Badge tone={tones[m.status]}>{L.milestoneStatus[m.status]}</Badge>
              {m.status === 'done' && m.completedBy ? (
                <span className="milestone-list__by">
                  {t('roadmap.milestones.completedBy', { date: formatDateTime(m.completedAt, locale), name: m.completedBy.name })}
                </span>
              ) : null}
              {canComplete && (m.status === 'planned' || m.status === 'delayed') ? (
                <button
                  type="button"
                  className="btn btn--secondary btn--small"
                  aria-label={t('roadmap.milestones.completeLabel', { title: m.title })}
                  disabled={complete.isPending}
                  onClick={() => {
                    setDone(null);
                    complete.mutate(
                      { actionId, milestoneId: m.id, version: m.version },
                      { onSuccess: () => setDone(t('roadmap.milestones.completed', { title: m.title })) },
                    );
                  }}
                >
                  {t('roadmap.milestones.complete')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {complete.error ? <ErrorMessage error={complete.error} /> : null}
      {done && !complete.error ? <Notice tone="success">{done}</Notice> : null}
      {canWrite ? <AddMilestoneForm engagementId={engagementId} actionId={actionId} /> : null}
    </div>
  );
}
