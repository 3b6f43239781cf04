import { type LibraryCase, type ObservableEngagement } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateObservationRequest, useObservableEngagements } from '../../../api/attendance/attendance-api';
import { useMe } from '../../../api/auth/get-me';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge } from '../../../components/ui/feedback';
import { useLabels } from '../../../i18n';

/** The engagement of the case's municipality the reader may ask to observe: the case's own, else the newest one offered. */
const engagementOf = (c: LibraryCase, items: readonly ObservableEngagement[]) => {
  const same = items.filter((e) => e.municipality.id === c.facts.municipality.id);
  return same.find((e) => e.id === c.engagementId) ?? same[0] ?? null;
};

/**
 * 傍聴申請 from the library: a municipal user reading a published case of a municipality their own may
 * observe (a neighbour, or one of the programs serving theirs) asks to observe its current engagement,
 * through the same request the home page files. The program office's approval makes it a grant.
 */
export function ObserveCase({ c }: { c: LibraryCase }) {
  const { t } = useTranslation(['library', 'common']);
  const L = useLabels();
  const id = useId();
  const me = useMe();
  const observable = useObservableEngagements(Boolean(me.data?.user.municipality));
  const create = useCreateObservationRequest();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const engagement = observable.data ? engagementOf(c, observable.data) : null;
  if (!engagement) return null;
  return (
    <section className="card library-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {t('library.observe.title')}
      </h2>
      <p className="muted">{t('library.observe.lead', { municipality: engagement.municipality.name, theme: engagement.theme })}</p>
      {engagement.pendingRequestId ? (
        <p>
          <Badge tone="warning">{L.observationRequestStatus.pending}</Badge>{' '}
          {sent ? t('library.observe.sent') : t('library.observe.pending')}
        </p>
      ) : open ? (
        <form
          className="minutes-editor"
          aria-label={t('library.observe.form', { municipality: engagement.municipality.name })}
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { engagementId: engagement.id, message: message.trim() },
              {
                onSuccess: () => {
                  setOpen(false);
                  setSent(true);
                },
              },
            );
          }}
        >
          <label className="field__label" htmlFor={`${id}-message`}>
            {t('library.observe.message')}
          </label>
          <textarea id={`${id}-message`} rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
          <div className="form-grid__actions">
            <button type="submit" className="btn btn--primary" disabled={create.isPending}>
              {create.isPending ? t('common:common.saving') : t('library.observe.send')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => setOpen(false)}>
              {t('common:common.cancel')}
            </button>
          </div>
          {create.error ? <ErrorMessage error={create.error} /> : null}
        </form>
      ) : (
        <button type="button" className="btn btn--secondary" onClick={() => setOpen(true)}>
          {t('library.observe.request')}
        </button>
      )}
    </section>
  );
}
