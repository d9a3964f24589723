// One streaming chart: a uPlot instance owned by this component, rebuilt only when its list of
// series or the theme changes. New data arrives through `update()` (called by the dock's feed a few
// times a second), which calls uPlot's setData and writes the legend values straight to the DOM —
// no React render per update.
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RunHistory } from '../run/runHistory';
import { chartColumns, seriesValueAt, type ChartModel } from './series';
import { chartAxis, seriesColour, seriesDash, type ChartTheme } from './chartTheme';
import { formatAxisSeconds } from './format';
import { formatMs, formatNumber, formatPercent, formatPerSecond, formatRps } from '../../shared/format';

export interface ChartHandle {
  update(model: ChartModel, history: RunHistory, cursorS: number | null, force: boolean): void;
}

/** Points per chart: about one per 2 CSS pixels of a wide chart is all the eye can use. */
const MAX_POINTS = 400;

/** A legend value, written as everywhere else (shared/format.ts); no data is the em dash. */
export function formatChartValue(unit: ChartModel['unit'], value: number | null): string {
  switch (unit) {
    case 'rps':
      return formatRps(value);
    case 'ms':
      return formatMs(value);
    case '%':
      // The chart plots percentages (0–100); the formatter takes a fraction.
      return formatPercent(value === null ? null : value / 100);
    case 'errors/s':
      return formatPerSecond(value);
    case 'requests':
      return formatNumber(value);
  }
}

