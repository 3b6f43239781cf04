import { useOpenCommentCounts } from '../../../api/comments/get-comment-counts';
import { CommentDisclosure } from '../../../components/comments/comment-threads';
import { SubjectComments } from './subject-comments';
import {
  type Access,
  can,
  type Finding,
  formatDate,
  type Visit,
  type VisitKind,
  visitKinds,
  type VisitStatus,
  type VisitView,
  writableFindingVisibilities,
} from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useDeleteVisit } from '../../../api/hearing/delete-visit';
import { useUpdateVisit } from '../../../api/hearing/update-visit';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, type BadgeTone } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { FindingItem } from './finding-item';
import { VisitMaterials } from './materials';
import { ObserverSummary, VisitAttendance } from './visit-attendance';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

const statusTones: Record<VisitStatus, BadgeTone> = { planned: 'info', held: 'accent', minutes_approved: 'success' };

const split = (s: string) =>
  s
    .split(/[,、，\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

function MinutesEditor({
  engagementId,
  visitId,
  version,
  minutes,
  onDone,
}: {
  engagementId: string;
  visitId: string;
  version: number;
  minutes: string;
  onDone: () => void;
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const id = useId();
  const update = useUpdateVisit(engagementId);
  const [text, setText] = useState(minutes);
  return (
    <form
      className="minutes-editor"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ visitId, version, body: { minutes: text } }, { onSuccess: onDone });
      }}
    >
      <label className="field__label" htmlFor={`${id}-minutes`}>
        {t('hearing.visit.minutes')}
      </label>
      <textarea id={`${id}-minutes`} rows={8} value={text} onChange={(e) => setText(e.target.value)} />
      <div className="form-grid__actions">
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? t('common:common.saving') : t('hearing.visit.saveMinutes')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t('common:common.cancel')}
        </button>
      </div>
      {update.error ? <ErrorMessage error={update.error} /> : null}
    </form>
  );
}

/** The edit form of a visit, prefilled: number, kind, date, attendees and agenda. */
function VisitEditForm({ engagementId, visit, onDone }: { engagementId: string; visit: Visit; onDone: () => void }) {
  const { t } = useTranslation(['hearing', 'common']);
  const L = useLabels();
  const id = useId();
  const update = useUpdateVisit(engagementId);
  const [seq, setSeq] = useState(String(visit.seq));
  const [kind, setKind] = useState<VisitKind>(visit.kind);
  const [date, setDate] = useState(visit.date);
  const [attendees, setAttendees] = useState(visit.attendees.join(t('common:common.listSeparator')));
  const [agenda, setAgenda] = useState(visit.agenda);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!date) return;
    const n = Number(seq);
    update.mutate(
      {
        visitId: visit.id,
        version: visit.version,
        body: { kind, date, attendees: split(attendees), agenda: agenda.trim(), ...(Number.isInteger(n) && n > 0 ? { seq: n } : {}) },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="form-grid visit-edit" onSubmit={submit} aria-label={t('hearing.visit.editTitle', { seq: visit.seq })}>
      <Field id={`${id}-seq`} label={t('hearing.visit.seqLabel')}>
        <input id={`${id}-seq`} type="number" min={1} max={99} value={seq} onChange={(e) => setSeq(e.target.value)} />
      </Field>
      <Field id={`${id}-kind`} label={t('hearing.visit.kind')} required>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(visitKinds.find((k) => k === e.target.value) ?? kind)}>
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
        id={`${id}-attendees`}
        label={t('hearing.visit.attendees')}
        hint={t('hearing.visit.attendeesHint')}
        className="form-grid__wide"
      >
        <input id={`${id}-attendees`} value={attendees} onChange={(e) => setAttendees(e.target.value)} />
      </Field>
      <Field id={`${id}-agenda`} label={t('hearing.visit.agenda')} className="form-grid__wide">
        <textarea id={`${id}-agenda`} rows={2} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
      </Field>
      <div className="form-grid__actions form-grid__wide">
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? t('common:common.saving') : t('common:common.save')}
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

type Pending = { kind: 'approve' } | { kind: 'delete' } | null;

