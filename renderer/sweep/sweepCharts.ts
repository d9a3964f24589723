// The sweep's four charts as data (the panel draws them, the report draws them again off screen):
// latency with the SLO line, throughput against offered load, errors, and the hottest instance of
// the busiest tiers — each line with its 95% band when the sweep has replications, and the knee and
// the SLO limit as markers once every point has run.
import { formatMs, formatNumber, formatPercent, formatRps } from '../../shared/format';
import type { Estimate } from '../../shared/analysis/confidence';
import type { SweepResult } from '../../shared/analysis/sweep';
import type { ChartTheme } from '../dock/chartTheme';
import type { SweepChartSpec, SweepLine, SweepMarker } from './SweepChart';

const mean = (estimate: Estimate) => estimate.mean;
const percent = (value: number | null) => (value === null ? null : value * 100);
const formatPercentAxis = (value: number | null) => formatPercent(value === null ? null : value / 100);
const formatRpsAxis = (value: number | null) => formatRps(value, 'compact');
const formatMsAxis = (value: number | null) => formatMs(value, 'compact');

/** A line with its 95% band when the sweep has replications. */
function line(
  label: string,
  style: number,
  estimates: Estimate[],
  bands: boolean,
  scale: (value: number | null) => number | null = (value) => value,
): SweepLine {
  return {
    label,
    style,
    values: estimates.map((estimate) => scale(mean(estimate))),
    ...(bands ? { low: estimates.map((e) => scale(e.low)), high: estimates.map((e) => scale(e.high)) } : {}),
  };
}

/** The charts' data, from the result over the complete points. */
export function sweepCharts(result: SweepResult) {
  const bands = result.seeds.length > 1;
  const points = result.points;
  const x = points.map((point) => point.value);
  const flat = (value: number) => points.map(() => value);
  const latency: SweepLine[] = [
    line(
      'p50',
      2,
      points.map((p) => p.latencyMs.p50),
      false,
    ),
    line(
      'p95',
      1,
      points.map((p) => p.latencyMs.p95),
      false,
    ),
    line(
      'p99',
      0,
      points.map((p) => p.latencyMs.p99),
      bands,
    ),
    {
      label: `SLO p99 ${formatMs(result.slo.p99Ms)}`,
      style: 0,
      values: flat(result.slo.p99Ms),
      reference: true,
    },
  ];
  const throughput: SweepLine[] = [
    line(
      'offered',
      1,
      points.map((p) => p.offeredRps),
      false,
    ),
    line(
      'throughput',
      0,
      points.map((p) => p.throughputRps),
      bands,
    ),
  ];
  const errors: SweepLine[] = [
    line(
      'error rate',
      0,
      points.map((p) => p.errorRate),
      bands,
      percent,
    ),
    {
      label: `SLO max ${formatPercent(result.slo.maxErrorRate)}`,
      style: 0,
      values: flat(result.slo.maxErrorRate * 100),
      reference: true,
    },
  ];
  // The five tiers whose hottest instance gets busiest.
  const tiers = Object.entries(points.at(-1)?.nodes ?? {})
    .filter(([, node]) => (node.hottestInstanceUtilization.mean ?? 0) > 0)
    .sort((a, b) => b[1].hottestInstanceUtilization.mean! - a[1].hottestInstanceUtilization.mean!)
    .slice(0, 5)
    .map(([id]) => id);
  return { x, latency, throughput, errors, tiers };
}

export function sweepMarkers(result: SweepResult, complete: boolean): SweepMarker[] {
  if (!complete) return [];
  const markers: SweepMarker[] = [];
  if (result.knee)
    markers.push({
      at: result.knee.load,
      label: `knee ${formatNumber(result.knee.load)} (${result.knee.reason === 'latency' ? 'p99 bends' : 'throughput stops'})`,
    });
  if (result.withinSlo.maxLoad !== null && result.withinSlo.withinRange)
    markers.push({
      at: result.withinSlo.maxLoad,
      label: `SLO limit ${formatNumber(result.withinSlo.maxLoad)}`,
    });
  return markers;
}

/** The panel's four charts (and the report's): title, test id, swept values and what to draw. */
export function sweepChartSet(
  result: SweepResult,
  nodeLabel: (id: string) => string,
  theme: ChartTheme,
  complete: boolean,
): { title: string; testId: string; x: number[]; spec: SweepChartSpec }[] {
  const charts = sweepCharts(result);
  const markers = sweepMarkers(result, complete);
  const unknown: Estimate = { mean: null, halfWidth: null, low: null, high: null, n: 0 };
  const utilization = charts.tiers.map((id, index) =>
    line(
      nodeLabel(id),
      index,
      result.points.map((point) => point.nodes[id]?.hottestInstanceUtilization ?? unknown),
      false,
      percent,
    ),
  );
  const chart = (
    title: string,
    testId: string,
    lines: SweepLine[],
    format: SweepChartSpec['format'],
    yMax?: number,
  ) => ({
    title,
    testId,
    x: charts.x,
    spec: { lines, markers, theme, format, yMax },
  });
  return [
    chart(`Latency vs ${result.unit}`, 'sweep-chart-latency', charts.latency, formatMsAxis),
    chart('Throughput', 'sweep-chart-throughput', charts.throughput, formatRpsAxis),
    chart('Errors', 'sweep-chart-errors', charts.errors, formatPercentAxis),
    chart('Hottest instance per tier', 'sweep-chart-utilization', utilization, formatPercentAxis, 100),
  ];
}
