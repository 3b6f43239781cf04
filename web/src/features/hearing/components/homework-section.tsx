import { HomeworkFiles } from './materials';
import { type Access, can, type Homework, type VisitView } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { EmptyState, Notice } from '../../../components/ui/feedback';
import { QueryView } from '../../../components/ui/query-view';
import { formatDate } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { useHomework } from '../../../api/hearing/get-homework';
import { useMembers } from '../../../api/hearing/get-members';
import { useCreateHomework } from '../../../api/hearing/create-homework';
import { useToggleHomework, useUpdateHomework } from '../../../api/hearing/update-homework';
import { useDeleteHomework } from '../../../api/hearing/delete-homework';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { useLabels, useLocale } from '../../../i18n';

const OTHER = '__other__';

function HomeworkForm({ engagementId, visits }: { engagementId: string; visits: readonly VisitView[] }) {
  const { t } = useTranslation(['hearing', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const id = useId();
  const members = useMembers(engagementId, true);
  const create = useCreateHomework(engagementId);
  const [text, setText] = useState('');
  const [assignee, setAssignee] = useState('');
  const [otherName, setOtherName] = useState('');
  const [due, setDue] = useState('');
  const [visitId, setVisitId] = useState('');
  const [done, setDone] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (!text.trim() || !assignee || (assignee === OTHER && !otherName.trim())) return;
    create.mutate(
      {
        text: text.trim(),
        due: due || null,
        visitId: visitId || null,
        ...(assignee === OTHER ? { assigneeName: otherName.trim() } : { assigneeUserId: assignee }),
      },
      {
        onSuccess: () => {
          setDone(true);
          setText('');
          setDue('');
          setOtherName('');
        },
      },
    );
  };

  return (
    <details className="card disclosure">
      <summary className="disclosure__summary">{t('homework.add')}</summary>
      <form className="form-grid" onSubmit={submit}>
        <Field id={`${id}-text`} label={t('homework.text')} required className="form-grid__wide">
          <input id={`${id}-text`} required value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <Field id={`${id}-assignee`} label={t('homework.assignee')} required>
          <select id={`${id}-assignee`} required value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t('common:common.select')}</option>
            {(members.data ?? []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
                {t('common:common.paren', { text: L.role[m.role] })}
              </option>
            ))}
            <option value={OTHER}>{t('homework.otherAssignee')}</option>
          </select>
        </Field>
        {assignee === OTHER ? (
          <Field id={`${id}-other`} label={t('homework.otherName')} required>
            <input id={`${id}-other`} required value={otherName} onChange={(e) => setOtherName(e.target.value)} />
          </Field>
        ) : null}
        <Field id={`${id}-due`} label={t('homework.dueLabel')}>
          <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </Field>
        <Field id={`${id}-visit`} label={t('findings.visit')}>
          <select id={`${id}-visit`} value={visitId} onChange={(e) => setVisitId(e.target.value)}>
            <option value="">{t('findings.noVisit')}</option>
            {visits.map((v) => (
              <option key={v.id} value={v.id}>
                {t('hearing.visit.seq', { seq: v.seq })} {formatDate(v.date, locale)}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-grid__actions form-grid__wide">
          <button type="submit" className="btn btn--primary" disabled={create.isPending}>
            {create.isPending ? t('common:common.saving') : t('homework.add')}
          </button>
        </div>
        {members.error ? <ErrorMessage error={members.error} /> : null}
        {create.error ? (
          <div className="form-grid__wide">
            <ErrorMessage error={create.error} />
          </div>
        ) : null}
        {done && !create.error ? (
          <div className="form-grid__wide">
            <Notice tone="success">{t('homework.added')}</Notice>
          </div>
        ) : null}
      </form>
    </details>
  );
}

/** The edit form of one homework item, prefilled: text, due date (empty clears it) and visit. */
function HomeworkEditForm({
  engagementId,
  item,
  visits,
  onDone,
}: {
  engagementId: string;
  item: Homework;
  visits: readonly VisitView[];
  onDone: () => void;
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const { locale } = useLocale();
  const id = useId();
  const update = useUpdateHomework(engagementId);
  const [text, setText] = useState(item.text);
  const [due, setDue] = useState(item.due ?? '');
  const [visitId, setVisitId] = useState(item.visitId ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    update.mutate(
      { homeworkId: item.id, version: item.version, body: { text: text.trim(), due: due || null, visitId: visitId || null } },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="form-grid homework-edit" onSubmit={submit} aria-label={t('homework.editTitle')}>
      <Field id={`${id}-text`} label={t('homework.text')} required className="form-grid__wide">
        <input id={`${id}-text`} required value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field id={`${id}-due`} label={t('homework.dueLabel')}>
        <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </Field>
      <Field id={`${id}-visit`} label={t('findings.visit')}>
        <select id={`${id}-visit`} value={visitId} onChange={(e) => setVisitId(e.target.value)}>
          <option value="">{t('findings.noVisit')}</option>
          {visits.map((v) => (
            <option key={v.id} value={v.id}>
              {t('hearing.visit.seq', { seq: v.seq })} {formatDate(v.date, locale)}
            </option>
          ))}
        </select>
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

function HomeworkList({
  engagementId,
  items,
  access,
  today,
  visits,
}: {
  engagementId: string;
  items: readonly Homework[];
  access: Access;
  today: string;
  visits: readonly VisitView[];
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const { locale } = useLocale();
  const toggle = useToggleHomework(engagementId);
  const remove = useDeleteHomework(engagementId);
  const canEdit = can(access, 'homework.write');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Homework | null>(null);
  // The tick shows at once (a discrete event renders synchronously); the server's answer replaces it.
  const [ticks, setTicks] = useState<Record<string, boolean>>({});
  if (items.length === 0) return <EmptyState>{t('homework.empty')}</EmptyState>;
  const sorted = [...items].sort((a, b) => Number(a.done) - Number(b.done) || (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  return (
    <>
      {toggle.error ? <ErrorMessage error={toggle.error} /> : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <ul className="checklist">
        {sorted.map((h) => {
          const allowed = can(access, 'homework.complete', { assigneeUserId: h.assigneeUserId }) || can(access, 'homework.write');
          const overdue = !h.done && h.due !== null && h.due < today;
          return (
            <li key={h.id} className={`checklist__item${(ticks[h.id] ?? h.done) ? ' checklist__item--done' : ''}`}>
              <label className="checklist__label">
                <input
                  type="checkbox"
                  checked={ticks[h.id] ?? h.done}
                  disabled={!allowed || toggle.isPending}
                  aria-label={t('homework.markDone', { text: h.text })}
                  onChange={(e) => {
                    const done = e.target.checked;
                    setTicks((prev) => ({ ...prev, [h.id]: done }));
                    toggle.mutate(
                      { homeworkId: h.id, version: h.version, done },
                      {
                        onSettled: () =>
                          setTicks((prev) => {
                            const { [h.id]: _settled, ...rest } = prev;
                            return rest;
                          }),
                      },
                    );
                  }}
                />
                <span className="checklist__text">{h.text}</span>
              </label>
              <span className="checklist__meta">
                {t('homework.assignee')}: {h.assigneeName}
                {h.due ? (
                  <span className={overdue ? 'text-danger' : undefined}> · {t('homework.due', { date: formatDate(h.due, locale) })}</span>
                ) : null}
              </span>
              <HomeworkResult engagementId={engagementId} item={h} canWrite={allowed} />
              <HomeworkFiles engagementId={engagementId} item={h} access={access} />
              {canEdit && editingId !== h.id ? (
                <span className="checklist__actions">
                  <button type="button" className="btn btn--secondary btn--small" onClick={() => setEditingId(h.id)}>
                    {t('common:common.edit')}
                    <span className="visually-hidden">{t('homework.editFor', { text: h.text })}</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--secondary btn--small"
                    disabled={remove.isPending}
                    onClick={() => setDeleting(h)}
                  >
                    {t('common:common.delete')}
                    <span className="visually-hidden">{t('homework.deleteFor', { text: h.text })}</span>
                  </button>
                </span>
              ) : null}
              {canEdit && editingId === h.id ? (
                <HomeworkEditForm engagementId={engagementId} item={h} visits={visits} onDone={() => setEditingId(null)} />
              ) : null}
            </li>
          );
        })}
      </ul>
      {canEdit ? (
        <ConfirmDialog
          open={deleting !== null}
          title={t('homework.deleteTitle')}
          body={deleting ? t('homework.deleteBody', { text: deleting.text, name: deleting.assigneeName }) : ''}
          confirmLabel={t('common:common.delete')}
          cancelLabel={t('common:common.cancel')}
          onConfirm={() => {
            if (deleting) remove.mutate({ homeworkId: deleting.id, version: deleting.version });
            setDeleting(null);
          }}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}

/** 宿題: the checklist (the assignee may tick done) and, for advisors, a form to add. Absent for observers. */
export function HomeworkSection({
  engagementId,
  access,
  visits,
  today,
}: {
  engagementId: string;
  access: Access;
  visits: readonly VisitView[];
  today: string;
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const readable = can(access, 'homework.read');
  const homework = useHomework(engagementId, readable);
  if (!readable) return null;
  return (
    <section className="hearing-section" aria-labelledby="homework-title">
      <h3 id="homework-title" className="subsection-title">
        {t('homework.title')}
      </h3>
      <QueryView query={homework}>
        {(items) => <HomeworkList engagementId={engagementId} items={items} access={access} today={today} visits={visits} />}
      </QueryView>
      {can(access, 'homework.write') ? <HomeworkForm engagementId={engagementId} visits={visits} /> : null}
    </section>
  );
}

/** 宿題の結果: what the assignee reports back (text), written by them (or the team). */
function HomeworkResult({ engagementId, item, canWrite }: { engagementId: string; item: Homework; canWrite: boolean }) {
  const { t } = useTranslation(['hearing', 'common']);
  const id = useId();
  const update = useUpdateHomework(engagementId);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.result);
  if (!editing)
    return (
      <span className="checklist__result">
        {item.result ? (
          <>
            {t('homework.result')}: {item.result}
          </>
        ) : null}
        {canWrite ? (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => {
              setText(item.result);
              setEditing(true);
            }}
          >
            {t(item.result ? 'homework.editResult' : 'homework.writeResult')}
            <span className="visually-hidden">{t('homework.editFor', { text: item.text })}</span>
          </button>
        ) : null}
      </span>
    );
  return (
    <form
      className="checklist__result-form"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(
          { homeworkId: item.id, version: item.version, body: { result: text.trim() } },
          { onSuccess: () => setEditing(false) },
        );
      }}
    >
      <label htmlFor={`${id}-result`}>{t('homework.result')}</label>
      <textarea id={`${id}-result`} rows={2} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
      {update.error ? <ErrorMessage error={update.error} /> : null}
      <button type="submit" className="btn btn--primary btn--small" disabled={update.isPending}>
        {t('common:common.save')}
      </button>
      <button type="button" className="btn btn--secondary btn--small" onClick={() => setEditing(false)}>
        {t('common:common.cancel')}
      </button>
    </form>
  );
}
