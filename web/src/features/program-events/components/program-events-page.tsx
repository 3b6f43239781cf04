/**
 * /events: the program's events (報告会, 合同ヒアリング, 先進地視察, 研修・情報交換会), and one event with
 * its agenda, materials, the reader's 参加登録, the 報告会 pack, and — for the program office — the
 * attendance record and the minutes. The server decides every permission; `manageable` only shows
 * the office's controls.
 */
import {
  type AttendanceStatus,
  attendanceStatuses,
  type CreateProgramEventBody,
  formatDate,
  formatFiscalYear,
  type Program,
  type ProgramEvent,
  type ProgramEventKind,
  programEventKinds,
  todayInJapan,
} from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngagements } from '../../../api/engagements/get-engagements';
import {
  eventMaterialUrl,
  eventPackUrl,
  useCreateProgramEvent,
  useDeleteEventMaterial,
  useDeleteProgramEvent,
  useEventAttendance,
  useProgramEvent,
  useProgramEvents,
  useRecordEventAttendance,
  useRegisterForEvent,
  useUpdateProgramEvent,
  useUploadEventMaterial,
} from '../../../api/program-events/program-events-api';
import { usePrograms } from '../../../api/programs/get-programs';
import { AttachmentsPanel } from '../../../components/attachments/attachments-panel';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, EmptyState, Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { useLabels, useLocale } from '../../../i18n';
import { serverFieldErrors } from '../../../lib/api-error';
import { navigate, paths } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import '../program-events.css';

function useDates() {
  const { locale } = useLocale();
  return (e: Pick<ProgramEvent, 'startDate' | 'endDate'>) =>
    e.startDate === e.endDate ? formatDate(e.startDate, locale) : `${formatDate(e.startDate, locale)} – ${formatDate(e.endDate, locale)}`;
}

interface AgendaDraft {
  time: string;
  title: string;
  presenter: string;
}

