import { useEffect, useState } from 'react';
import { monthLabel, yearLabel } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';

/** Calendar years to offer: a few around the value and today. */
export function yearsAround(value: string, today: string, spread = 3): number[] {
  const years = [Number(today.slice(0, 4))];
  if (/^\d{4}-\d{2}$/.test(value)) years.push(Number(value.slice(0, 4)));
  const first = Math.min(...years) - spread;
  const last = Math.max(...years) + spread;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function split(value: string): [string, string] {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return m ? [m[1] ?? '', String(Number(m[2]))] : ['', ''];
}

/**
 * A year-month (YYYY-MM) picker made of two selects (年 with its 令和 label, 月), so that it reads
 * the same in every browser and language; emits '' until both parts are chosen.
 */
export function MonthField({
  id,
  label,
  value,
  onChange,
  today,
  required = false,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  today: string;
  required?: boolean;
  error?: string | null | undefined;
}) {
  const { t } = useTranslation('common');
  const { locale } = useLocale();
  const [[year, month], setParts] = useState<[string, string]>(() => split(value));
  useEffect(() => {
    // Follow a value set from outside (e.g. a form reset) unless it is the one we emitted.
    const [y, m] = split(value);
    if (value !== '' && (y !== year || m !== month)) setParts([y, m]);
    if (value === '' && year !== '' && month !== '') setParts(['', '']);
    // year/month are read, not followed: only an outside change of value matters
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const change = (y: string, m: string) => {
    setParts([y, m]);
    onChange(y && m ? `${y}-${m.padStart(2, '0')}` : '');
  };
  return (
    <fieldset className={`field month-field${error ? ' field--invalid' : ''}`} id={id}>
      <legend className="field__label">
        {label}
        {required ? <span className="field__required">{t('common.paren', { text: t('common.required') })}</span> : null}
      </legend>
      <div className="month-field__controls">
        <select
          aria-label={`${label} ${t('month.year')}`}
          value={year}
          onChange={(e) => change(e.target.value, month)}
          aria-invalid={Boolean(error)}
        >
          <option value="">{t('month.yearPlaceholder')}</option>
          {yearsAround(value, today).map((y) => (
            <option key={y} value={String(y)}>
              {t('month.yearOption', { era: yearLabel(y, locale), year: y })}
            </option>
          ))}
        </select>
        <select
          aria-label={`${label} ${t('month.month')}`}
          value={month}
          onChange={(e) => change(year, e.target.value)}
          aria-invalid={Boolean(error)}
        >
          <option value="">{t('month.monthPlaceholder')}</option>
          {Array.from({ length: 12 }, (_, i) => String(i + 1)).map((m) => (
            <option key={m} value={m}>
              {monthLabel(`2000-${m.padStart(2, '0')}`, locale)}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
