import { type Access, can, type Finding, type VisitStatus, type VisitView } from '@banso/shared';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, type BadgeTone } from '../../../components/ui/feedback';
import { formatDate } from '@banso/shared';
import { useUpdateVisit } from '../../../api/hearing/update-visit';
import { FindingItem } from './finding-item';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

const statusTones: Record<VisitStatus, BadgeTone> = { planned: 'info', held: 'accent', minutes_approved: 'success' };

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

/** One visit: date, kind, status; for the team and municipality also attendees, agenda, minutes; its findings. */
export function VisitCard({
  engagementId,
  visit,
  findings,
  nodeTitles,
  access,
}: {
  engagementId: string;
  visit: VisitView;
  findings: readonly Finding[];
  nodeTitles: ReadonlyMap<string, string>;
  access: Access;
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const canWrite = can(access, 'visit.write');
  const update = useUpdateVisit(engagementId);
  const [editing, setEditing] = useState(false);
  const next: VisitStatus | null = visit.status === 'planned' ? 'held' : visit.status === 'held' ? 'minutes_approved' : null;

  return (
    <article className="visit card">
      <header className="visit__head">
        <h4 className="visit__title">
          {t('hearing.visit.seq', { seq: visit.seq })}
          <span className="visit__date">{formatDate(visit.date, locale)}</span>
        </h4>
        <Badge tone="neutral">{L.visitKind[visit.kind]}</Badge>
        <Badge tone={statusTones[visit.status]}>{L.visitStatus[visit.status]}</Badge>
        {canWrite && visit.view === 'full' && next ? (
          <button
            type="button"
            className="btn btn--secondary btn--small visit__action"
            disabled={update.isPending}
            onClick={() => update.mutate({ visitId: visit.id, version: visit.version, body: { status: next } })}
          >
            {next === 'held' ? t('hearing.visit.markHeld') : t('hearing.visit.approveMinutes')}
          </button>
        ) : null}
      </header>
      {update.error ? <ErrorMessage error={update.error} /> : null}
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
      {findings.length > 0 ? (
        <ul className="findings" aria-label={t('findings.title')}>
          {findings.map((f) => (
            <FindingItem key={f.id} finding={f} nodeTitles={nodeTitles} />
          ))}
        </ul>
      ) : null}
    </article>
  );
}
