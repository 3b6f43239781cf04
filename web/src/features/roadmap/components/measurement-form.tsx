import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { MonthField } from '../../../components/ui/month-field';
import { Notice } from '../../../components/ui/feedback';
import { useRecordMeasurement } from '../../../api/roadmap/record-measurement';
import { parseNumberInput } from '../lib/rows';
import { useTranslation } from 'react-i18next';

/** Records a measurement (advisor, municipal member). */
export function MeasurementForm({
  engagementId,
  planId,
  defaultPeriod,
  unit,
  today,
}: {
  engagementId: string;
  planId: string;
  defaultPeriod: string;
  unit: string;
  today: string;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const id = useId();
  const record = useRecordMeasurement(engagementId);
  const [period, setPeriod] = useState(defaultPeriod);
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const n = parseNumberInput(value);
    if (n === null || Number.isNaN(n)) {
      setError(t('plan.number'));
      return;
    }
    setError(null);
    record.mutate(
      { planId, body: { period, value: n, comment: comment.trim() } },
      {
        onSuccess: () => {
          setSaved(true);
          setValue('');
          setComment('');
        },
      },
    );
  };

  return (
    <form className="inline-fields" onSubmit={submit} noValidate aria-label={t('measurement.record')}>
      <MonthField id={`${id}-period`} label={t('measurement.period')} required value={period} onChange={setPeriod} today={today} />
      <Field
        id={`${id}-value`}
        label={`${t('measurement.value')}${unit ? t('common:common.paren', { text: unit }) : ''}`}
        required
        error={error}
      >
        <input
          id={`${id}-value`}
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={Boolean(error)}
        />
      </Field>
      <Field id={`${id}-comment`} label={t('measurement.comment')} className="inline-fields__grow">
        <input id={`${id}-comment`} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <button type="submit" className="btn btn--primary" disabled={record.isPending || !period}>
        {record.isPending ? t('common:common.saving') : t('measurement.record')}
      </button>
      {record.error ? <ErrorMessage error={record.error} /> : null}
      {saved && !record.error ? <Notice tone="success">{t('measurement.saved')}</Notice> : null}
    </form>
  );
}
