import { type Access, type AttendanceStatus, can, todayInJapan, type VisitView } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttendance, useRecordAttendance, useSetMyAttendance } from '../../../api/attendance/attendance-api';
import { useUpdateVisit } from '../../../api/hearing/update-visit';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, type BadgeTone } from '../../../components/ui/feedback';
import { useLabels } from '../../../i18n';

const attendanceTones: Record<AttendanceStatus, BadgeTone> = { registered: 'info', attended: 'success', absent: 'neutral' };

/** 傍聴者向け要旨: read by everyone who reads the visit; the team edits it (If-Match through the visit's version). */
export function ObserverSummary({ engagementId, visit, access }: { engagementId: string; visit: VisitView; access: Access }) {
  const { t } = useTranslation(['hearing', 'common']);
  const id = useId();
  const update = useUpdateVisit(engagementId);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(visit.observerSummary);
  const canWrite = can(access, 'visit.write') && visit.view === 'full';
  if (editing && visit.view === 'full')
    return (
      <form
        className="minutes-editor"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { visitId: visit.id, version: visit.version, body: { observerSummary: text.trim() } },
            { onSuccess: () => setEditing(false) },
          );
        }}
      >
        <label className="field__label" htmlFor={`${id}-summary`}>
          {t('hearing.visit.observerSummary')}
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('hearing.visit.observerSummaryHint')}
        </p>
        <textarea id={`${id}-summary`} aria-describedby={`${id}-hint`} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        <div className="form-grid__actions">
          <button type="submit" className="btn btn--primary" disabled={update.isPending}>
            {update.isPending ? t('common:common.saving') : t('hearing.visit.saveObserverSummary')}
          </button>
          <button type="button" className="btn btn--secondary" onClick={() => setEditing(false)}>
            {t('common:common.cancel')}
          </button>
        </div>
        {update.error ? <ErrorMessage error={update.error} /> : null}
      </form>
    );
  return (
    <section className="visit__summary" aria-label={t('hearing.visit.observerSummary')}>
      <h5 className="visit__summary-title">{t('hearing.visit.observerSummary')}</h5>
      {visit.observerSummary ? (
        <p className="minutes__text">{visit.observerSummary}</p>
      ) : (
        <p className="muted">{t('hearing.visit.noObserverSummary')}</p>
      )}
      {canWrite ? (
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => {
            setText(visit.observerSummary);
            setEditing(true);
          }}
        >
          {t('hearing.visit.editObserverSummary')}
        </button>
      ) : null}
    </section>
  );
}

/** 参加登録 and the attendance record of one visit: register / withdraw, the list, and the team's 出席 / 欠席. */
export function VisitAttendance({ engagementId, visit, access }: { engagementId: string; visit: VisitView; access: Access }) {
  const { t } = useTranslation(['hearing', 'common']);
  const L = useLabels();
  const titleId = useId();
  const readable = can(access, 'visit.attendance.read');
  const attendance = useAttendance(engagementId, visit.id, readable);
  const setMine = useSetMyAttendance(engagementId, visit.id);
  const record = useRecordAttendance(engagementId, visit.id);
  if (!readable) return null;
  const upcoming = visit.date >= todayInJapan();
  const items = attendance.data ?? [];
  const mine = items.find((a) => a.mine);
  const mayAttend = can(access, 'visit.attend');
  const mayRecord = can(access, 'visit.attendance.record');
  if (!mayAttend && !mayRecord && items.length === 0) return null;
  return (
    <section className="attendance" aria-labelledby={titleId}>
      <h5 id={titleId} className="visit__summary-title">
        {t('attendance.list')}
      </h5>
      {mayAttend ? (
        <div className="attendance__mine">
          {!upcoming ? (
            <p className="muted">{t('attendance.closed')}</p>
          ) : mine ? (
            <>
              <span role="status">{t('attendance.registered')}</span>
              <button
                type="button"
                className="btn btn--secondary btn--small"
                disabled={setMine.isPending}
                onClick={() => setMine.mutate(false)}
              >
                {t('attendance.withdraw')}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn--primary btn--small" disabled={setMine.isPending} onClick={() => setMine.mutate(true)}>
              {t('attendance.register')}
            </button>
          )}
        </div>
      ) : null}
      {setMine.error ? <ErrorMessage error={setMine.error} /> : null}
      {record.error ? <ErrorMessage error={record.error} /> : null}
      {attendance.error ? <ErrorMessage error={attendance.error} onRetry={() => void attendance.refetch()} /> : null}
      {items.length === 0 ? (
        <p className="muted">{t('attendance.none')}</p>
      ) : (
        <ul className="attendance__list">
          {items.map((a) => {
            const who = a.user ? t('attendance.person', { name: a.user.name, organization: a.organizationName }) : a.organizationName;
            return (
              <li key={a.id} className="attendance__item">
                <span>{who}</span>
                <Badge tone={attendanceTones[a.status]}>{L.attendanceStatus[a.status]}</Badge>
                {mayRecord ? (
                  <span className="attendance__record" role="group" aria-label={t('attendance.recordFor', { name: who })}>
                    {(['attended', 'absent'] as const).map((status) => (
                      <button
                        key={status}
                        type="button"
                        className="btn btn--secondary btn--small"
                        aria-pressed={a.status === status}
                        disabled={record.isPending}
                        onClick={() => record.mutate({ attendanceId: a.id, version: a.version, status })}
                      >
                        {status === 'attended' ? t('attendance.markAttended') : t('attendance.markAbsent')}
                      </button>
                    ))}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
