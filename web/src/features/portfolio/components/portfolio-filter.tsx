import { formatFiscalYear, type Program } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/ui/field';
import { useLocale } from '../../../i18n';
import { fiscalYearsOf, type PortfolioFilter, withFiscalYear } from '../lib/filter';

const ALL = '';

/** Fiscal year and program of the portfolio: two years never mix unless the office asks for every year. */
export function PortfolioFilterBar({
  programs,
  value,
  onChange,
}: {
  programs: readonly Program[];
  value: PortfolioFilter;
  onChange: (next: PortfolioFilter) => void;
}) {
  const { t } = useTranslation('portfolio');
  const { locale } = useLocale();
  const years = fiscalYearsOf(programs);
  const ofYear = value.fiscalYear === null ? programs : programs.filter((p) => p.fiscalYear === value.fiscalYear);
  return (
    <div className="inline-fields portfolio-filter" role="group" aria-label={t('portfolio.filter.label')}>
      <Field id="portfolio-fiscal-year" label={t('portfolio.filter.fiscalYear')}>
        <select
          id="portfolio-fiscal-year"
          value={value.fiscalYear === null ? ALL : String(value.fiscalYear)}
          onChange={(e) => onChange(withFiscalYear(programs, e.target.value === ALL ? null : Number(e.target.value)))}
        >
          {years.map((fy) => (
            <option key={fy} value={String(fy)}>
              {formatFiscalYear(fy, locale)}
            </option>
          ))}
          <option value={ALL}>{t('portfolio.filter.allYears')}</option>
        </select>
      </Field>
      <Field id="portfolio-program" label={t('portfolio.filter.program')} className="inline-fields__grow">
        <select
          id="portfolio-program"
          value={value.programId ?? ALL}
          onChange={(e) => onChange({ ...value, programId: e.target.value === ALL ? null : e.target.value })}
        >
          {ofYear.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          <option value={ALL}>{t('portfolio.filter.allPrograms')}</option>
        </select>
      </Field>
    </div>
  );
}
