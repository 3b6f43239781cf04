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
import { useToggleHomework } from '../../../api/hearing/update-homework';
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

function HomeworkList({
  engagementId,
  items,
  access,
  today,
}: {
  engagementId: string;
  items: readonly Homework[];
  access: Access;
  today: string;
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const { locale } = useLocale();
  const toggle = useToggleHomework(engagementId);
  // The tick shows at once (a discrete event renders synchronously); the server's answer replaces it.
  const [ticks, setTicks] = useState<Record<string, boolean>>({});
  if (items.length === 0) return <EmptyState>{t('homework.empty')}</EmptyState>;
  const sorted = [...items].sort((a, b) => Number(a.done) - Number(b.done) || (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  return (
    <>
      {toggle.error ? <ErrorMessage error={toggle.error} /> : null}
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
            </li>
          );
        })}
      </ul>
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
        {(items) => <HomeworkList engagementId={engagementId} items={items} access={access} today={today} />}
      </QueryView>
      {can(access, 'homework.write') ? <HomeworkForm engagementId={engagementId} visits={visits} /> : null}
    </section>
  );
}
