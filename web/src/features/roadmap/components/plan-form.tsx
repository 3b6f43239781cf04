import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { describedBy, Field } from '../../../components/ui/field';
import { MonthField } from '../../../components/ui/month-field';
import { Loading, Notice } from '../../../components/ui/feedback';
import { useIndicators } from '../../../api/indicators/get-indicators';
import { type PlanSubjectRef, useSaveVerificationPlan } from '../../../api/roadmap/save-verification-plan';
import { type AnyPlan, parseNumberInput } from '../lib/rows';
import { useTranslation } from 'react-i18next';

interface Draft {
  qualitative: boolean;
  indicatorId: string;
  indicatorName: string;
  unit: string;
  baselineValue: string;
  baselineAsOf: string;
  baselineNote: string;
  targetValue: string;
  targetBy: string;
  timing: string;
  dataSource: string;
  responsible: string;
  method: string;
}

function draftOf(plan: AnyPlan | null): Draft {
  return {
    qualitative: plan?.qualitative ?? false,
    indicatorId: plan?.indicatorId ?? '',
    indicatorName: plan && !plan.indicatorId ? plan.indicatorName : '',
    unit: plan?.unit ?? '',
    baselineValue: plan?.baselineValue === null || plan?.baselineValue === undefined ? '' : String(plan.baselineValue),
    baselineAsOf: plan?.baselineAsOf ?? '',
    baselineNote: plan?.baselineNote ?? '',
    targetValue: plan?.targetValue === null || plan?.targetValue === undefined ? '' : String(plan.targetValue),
    targetBy: plan?.targetBy ?? '',
    timing: plan?.timing ?? '',
    dataSource: plan?.dataSource ?? '',
    responsible: plan?.responsible ?? '',
    method: plan?.method ?? '',
  };
}

/**
 * The verification plan (検証方法) form: an indicator from the catalogue or a free name, baseline,
 * target, timing, source, responsible, method. Creates (POST) or updates (PATCH with If-Match).
 * The input is kept when saving fails (412 included: the newer plan is loaded behind it).
 */
