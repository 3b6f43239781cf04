import { fiscalYearOf, type ObservationRequest, type Program, todayInJapan } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecideObservationRequest, useObservationRequests } from '../../../api/attendance/attendance-api';
import { ErrorMessage } from '../../../components/ui/error-message';
import { EmptyState } from '../../../components/ui/feedback';

function RequestItem({ request, defaultUntil }: { request: ObservationRequest; defaultUntil: string }) {
  const { t } = useTranslation(['portfolio', 'common']);
  const id = useId();
  const decide = useDecideObservationRequest();
  const [until, setUntil] = useState(defaultUntil);
  const who = request.municipality.name;
  const target = request.engagement.municipality.name;
  return (
    <li className="observation-item card" aria-label={t('observation.item', { from: who, to: target })}>
      <p>
        <strong>{t('observation.item', { from: who, to: target })}</strong>
        {request.requestedBy ? <span className="muted"> — {request.requestedBy.name}</span> : null}
      </p>
      {request.message ? <p className="minutes__text">{request.message}</p> : null}
      <div className="attendance__item">
        <label className="field__label" htmlFor={`${id}-until`}>
          {t('observation.validUntil')}
        </label>
        <input id={`${id}-until`} type="date" required value={until} onChange={(e) => setUntil(e.target.value)} />
        <button
          type="button"
          className="btn btn--primary btn--small"
          disabled={decide.isPending || !until}
          onClick={() =>
            decide.mutate({
              engagementId: request.engagement.id,
              requestId: request.id,
              version: request.version,
              approve: { validUntil: until, scope: 'process' },
            })
          }
        >
          {t('observation.approve')}
          <span className="visually-hidden">{who}</span>
        </button>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          disabled={decide.isPending}
          onClick={() =>
            decide.mutate({ engagementId: request.engagement.id, requestId: request.id, version: request.version, approve: null })
          }
        >
          {t('observation.decline')}
          <span className="visually-hidden">{who}</span>
        </button>
      </div>
      {decide.error ? <ErrorMessage error={decide.error} /> : null}
    </li>
  );
}

/** The office's list of pending 傍聴申請 of one program: approve into an observer grant, or decline. */
export function ObservationRequests({ program }: { program: Program }) {
  const { t } = useTranslation(['portfolio', 'common']);
  const titleId = useId();
  const requests = useObservationRequests(program.id);
  const items = requests.data?.items ?? [];
  // A grant runs to the end of the program's fiscal year by default (31 March), or of this one once that has passed.
  const today = todayInJapan();
  const programEnd = `${program.fiscalYear + 1}-03-31`;
  const defaultUntil = programEnd >= today ? programEnd : `${fiscalYearOf(today) + 1}-03-31`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('observation.title')}
      </h2>
      {requests.error ? <ErrorMessage error={requests.error} onRetry={() => void requests.refetch()} /> : null}
      {items.length === 0 ? (
        <EmptyState>{t('observation.empty')}</EmptyState>
      ) : (
        <ul className="observation-list">
          {items.map((r) => (
            <RequestItem key={r.id} request={r} defaultUntil={defaultUntil} />
          ))}
        </ul>
      )}
    </section>
  );
}