function NewEventForm({ program, onDone }: { program: Program; onDone: () => void }) {
  const { t } = useTranslation('events');
  const L = useLabels();
  const id = useId();
  const create = useCreateProgramEvent(program.id);
  const engagements = useEngagements();
  const candidates = (engagements.data ?? []).filter((e) => e.programId === program.id);
  const [kind, setKind] = useState<ProgramEventKind>('report_meeting');
  const [title, setTitle] = useState('');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [venue, setVenue] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [agenda, setAgenda] = useState<AgendaDraft[]>([]);
  const errors = serverFieldErrors(create.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: CreateProgramEventBody = {
      kind,
      title,
      startDate,
      ...(endDate ? { endDate } : {}),
      venue,
      onlineUrl: onlineUrl.trim() ? onlineUrl.trim() : null,
      engagementIds: chosen,
      agenda: agenda.filter((a) => a.title.trim()).map((a) => ({ ...a, engagementId: null })),
    };
    create.mutate(body, {
      onSuccess: (created) => {
        onDone();
        navigate(paths.programEvent(program.id, created.id));
      },
    });
  };

  return (
    <form className="card program-event-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {t('new.title')}
      </h2>
      <Field id={`${id}-kind`} label={t('kind')}>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ProgramEventKind)}>
          {programEventKinds.map((k) => (
            <option key={k} value={k}>
              {L.programEventKind[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-name`} label={t('name')} required error={errors.title}>
        <input id={`${id}-name`} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      </Field>
      <div className="program-event-form__row">
        <Field id={`${id}-start`} label={t('startDate')} required error={errors.startDate}>
          <input id={`${id}-start`} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} required />
        </Field>
        <Field id={`${id}-end`} label={t('endDate')} hint={t('endDateHint')} error={errors.endDate}>
          <input id={`${id}-end`} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
        </Field>
      </div>
      <Field id={`${id}-venue`} label={t('venue')} error={errors.venue}>
        <input id={`${id}-venue`} value={venue} onChange={(e) => setVenue(e.target.value)} maxLength={300} />
      </Field>
      <Field id={`${id}-online`} label={t('onlineUrl')} error={errors.onlineUrl}>
        <input id={`${id}-online`} type="url" value={onlineUrl} onChange={(e) => setOnlineUrl(e.target.value)} />
      </Field>
      <fieldset className="program-event-form__participants">
        <legend>{t('participants')}</legend>
        {candidates.map((e) => (
          <label key={e.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(e.id)}
              onChange={(ev) => setChosen((c) => (ev.target.checked ? [...c, e.id] : c.filter((x) => x !== e.id)))}
            />
            {e.municipality.name} — {e.theme}
          </label>
        ))}
      </fieldset>
      <fieldset className="program-event-form__agenda">
        <legend>{t('agenda')}</legend>
        {agenda.map((a, i) => (
          <div key={i} className="program-event-form__row">
            <Field id={`${id}-agenda-${i}-time`} label={t('agenda.time')}>
              <input
                id={`${id}-agenda-${i}-time`}
                type="time"
                value={a.time}
                onChange={(e) => setAgenda((all) => all.map((x, j) => (j === i ? { ...x, time: e.target.value } : x)))}
              />
            </Field>
            <Field id={`${id}-agenda-${i}-title`} label={t('agenda.title')} error={errors[`agenda.${i}.title`]}>
              <input
                id={`${id}-agenda-${i}-title`}
                value={a.title}
                onChange={(e) => setAgenda((all) => all.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))}
              />
            </Field>
            <Field id={`${id}-agenda-${i}-presenter`} label={t('agenda.presenter')}>
              <input
                id={`${id}-agenda-${i}-presenter`}
                value={a.presenter}
                onChange={(e) => setAgenda((all) => all.map((x, j) => (j === i ? { ...x, presenter: e.target.value } : x)))}
              />
            </Field>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setAgenda((all) => all.filter((_, j) => j !== i))}>
              {t('agenda.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() => setAgenda((all) => [...all, { time: '', title: '', presenter: '' }])}
        >
          {t('agenda.add')}
        </button>
      </fieldset>
      {create.error && Object.keys(errors).length === 0 ? <ErrorMessage error={create.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {t('create')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function EventList({ program }: { program: Program }) {
  const { t } = useTranslation('events');
  const L = useLabels();
  const dates = useDates();
  const events = useProgramEvents(program.id);
  const [adding, setAdding] = useState(false);
  return (
    <>
      {program.administered && !adding ? (
        <p>
          <button type="button" className="btn btn--primary" onClick={() => setAdding(true)}>
            {t('new.open')}
          </button>
        </p>
      ) : null}
      {adding ? <NewEventForm program={program} onDone={() => setAdding(false)} /> : null}
      <QueryView query={events}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState>{t('empty')}</EmptyState>
          ) : (
            <ul className="program-events" aria-label={t('list')}>
              {items.map((e) => (
                <li key={e.id} className="card program-events__item">
                  <Badge tone="accent">{L.programEventKind[e.kind]}</Badge>{' '}
                  <Link href={paths.programEvent(program.id, e.id)} className="program-events__title">
                    {e.title}
                  </Link>
                  <p className="muted">
                    {dates(e)}
                    {e.venue ? ` / ${e.venue}` : ''} / {t('registered', { count: e.registeredCount })}
                    {e.myRegistration ? ` / ${t('youRegistered')}` : ''}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </>
  );
}

function Attendance({ programId, eventId }: { programId: string; eventId: string }) {
  const { t } = useTranslation('events');
  const L = useLabels();
  const list = useEventAttendance(programId, eventId, true);
  const record = useRecordEventAttendance(programId, eventId);
  return (
    <section className="card">
      <h2 className="card__title">{t('attendance')}</h2>
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState>{t('attendance.empty')}</EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('attendance.person')}</th>
                  <th scope="col">{t('attendance.organization')}</th>
                  <th scope="col">{t('attendance.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.user.name}</th>
                    <td>{a.organizationName}</td>
                    <td>
                      <select
                        aria-label={`${t('attendance.status')} ${a.user.name}`}
                        value={a.status}
                        onChange={(e) => record.mutate({ id: a.id, version: a.version, status: e.target.value as AttendanceStatus })}
                      >
                        {attendanceStatuses.map((s) => (
                          <option key={s} value={s}>
                            {L.attendanceStatus[s]}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
      {record.error ? <ErrorMessage error={record.error} /> : null}
    </section>
  );
}

function Minutes({ programId, event }: { programId: string; event: ProgramEvent }) {
  const { t } = useTranslation('events');
  const id = useId();
  const update = useUpdateProgramEvent(programId, event.id);
  const [text, setText] = useState(event.minutes);
  if (!event.manageable)
    return (
      <section className="card">
        <h2 className="card__title">{t('minutes')}</h2>
        {event.minutes ? <p className="prewrap">{event.minutes}</p> : <EmptyState>{t('minutes.empty')}</EmptyState>}
      </section>
    );
  return (
    <section className="card">
      <h2 className="card__title" id={`${id}-h`}>
        {t('minutes')}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ version: event.version, body: { minutes: text } });
        }}
      >
        <textarea aria-labelledby={`${id}-h`} rows={6} value={text} onChange={(e) => setText(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={update.isPending}>
            {t('minutes.save')}
          </button>
        </div>
        {update.isSuccess ? <Notice tone="success">{t('minutes.saved')}</Notice> : null}
        {update.error ? <ErrorMessage error={update.error} /> : null}
      </form>
    </section>
  );
}

function EventDetail({ programId, eventId }: { programId: string; eventId: string }) {
  const { t } = useTranslation(['events', 'common']);
  const L = useLabels();
  const dates = useDates();
  const query = useProgramEvent(programId, eventId);
  const register = useRegisterForEvent(programId, eventId);
  const upload = useUploadEventMaterial(programId, eventId);
  const removeMaterial = useDeleteEventMaterial(programId, eventId);
  const remove = useDeleteProgramEvent(programId);
  const [confirming, setConfirming] = useState(false);
  useDocumentTitle(query.data?.title ?? t('title'), t('common:app.name'));
  return (
    <QueryView query={query}>
      {(event) => {
        const over = event.endDate < todayInJapan();
        const names = new Map(event.engagements.map((e) => [e.id, e.municipality.name]));
        return (
          <div className="program-event">
            <p>
              <Link href={paths.programEvents(programId)}>{t('back')}</Link>
            </p>
            <div className="page__head">
              <div>
                <Badge tone="accent">{L.programEventKind[event.kind]}</Badge>
                <h1 className="page__title">{event.title}</h1>
                <dl className="program-event__meta">
                  <dt>{t('dates')}</dt>
                  <dd>{dates(event)}</dd>
                  <dt>{t('venue')}</dt>
                  <dd>
                    {event.venue || '—'}
                    {event.onlineUrl ? (
                      <>
                        {' / '}
                        <a href={event.onlineUrl} rel="noreferrer noopener" target="_blank">
                          {t('online')}
                        </a>
                      </>
                    ) : null}
                  </dd>
                  <dt>{t('participants')}</dt>
                  <dd>{event.engagements.map((e) => e.municipality.name).join(t('common:common.listSeparator')) || '—'}</dd>
                </dl>
              </div>
            </div>
            <section className="card program-event__registration">
              <p>{t('registered', { count: event.registeredCount })}</p>
              {event.myRegistration?.status === 'attended' ? <p>{t('youAttended')}</p> : null}
              {over ? (
                <p className="muted">{t('over')}</p>
              ) : event.myRegistration ? (
                <>
                  <p>{t('youRegistered')}</p>
                  <button type="button" className="btn btn--ghost" disabled={register.isPending} onClick={() => register.mutate(false)}>
                    {t('unregister')}
                  </button>
                </>
              ) : (
                <button type="button" className="btn btn--primary" disabled={register.isPending} onClick={() => register.mutate(true)}>
                  {t('register')}
                </button>
              )}
              {register.error ? <ErrorMessage error={register.error} /> : null}
              {event.kind === 'report_meeting' ? (
                <p>
                  <a className="btn btn--ghost" href={eventPackUrl(programId, event.id)} download>
                    {t('pack')}
                  </a>
                  <span className="muted"> {t('packHint')}</span>
                </p>
              ) : null}
            </section>
            <section className="card">
              <h2 className="card__title">{t('agenda')}</h2>
              {event.agenda.length === 0 ? (
                <EmptyState>{t('agenda.empty')}</EmptyState>
              ) : (
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('agenda.time')}</th>
                      <th scope="col">{t('agenda.title')}</th>
                      <th scope="col">{t('agenda.presenter')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {event.agenda.map((a, i) => (
                      <tr key={i}>
                        <td>{a.time || '—'}</td>
                        <th scope="row">{a.title}</th>
                        <td>{[a.presenter, a.engagementId ? names.get(a.engagementId) : ''].filter(Boolean).join(' / ') || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="card">
              <AttachmentsPanel
                title={t('materials')}
                items={event.materials}
                hrefOf={(a) => eventMaterialUrl(programId, event.id, a.id)}
                canManage={event.manageable}
                upload={(file) => upload.mutateAsync(file)}
                remove={(a) => removeMaterial.mutateAsync({ id: a.id, version: a.version })}
              />
            </section>
            <Minutes key={event.version} programId={programId} event={event} />
            {event.manageable ? <Attendance programId={programId} eventId={event.id} /> : null}
            {event.manageable ? (
              <p>
                <button type="button" className="btn btn--danger" onClick={() => setConfirming(true)}>
                  {t('delete')}
                </button>
                <ConfirmDialog
                  open={confirming}
                  title={t('delete')}
                  body={t('delete.confirm')}
                  confirmLabel={t('delete')}
                  cancelLabel={t('cancel')}
                  onCancel={() => setConfirming(false)}
                  onConfirm={() => {
                    setConfirming(false);
                    remove.mutate(event, { onSuccess: () => navigate(paths.programEvents(programId)) });
                  }}
                />
              </p>
            ) : null}
          </div>
        );
      }}
    </QueryView>
  );
}

/** The events page: the programs the reader takes part in (administered, or of their engagements), newest first. */
export function ProgramEventsPage({ programId, eventId }: { programId: string | null; eventId: string | null }) {
  const { t } = useTranslation(['events', 'common']);
  const { locale } = useLocale();
  const id = useId();
  const programs = usePrograms();
  const engagements = useEngagements();
  useDocumentTitle(t('title'), t('common:app.name'));
  return (
    <div className="page program-events-page">
      <QueryView query={programs}>
        {(all) => {
          const mine = new Set((engagements.data ?? []).map((e) => e.programId));
          const tied = all.filter((p) => p.administered || mine.has(p.id));
          const offered = tied.length > 0 ? tied : all;
          const program = all.find((p) => p.id === programId) ?? offered[0];
          if (!program) return <EmptyState>{t('noProgram')}</EmptyState>;
          if (eventId) return <EventDetail programId={program.id} eventId={eventId} />;
          return (
            <>
              <div className="page__head">
                <div>
                  <h1 className="page__title">{t('title')}</h1>
                  <p className="page__lead">{t('lead')}</p>
                </div>
              </div>
              {offered.length > 1 ? (
                <Field id={`${id}-program`} label={t('program')}>
                  <select id={`${id}-program`} value={program.id} onChange={(e) => navigate(paths.programEvents(e.target.value))}>
                    {offered.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name.includes(formatFiscalYear(p.fiscalYear, locale))
                          ? p.name
                          : `${formatFiscalYear(p.fiscalYear, locale)} ${p.name}`}
                      </option>
                    ))}
                  </select>
                </Field>
              ) : null}
              <EventList key={program.id} program={program} />
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
