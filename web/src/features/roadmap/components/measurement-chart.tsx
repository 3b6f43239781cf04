import { formatMonth } from '@banso/shared';
import { chartModel } from '../lib/chart';
import type { AnyPlan } from '../lib/rows';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';

const box = { width: 560, height: 200, left: 52, right: 16, top: 14, bottom: 34 };

const fmtNumber = (v: number) => (Math.abs(v) >= 1000 ? v.toLocaleString('ja-JP') : String(Number(v.toPrecision(6))));

/** Measurements of one plan against its baseline and target, as a small SVG line chart. */
export function MeasurementChart({ plan }: { plan: AnyPlan }) {
  const { t } = useTranslation(['roadmap', 'common']);
  const { locale } = useLocale();
  const m = chartModel(
    {
      baselineValue: plan.baselineValue,
      baselineAsOf: plan.baselineAsOf,
      targetValue: plan.targetValue,
      targetBy: plan.targetBy,
      measurements: plan.measurements,
    },
    box,
  );
  const latest = plan.latest;
  const summary = latest
    ? t('chart.summary', {
        count: plan.measurements.length,
        period: formatMonth(latest.period, locale),
        value: fmtNumber(latest.value),
        unit: plan.unit,
      })
    : t('chart.noData');
  const path = m.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');

  return (
    <figure className="chart">
      <svg
        className="chart__svg"
        viewBox={`0 0 ${box.width} ${box.height}`}
        role="img"
        aria-label={t('common:common.sentences', { first: t('chart.title', { name: plan.indicatorName }), second: summary })}
        preserveAspectRatio="xMidYMid meet"
      >
        {m.yTicks.map((tick) => (
          <g key={tick.value}>
            <line className="chart__grid" x1={m.plot.x0} x2={m.plot.x1} y1={tick.y} y2={tick.y} />
            <text className="chart__tick" x={m.plot.x0 - 6} y={tick.y + 4} textAnchor="end">
              {fmtNumber(tick.value)}
            </text>
          </g>
        ))}
        {m.xTicks.map((tick) => (
          <text key={tick.period} className="chart__tick" x={tick.x} y={box.height - 12} textAnchor="middle">
            {`${tick.period.slice(0, 4)}/${Number(tick.period.slice(5, 7))}`}
          </text>
        ))}
        {m.baselineY !== null ? (
          <g>
            <line className="chart__baseline" x1={m.plot.x0} x2={m.plot.x1} y1={m.baselineY} y2={m.baselineY} />
            <text className="chart__line-label chart__line-label--baseline" x={m.plot.x1} y={m.baselineY - 5} textAnchor="end">
              {t('chart.baseline')} {plan.baselineValue !== null ? fmtNumber(plan.baselineValue) : ''}
            </text>
          </g>
        ) : null}
        {m.targetY !== null ? (
          <g>
            <line className="chart__target" x1={m.plot.x0} x2={m.plot.x1} y1={m.targetY} y2={m.targetY} />
            <text className="chart__line-label chart__line-label--target" x={m.plot.x1} y={m.targetY - 5} textAnchor="end">
              {t('chart.target')} {plan.targetValue !== null ? fmtNumber(plan.targetValue) : ''}
            </text>
          </g>
        ) : null}
        {path ? <path className="chart__line" d={path} /> : null}
        {m.points.map((p) => (
          <circle key={p.period} className="chart__point" cx={p.x} cy={p.y} r={4}>
            <title>{`${formatMonth(p.period, locale)}: ${fmtNumber(p.value)}${plan.unit}`}</title>
          </circle>
        ))}
        {m.points.length === 0 ? (
          <text className="chart__empty" x={(m.plot.x0 + m.plot.x1) / 2} y={(m.plot.y0 + m.plot.y1) / 2} textAnchor="middle">
            {t('chart.noData')}
          </text>
        ) : null}
      </svg>
      <figcaption className="chart__caption">{summary}</figcaption>
    </figure>
  );
}
