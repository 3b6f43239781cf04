import type { ReactNode } from 'react';
import type { Marker, SeriesLine } from '../lib/series';

/** A marker drawn at (x, y): shapes tell the lines apart without colour. */
export function markerShape(marker: Marker, x: number, y: number, color: string, size = 4): ReactNode {
  const s = size;
  switch (marker) {
    case 'circle':
      return <circle cx={x} cy={y} r={s} fill={color} />;
    case 'square':
      return <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill="#fff" stroke={color} strokeWidth={2} />;
    case 'triangle':
      return <path d={`M${x},${y - s - 1} L${x + s + 1},${y + s} L${x - s - 1},${y + s} Z`} fill={color} />;
    case 'diamond':
      return (
        <path
          d={`M${x},${y - s - 1} L${x + s + 1},${y} L${x},${y + s + 1} L${x - s - 1},${y} Z`}
          fill="#fff"
          stroke={color}
          strokeWidth={2}
        />
      );
    case 'cross':
      return <path d={`M${x - s},${y - s} L${x + s},${y + s} M${x + s},${y - s} L${x - s},${y + s}`} stroke={color} strokeWidth={2} />;
  }
}

/** A line's swatch for the legend: its colour, dash and marker, as on the chart. */
export function LineSwatch({ line }: { line: SeriesLine }) {
  return (
    <svg className="analysis-swatch" width="34" height="12" viewBox="0 0 34 12" aria-hidden="true" focusable="false">
      <line x1="1" y1="6" x2="33" y2="6" stroke={line.color} strokeWidth={line.width} strokeDasharray={line.dash} />
      {markerShape(line.marker, 17, 6, line.color, 3.5)}
    </svg>
  );
}
