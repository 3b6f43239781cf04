import { useOpenCommentCounts } from '../../../api/comments/get-comment-counts';
import { CommentDisclosure } from '../../../components/comments/comment-threads';
import { SubjectComments } from './subject-comments';
import { type Access, can } from '@banso/shared';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, EmptyState, Notice } from '../../../components/ui/feedback';
import { useDeleteVerificationPlan } from '../../../api/roadmap/delete-verification-plan';
import { formatMonth } from '@banso/shared';
import { type AnyPlan, monthOf } from '../lib/rows';
import { MeasurementChart } from './measurement-chart';
import { MeasurementForm } from './measurement-form';
import { MeasurementTable } from './measurement-table';
import { PlanBoundary } from './plan-boundary';
import { PlanForm } from './plan-form';
import type { PlanSubjectRef } from '../../../api/roadmap/save-verification-plan';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

const lackKey = (part: string) => {
  switch (part) {
    case 'indicator':
    case 'baselineAsOf':
    case 'baseline':
    case 'targetValue':
    case 'targetBy':
    case 'timing':
    case 'dataSource':
    case 'method':
      return `engagements:status.lack.plan.${part}` as const;
    default:
      return null;
  }
};

function value(v: number | null, unit: string): string | null {
  return v === null ? null : `${v.toLocaleString('ja-JP')}${unit}`;
}

