import { type Access, can, formatMonth, type Measurement } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Notice } from '../../../components/ui/feedback';
import { MonthField } from '../../../components/ui/month-field';
import { useDeleteMeasurement } from '../../../api/roadmap/delete-measurement';
import { useUpdateMeasurement } from '../../../api/roadmap/update-measurement';
import { useLocale } from '../../../i18n';
import { useTranslation } from 'react-i18next';
import { type AnyMeasurement, type AnyPlan, measurementAuthor, measurementComment, parseNumberInput } from '../lib/rows';

const format = (v: number, unit: string) => `${v.toLocaleString('ja-JP')}${unit}`;

/** The full view's measurement (with comment, author and version): only those can be corrected. */
const correctable = (m: AnyMeasurement): m is Measurement => 'version' in m;

/** 訂正: the inline correction of one value (period, value, comment) against the version shown (If-Match). */
function CorrectionForm({
  engagementId,
  measurement,
  unit,
  today,
  onDone,
  onCancel,
}: {
  engagementId: string;
  measurement: Measurement;
  unit: string;
  today: string;
  onDone: (saved: Measurement) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const { locale } = useLocale();
  const id = useId();
  const update = useUpdateMeasurement(engagementId);
  const [period, setPeriod] = useState(measurement.period);
  const [value, setValue] = useState(String(measurement.value));
  const [comment, setComment] = useState(measurement.comment);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = parseNumberInput(value);
    if (n === null || Number.isNaN(n)) {
      setError(t('plan.number'));
      return;
    }
    setError(null);
    const body = {
      ...(period !== measurement.period ? { period } : {}),
      ...(n !== measurement.value ? { value: n } : {}),
      ...(comment.trim() !== measurement.comment ? { comment: comment.trim() } : {}),
    };
    if (Object.keys(body).length === 0) return onCancel();
    update.mutate({ planId: measurement.planId, measurementId: measurement.id, version: measurement.version, body }, { onSuccess: onDone });
  };
  return (
    <form
      className="inline-fields"
      onSubmit={submit}
      noValidate
      aria-label={t('measurement.correctForm', { period: formatMonth(measurement.period, locale) })}
    >
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
      <button type="submit" className="btn btn--primary" disabled={update.isPending || !period}>
        {update.isPending ? t('common:common.saving') : t('measurement.saveCorrection')}
      </button>
      <button type="button" className="btn btn--secondary" onClick={onCancel}>
        {t('common:common.cancel')}
      </button>
      {update.error ? <ErrorMessage error={update.error} /> : null}
    </form>
  );
}

/**
 * The plan's recorded values, newest first. Those who may record (advisors, the municipality)
 * correct a value inline (訂正) or delete it after confirming; observers see period and value only.
 */
export function MeasurementTable({
  engagementId,
  plan,
  access,
  today,
}: {
  engagementId: string;
  plan: AnyPlan;
  access: Access;
  today: string;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const { locale } = useLocale();
  const remove = useDeleteMeasurement(engagementId);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<Measurement | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const full = 'comment' in (plan.measurements[0] ?? {});
  const canWrite = full && can(access, 'measurement.write');
  const columns = 2 + (full ? 2 : 0) + (canWrite ? 1 : 0);
  const rows = [...plan.measurements].sort((a, b) => b.period.localeCompare(a.period));
  // Stays mounted (and open) while a removal is under way: its notice shows inside.
  if (rows.length === 0 && !notice && !remove.error && !remove.isPending) return null;
  return (
    <details className="measurements">
      <summary>
        {t('measurement.title')}
        {t('common:common.paren', { text: rows.length })}
      </summary>
      {rows.length > 0 ? (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('measurement.col.period')}</th>
              <th scope="col" className="num">
                {t('measurement.col.value')}
              </th>
              {full ? (
                <>
                  <th scope="col">{t('measurement.comment')}</th>
                  <th scope="col">{t('measurement.col.by')}</th>
                </>
              ) : null}
              {canWrite ? <th scope="col">{t('measurement.col.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => {
              const period = formatMonth(m.period, locale);
              if (editing === m.id && correctable(m))
                return (
                  <tr key={m.id}>
                    <td colSpan={columns}>
                      <CorrectionForm
                        engagementId={engagementId}
                        measurement={m}
                        unit={plan.unit}
                        today={today}
                        onCancel={() => setEditing(null)}
                        onDone={(saved) => {
                          setEditing(null);
                          setNotice(t('measurement.corrected', { period: formatMonth(saved.period, locale) }));
                        }}
                      />
                    </td>
                  </tr>
                );
              return (
                <tr key={m.id}>
                  <td>{period}</td>
                  <td className="num">{format(m.value, plan.unit)}</td>
                  {'comment' in m ? (
                    <>
                      <td>{measurementComment(m)}</td>
                      <td>{measurementAuthor(m)}</td>
                    </>
                  ) : null}
                  {canWrite && correctable(m) ? (
                    <td className="table__actions">
                      <button
                        type="button"
                        className="btn btn--ghost btn--small"
                        aria-label={t('measurement.correctLabel', { period })}
                        onClick={() => {
                          setNotice(null);
                          setEditing(m.id);
                        }}
                      >
                        {t('measurement.correct')}
                      </button>
                      <button
                        type="button"
                        className="btn btn--danger-text btn--small"
                        aria-label={t('measurement.deleteLabel', { period })}
                        disabled={remove.isPending}
                        onClick={() => setConfirmDelete(m)}
                      >
                        {t('measurement.delete')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {notice && !remove.error ? <Notice tone="success">{notice}</Notice> : null}
      <ConfirmDialog
        open={confirmDelete !== null}
        title={t('measurement.deleteTitle')}
        body={
          confirmDelete
            ? t('measurement.deleteBody', {
                period: formatMonth(confirmDelete.period, locale),
                value: format(confirmDelete.value, plan.unit),
              })
            : ''
        }
        confirmLabel={t('measurement.delete')}
        cancelLabel={t('common:common.cancel')}
        onConfirm={() => {
          const m = confirmDelete;
          setConfirmDelete(null);
          if (!m) return;
          setNotice(null);
          remove.mutate(
            { planId: m.planId, measurementId: m.id, version: m.version },
            { onSuccess: () => setNotice(t('measurement.deleted', { period: formatMonth(m.period, locale) })) },
          );
        }}
        onCancel={() => setConfirmDelete(null)}
      />
    </details>
  );
}
