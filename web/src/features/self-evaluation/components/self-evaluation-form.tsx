import {
  type Action,
  type Indicator,
  type SelfEvaluationDirection,
  selfEvaluationDirections,
  type SelfEvaluationItem,
  SelfEvaluationItemSchema,
  type SelfEvaluationMark,
  selfEvaluationMarks,
  selfEvaluationMarkSymbols,
} from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateSelfEvaluation, useUpdateSelfEvaluation } from '../../../api/self-evaluations/self-evaluations';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { useLabels } from '../../../i18n';
import { isApiError, staleCurrent } from '../../../lib/api-error';
import { type ItemDraft, draftOf, parseNumber, toBody } from '../lib/draft';

/**
 * Adds an item to the year's sheet, or edits one (PATCH with the version it was opened on). A 412
 * keeps the input and says someone else changed it; 「再読み込み」 loads their version into the form.
 */
export function SelfEvaluationForm({
  engagementId,
  fiscalYear,
  item,
  actions,
  indicators,
  onSaved,
  onCancel,
}: {
  engagementId: string;
  fiscalYear: number;
  /** null: a new item. */
  item: SelfEvaluationItem | null;
  actions: readonly Action[];
  indicators: readonly Indicator[];
  onSaved: (saved: SelfEvaluationItem) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(['evaluation', 'common']);
  const L = useLabels();
  const id = useId();
  const create = useCreateSelfEvaluation(engagementId);
  const update = useUpdateSelfEvaluation(engagementId);
  const mutation = item ? update : create;
  const [base, setBase] = useState<SelfEvaluationItem | null>(item);
  const [draft, setDraft] = useState<ItemDraft>(() => draftOf(item));
  const [errors, setErrors] = useState<Partial<Record<'title' | 'targetValue' | 'actualValue', string>>>({});
  const set = <K extends keyof ItemDraft>(key: K, value: ItemDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const stale = isApiError(mutation.error) && mutation.error.status === 412;
  const current = staleCurrent(mutation.error, SelfEvaluationItemSchema);
  const catalogueUnit = indicators.find((i) => i.id === draft.indicatorId)?.unit ?? '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!draft.title.trim()) next.title = t('evaluation.field.titleRequired');
    if (parseNumber(draft.targetValue) === undefined) next.targetValue = t('evaluation.field.notANumber');
    if (parseNumber(draft.actualValue) === undefined) next.actualValue = t('evaluation.field.notANumber');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const body = toBody(draft);
    if (base) update.mutate({ itemId: base.id, version: base.version, body }, { onSuccess: onSaved });
    else create.mutate({ fiscalYear, ...body }, { onSuccess: onSaved });
  };
  const reload = () => {
    if (!current) return;
    setBase(current);
    setDraft(draftOf(current));
    mutation.reset();
  };

  return (
    <form
      className="form-grid inline-form self-eval-form"
      onSubmit={submit}
      noValidate
      aria-label={item ? t('evaluation.editTitle', { title: item.title }) : t('evaluation.addTitle')}
    >
      <Field id={`${id}-theme`} label={t('evaluation.field.theme')} hint={t('evaluation.field.themeHint')}>
        <input
          id={`${id}-theme`}
          value={draft.theme}
          maxLength={100}
          onChange={(e) => set('theme', e.target.value)}
          aria-describedby={`${id}-theme-hint`}
        />
      </Field>
      <Field id={`${id}-title`} label={t('evaluation.field.title')} required error={errors.title}>
        <input id={`${id}-title`} value={draft.title} maxLength={300} required onChange={(e) => set('title', e.target.value)} />
      </Field>
      <Field id={`${id}-indicator`} label={t('evaluation.field.indicator')}>
        <select id={`${id}-indicator`} value={draft.indicatorId} onChange={(e) => set('indicatorId', e.target.value)}>
          <option value="">{t('evaluation.field.indicatorNone')}</option>
          {indicators.map((i) => (
            <option key={i.id} value={i.id}>
              {`${i.code} ${i.name}`}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-indicator-name`} label={t('evaluation.field.indicatorName')}>
        <input
          id={`${id}-indicator-name`}
          value={draft.indicatorName}
          maxLength={200}
          onChange={(e) => set('indicatorName', e.target.value)}
        />
      </Field>
      <div className="inline-fields form-grid__wide">
        <Field id={`${id}-unit`} label={t('evaluation.field.unit')}>
          <input
            id={`${id}-unit`}
            value={draft.unit}
            maxLength={30}
            placeholder={catalogueUnit}
            onChange={(e) => set('unit', e.target.value)}
            size={6}
          />
        </Field>
        <Field id={`${id}-target`} label={t('evaluation.field.target')} error={errors.targetValue}>
          <input
            id={`${id}-target`}
            inputMode="decimal"
            value={draft.targetValue}
            onChange={(e) => set('targetValue', e.target.value)}
            size={8}
          />
        </Field>
        <Field id={`${id}-actual`} label={t('evaluation.field.actual')} error={errors.actualValue}>
          <input
            id={`${id}-actual`}
            inputMode="decimal"
            value={draft.actualValue}
            onChange={(e) => set('actualValue', e.target.value)}
            size={8}
          />
        </Field>
        <Field id={`${id}-mark`} label={t('evaluation.field.mark')}>
          <select
            id={`${id}-mark`}
            value={draft.mark}
            onChange={(e) => set('mark', selfEvaluationMarks.find((m) => m === e.target.value) ?? '')}
          >
            <option value="">{t('evaluation.field.markNone')}</option>
            {selfEvaluationMarks.map((m: SelfEvaluationMark) => (
              <option key={m} value={m}>
                {`${selfEvaluationMarkSymbols[m]} ${L.selfEvaluationMark[m]}`}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id={`${id}-comment`} label={t('evaluation.field.comment')} className="form-grid__wide">
        <textarea id={`${id}-comment`} rows={3} maxLength={5000} value={draft.comment} onChange={(e) => set('comment', e.target.value)} />
      </Field>
      <Field id={`${id}-direction`} label={t('evaluation.field.direction')}>
        <select
          id={`${id}-direction`}
          value={draft.direction}
          onChange={(e) => set('direction', selfEvaluationDirections.find((d) => d === e.target.value) ?? '')}
        >
          <option value="">{t('evaluation.field.directionNone')}</option>
          {selfEvaluationDirections.map((d: SelfEvaluationDirection) => (
            <option key={d} value={d}>
              {L.selfEvaluationDirection[d]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-direction-text`} label={t('evaluation.field.directionText')}>
        <textarea
          id={`${id}-direction-text`}
          rows={2}
          maxLength={5000}
          value={draft.directionText}
          onChange={(e) => set('directionText', e.target.value)}
        />
      </Field>
      <fieldset className="form-grid__wide self-eval-form__actions">
        <legend className="field__label">{t('evaluation.field.actions')}</legend>
        {actions.length === 0 ? <p className="muted">{t('evaluation.field.actionsNone')}</p> : null}
        {actions.map((a) => (
          <label key={a.id} className="self-eval-form__action">
            <input
              type="checkbox"
              checked={draft.actionIds.includes(a.id)}
              onChange={(e) => set('actionIds', e.target.checked ? [...draft.actionIds, a.id] : draft.actionIds.filter((x) => x !== a.id))}
            />
            {a.node.title}
            <span className="muted">{` (${L.actionStatus[a.status]})`}</span>
          </label>
        ))}
      </fieldset>
      <div className="form-grid__actions form-grid__wide">
        <button type="submit" className="btn btn--primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('common:common.saving') : t('evaluation.save')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onCancel}>
          {t('common:common.cancel')}
        </button>
      </div>
      {stale ? (
        <div className="form-grid__wide">
          <Notice
            tone="warning"
            title={t('evaluation.stale')}
            action={
              <button type="button" className="btn btn--primary btn--small" onClick={reload} disabled={!current}>
                {t('evaluation.reload')}
              </button>
            }
          >
            <p>{t('evaluation.staleKept')}</p>
          </Notice>
        </div>
      ) : mutation.error ? (
        <div className="form-grid__wide">
          <ErrorMessage error={mutation.error} />
        </div>
      ) : null}
    </form>
  );
}
