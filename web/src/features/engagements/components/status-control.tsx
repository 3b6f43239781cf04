import type { Access, EngagementDetail, EngagementStatus, RoadmapGapItem } from '@banso/shared';
import { can } from '@banso/shared';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { ConfirmNotice, Loading, Notice } from '../../../components/ui/feedback';
import { isApiError } from '../../../lib/api-error';
import { useChangeEngagementStatus } from '../../../api/engagements/change-engagement-status';
import { useReadiness } from '../../../api/engagements/get-readiness';
import { isKnownLack, statusChoices } from '../lib/status-control';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../i18n';

/** Why the roadmap cannot be agreed yet: each action with what it lacks (shown by the status control and the agreement panel). */
export function MissingList({ missing, id }: { missing: readonly RoadmapGapItem[]; id: string }) {
  const { t } = useTranslation(['engagements', 'common']);
  const lackText = (lack: string) => (isKnownLack(lack) ? t(`status.lack.${lack}`) : lack);
  return (
    <div id={id}>
      <Notice tone="warning" title={t('status.blockedTitle')}>
        <ul className="notice__list">
          {missing.map((m) => (
            <li key={m.planId ?? m.actionId ?? m.title}>
              <strong>{m.title}</strong> — {t('status.lacks', { items: m.lacks.map(lackText).join(t('common:common.listSeparator')) })}
            </li>
          ))}
        </ul>
      </Notice>
    </div>
  );
}

/** Moves the engagement along its workflow; explains why roadmap_agreed is blocked. */
export function StatusControl({ engagement, access }: { engagement: EngagementDetail; access: Access }) {
  const { t } = useTranslation(['engagements', 'common']);
  const L = useLabels();
  const id = useId();
  const allowed = can(access, 'engagement.status');
  const readiness = useReadiness(engagement.id, allowed && can(access, 'engagement.readiness'));
  const change = useChangeEngagementStatus();
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<EngagementStatus | null>(null);
  if (!allowed) return null;

  const choices = statusChoices(engagement.status, access, readiness.data);
  const blocked = choices.find((c) => c.blocked);
  const conflictMissing = isApiError(change.error) && change.error.code === 'roadmap_incomplete' ? change.error.missing : [];

  return (
    <section className="status-control" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="status-control__title">
        {t('status.change')}
      </h2>
      {choices.length === 0 ? <p className="muted">{t('status.final')}</p> : null}
      <div className="status-control__buttons">
        {choices.map((c) => (
          <button
            key={c.status}
            type="button"
            className={`btn ${c.direction === 'forward' ? 'btn--primary' : 'btn--secondary'}`}
            disabled={c.blocked || change.isPending}
            aria-describedby={c.blocked ? `${id}-missing` : undefined}
            aria-expanded={confirming === c.status}
            onClick={() => {
              setDone(null);
              setConfirming(c.status);
            }}
          >
            {t(c.direction === 'forward' ? 'status.moveTo' : 'status.moveBack', { status: L.engagementStatus[c.status] })}
          </button>
        ))}
      </div>
      {confirming ? (
        <ConfirmNotice
          title={t('status.confirm', { status: L.engagementStatus[confirming] })}
          confirmLabel={t('status.confirmButton')}
          cancelLabel={t('common:common.cancel')}
          busy={change.isPending}
          onConfirm={() =>
            change.mutate(
              { id: engagement.id, status: confirming, version: engagement.version },
              {
                onSuccess: (d) => setDone(t('status.changed', { status: L.engagementStatus[d.status] })),
                onSettled: () => setConfirming(null),
              },
            )
          }
          onCancel={() => setConfirming(null)}
        >
          <p>{t('status.confirmBody')}</p>
        </ConfirmNotice>
      ) : null}
      {readiness.isPending && readiness.fetchStatus !== 'idle' ? <Loading inline /> : null}
      {blocked ? <MissingList id={`${id}-missing`} missing={blocked.missing} /> : null}
      {!blocked && conflictMissing.length > 0 ? <MissingList id={`${id}-missing`} missing={conflictMissing} /> : null}
      {change.error && conflictMissing.length === 0 ? <ErrorMessage error={change.error} /> : null}
      {done && !change.error ? <Notice tone="success">{done}</Notice> : null}
    </section>
  );
}
