// One sweep chart: a uPlot line chart against the swept value, with optional 95% bands (a pair of
// low/high series filled between, drawn only with replications) and vertical markers (the knee,
// the SLO limit) labelled on the plot. Rebuilt when its data changes — a sweep delivers a point at
// a time, a few times a second at most, so there is no per-frame work here.
import { useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartAxis, seriesColour, seriesDash, type ChartTheme } from '../dock/chartTheme';
import { formatNumber } from '../../shared/format';

export interface SweepLine {
  label: string;
  values: (number | null)[];
  /** 95% interval per point; a band is drawn when given. */
  low?: (number | null)[];
  high?: (number | null)[];
  style: number;
  /** A reference line (the SLO target): the theme's danger colour, dashed. */
  reference?: boolean;
}

export interface SweepMarker {
  at: number;
  label: string;
}

export function SweepChart({
  title,
  testId,
  x,
  lines,
  markers,
  theme,
  yMax,
  format,
}: { title: string; testId: string; x: number[] } & SweepChartSpec) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = host.current;
    if (!element || x.length === 0) return;
    const size = () => ({
      width: Math.max(200, element.clientWidth),
      height: Math.max(120, element.clientHeight),
    });
    const chart = new uPlot(
      sweepChartOptions({ lines, markers, theme, yMax, format }, size()),
      sweepChartData(x, lines),
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize(size()));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [x, lines, markers, theme, yMax, format]);

  return (
    <figure className="sweep-chart" data-testid={testId} data-points={x.length}>
      <figcaption>
        <span className="sweep-chart-title">{title}</span>
        <span className="sweep-legend">
          {lines.map((line) => (
            <span key={line.label} className="sweep-legend-item">
              <svg width="22" height="8" aria-hidden="true">
                <line
                  x1="0"
                  y1="4"
                  x2="22"
                  y2="4"
                  stroke={line.reference ? theme.reference : seriesColour(theme, line.style)}
                  strokeWidth="2"
                  strokeDasharray={(line.reference ? [6, 4] : seriesDash(line.style)).join(' ')}
                />
              </svg>
              {line.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="sweep-plot" ref={host}>
        {x.length === 0 && <p className="sweep-empty">Points appear here as they finish.</p>}
      </div>
    </figure>
  );
}

export interface SweepChartSpec {
  lines: SweepLine[];
  markers: SweepMarker[];
  theme: ChartTheme;
  /** A fixed top (100 for percentages); otherwise 12% above the largest value. */
  yMax?: number;
  format: (value: number | null) => string;
}

/** uPlot's columns: the swept values, then each line (and its band's low and high). */
export function sweepChartData(x: number[], lines: SweepLine[]): uPlot.AlignedData {
  const data: (number | null)[][] = [x];
  for (const line of lines) {
    data.push(line.values);
    if (line.low && line.high) data.push(line.low, line.high);
  }
  return data as uPlot.AlignedData;
}

/** One sweep chart's uPlot options (the panel's and the report's): `scale` multiplies fonts and
 *  strokes for an image drawn at more than the screen's pixel ratio. */
export function sweepChartOptions(
  { lines, markers, theme, yMax, format }: SweepChartSpec,
  size: { width: number; height: number },
  axisOptions: { scale?: number; font?: string } = {},
): uPlot.Options {
  const axis = chartAxis(theme, axisOptions.scale, axisOptions.font);
  const k = axisOptions.scale ?? 1;
  const series: uPlot.Series[] = [{}];
  const bands: uPlot.Band[] = [];
  let largest = 0;
  for (const line of lines) {
    const colour = line.reference ? theme.reference : seriesColour(theme, line.style);
    series.push({
      label: line.label,
      stroke: colour,
      width: (line.reference ? 1.5 : 2) * k,
      dash: (line.reference ? [6, 4] : seriesDash(line.style)).map((step) => step * k),
      points: { show: !line.reference, size: 5 * k, fill: colour },
      spanGaps: false,
    });
    for (const column of [line.values, line.high ?? []])
      for (const value of column) if (value !== null && value > largest) largest = value;
    if (line.low && line.high) {
      const lowIndex = series.length;
      for (let edge = 0; edge < 2; edge++)
        series.push({ stroke: 'transparent', points: { show: false }, spanGaps: false });
      bands.push({ series: [lowIndex + 1, lowIndex], fill: `${colour}33` });
    }
  }
  const markerPlugin: uPlot.Plugin = {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        const px1 = devicePixelRatio * k;
        ctx.save();
        ctx.font = `${Math.round(12 * px1)}px ${theme.font.replace(/^\d+px /, '')}`;
        markers.forEach((marker, index) => {
          const px = Math.round(u.valToPos(marker.at, 'x', true));
          ctx.strokeStyle = index === 0 ? theme.cursor : theme.reference;
          ctx.fillStyle = ctx.strokeStyle;
          ctx.lineWidth = 2 * px1;
          ctx.setLineDash([4 * px1, 3 * px1]);
          ctx.beginPath();
          ctx.moveTo(px, bbox.top);
          ctx.lineTo(px, bbox.top + bbox.height);
          ctx.stroke();
          const text = marker.label;
          const width = ctx.measureText(text).width;
          const left = px + 4 * px1 + width > bbox.left + bbox.width ? px - width - 4 * px1 : px + 4 * px1;
          ctx.fillText(text, left, bbox.top + (14 + index * 14) * px1);
        });
        ctx.restore();
      },
    },
  };
  return {
    ...size,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: (_u, min, max) => (min === max ? [min - 1, max + 1] : [min, max]) },
      y: { range: () => [0, yMax ?? (largest > 0 ? largest * 1.12 : 1)] },
    },
    axes: [
      {
        ...axis,
        size: 28 * k,
        space: 50 * k,
        values: (_u, ticks) => ticks.map((tick) => formatNumber(tick)),
      },
      { ...axis, size: 56 * k, space: 18 * k, values: (_u, ticks) => ticks.map((tick) => format(tick)) },
    ],
    series,
    bands,
    plugins: [markerPlugin],
  };
}