/** One visit: date, kind, status; for the team and municipality also attendees, agenda, minutes; its findings. */
export function VisitCard({
  engagementId,
  visit,
  findings,
  nodeTitles,
  access,
  visits,
}: {
  engagementId: string;
  visit: VisitView;
  findings: readonly Finding[];
  nodeTitles: ReadonlyMap<string, string>;
  access: Access;
  visits: readonly VisitView[];
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const canWrite = can(access, 'visit.write');
  const update = useUpdateVisit(engagementId);
  const remove = useDeleteVisit(engagementId);
  const [editing, setEditing] = useState(false);
  const [editingVisit, setEditingVisit] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const next: VisitStatus | null = visit.status === 'planned' ? 'held' : visit.status === 'held' ? 'minutes_approved' : null;
  // 議事録承認: the municipality approves the minutes too (policy minutes.approve); the rest of the visit is the team's.
  const offered = canWrite ? next : can(access, 'minutes.approve') && next === 'minutes_approved' ? next : null;
  // Why a visit cannot be deleted: findings recorded under it, or approved minutes (the server says the same with 409).
  const deleteBlock =
    findings.length > 0
      ? t('hearing.visit.deleteBlockedFindings', { count: findings.length })
      : visit.status === 'minutes_approved'
        ? t('hearing.visit.deleteBlockedApproved')
        : null;
  const title = t('hearing.visit.seq', { seq: visit.seq });
  const commentCount = useOpenCommentCounts(engagementId, 'visit').get(visit.id) ?? 0;

  return (
    <article className="visit card" data-testid="visit">
      <header className="visit__head">
        <h4 className="visit__title">
          {title}
          <span className="visit__date">
            {formatDate(visit.date, locale)}
            {visit.endDate !== visit.date ? ` – ${formatDate(visit.endDate, locale)}` : ''}
          </span>
          {visit.venue ? <span className="visit__venue">{t('hearing.visit.atVenue', { venue: visit.venue })}</span> : null}
        </h4>
        <Badge tone="neutral">{L.visitKind[visit.kind]}</Badge>
        <Badge tone={statusTones[visit.status]}>{L.visitStatus[visit.status]}</Badge>
        {visit.view === 'full' && offered ? (
          <button
            type="button"
            className="btn btn--secondary btn--small visit__action"
            disabled={update.isPending}
            onClick={() =>
              next === 'minutes_approved'
                ? setPending({ kind: 'approve' })
                : update.mutate({ visitId: visit.id, version: visit.version, body: { status: offered } })
            }
          >
            {next === 'held' ? t('hearing.visit.markHeld') : t('hearing.visit.approveMinutes')}
          </button>
        ) : null}
        {canWrite && visit.view === 'full' && !editingVisit ? (
          <span className="visit__edit-actions">
            <button type="button" className="btn btn--secondary btn--small" onClick={() => setEditingVisit(true)}>
              {t('common:common.edit')}
              <span className="visually-hidden">{title}</span>
            </button>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={deleteBlock !== null || remove.isPending}
              title={deleteBlock ?? undefined}
              onClick={() => setPending({ kind: 'delete' })}
            >
              {t('common:common.delete')}
              <span className="visually-hidden">{title}</span>
            </button>
          </span>
        ) : null}
      </header>
      {canWrite && deleteBlock !== null && visit.view === 'full' ? <p className="muted visit__hint">{deleteBlock}</p> : null}
      {update.error ? <ErrorMessage error={update.error} /> : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {visit.view === 'full' && editingVisit ? (
        <VisitEditForm engagementId={engagementId} visit={visit} onDone={() => setEditingVisit(false)} />
      ) : null}
      {visit.view === 'full' ? (
        <div className="visit__body">
          <dl className="facts facts--inline">
            <div>
              <dt>{t('hearing.visit.attendees')}</dt>
              <dd>
                {visit.attendees.length > 0 ? (
                  visit.attendees.join(t('common:common.listSeparator'))
                ) : (
                  <span className="muted">{t('common:common.notSet')}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('hearing.visit.agenda')}</dt>
              <dd>{visit.agenda || <span className="muted">{t('common:common.notSet')}</span>}</dd>
            </div>
          </dl>
          {editing ? (
            <MinutesEditor
              engagementId={engagementId}
              visitId={visit.id}
              version={visit.version}
              minutes={visit.minutes}
              onDone={() => setEditing(false)}
            />
          ) : (
            <details className="minutes">
              <summary>{t('hearing.visit.minutes')}</summary>
              {visit.minutes ? <p className="minutes__text">{visit.minutes}</p> : <p className="muted">{t('hearing.visit.noMinutes')}</p>}
              {canWrite ? (
                <button type="button" className="btn btn--secondary btn--small" onClick={() => setEditing(true)}>
                  {t('hearing.visit.editMinutes')}
                </button>
              ) : null}
            </details>
          )}
        </div>
      ) : null}
      {visit.view === 'schedule' && visit.agenda ? (
        <dl className="facts facts--inline">
          <div>
            <dt>{t('hearing.visit.agenda')}</dt>
            <dd>{visit.agenda}</dd>
          </div>
        </dl>
      ) : null}
      <VisitMaterials engagementId={engagementId} visitId={visit.id} access={access} />
      <ObserverSummary engagementId={engagementId} visit={visit} access={access} />
      <VisitAttendance engagementId={engagementId} visit={visit} access={access} />
      {findings.length > 0 ? (
        <ul className="findings" aria-label={t('findings.title')}>
          {findings.map((f) => (
            <FindingItem
              key={f.id}
              engagementId={engagementId}
              finding={f}
              nodeTitles={nodeTitles}
              canWrite={can(access, 'finding.write')}
              visibilities={writableFindingVisibilities(access.role)}
              visits={visits}
              access={access}
            />
          ))}
        </ul>
      ) : null}
      {canWrite && visit.view === 'full' ? (
        <ConfirmDialog
          open={pending !== null}
          title={
            pending?.kind === 'approve'
              ? t('hearing.visit.approveTitle', { seq: visit.seq })
              : t('hearing.visit.deleteTitle', { seq: visit.seq })
          }
          body={
            pending?.kind === 'approve'
              ? t('hearing.visit.approveBody')
              : t('hearing.visit.deleteBody', { date: formatDate(visit.date, locale) })
          }
          confirmLabel={pending?.kind === 'approve' ? t('hearing.visit.approveMinutes') : t('common:common.delete')}
          cancelLabel={t('common:common.cancel')}
          onConfirm={() => {
            const action = pending?.kind;
            setPending(null);
            if (action === 'approve') update.mutate({ visitId: visit.id, version: visit.version, body: { status: 'minutes_approved' } });
            else if (action === 'delete') remove.mutate({ visitId: visit.id, version: visit.version });
          }}
          onCancel={() => setPending(null)}
        />
      ) : null}
      <CommentDisclosure count={commentCount} label={t('hearing.visit.seq', { seq: visit.seq })}>
        {() => <SubjectComments engagementId={engagementId} subject={{ type: 'visit', id: visit.id }} access={access} />}
      </CommentDisclosure>
    </article>
  );
}
