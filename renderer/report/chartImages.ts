// The dock's six charts drawn to PNG images for a report: the same models and folded columns as the
// dock (renderer/dock/series.ts: chartModel, chartColumns — the run history's one fold policy), the
// same colour-blind-safe colours and dash styles (chartTheme.ts) in the light theme (a report is a
// white page), drawn by uPlot into a detached element off screen at 2× for print, then composed with
// the title and a legend (swatch, label, value at the end of the run) onto one canvas and read back
// as a data URL. No network, nothing left in the page afterwards.
import uPlot from 'uplot';
import type { RunHistory } from '../run/runHistory';
import {
  CHART_IDS,
  chartColumns,
  chartModel,
  seriesValueAt,
  type ChartId,
  type ChartModel,
  type SeriesContext,
  type SeriesSpec,
} from '../dock/series';
import { chartAxis, chartTheme, seriesColour, seriesDash, type ChartTheme } from '../dock/chartTheme';
import { formatChartValue } from '../dock/ChartCard';
import { formatAxisSeconds } from '../dock/format';
import type { ReportChart } from './runReport';
import type { RunTimeline } from '../../shared/analysis/runTask';

/** CSS pixels of one chart in the report; drawn at OUTPUT_SCALE device pixels per CSS pixel. */
const CHART_WIDTH = 900;
const PLOT_HEIGHT = 220;
const HEADER_HEIGHT = 30;
const LEGEND_ROW_HEIGHT = 22;
const OUTPUT_SCALE = 2;
/** Time-axis steps in seconds (uPlot picks the smallest that leaves room between ticks). */
const SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 43_200, 86_400];
/** Points per chart: the report is wider than a dock chart. */
const MAX_POINTS = 600;

function compactNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${Number((value / 1_000_000).toFixed(1))}M`;
  if (abs >= 10_000) return `${Math.round(value / 1000)}k`;
  if (abs >= 1000) return `${Number((value / 1000).toFixed(1))}k`;
  return Number(value.toFixed(abs < 10 ? 2 : 0)).toString();
}

const lineColour = (theme: ChartTheme, spec: ChartModel['series'][number]) =>
  spec.reference ? theme.reference : seriesColour(theme, spec.style);
const lineDash = (spec: ChartModel['series'][number]) => (spec.reference ? [6, 4] : seriesDash(spec.style));

/** A moment drawn on a chart as a dashed vertical line with a short label (a fault firing). */
export interface ChartMark {
  atS: number;
  label: string;
}

/** Draws the marks over a drawn plot (uPlot's draw hook; canvas pixels, `k` per CSS pixel). */
function drawMarks(u: uPlot, marks: readonly ChartMark[], theme: ChartTheme, k: number, font: string) {
  const context = u.ctx;
  const { top, height } = u.bbox;
  context.save();
  context.strokeStyle = theme.reference;
  context.fillStyle = theme.reference;
  context.lineWidth = 1.5 * k;
  context.setLineDash([5 * k, 4 * k]);
  context.font = font;
  context.textBaseline = 'top';
  marks.forEach((mark, index) => {
    const x = u.valToPos(mark.atS, 'x', true);
    if (!Number.isFinite(x)) return;
    context.beginPath();
    context.moveTo(x, top);
    context.lineTo(x, top + height);
    context.stroke();
    // Beside the line, on the side with room; labels step down so marks close together stay readable.
    const roomRight = x + context.measureText(mark.label).width + 8 * k < u.bbox.left + u.bbox.width;
    context.textAlign = roomRight ? 'left' : 'right';
    context.fillText(mark.label, x + (roomRight ? 4 : -4) * k, top + 2 * k + (index % 3) * 14 * k);
  });
  context.restore();
}

/** Draws one chart's plot with uPlot (off screen); resolves with its canvas once drawn. */
async function plotCanvas(
  model: ImageModel,
  columns: uPlot.AlignedData,
  theme: ChartTheme,
  marks: readonly ChartMark[] = [],
) {
  // uPlot draws at the screen's devicePixelRatio; sizes are scaled so the output is OUTPUT_SCALE.
  const k = OUTPUT_SCALE / (window.devicePixelRatio || 1);
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  Object.assign(host.style, { position: 'fixed', left: '-100000px', top: '0', pointerEvents: 'none' });
  document.body.append(host);
  const font = theme.font.replace(/(\d+(?:\.\d+)?)px/, (_match, size) => `${Number(size) * k}px`);
  const axis = chartAxis(theme, k, font);
  const chart = new uPlot(
    {
      width: Math.round(CHART_WIDTH * k),
      height: Math.round(PLOT_HEIGHT * k),
      legend: { show: false },
      cursor: { show: false },
      hooks: marks.length > 0 ? { draw: [(u) => drawMarks(u, marks, theme, k, font)] } : {},
      scales: {
        x: { time: false },
        y:
          model.unit === '%'
            ? { range: [0, 100] }
            : { range: (_u, _min, max) => [0, max > 0 ? max * 1.12 : 1] as [number, number] },
      },
      axes: [
        {
          ...axis,
          size: 30 * k,
          space: 70 * k,
          // Whole seconds only: the axis is written in whole seconds ("45s", "2:00").
          incrs: SECOND_STEPS,
          values: (_u, ticks) => ticks.map(formatAxisSeconds),
        },
        { ...axis, size: 56 * k, space: 24 * k, values: (_u, ticks) => ticks.map(compactNumber) },
      ],
      series: [
        {},
        ...model.series.map((spec) => ({
          label: spec.label,
          stroke: lineColour(theme, spec),
          width: (spec.reference ? 1.5 : 2) * k,
          dash: lineDash(spec).map((d) => d * k),
          spanGaps: false,
          points: { show: false },
        })),
      ],
    },
    columns,
    host,
  );
  // uPlot commits its first draw in a microtask.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return {
    canvas: chart.ctx.canvas,
    dispose: () => {
      chart.destroy();
      host.remove();
    },
  };
}

interface LegendEntry {
  label: string;
  value: string;
  colour: string;
  dash: number[];
}

/** Lays the legend out in rows that fit the chart's width (measured with the context's font). */
function legendRows(context: CanvasRenderingContext2D, entries: LegendEntry[]): LegendEntry[][] {
  const rows: LegendEntry[][] = [[]];
  let x = 0;
  for (const entry of entries) {
    const width = 30 + context.measureText(`${entry.label} ${entry.value}`).width + 20;
    if (x + width > CHART_WIDTH && rows[rows.length - 1].length > 0) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1].push(entry);
    x += width;
  }
  return rows;
}

async function chartImage(
  model: ChartModel,
  history: RunHistory,
  theme: ChartTheme,
  marks: readonly ChartMark[],
): Promise<ReportChart> {
  const last = history.count - 1;
  const values = model.series.map((spec) => seriesValueAt(spec, history, last));
  if (model.emptyReason !== null || history.count === 0)
    return emptyChart(model, values, theme, model.emptyReason ?? 'The run has no samples yet.');
  const columns = chartColumns(model, history, MAX_POINTS) as uPlot.AlignedData;
  return composedChart(model, columns, values, theme, marks);
}

function legendOf(
  model: Pick<ChartModel, 'unit' | 'series'>,
  values: readonly (number | null)[],
  theme: ChartTheme,
) {
  return model.series.map((spec, index) => ({
    label: spec.label,
    value: formatChartValue(model.unit, values[index]),
    colour: lineColour(theme, spec),
    dash: lineDash(spec),
  }));
}

type ImageModel = Pick<ChartModel, 'id' | 'title' | 'unit' | 'series'>;

function emptyChart(
  model: ImageModel,
  values: readonly (number | null)[],
  theme: ChartTheme,
  reason: string,
): ReportChart {
  const legend = legendOf(model, values, theme).map(({ label, value }) => ({ label, value }));
  return { id: model.id, title: model.title, unit: model.unit, legend, image: null, emptyReason: reason };
}

/** The chart's plot (uPlot, off screen) under its title and legend, as one PNG. */
async function composedChart(
  model: ImageModel,
  columns: uPlot.AlignedData,
  values: readonly (number | null)[],
  theme: ChartTheme,
  marks: readonly ChartMark[] = [],
): Promise<ReportChart> {
  const entries: LegendEntry[] = legendOf(model, values, theme);
  const legend = entries.map(({ label, value }) => ({ label, value }));
  const base = { id: model.id, title: model.title, unit: model.unit, legend };
  const plot = await plotCanvas(model, columns, theme, marks);
  try {
    const output = document.createElement('canvas');
    const measure = output.getContext('2d')!;
    const fontFamily = theme.font.replace(/^\S+\s+/, '');
    measure.font = `13px ${fontFamily}`;
    const rows = legendRows(measure, entries);
    const height = HEADER_HEIGHT + rows.length * LEGEND_ROW_HEIGHT + PLOT_HEIGHT + 6;
    output.width = CHART_WIDTH * OUTPUT_SCALE;
    output.height = height * OUTPUT_SCALE;
    const context = output.getContext('2d')!;
    context.scale(OUTPUT_SCALE, OUTPUT_SCALE);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, CHART_WIDTH, height);
    context.textBaseline = 'middle';
    context.fillStyle = '#1b2130';
    context.font = `600 16px ${fontFamily}`;
    context.fillText(model.title, 4, HEADER_HEIGHT / 2);
    const titleWidth = context.measureText(model.title).width;
    context.fillStyle = theme.axis;
    context.font = `13px ${fontFamily}`;
    context.fillText(model.unit, 4 + titleWidth + 8, HEADER_HEIGHT / 2 + 1);
    rows.forEach((row, r) => {
      let x = 4;
      const y = HEADER_HEIGHT + r * LEGEND_ROW_HEIGHT + LEGEND_ROW_HEIGHT / 2;
      for (const entry of row) {
        context.strokeStyle = entry.colour;
        context.lineWidth = 2.5;
        context.setLineDash(entry.dash.map((d) => Math.max(1, d * 0.7)));
        context.beginPath();
        context.moveTo(x, y);
        context.lineTo(x + 22, y);
        context.stroke();
        context.setLineDash([]);
        x += 30;
        context.fillStyle = '#1b2130';
        context.fillText(entry.label, x, y);
        x += context.measureText(`${entry.label} `).width;
        context.font = `600 13px ${fontFamily}`;
        context.fillText(entry.value, x, y);
        x += context.measureText(entry.value).width + 20;
        context.font = `13px ${fontFamily}`;
      }
    });
    const plotTop = HEADER_HEIGHT + rows.length * LEGEND_ROW_HEIGHT + 2;
    context.drawImage(plot.canvas, 0, plotTop, CHART_WIDTH, PLOT_HEIGHT);
    return {
      ...base,
      image: { src: output.toDataURL('image/png'), width: CHART_WIDTH, height },
      emptyReason: null,
    };
  } finally {
    plot.dispose();
  }
}

/** The dock's charts of the whole run (no node selected: the design-wide view) as report images —
 *  every chart, or the ones named, with moments marked on each (the debrief's faults). */
export async function renderChartImages(
  history: RunHistory,
  context: SeriesContext,
  { ids = CHART_IDS, marks = [] }: { ids?: readonly ChartId[]; marks?: readonly ChartMark[] } = {},
): Promise<ReportChart[]> {
  const theme = chartTheme('light');
  const charts: ReportChart[] = [];
  for (const id of ids)
    charts.push(await chartImage(chartModel(id, history, context), history, theme, marks));
  return charts;
}

/** The compare view's recorded timelines (first seed of A and of B) as report images: A solid, B
 *  dashed, on one time axis — throughput, p99 and errors, as the compare panel draws them. */
export async function renderCompareTimelineImages(a: RunTimeline, b: RunTimeline): Promise<ReportChart[]> {
  const theme = chartTheme('light');
  const seconds = a.tS.length >= b.tS.length ? a.tS : b.tS;
  const series = (key: string): SeriesSpec[] => [
    { key: `${key}-a`, label: 'A', style: 0, source: { constant: 0 } },
    { key: `${key}-b`, label: 'B', style: 1, source: { constant: 0 } },
  ];
  const charts: {
    id: ChartId;
    title: string;
    unit: ChartModel['unit'];
    column: (t: RunTimeline) => number[];
  }[] = [
    { id: 'throughput', title: 'Throughput', unit: 'rps', column: (t) => t.throughputRps },
    { id: 'latency', title: 'p99 latency', unit: 'ms', column: (t) => t.p99Ms },
    { id: 'errors', title: 'Error rate', unit: '%', column: (t) => t.errorRate.map((rate) => rate * 100) },
  ];
  const out: ReportChart[] = [];
  for (const chart of charts) {
    const model = { id: chart.id, title: chart.title, unit: chart.unit, series: series(chart.id) };
    const aligned = (t: RunTimeline) => seconds.map((_s, i) => chart.column(t)[i] ?? null);
    const lastOf = (t: RunTimeline) => chart.column(t)[t.tS.length - 1] ?? Number.NaN;
    const values = [lastOf(a), lastOf(b)];
    out.push(
      seconds.length === 0
        ? emptyChart(model, values, theme, 'The comparison recorded no seconds.')
        : await composedChart(model, [seconds, aligned(a), aligned(b)] as uPlot.AlignedData, values, theme),
    );
  }
  return out;
}
