import {
  type CreateProgramBody,
  fiscalYearOf,
  fiscalYearRange,
  formatFiscalYear,
  type Program,
  programScheduleIssues,
  todayInJapan,
} from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateProgram } from '../../../api/programs/create-program';
import { useUpdateProgram } from '../../../api/programs/update-program';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { useLocale } from '../../../i18n';
import { serverFieldErrors } from '../../../lib/api-error';

interface WindowDraft {
  start: string;
  end: string;
  purpose: string;
}

/**
 * Opens or edits a program: fiscal year (shown as 令和N年度), name, plan period (第9期), any number of
 * visit windows and the report meeting. The schedule is checked by the shared rule before sending;
 * the server's 400 lands on the same fields.
 */
export function ProgramForm({ program, onDone }: { program?: Program; onDone: (saved: Program) => void }) {
  const { t } = useTranslation('admin');
  const { locale } = useLocale();
  const id = useId();
  const create = useCreateProgram();
  const update = useUpdateProgram();
  const mutation = program ? update : create;
  const [fiscalYear, setFiscalYear] = useState(String(program?.fiscalYear ?? fiscalYearOf(todayInJapan()) + 1));
  const [name, setName] = useState(program?.name ?? '');
  const [planPeriod, setPlanPeriod] = useState(program?.planPeriod ?? '');
  const [windows, setWindows] = useState<WindowDraft[]>(
    program?.visitWindows.map((w) => ({ start: w.start, end: w.end, purpose: w.purpose })) ?? [],
  );
  const [reportMeeting, setReportMeeting] = useState(program?.reportMeeting ?? '');
  const [checked, setChecked] = useState(false);

  const fy = Number(fiscalYear);
  const fyValid = Number.isInteger(fy) && fy >= 2000 && fy <= 2100;
  const body: CreateProgramBody = {
    fiscalYear: fy,
    name: name.trim(),
    planPeriod: planPeriod.trim() || null,
    visitWindows: windows.map((w, i) => ({ seq: i + 1, start: w.start, end: w.end, purpose: w.purpose.trim() })),
    reportMeeting: reportMeeting || null,
  };
  const range = fyValid ? fiscalYearRange(fy) : null;
  const local: Record<string, string> = {};
  if (checked) {
    if (!fyValid) local.fiscalYear = t('program.error.fiscalYear');
    if (!body.name) local.name = t('program.error.required');
    windows.forEach((w, i) => {
      if (!w.start) local[`visitWindows.${i}.start`] = t('program.error.required');
      if (!w.end) local[`visitWindows.${i}.end`] = t('program.error.required');
    });
    if (range)
      for (const issue of programScheduleIssues({ ...body, visitWindows: body.visitWindows.filter((w) => w.start && w.end) }))
        local[issue.path] = t(`program.error.${issue.rule}`, range);
  }
  const errors = { ...serverFieldErrors(mutation.error), ...local };
  const setWindow = (i: number, patch: Partial<WindowDraft>) => setWindows(windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!fyValid || !body.name || windows.some((w) => !w.start || !w.end) || programScheduleIssues(body).length > 0) return;
    if (program) update.mutate({ program, body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <form className="card program-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{program ? t('program.editTitle') : t('program.newTitle')}</h2>
      {mutation.error ? <ErrorMessage error={mutation.error} /> : null}
      <Field
        id={`${id}-fy`}
        label={t('program.fiscalYear')}
        hint={fyValid ? t('program.fiscalYearHint', { label: formatFiscalYear(fy, locale), ...fiscalYearRange(fy) }) : undefined}
        error={errors.fiscalYear}
        required
      >
        <input id={`${id}-fy`} type="number" min={2000} max={2100} value={fiscalYear} onChange={(e) => setFiscalYear(e.target.value)} />
      </Field>
      <Field id={`${id}-name`} label={t('program.name')} error={errors.name} required>
        <input id={`${id}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field id={`${id}-period`} label={t('program.planPeriod')} hint={t('program.planPeriodHint')} error={errors.planPeriod}>
        <input id={`${id}-period`} value={planPeriod} maxLength={50} onChange={(e) => setPlanPeriod(e.target.value)} />
      </Field>
      <fieldset className="program-form__windows">
        <legend>{t('program.windows')}</legend>
        {windows.length === 0 ? <p className="field__hint">{t('program.windowsEmpty')}</p> : null}
        {windows.map((w, i) => (
          <div className="program-form__window" key={i} role="group" aria-label={t('program.window', { n: i + 1 })}>
            <Field
              id={`${id}-w${i}-start`}
              label={t('program.windowStart', { n: i + 1 })}
              error={errors[`visitWindows.${i}.start`]}
              required
            >
              <input id={`${id}-w${i}-start`} type="date" value={w.start} onChange={(e) => setWindow(i, { start: e.target.value })} />
            </Field>
            <Field id={`${id}-w${i}-end`} label={t('program.windowEnd', { n: i + 1 })} error={errors[`visitWindows.${i}.end`]} required>
              <input id={`${id}-w${i}-end`} type="date" value={w.end} onChange={(e) => setWindow(i, { end: e.target.value })} />
            </Field>
            <Field id={`${id}-w${i}-purpose`} label={t('program.windowPurpose', { n: i + 1 })} error={errors[`visitWindows.${i}.purpose`]}>
              <input
                id={`${id}-w${i}-purpose`}
                value={w.purpose}
                maxLength={200}
                onChange={(e) => setWindow(i, { purpose: e.target.value })}
              />
            </Field>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setWindows(windows.filter((_, j) => j !== i))}>
              {t('program.removeWindow', { n: i + 1 })}
            </button>
          </div>
        ))}
        {windows.length < 12 ? (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => setWindows([...windows, { start: '', end: '', purpose: '' }])}
          >
            {t('program.addWindow')}
          </button>
        ) : null}
      </fieldset>
      <Field id={`${id}-meeting`} label={t('program.reportMeeting')} error={errors.reportMeeting}>
        <input id={`${id}-meeting`} type="date" value={reportMeeting} onChange={(e) => setReportMeeting(e.target.value)} />
      </Field>
      <button type="submit" className="btn btn--primary" disabled={mutation.isPending}>
        {program ? t('program.save') : t('program.create')}
      </button>
    </form>
  );
}
