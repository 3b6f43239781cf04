import { formatDate, type ObservableEngagement } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateObservationRequest, useObservableEngagements } from '../../../api/attendance/attendance-api';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge } from '../../../components/ui/feedback';
import { useLabels, useLocale } from '../../../i18n';

function RequestForm({ engagement, onDone }: { engagement: ObservableEngagement; onDone: () => void }) {
  const { t } = useTranslation(['engagements', 'common']);
  const id = useId();
  const create = useCreateObservationRequest();
  const [message, setMessage] = useState('');
  return (
    <form
      className="minutes-editor"
      aria-label={t('observe.formTitle', { municipality: engagement.municipality.name })}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ engagementId: engagement.id, message: message.trim() }, { onSuccess: onDone });
      }}
    >
      <label className="field__label" htmlFor={`${id}-message`}>
        {t('observe.message')}
      </label>
      <textarea id={`${id}-message`} rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
      <div className="form-grid__actions">
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {create.isPending ? t('common:common.saving') : t('observe.send')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t('common:common.cancel')}
        </button>
      </div>
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </form>
  );
}

/**
 * 傍聴申請 starts here, on the home beside the caller's own engagements: the engagements of
 * neighbouring municipalities (and of the programs serving the caller's municipality) that the
 * caller cannot open yet, each with 「傍聴を申請」.
 */
export function ObservableEngagements({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation(['engagements', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const titleId = useId();
  const observable = useObservableEngagements(enabled);
  const [open, setOpen] = useState<string | null>(null);
  const items = observable.data ?? [];
  if (!enabled || items.length === 0) return null;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('observe.title')}
      </h2>
      <p className="muted">{t('observe.lead')}</p>
      <ul className="observation-list">
        {items.map((e) => (
          <li key={e.id} className="observation-item">
            <div className="attendance__item">
              <strong>{e.municipality.name}</strong>
              <span>{e.theme}</span>
              {e.neighbour ? <Badge tone="info">{t('observe.neighbour')}</Badge> : null}
              <Badge tone="neutral">{L.engagementStatus[e.status]}</Badge>
              {e.nextVisit ? (
                <span className="muted">
                  {t('observe.nextVisit', { date: formatDate(e.nextVisit.date, locale), kind: L.visitKind[e.nextVisit.kind] })}
                </span>
              ) : null}
              {e.pendingRequestId ? (
                <Badge tone="warning">{L.observationRequestStatus.pending}</Badge>
              ) : open === e.id ? null : (
                <button type="button" className="btn btn--secondary btn--small" onClick={() => setOpen(e.id)}>
                  {t('observe.request')}
                  <span className="visually-hidden">{e.municipality.name}</span>
                </button>
              )}
            </div>
            {open === e.id && !e.pendingRequestId ? <RequestForm engagement={e} onDone={() => setOpen(null)} /> : null}
          </li>
        ))}
      </ul>
      {observable.error ? <ErrorMessage error={observable.error} /> : null}
    </section>
  );
}
