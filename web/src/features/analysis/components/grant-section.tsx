import { formatFiscalYear, type GrantScore, grantKinds } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/ui/feedback';
import { useLabels, useLocale } from '../../../i18n';
import { formatValue } from '../lib/series';

const percent = (score: number, max: number) => Math.round((score / max) * 100);

/** One grant's year: its areas (in the file's order) and the total, beside the national and prefecture averages. */
function GrantYearTable({ grant, year, scores }: { grant: string; year: number; scores: GrantScore[] }) {
  const { t } = useTranslation('analysis');
  const { locale } = useLocale();
  const fmt = (v: number | null) => formatValue(v, 0, locale);
  const caption = t('grants.caption', { grant, year: formatFiscalYear(year, locale) });
  const sum = (pick: (g: GrantScore) => number | null) =>
    scores.some((g) => pick(g) === null) ? null : scores.reduce((s, g) => s + (pick(g) ?? 0), 0);
  const total = {
    score: sum((g) => g.score) ?? 0,
    max: sum((g) => g.maxScore) ?? 1,
    national: sum((g) => g.nationalAverage),
    prefecture: sum((g) => g.prefectureAverage),
  };
  const row = (
    key: string,
    area: string,
    score: number,
    max: number,
    national: number | null,
    prefecture: number | null,
    isTotal = false,
  ) => (
    <tr key={key} className={isTotal ? 'analysis-grants__total' : undefined}>
      <th scope="row">{area}</th>
      <td>{fmt(score)}</td>
      <td>{fmt(max)}</td>
      <td>
        <span className="analysis-meter" aria-hidden="true">
          <span className="analysis-meter__bar" style={{ width: `${percent(score, max)}%` }} />
          {national !== null ? <span className="analysis-meter__mark" style={{ left: `${percent(national, max)}%` }} /> : null}
        </span>
        {percent(score, max)}%
      </td>
      <td>{fmt(national)}</td>
      <td>{fmt(prefecture)}</td>
    </tr>
  );
  return (
    // The table scrolls sideways on a phone: the frame is a named region the keyboard can scroll.
    <div className="table-wrap" role="region" tabIndex={0} aria-label={caption}>
      <table className="table table--compact analysis-grants__table" data-testid={`grant-${scores[0]?.grant ?? ''}-${year}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('grants.col.area')}</th>
            <th scope="col">{t('grants.col.score')}</th>
            <th scope="col">{t('grants.col.max')}</th>
            <th scope="col">{t('grants.col.rate')}</th>
            <th scope="col">{t('grants.col.national')}</th>
            <th scope="col">{t('grants.col.prefecture')}</th>
          </tr>
        </thead>
        <tbody>
          {scores.map((g) => row(g.area, g.area, g.score, g.maxScore, g.nationalAverage, g.prefectureAverage))}
          {row('total', t('grants.total'), total.score, total.max, total.national, total.prefecture, true)}
        </tbody>
      </table>
    </div>
  );
}

/** 交付金: each grant, its years newest first. */
export function GrantSection({ grants }: { grants: GrantScore[] }) {
  const { t } = useTranslation('analysis');
  const L = useLabels();
  return (
    <section className="analysis-grants" aria-labelledby="analysis-grants-title">
      <h3 id="analysis-grants-title" className="analysis-theme__title">
        {t('grants.title')}
      </h3>
      <p className="muted">{t('grants.lead')}</p>
      {grants.length === 0 ? (
        <EmptyState>{t('grants.empty')}</EmptyState>
      ) : (
        <div className="analysis-grants__grid">
          {grantKinds.map((kind) => {
            const ofKind = grants.filter((g) => g.grant === kind);
            const years = [...new Set(ofKind.map((g) => g.fiscalYear))].sort((a, b) => b - a);
            return years.length ? (
              <div key={kind} className="card analysis-grants__card">
                <h4 className="analysis-card__title">{L.grantKind[kind]}</h4>
                {years.map((y) => (
                  <GrantYearTable
                    key={y}
                    grant={L.grantKind[kind]}
                    year={y}
                    scores={ofKind.filter((g) => g.fiscalYear === y).sort((a, b) => a.position - b.position)}
                  />
                ))}
              </div>
            ) : null;
          })}
        </div>
      )}
    </section>
  );
}