export function ChartCard({
  model,
  theme,
  onScrub,
  ref,
}: {
  model: ChartModel;
  theme: ChartTheme;
  /** Pointer on the plot: move the run cursor to that sim second. */
  onScrub: (tS: number) => void;
  ref: Ref<ChartHandle>;
}) {
  const plotRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const cursorRef = useRef<number | null>(null);
  const valueRefs = useRef<(HTMLSpanElement | null)[]>([]);
  const onScrubRef = useRef(onScrub);
  useEffect(() => {
    onScrubRef.current = onScrub;
  }, [onScrub]);
  const seriesKey = model.series.map((spec) => `${spec.key}|${spec.label}|${spec.style}`).join(',');
  const empty = model.emptyReason !== null;

  useLayoutEffect(() => {
    const host = plotRef.current;
    if (!host || empty) return;
    const size = () => ({
      width: Math.max(120, Math.floor(host.clientWidth)),
      height: Math.max(60, Math.floor(host.clientHeight)),
    });
    const axis = chartAxis(theme);
    // The run cursor (scrubbed time) as a vertical line in the theme's selection colour.
    const cursorLine: uPlot.Plugin = {
      hooks: {
        draw: (u) => {
          const tS = cursorRef.current;
          if (tS === null || u.data[0].length === 0) return;
          const x = Math.round(u.valToPos(tS, 'x', true));
          const { ctx, bbox } = u;
          ctx.save();
          ctx.strokeStyle = theme.cursor;
          ctx.lineWidth = 2 * devicePixelRatio;
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
          ctx.restore();
        },
      },
    };
    const options: uPlot.Options = {
      ...size(),
      legend: { show: false },
      cursor: { y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
      scales: {
        x: { time: false },
        y:
          model.unit === '%'
            ? { range: [0, 100] }
            : { range: (_u, _min, max) => [0, max > 0 ? max * 1.12 : 1] as [number, number] },
      },
      axes: [
        { ...axis, size: 26, values: (_u, ticks) => ticks.map(formatAxisSeconds) },
        {
          ...axis,
          size: 52,
          // Short charts still get a tick above zero.
          space: 16,
          values: (_u, ticks) => ticks.map((tick) => compactNumber(tick)),
        },
      ],
      series: [
        {},
        ...model.series.map((spec) => ({
          label: spec.label,
          stroke: spec.reference ? theme.reference : seriesColour(theme, spec.style),
          width: spec.reference ? 1.5 : 2,
          dash: spec.reference ? [6, 4] : seriesDash(spec.style),
          spanGaps: false,
          points: { show: false },
        })),
      ],
      plugins: [cursorLine],
    };
    const chart = new uPlot(options, [[], ...model.series.map(() => [])], host);
    chartRef.current = chart;
    host.dataset.points = '0';
    const scrubAt = (event: PointerEvent) => {
      const rect = chart.over.getBoundingClientRect();
      if (chart.data[0].length === 0) return;
      onScrubRef.current(chart.posToVal(event.clientX - rect.left, 'x'));
    };
    const onDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      chart.over.setPointerCapture(event.pointerId);
      scrubAt(event);
    };
    const onMove = (event: PointerEvent) => {
      if (chart.over.hasPointerCapture(event.pointerId)) scrubAt(event);
    };
    chart.over.addEventListener('pointerdown', onDown);
    chart.over.addEventListener('pointermove', onMove);
    const observer = new ResizeObserver(() => chart.setSize(size()));
    observer.observe(host);
    return () => {
      observer.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
    // seriesKey stands for model.series and model.unit: rebuild only when the lines change.
  }, [seriesKey, theme, empty]);

  useImperativeHandle(
    ref,
    () => ({
      update(nextModel, history, cursorS, force) {
        const chart = chartRef.current;
        // The sample at the cursor, or the newest one when live.
        const index = cursorS === null ? history.count - 1 : history.indexAt(cursorS);
        nextModel.series.forEach((spec, i) => {
          const cell = valueRefs.current[i];
          if (cell) cell.textContent = formatChartValue(nextModel.unit, seriesValueAt(spec, history, index));
        });
        if (!chart) return;
        const cursorMoved = cursorRef.current !== cursorS;
        cursorRef.current = cursorS;
        if (force) {
          const columns = chartColumns(nextModel, history, MAX_POINTS);
          chart.setData(columns as uPlot.AlignedData);
          if (plotRef.current) plotRef.current.dataset.points = String(columns[0].length);
        } else if (cursorMoved) chart.redraw(false, false);
      },
    }),
    [],
  );

  return (
    <figure className="run-chart" data-testid={`chart-${model.id}`}>
      <figcaption className="run-chart-head">
        <span className="run-chart-title">
          {model.title} <span className="run-chart-unit">{model.unit}</span>
        </span>
        <span className="run-chart-legend">
          {empty
            ? null
            : model.series.map((spec, i) => (
                <span key={spec.key} className="run-chart-key" title={spec.label}>
                  <LegendSwatch
                    colour={spec.reference ? theme.reference : seriesColour(theme, spec.style)}
                    dash={spec.reference ? [6, 4] : seriesDash(spec.style)}
                  />
                  <span className="run-chart-key-label">{spec.label}</span>
                  <span
                    className="run-chart-key-value"
                    data-testid={`chart-${model.id}-value-${spec.key}`}
                    ref={(element) => {
                      valueRefs.current[i] = element;
                    }}
                  >
                    –
                  </span>
                </span>
              ))}
        </span>
      </figcaption>
      {empty ? (
        <p className="run-chart-empty">{model.emptyReason}</p>
      ) : (
        <div className="run-chart-plot" ref={plotRef} data-points="0" />
      )}
    </figure>
  );
}

/** A short line in the series' colour and dash, so the legend matches the plot without colour alone. */
function LegendSwatch({ colour, dash }: { colour: string; dash: number[] }) {
  return (
    <svg className="run-chart-swatch" width="22" height="8" aria-hidden="true">
      <line
        x1="1"
        y1="4"
        x2="21"
        y2="4"
        stroke={colour}
        strokeWidth="2.5"
        strokeDasharray={dash.length > 0 ? dash.map((d) => Math.max(1, d * 0.7)).join(' ') : undefined}
      />
    </svg>
  );
}

function compactNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${Number((value / 1_000_000).toFixed(1))}M`;
  if (abs >= 10_000) return `${Math.round(value / 1000)}k`;
  if (abs >= 1000) return `${Number((value / 1000).toFixed(1))}k`;
  return Number(value.toFixed(abs < 10 ? 2 : 0)).toString();
}
