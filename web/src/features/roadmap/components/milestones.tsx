import { useOpenCommentCounts } from '../../../api/comments/get-comment-counts';
import { CommentDisclosure } from '../../../components/comments/comment-threads';
import { SubjectComments } from './subject-comments';
import { type Access, can, type Milestone, milestoneStatuses, type UpdateMilestoneBody } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Badge, type BadgeTone, EmptyState, Notice } from '../../../components/ui/feedback';
import { Toast } from '../../../components/ui/toast';
import { formatDate, formatDateTime } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { useCreateMilestone } from '../../../api/roadmap/create-milestone';
import { useDeleteMilestone } from '../../../api/roadmap/delete-milestone';
import { useUpdateMilestone } from '../../../api/roadmap/update-milestone';
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

/** The advisor's inline edit of one milestone: due, title, stored status (If-Match; the input stays on failure). */
function EditMilestoneForm({
  engagementId,
  milestone,
  onDone,
  onCancel,
}: {
  engagementId: string;
  milestone: Milestone;
  onDone: (saved: Milestone) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const L = useLabels();
  const id = useId();
  const update = useUpdateMilestone(engagementId);
  const [due, setDue] = useState(milestone.due);
  const [title, setTitle] = useState(milestone.title);
  const [status, setStatus] = useState(milestone.storedStatus);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!due || !title.trim()) return;
    const body: UpdateMilestoneBody = {
      ...(due !== milestone.due ? { due } : {}),
      ...(title.trim() !== milestone.title ? { title: title.trim() } : {}),
      ...(status !== milestone.storedStatus ? { status } : {}),
    };
    if (Object.keys(body).length === 0) return onCancel();
    update.mutate({ actionId: milestone.actionId, milestoneId: milestone.id, version: milestone.version, body }, { onSuccess: onDone });
  };
  return (
    <form
      className="inline-fields milestone-edit"
      onSubmit={submit}
      aria-label={t('roadmap.milestones.editForm', { title: milestone.title })}
    >
      <Field id={`${id}-due`} label={t('roadmap.milestones.due')} required>
        <input id={`${id}-due`} type="date" value={due} required onChange={(e) => setDue(e.target.value)} />
      </Field>
      <Field id={`${id}-title`} label={t('roadmap.milestones.name')} required className="inline-fields__grow">
        <input id={`${id}-title`} value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field id={`${id}-status`} label={t('roadmap.milestones.status')}>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Milestone['storedStatus'])}>
          {milestoneStatuses.map((s) => (
            <option key={s} value={s}>
              {L.milestoneStatus[s]}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="btn btn--primary" disabled={update.isPending || !due || !title.trim()}>
        {update.isPending ? t('common:common.saving') : t('common:common.save')}
      </button>
      <button type="button" className="btn btn--secondary" onClick={onCancel}>
        {t('common:common.cancel')}
      </button>
      {update.error ? <ErrorMessage error={update.error} /> : null}
    </form>
  );
}

/** What marking a milestone done can take back: its stored status before, at the version the server answered. */
interface Completed {
  milestone: Milestone;
  previous: Milestone['storedStatus'];
}

/**
 * The action's milestones. Advisors add, edit and delete them (deletion confirmed) and mark them
 * done with an undo toast; a municipal member, who cannot undo, confirms before marking one done.
 */
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
  const { t } = useTranslation(['roadmap', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const update = useUpdateMilestone(engagementId);
  const remove = useDeleteMilestone(engagementId);
  const [toast, setToast] = useState<{ message: string; undo: Completed | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirmComplete, setConfirmComplete] = useState<Milestone | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<Milestone | null>(null);
  const canComplete = can(access, 'milestone.complete');
  const canWrite = can(access, 'roadmap.write');
  const commentCounts = useOpenCommentCounts(engagementId, 'milestone');
  const sorted = [...milestones].sort((a, b) => a.due.localeCompare(b.due));

  const complete = (m: Milestone) => {
    setNotice(null);
    setToast(null);
    update.mutate(
      { actionId, milestoneId: m.id, version: m.version, body: { status: 'done' } },
      {
        onSuccess: (after) =>
          setToast({
            message: t('roadmap.milestones.completed', { title: m.title }),
            // Only advisors may set a status other than done.
            undo: canWrite ? { milestone: after, previous: m.storedStatus } : null,
          }),
      },
    );
  };
  const undo = ({ milestone, previous }: Completed) => {
    update.mutate(
      { actionId, milestoneId: milestone.id, version: milestone.version, body: { status: previous } },
      { onSuccess: () => setToast({ message: t('roadmap.milestones.undone', { title: milestone.title }), undo: null }) },
    );
  };
  const error = update.error ?? remove.error;

  return (
    <div className="milestones">
      {sorted.length === 0 ? (
        <EmptyState>{t('roadmap.milestones.empty')}</EmptyState>
      ) : (
        <ul className="milestone-list">
          {sorted.map((m) =>
            editing === m.id ? (
              <li key={m.id} className="milestone-list__item milestone-list__item--editing">
                <EditMilestoneForm
                  engagementId={engagementId}
                  milestone={m}
                  onCancel={() => setEditing(null)}
                  onDone={(saved) => {
                    setEditing(null);
                    setNotice(t('roadmap.milestones.saved', { title: saved.title }));
                  }}
                />
              </li>
            ) : (
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
                    disabled={update.isPending}
                    onClick={() => (canWrite ? complete(m) : setConfirmComplete(m))}
                  >
                    {t('roadmap.milestones.complete')}
                  </button>
                ) : null}
                {canWrite ? (
                  <>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      aria-label={t('roadmap.milestones.editLabel', { title: m.title })}
                      onClick={() => {
                        setNotice(null);
                        setEditing(m.id);
                      }}
                    >
                      {t('roadmap.milestones.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn--danger-text btn--small"
                      aria-label={t('roadmap.milestones.deleteLabel', { title: m.title })}
                      disabled={remove.isPending}
                      onClick={() => setConfirmDelete(m)}
                    >
                      {t('roadmap.milestones.delete')}
                    </button>
                  </>
                ) : null}
                <CommentDisclosure count={commentCounts.get(m.id) ?? 0} label={m.title}>
                  {() => <SubjectComments engagementId={engagementId} subject={{ type: 'milestone', id: m.id }} access={access} />}
                </CommentDisclosure>
              </li>
            ),
          )}
        </ul>
      )}
      {error ? <ErrorMessage error={error} /> : null}
      {notice && !error ? <Notice tone="success">{notice}</Notice> : null}
      {canWrite ? <AddMilestoneForm engagementId={engagementId} actionId={actionId} /> : null}
      <Toast
        message={toast?.message ?? null}
        action={
          toast?.undo
            ? {
                label: t('roadmap.milestones.undo'),
                onClick: () => toast.undo && undo(toast.undo),
                disabled: update.isPending,
              }
            : undefined
        }
        onDismiss={() => setToast(null)}
      />
      <ConfirmDialog
        open={confirmComplete !== null}
        title={t('roadmap.milestones.completeTitle')}
        body={confirmComplete ? t('roadmap.milestones.completeBody', { title: confirmComplete.title }) : ''}
        confirmLabel={t('roadmap.milestones.complete')}
        cancelLabel={t('common:common.cancel')}
        onConfirm={() => {
          if (confirmComplete) complete(confirmComplete);
          setConfirmComplete(null);
        }}
        onCancel={() => setConfirmComplete(null)}
      />
      <ConfirmDialog
        open={confirmDelete !== null}
        title={t('roadmap.milestones.deleteTitle')}
        body={
          confirmDelete
            ? t('roadmap.milestones.deleteBody', { title: confirmDelete.title, due: formatDate(confirmDelete.due, locale) })
            : ''
        }
        confirmLabel={t('roadmap.milestones.delete')}
        cancelLabel={t('common:common.cancel')}
        onConfirm={() => {
          const m = confirmDelete;
          setConfirmDelete(null);
          if (!m) return;
          setNotice(null);
          remove.mutate(
            { actionId, milestoneId: m.id, version: m.version },
            { onSuccess: () => setNotice(t('roadmap.milestones.deleted', { title: m.title })) },
          );
        }}
        onCancel={() => setConfirmDelete(null)}
      />
    </div>
  );
}
