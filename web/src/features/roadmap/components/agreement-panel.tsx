import { type Access, can, type EngagementDetail, roadmapAgreementLine } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Toast } from '../../../components/ui/toast';
import { type RoadmapAgreementStep, useRoadmapAgreementStep } from '../../../api/engagements/roadmap-agreement';
import { useReadiness } from '../../../api/engagements/get-readiness';
import { useLabels, useLocale } from '../../../i18n';
import { isApiError } from '../../../lib/api-error';
import { MissingList } from '../../engagements/components/status-control';
import { agreementSteps } from '../lib/agreement';

/**
 * ロードマップ合意 on the roadmap: where the two-party agreement stands (who proposed and agreed,
 * when), and the step the caller may take — the team proposes, the municipality agrees (合意する),
 * either withdraws before monitoring. Each step is confirmed first.
 */
export function AgreementPanel({ engagement, access }: { engagement: EngagementDetail; access: Access }) {
  const { t } = useTranslation(['roadmap', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const id = useId();
  const step = useRoadmapAgreementStep();
  const [confirming, setConfirming] = useState<RoadmapAgreementStep | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const a = engagement.roadmapAgreement;
  const steps = agreementSteps(engagement.status, a.state, access);
  const withdrawKey = a.state === 'agreed' ? 'withdrawAgreement' : 'withdrawProposal';
  const label = (s: RoadmapAgreementStep) => t(`agreement.${s === 'withdraw' ? withdrawKey : s}`);
  // Proposing and agreeing are gated on completeness: what is missing shows before anyone presses.
  const gated = steps.some((s) => s !== 'withdraw');
  const readiness = useReadiness(engagement.id, gated && can(access, 'engagement.readiness'));
  const notReady = gated && readiness.data && !readiness.data.ready ? readiness.data.missing : [];
  const refused = isApiError(step.error) && step.error.code === 'roadmap_incomplete' ? step.error.missing : [];
  const missing = refused.length > 0 ? refused : notReady;
  const line = roadmapAgreementLine(
    { proposedBy: a.proposedBy?.name ?? null, proposedAt: a.proposedAt, agreedBy: a.agreedBy?.name ?? null, agreedAt: a.agreedAt },
    locale,
  );

  return (
    <section className="agreement-panel" aria-labelledby={`${id}-title`} data-testid="roadmap-agreement">
      <h3 id={`${id}-title`} className="agreement-panel__title">
        {t('agreement.title')}{' '}
        <span className={`badge badge--${a.state === 'agreed' ? 'success' : 'neutral'}`}>{L.roadmapAgreementState[a.state]}</span>
      </h3>
      <p className="agreement-panel__line">{line}</p>
      {steps.length > 0 ? (
        <div className="agreement-panel__buttons">
          {steps.map((s) => (
            <button
              key={s}
              type="button"
              className={`btn ${s === 'withdraw' ? 'btn--secondary' : 'btn--primary'}`}
              disabled={step.isPending || (s !== 'withdraw' && notReady.length > 0)}
              aria-describedby={s !== 'withdraw' && missing.length > 0 ? `${id}-missing` : undefined}
              onClick={() => {
                step.reset();
                setConfirming(s);
              }}
            >
              {label(s)}
            </button>
          ))}
        </div>
      ) : null}
      {missing.length > 0 ? <MissingList id={`${id}-missing`} missing={missing} /> : null}
      {step.error && refused.length === 0 ? <ErrorMessage error={step.error} /> : null}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? label(confirming) : ''}
        body={confirming ? t(`agreement.confirm.${confirming === 'withdraw' ? withdrawKey : confirming}`) : ''}
        confirmLabel={confirming ? label(confirming) : ''}
        cancelLabel={t('common:common.cancel')}
        onConfirm={() => {
          const chosen = confirming;
          setConfirming(null);
          if (!chosen) return;
          const doneKey = chosen === 'withdraw' ? withdrawKey : chosen;
          step.mutate(
            { id: engagement.id, step: chosen, version: engagement.version },
            { onSuccess: () => setToast(t(`agreement.done.${doneKey}`)) },
          );
        }}
        onCancel={() => setConfirming(null)}
      />
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </section>
  );
}
