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
}: {
  title: string;
  testId: string;
  x: number[];
  lines: SweepLine[];
  markers: SweepMarker[];
  theme: ChartTheme;
  /** A fixed top (100 for percentages); otherwise 12% above the largest value. */
  yMax?: number;
  format: (value: number | null) => string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = host.current;
    if (!element || x.length === 0) return;
    const axis = chartAxis(theme);
    const series: uPlot.Series[] = [{}];
    const data: (number | null)[][] = [x];
    const bands: uPlot.Band[] = [];
    for (const line of lines) {
      const colour = line.reference ? theme.reference : seriesColour(theme, line.style);
      series.push({
        label: line.label,
        stroke: colour,
        width: line.reference ? 1.5 : 2,
        dash: line.reference ? [6, 4] : seriesDash(line.style),
        points: { show: !line.reference, size: 5, fill: colour },
        spanGaps: false,
      });
      data.push(line.values);
      if (line.low && line.high) {
        const lowIndex = series.length;
        for (const edge of [line.low, line.high]) {
          series.push({ stroke: 'transparent', points: { show: false }, spanGaps: false });
          data.push(edge);
        }
        bands.push({ series: [lowIndex + 1, lowIndex], fill: `${colour}33` });
      }
    }
    const markerPlugin: uPlot.Plugin = {
      hooks: {
        draw: (u) => {
          const { ctx, bbox } = u;
          ctx.save();
          ctx.font = `${Math.round(12 * devicePixelRatio)}px ${theme.font.replace(/^\d+px /, '')}`;
          markers.forEach((marker, index) => {
            const px = Math.round(u.valToPos(marker.at, 'x', true));
            ctx.strokeStyle = index === 0 ? theme.cursor : theme.reference;
            ctx.fillStyle = ctx.strokeStyle;
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(px, bbox.top);
            ctx.lineTo(px, bbox.top + bbox.height);
            ctx.stroke();
            const text = marker.label;
            const width = ctx.measureText(text).width;
            const left =
              px + 4 * devicePixelRatio + width > bbox.left + bbox.width
                ? px - width - 4 * devicePixelRatio
                : px + 4 * devicePixelRatio;
            ctx.fillText(text, left, bbox.top + (14 + index * 14) * devicePixelRatio);
          });
          ctx.restore();
        },
      },
    };
    const largest = Math.max(
      0,
      ...data.slice(1).flatMap((column) => column.filter((v): v is number => v !== null)),
    );
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: Math.max(120, element.clientHeight),
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: (_u, min, max) => (min === max ? [min - 1, max + 1] : [min, max]) },
          y: { range: () => [0, yMax ?? (largest > 0 ? largest * 1.12 : 1)] },
        },
        axes: [
          { ...axis, size: 28, values: (_u, ticks) => ticks.map((tick) => formatNumber(tick)) },
          { ...axis, size: 56, space: 18, values: (_u, ticks) => ticks.map((tick) => format(tick)) },
        ],
        series,
        bands,
        plugins: [markerPlugin],
      },
      data as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() =>
      chart.setSize({
        width: Math.max(200, element.clientWidth),
        height: Math.max(120, element.clientHeight),
      }),
    );
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
