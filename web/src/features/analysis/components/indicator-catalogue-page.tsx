import {
  type CreateIndicatorBody,
  formatPeriod,
  type Indicator,
  indicatorDirections,
  indicatorFigureKinds,
  indicatorLevels,
  type IndicatorValueEntryResult,
  periodKinds,
} from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIndicators } from '../../../api/indicators/get-indicators';
import { useCreateIndicator, useEnterIndicatorValue, useUpdateIndicator } from '../../../api/indicators/save-indicator';
import { useMunicipalities } from '../../../api/municipalities/list-municipalities';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { Link } from '../../../components/ui/link';
import { useLabels, useLocale } from '../../../i18n';
import { serverFieldErrors } from '../../../lib/api-error';
import { paths } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';

type TextKey = Exclude<keyof CreateIndicatorBody, 'cumulative'>;
type Draft = Record<TextKey, string> & { cumulative: boolean };

const draftOf = (i?: Indicator): Draft => ({
  code: i?.code ?? '',
  name: i?.name ?? '',
  unit: i?.unit ?? '',
  direction: i?.direction ?? 'higher',
  level: i?.level ?? 'outcome',
  source: i?.source ?? '',
  definition: i?.definition ?? '',
  frequency: i?.frequency ?? '',
  theme: i?.theme ?? '',
  figureKind: i?.figureKind ?? 'rate',
  cumulative: i?.cumulative ?? false,
  periodKind: i?.periodKind ?? 'fiscal_year',
  decimals: String(i?.decimals ?? 1),
  minValue: i?.minValue === null || i?.minValue === undefined ? '' : String(i.minValue),
  maxValue: i?.maxValue === null || i?.maxValue === undefined ? '' : String(i.maxValue),
});

const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

function bodyOf(d: Draft): CreateIndicatorBody {
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    unit: d.unit.trim(),
    direction: d.direction as CreateIndicatorBody['direction'],
    level: d.level as CreateIndicatorBody['level'],
    source: d.source.trim(),
    definition: d.definition.trim(),
    frequency: d.frequency.trim() || null,
    theme: d.theme.trim(),
    figureKind: d.figureKind as NonNullable<CreateIndicatorBody['figureKind']>,
    cumulative: d.cumulative,
    periodKind: d.periodKind as NonNullable<CreateIndicatorBody['periodKind']>,
    decimals: Number(d.decimals),
    minValue: numberOrNull(d.minValue),
    maxValue: numberOrNull(d.maxValue),
  };
}

/** Only what changed goes in a PATCH, so an edit never overwrites a field someone else changed meanwhile. */
function changedFields(before: Indicator, body: CreateIndicatorBody): Partial<CreateIndicatorBody> {
  return Object.fromEntries(
    Object.entries(body).filter(([k, v]) => (before as unknown as Record<string, unknown>)[k] !== v),
  ) as Partial<CreateIndicatorBody>;
}