export function PlanForm({
  engagementId,
  subject,
  plan,
  today,
  onDone,
}: {
  engagementId: string;
  subject: PlanSubjectRef;
  plan: AnyPlan | null;
  today: string;
  onDone: () => void;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const id = useId();
  // The fields the roadmap gate (roadmap_agreed) needs are marked, so a plan can be saved half-done
  // but the user sees what the agreement will ask for.
  const forAgreement = (label: string) => t('plan.forAgreement', { label });
  const indicators = useIndicators();
  const save = useSaveVerificationPlan(engagementId);
  const [d, setD] = useState<Draft>(() => draftOf(plan));
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const q = d.qualitative;
  // A quantitative plan's gate asks for indicator, baseline, target, timing and source; a qualitative one for method and timing.
  const quantGate = (label: string) => (q ? label : forAgreement(label));
  const set = (key: Exclude<keyof Draft, 'qualitative'>) => (e: { target: { value: string } }) =>
    setD((prev) => ({ ...prev, [key]: e.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Partial<Record<keyof Draft, string>> = {};
    if (!q && !d.indicatorId && !d.indicatorName.trim()) next.indicatorName = t('plan.indicatorRequired');
    const baselineValue = parseNumberInput(d.baselineValue);
    const targetValue = parseNumberInput(d.targetValue);
    if (Number.isNaN(baselineValue)) next.baselineValue = t('plan.number');
    if (Number.isNaN(targetValue)) next.targetValue = t('plan.number');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const catalogue = indicators.data?.find((i) => i.id === d.indicatorId);
    const body = {
      qualitative: q,
      indicatorId: d.indicatorId || null,
      indicatorName: d.indicatorId ? (catalogue?.name ?? d.indicatorName.trim()) : d.indicatorName.trim(),
      unit: d.unit.trim() || (catalogue?.unit ?? ''),
      baselineValue: q ? null : baselineValue,
      baselineAsOf: d.baselineAsOf || null,
      baselineNote: d.baselineNote.trim() || null,
      targetValue: q ? null : targetValue,
      targetBy: d.targetBy || null,
      timing: d.timing.trim(),
      dataSource: d.dataSource.trim(),
      responsible: d.responsible.trim(),
      method: d.method.trim(),
    };
    if (plan) save.mutate({ kind: 'update', subject, planId: plan.id, version: plan.version, body }, { onSuccess: onDone });
    else save.mutate({ kind: 'create', subject, body }, { onSuccess: onDone });
  };

  const input = (
    key: Exclude<keyof Draft, 'qualitative'>,
    label: string,
    opts: { type?: string; required?: boolean; wide?: boolean; hint?: string } = {},
  ) => (
    <Field
      id={`${id}-${key}`}
      label={label}
      error={errors[key]}
      hint={opts.hint}
      required={opts.required ?? false}
      {...(opts.wide ? { className: 'form-grid__wide' } : {})}
    >
      <input
        id={`${id}-${key}`}
        type={opts.type === 'number-text' ? 'text' : (opts.type ?? 'text')}
        inputMode={opts.type === 'number-text' ? 'decimal' : undefined}
        value={d[key]}
        onChange={set(key)}
        aria-invalid={Boolean(errors[key])}
        aria-describedby={describedBy(`${id}-${key}`, { hint: opts.hint, error: errors[key] })}
      />
    </Field>
  );

  return (
    <form className="form-grid plan-form" onSubmit={submit} noValidate aria-label={plan ? t('plan.edit') : t('plan.add')}>
      <div className="form-grid__wide">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={q}
            onChange={(e) => setD((prev) => ({ ...prev, qualitative: e.target.checked }))}
            aria-describedby={`${id}-qualitative-hint`}
          />{' '}
          {t('plan.qualitative')}
        </label>
        <p id={`${id}-qualitative-hint`} className="muted field__hint">
          {t('plan.qualitativeHint')}
        </p>
      </div>
      <Field id={`${id}-indicatorId`} label={quantGate(t('plan.indicatorFromCatalogue'))} className="form-grid__wide">
        {indicators.isPending ? (
          <Loading inline />
        ) : (
          <select id={`${id}-indicatorId`} value={d.indicatorId} onChange={set('indicatorId')}>
            <option value="">{t('plan.indicatorNone')}</option>
            {(indicators.data ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.code} {i.name}
                {t('common:common.paren', { text: i.unit })}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!d.indicatorId
        ? input('indicatorName', q ? t('plan.qualitativeSubject') : forAgreement(t('plan.indicatorFree')), { wide: true })
        : null}
      {q ? null : (
        <>
          {input('unit', t('plan.unit'))}
          {input('baselineValue', forAgreement(t('plan.baselineValue')), { type: 'number-text' })}
          <MonthField
            id={`${id}-baselineAsOf`}
            label={forAgreement(t('plan.baselineAsOf'))}
            value={d.baselineAsOf}
            onChange={(v) => setD((prev) => ({ ...prev, baselineAsOf: v }))}
            today={today}
          />
          {input('baselineNote', t('plan.baselineNote'), { wide: true })}
          {input('targetValue', forAgreement(t('plan.targetValue')), { type: 'number-text' })}
          <MonthField
            id={`${id}-targetBy`}
            label={forAgreement(t('plan.targetBy'))}
            value={d.targetBy}
            onChange={(v) => setD((prev) => ({ ...prev, targetBy: v }))}
            today={today}
          />
        </>
      )}
      {input('timing', forAgreement(t('plan.timing')))}
      {input('dataSource', q ? t('plan.evidence') : forAgreement(t('plan.dataSource')))}
      {input('responsible', t('plan.responsible'))}
      <Field id={`${id}-method`} label={q ? forAgreement(t('plan.method')) : t('plan.method')} className="form-grid__wide">
        <textarea id={`${id}-method`} rows={2} value={d.method} onChange={set('method')} />
      </Field>
      <div className="form-grid__actions form-grid__wide">
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {save.isPending ? t('common:common.saving') : t('common:common.save')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t('common:common.cancel')}
        </button>
      </div>
      {save.error ? (
        <div className="form-grid__wide">
          <ErrorMessage error={save.error} />
        </div>
      ) : null}
      {save.isSuccess ? <Notice tone="success">{t('plan.saved')}</Notice> : null}
    </form>
  );
}
