/**
 * One indicator's lines (recharts, loaded with this file only when 地域分析 draws its charts). The
 * chart is hidden from assistive technology: the card's table of the same figures is its text
 * alternative, and the legend names each line with its dash and marker.
 */
import { formatPeriod } from '@banso/shared';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useLocale } from '../../../i18n';
import { formatTick, formatValue, type SeriesLine, type SeriesRow } from '../lib/series';
import { markerShape } from './line-marker';

export default function IndicatorChart({ rows, lines, decimals }: { rows: SeriesRow[]; lines: SeriesLine[]; decimals: number }) {
  const { locale } = useLocale();
  const fmt = (v: number) => formatValue(v, decimals, locale);
  return (
    <div className="analysis-chart" aria-hidden="true">
      <LineChart
        responsive
        style={{ width: '100%', height: 200 }}
        data={rows}
        margin={{ top: 8, right: 22, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#e3e7ec" vertical={false} />
        <XAxis
          dataKey="period"
          tickFormatter={(p: string) => formatPeriod(p, locale, { short: true }).replace(/年度$/, '')}
          tick={{ fill: '#4a5663', fontSize: 12 }}
          stroke="#aab4c0"
        />
        <YAxis
          width={56}
          tickFormatter={(v: number) => formatTick(v, decimals, locale)}
          tick={{ fill: '#4a5663', fontSize: 12 }}
          stroke="#aab4c0"
          domain={['auto', 'auto']}
        />
        <Tooltip formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))} labelFormatter={(p) => formatPeriod(String(p), locale)} />
        {lines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            name={l.label}
            stroke={l.color}
            strokeWidth={l.width}
            strokeDasharray={l.dash}
            isAnimationActive={false}
            connectNulls
            dot={({ cx, cy, index }) =>
              cx === undefined || cy === undefined ? null : <g key={`${l.key}-${index}`}>{markerShape(l.marker, cx, cy, l.color, 3.5)}</g>
            }
            activeDot={false}
          />
        ))}
      </LineChart>
    </div>
  );
}
