import { type AnalysisIndicator, formatPeriod } from '@banso/shared';
import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/ui/feedback';
import { useLabels, useLocale } from '../../../i18n';
import { formatValue, linesOf, type LineLabels, rowsOf } from '../lib/series';
import { LineSwatch } from './line-marker';

// recharts is its own chunk, fetched when the first chart is drawn.
const IndicatorChart = lazy(() => import('./indicator-chart'));

/** One indicator: latest value and period, rank with its direction, the lines, and the same figures as a table. */
export function IndicatorCard({ item, labels, withNeighbours }: { item: AnalysisIndicator; labels: LineLabels; withNeighbours: boolean }) {
  const { t } = useTranslation('analysis');
  const L = useLabels();
  const { locale } = useLocale();
  const titleId = useId();
  const { indicator, ranking } = item;
  const lines = linesOf(item, labels, withNeighbours);
  const rows = rowsOf(item);
  const latest = item.series.own.at(-1);
  const fmt = (v: number | undefined) => formatValue(v, indicator.decimals, locale);
  const at = (key: 'national' | 'prefecture' | 'similar') => (latest ? rows.find((r) => r.period === latest.period)?.[key] : undefined);
  const compared = lines.filter((l) => l.key === 'national' || l.key === 'prefecture' || l.key === 'similar');
  return (
    <li className="card analysis-card" aria-labelledby={titleId} data-code={indicator.code}>
      <h4 id={titleId} className="analysis-card__title">
        {indicator.name}
      </h4>
      <p className="analysis-card__meta">
        <span>{indicator.code}</span>
        <span>{t('card.level', { level: L.indicatorLevel[indicator.level] })}</span>
        <span>{t('card.source', { source: indicator.source })}</span>
      </p>
      <div className="analysis-card__figures">
        <div className="analysis-card__latest">
          <span className="analysis-card__label">{t('card.latest')}</span>
          {latest ? (
            <span data-testid="latest-value">
              <strong className="analysis-card__value">{fmt(latest.value)}</strong> {indicator.unit}
              <span className="analysis-card__period">{formatPeriod(latest.period, locale)}</span>
            </span>
          ) : (
            <span className="muted">{t('card.noValue')}</span>
          )}
        </div>
        <div className="analysis-card__rank">
          <span className="analysis-card__label">
            {ranking ? t('card.rankLabel', { period: formatPeriod(ranking.period, locale) }) : t('card.noRank')}
          </span>
          {ranking ? <strong data-testid="rank">{t('card.rank', { rank: ranking.rank, of: ranking.of })}</strong> : null}
          <span className={`analysis-direction analysis-direction--${indicator.direction}`}>
            <span aria-hidden="true">{indicator.direction === 'higher' ? '↑ ' : '↓ '}</span>
            {t(`card.rankNote.${indicator.direction}`)}
          </span>
        </div>
      </div>
      {latest && compared.length ? (
        <dl className="analysis-compare" aria-label={t('card.compare', { period: formatPeriod(latest.period, locale) })}>
          {compared.map((l) => (
            <div key={l.key}>
              <dt>{l.label}</dt>
              <dd>{fmt(at(l.key as 'national' | 'prefecture' | 'similar'))}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {rows.length ? (
        <>
          <Suspense fallback={<Loading inline label={t('chart.loading')} />}>
            <IndicatorChart rows={rows} lines={lines} decimals={indicator.decimals} />
          </Suspense>
          <ul className="analysis-legend" aria-label={t('chart.legend')}>
            {lines.map((l) => (
              <li key={l.key}>
                <LineSwatch line={l} />
                {l.label}
              </li>
            ))}
          </ul>
          {/* Hidden in a 1 px frame: a table never shrinks to 1 px itself, and would widen the page. */}
          <div className="visually-hidden">
            <table data-testid="series-table">
              <caption>{t('chart.caption', { name: indicator.name, unit: indicator.unit })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('chart.period')}</th>
                  {lines.map((l) => (
                    <th key={l.key} scope="col">
                      {l.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.period}>
                    <th scope="row">{formatPeriod(r.period, locale)}</th>
                    {lines.map((l) => (
                      <td key={l.key}>{fmt(r[l.key])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </li>
  );
}