/** Adds an indicator or edits one: every field of the catalogue entry, the server's 400 on the same fields. */
function IndicatorForm({ indicator, onDone }: { indicator?: Indicator; onDone: () => void }) {
  const { t } = useTranslation(['analysis', 'common']);
  const L = useLabels();
  const id = useId();
  const create = useCreateIndicator();
  const update = useUpdateIndicator();
  const mutation = indicator ? update : create;
  const [draft, setDraft] = useState(() => draftOf(indicator));
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const errors = serverFieldErrors(mutation.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf(draft);
    if (!indicator) return create.mutate(body, { onSuccess: onDone });
    const patch = changedFields(indicator, body);
    if (Object.keys(patch).length === 0) return onDone();
    update.mutate({ indicator, body: patch }, { onSuccess: onDone });
  };
  const text = (key: TextKey, opts: { required?: boolean; wide?: boolean; hint?: string } = {}) => (
    <Field id={`${id}-${key}`} label={t(`catalogue.field.${key}`)} required={opts.required} error={errors[key]} hint={opts.hint}>
      <input
        id={`${id}-${key}`}
        value={draft[key]}
        required={opts.required}
        size={opts.wide ? 40 : 12}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </Field>
  );
  const choice = (key: TextKey, values: readonly string[], label: (v: string) => string) => (
    <Field id={`${id}-${key}`} label={t(`catalogue.field.${key}`)} error={errors[key]}>
      <select id={`${id}-${key}`} value={draft[key]} onChange={(e) => set({ [key]: e.target.value })}>
        {values.map((v) => (
          <option key={v} value={v}>
            {label(v)}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <form className="card indicator-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="indicator-form">
      <h2 id={`${id}-title`} className="card__title">
        {indicator ? t('catalogue.editTitle', { code: indicator.code }) : t('catalogue.addTitle')}
      </h2>
      <div className="form-grid">
        {text('code', { required: true, hint: t('catalogue.codeHint') })}
        {text('name', { required: true, wide: true })}
        {text('theme')}
        {text('unit')}
        {choice('level', indicatorLevels, (v) => L.indicatorLevel[v as Indicator['level']])}
        {choice('direction', indicatorDirections, (v) => L.direction[v as Indicator['direction']])}
        {choice('figureKind', indicatorFigureKinds, (v) => L.indicatorFigureKind[v as Indicator['figureKind']])}
        {choice('periodKind', periodKinds, (v) => L.periodKind[v as Indicator['periodKind']])}
        <Field id={`${id}-decimals`} label={t('catalogue.field.decimals')} error={errors.decimals}>
          <input
            id={`${id}-decimals`}
            type="number"
            min={0}
            max={6}
            value={draft.decimals}
            onChange={(e) => set({ decimals: e.target.value })}
          />
        </Field>
        <Field id={`${id}-minValue`} label={t('catalogue.field.minValue')} error={errors.minValue}>
          <input
            id={`${id}-minValue`}
            type="number"
            step="any"
            value={draft.minValue}
            onChange={(e) => set({ minValue: e.target.value })}
          />
        </Field>
        <Field id={`${id}-maxValue`} label={t('catalogue.field.maxValue')} error={errors.maxValue}>
          <input
            id={`${id}-maxValue`}
            type="number"
            step="any"
            value={draft.maxValue}
            onChange={(e) => set({ maxValue: e.target.value })}
          />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={draft.cumulative} onChange={(e) => set({ cumulative: e.target.checked })} />{' '}
          {t('catalogue.field.cumulative')}
        </label>
        {text('source', { wide: true })}
        {text('frequency')}
      </div>
      <Field id={`${id}-definition`} label={t('catalogue.field.definition')} error={errors.definition}>
        <textarea id={`${id}-definition`} rows={3} value={draft.definition} onChange={(e) => set({ definition: e.target.value })} />
      </Field>
      {mutation.error ? <ErrorMessage error={mutation.error} /> : null}
      <div className="toolbar">
        <button type="submit" className="btn btn--primary" disabled={mutation.isPending}>
          {t('common:common.save')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          {t('common:common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One figure entered by hand: a municipality's own record, for an indicator and a period written as people write it. */
function ValueEntryForm({ indicators }: { indicators: Indicator[] }) {
  const { t } = useTranslation(['analysis', 'common']);
  const { locale } = useLocale();
  const id = useId();
  const municipalities = useMunicipalities();
  const enter = useEnterIndicatorValue();
  const [municipalityId, setMunicipalityId] = useState('');
  const [indicatorId, setIndicatorId] = useState('');
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  const [done, setDone] = useState<IndicatorValueEntryResult | null>(null);
  const errors = serverFieldErrors(enter.error);
  const indicator = indicators.find((i) => i.id === indicatorId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    enter.mutate({ indicatorId, municipalityId, period, value: Number(value) }, { onSuccess: setDone });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="value-entry">
      <h2 id={`${id}-title`} className="card__title">
        {t('catalogue.entryTitle')}
      </h2>
      <p className="muted">{t('catalogue.entryLead')}</p>
      <div className="form-grid">
        <Field id={`${id}-m`} label={t('catalogue.entry.municipality')} required error={errors.municipalityId}>
          <select id={`${id}-m`} required value={municipalityId} onChange={(e) => setMunicipalityId(e.target.value)}>
            <option value="">{t('catalogue.entry.choose')}</option>
            {(municipalities.data?.items ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-i`} label={t('catalogue.entry.indicator')} required error={errors.indicatorId}>
          <select id={`${id}-i`} required value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)}>
            <option value="">{t('catalogue.entry.choose')}</option>
            {indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.code} {i.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={`${id}-p`}
          label={t('catalogue.entry.period')}
          required
          error={errors.period}
          hint={t(`catalogue.entry.periodHint.${indicator?.periodKind ?? 'fiscal_year'}`)}
        >
          <input id={`${id}-p`} required value={period} size={12} onChange={(e) => setPeriod(e.target.value)} />
        </Field>
        <Field
          id={`${id}-v`}
          label={indicator?.unit ? t('catalogue.entry.valueIn', { unit: indicator.unit }) : t('catalogue.entry.value')}
          required
          error={errors.value}
        >
          <input id={`${id}-v`} required type="number" step="any" value={value} onChange={(e) => setValue(e.target.value)} />
        </Field>
      </div>
      {enter.error && Object.keys(errors).length === 0 ? <ErrorMessage error={enter.error} /> : null}
      {municipalities.error ? <ErrorMessage error={municipalities.error} onRetry={() => void municipalities.refetch()} /> : null}
      <div className="toolbar">
        <button type="submit" className="btn btn--primary" disabled={enter.isPending}>
          {t('catalogue.entry.save')}
        </button>
      </div>
      {done ? (
        <Notice tone="success">
          <span data-testid="value-entry-done">
            {done.previous === null
              ? t('catalogue.entry.created', { period: formatPeriod(done.period, locale), value: done.value })
              : t('catalogue.entry.updated', { period: formatPeriod(done.period, locale), value: done.value, previous: done.previous })}
          </span>
        </Notice>
      ) : null}
    </form>
  );
}

/** /indicators (program office): the indicator catalogue — add and edit entries — and one figure entered by hand. */
export function IndicatorCataloguePage() {
  const { t } = useTranslation(['analysis', 'common']);
  const L = useLabels();
  useDocumentTitle(t('catalogue.title'), t('common:app.name'));
  const indicators = useIndicators();
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const items = indicators.data ?? [];
  const range = (i: Indicator) =>
    i.minValue === null && i.maxValue === null ? '' : t('catalogue.range', { min: i.minValue ?? '', max: i.maxValue ?? '' });
  return (
    <div className="page indicator-catalogue-page">
      <h1>{t('catalogue.title')}</h1>
      <p>{t('catalogue.lead')}</p>
      <p className="toolbar">
        <Link href={paths.indicatorImport()}>{t('catalogue.toImport')}</Link>
        {editing === null ? (
          <button type="button" className="btn btn--secondary" onClick={() => setEditing('new')}>
            {t('catalogue.add')}
          </button>
        ) : null}
      </p>
      {editing ? (
        <IndicatorForm
          key={editing === 'new' ? 'new' : editing.id}
          indicator={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {indicators.error ? <ErrorMessage error={indicators.error} onRetry={() => void indicators.refetch()} /> : null}
      <section className="card" aria-labelledby="catalogue-table-title">
        <h2 id="catalogue-table-title" className="card__title">
          {t('catalogue.count', { n: items.length })}
        </h2>
        <div className="table-wrap">
          <table className="table table--compact" data-testid="indicator-catalogue">
            <thead>
              <tr>
                <th scope="col">{t('catalogue.field.code')}</th>
                <th scope="col">{t('catalogue.field.name')}</th>
                <th scope="col">{t('catalogue.field.theme')}</th>
                <th scope="col">{t('catalogue.field.unit')}</th>
                <th scope="col">{t('catalogue.field.level')}</th>
                <th scope="col">{t('catalogue.field.direction')}</th>
                <th scope="col">{t('catalogue.field.figureKind')}</th>
                <th scope="col">{t('catalogue.field.periodKind')}</th>
                <th scope="col">{t('catalogue.col.range')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('catalogue.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>{i.code}</td>
                  <th scope="row">{i.name}</th>
                  <td>{i.theme}</td>
                  <td>{i.unit}</td>
                  <td>{L.indicatorLevel[i.level]}</td>
                  <td>{L.direction[i.direction]}</td>
                  <td>
                    {L.indicatorFigureKind[i.figureKind]}
                    {i.cumulative ? t('catalogue.cumulativeMark') : ''}
                  </td>
                  <td>{L.periodKind[i.periodKind]}</td>
                  <td>{range(i)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      aria-label={t('catalogue.editOf', { name: i.name })}
                      onClick={() => setEditing(i)}
                    >
                      {t('common:common.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <ValueEntryForm indicators={items} />
    </div>
  );
}