function PlanCard({
  engagementId,
  subject,
  plan,
  access,
  today,
  onDeleted,
}: {
  engagementId: string;
  subject: PlanSubjectRef;
  plan: AnyPlan;
  access: Access;
  today: string;
  onDeleted: (name: string) => void;
}) {
  const { t } = useTranslation(['roadmap', 'engagements', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteVerificationPlan(engagementId);
  const canEdit = can(access, 'roadmap.write');
  const canMeasure = can(access, 'measurement.write');
  const commentCount = useOpenCommentCounts(engagementId, 'plan').get(plan.id) ?? 0;
  const notSet = <span className="muted">{t('common:common.notSet')}</span>;
  const progress = plan.progress === null ? null : Math.round(plan.progress * 100);
  const gapText = plan.gaps.map((g) => {
    const key = lackKey(g);
    return key ? t(key) : g;
  });

  return (
    <article className="plan-card">
      <header className="plan-card__head">
        <h4 className="plan-card__title">
          {plan.indicator ? <span className="plan-card__code">{plan.indicator.code}</span> : null}
          {plan.indicatorName}
        </h4>
        {plan.qualitative ? <Badge tone="neutral">{t('plan.qualitativeBadge')}</Badge> : null}
        {plan.direction && !plan.qualitative ? <Badge tone="neutral">{L.direction[plan.direction]}</Badge> : null}
        {plan.gaps.length > 0 ? (
          <Badge tone="warning">{t('plan.gaps', { items: gapText.join(t('common:common.listSeparator')) })}</Badge>
        ) : (
          <Badge tone="success">{t('plan.complete')}</Badge>
        )}
        {canEdit && !editing ? (
          <>
            <button type="button" className="btn btn--secondary btn--small plan-card__edit" onClick={() => setEditing(true)}>
              {t('plan.edit')}
            </button>
            <button
              type="button"
              className="btn btn--danger-text btn--small"
              disabled={remove.isPending}
              onClick={() => setConfirming(true)}
            >
              {t('plan.delete')}
            </button>
          </>
        ) : null}
      </header>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <ConfirmDialog
        open={confirming}
        title={t('plan.deleteTitle')}
        body={t('plan.deleteBody', { name: plan.indicatorName, count: plan.measurements.length })}
        confirmLabel={t('plan.delete')}
        cancelLabel={t('common:common.cancel')}
        onConfirm={() => {
          setConfirming(false);
          // mutateAsync: the card unmounts once the plan leaves the cache, and a mutate() callback would not fire then
          remove
            .mutateAsync({ subject, planId: plan.id, version: plan.version })
            .then(() => onDeleted(plan.indicatorName))
            .catch(() => undefined); // the error shows through remove.error
        }}
        onCancel={() => setConfirming(false)}
      />
      {editing ? (
        <PlanForm engagementId={engagementId} subject={subject} plan={plan} today={today} onDone={() => setEditing(false)} />
      ) : (
        <div className="plan-card__body">
          <dl className="facts">
            <div>
              <dt>{t('plan.baseline')}</dt>
              <dd>
                {value(plan.baselineValue, plan.unit) ?? notSet}
                {plan.baselineAsOf ? (
                  <span className="facts__sub">{t('common:common.paren', { text: formatMonth(plan.baselineAsOf, locale) })}</span>
                ) : null}
                {plan.baselineNote ? <span className="facts__note">{plan.baselineNote}</span> : null}
              </dd>
            </div>
            <div>
              <dt>{t('plan.target')}</dt>
              <dd>
                {value(plan.targetValue, plan.unit) ?? notSet}
                {plan.targetBy ? (
                  <span className="facts__sub">{t('common:common.paren', { text: formatMonth(plan.targetBy, locale) })}</span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>{t('plan.latest')}</dt>
              <dd>
                {plan.latest ? (
                  <>
                    {value(plan.latest.value, plan.unit)}
                    <span className="facts__sub">{t('common:common.paren', { text: formatMonth(plan.latest.period, locale) })}</span>
                  </>
                ) : (
                  <span className="muted">{t('chart.noData')}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('plan.progress')}</dt>
              <dd>{progress === null ? <span className="muted">—</span> : `${progress}%`}</dd>
            </div>
            <div>
              <dt>{t('plan.timing')}</dt>
              <dd>{plan.timing || notSet}</dd>
            </div>
            <div>
              <dt>{t('plan.dataSource')}</dt>
              <dd>{plan.dataSource || notSet}</dd>
            </div>
            <div>
              <dt>{t('plan.responsible')}</dt>
              <dd>{plan.responsible || notSet}</dd>
            </div>
            <div>
              <dt>{t('plan.method')}</dt>
              <dd>{plan.method || notSet}</dd>
            </div>
          </dl>
          <MeasurementChart plan={plan} />
        </div>
      )}
      <MeasurementTable engagementId={engagementId} plan={plan} access={access} today={today} />
      {canMeasure ? (
        <MeasurementForm engagementId={engagementId} planId={plan.id} defaultPeriod={monthOf(today)} unit={plan.unit} today={today} />
      ) : null}
      <CommentDisclosure count={commentCount} label={plan.indicatorName}>
        {() => <SubjectComments engagementId={engagementId} subject={{ type: 'plan', id: plan.id }} access={access} />}
      </CommentDisclosure>
    </article>
  );
}

/** What replaces a plan card that failed to render: the plan's name, the error, and its edit form. */
function BrokenPlanCard({
  engagementId,
  subject,
  plan,
  access,
  today,
  error,
}: {
  engagementId: string;
  subject: PlanSubjectRef;
  plan: AnyPlan;
  access: Access;
  today: string;
  error: Error;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const [editing, setEditing] = useState(false);
  const canEdit = can(access, 'roadmap.write');
  return (
    <article className="plan-card">
      <header className="plan-card__head">
        <h4 className="plan-card__title">{plan.indicatorName}</h4>
        {canEdit && !editing ? (
          <button type="button" className="btn btn--secondary btn--small plan-card__edit" onClick={() => setEditing(true)}>
            {t('plan.edit')}
          </button>
        ) : null}
      </header>
      <div className="notice notice--error" role="alert">
        <div className="notice__body">
          <p className="notice__title">{t('plan.renderError')}</p>
          <p className="notice__detail">{error.message}</p>
        </div>
      </div>
      {editing ? (
        <PlanForm engagementId={engagementId} subject={subject} plan={plan} today={today} onDone={() => setEditing(false)} />
      ) : null}
    </article>
  );
}

export function PlanSection({
  engagementId,
  subject,
  plans,
  access,
  today,
}: {
  engagementId: string;
  subject: PlanSubjectRef;
  plans: readonly AnyPlan[];
  access: Access;
  today: string;
}) {
  const { t } = useTranslation(['roadmap', 'engagements', 'common']);
  const [adding, setAdding] = useState(false);
  const [deleted, setDeleted] = useState<string | null>(null);
  const canEdit = can(access, 'roadmap.write');
  return (
    <div className="plans">
      {deleted ? <Notice tone="success">{t('plan.deleted', { name: deleted })}</Notice> : null}
      {plans.length === 0 && !adding ? <EmptyState>{t('plan.empty')}</EmptyState> : null}
      {plans.map((p) => (
        <PlanBoundary
          key={p.id}
          resetKey={String(p.version)}
          fallback={(error) => (
            <BrokenPlanCard engagementId={engagementId} subject={subject} plan={p} access={access} today={today} error={error} />
          )}
        >
          <PlanCard engagementId={engagementId} subject={subject} plan={p} access={access} today={today} onDeleted={setDeleted} />
        </PlanBoundary>
      ))}
      {canEdit ? (
        adding ? (
          <PlanForm engagementId={engagementId} subject={subject} plan={null} today={today} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="btn btn--secondary" onClick={() => setAdding(true)}>
            {t('plan.add')}
          </button>
        )
      ) : null}
    </div>
  );
}
