// From the run's history (one RunSample per simulated second, whole run) to what each chart plots:
// which series, in which style, and the aligned columns uPlot draws. Pure: unit-tested, no DOM.
import { FAILURE_REASONS, type FailureReason, type NodeGauges, type RunSample } from '../run/types';
import type { Slo } from '../../shared/document/types';

export type ChartId = 'throughput' | 'latency' | 'errors' | 'queue' | 'hitrate' | 'lag';

export const CHART_IDS: readonly ChartId[] = ['throughput', 'latency', 'errors', 'queue', 'hitrate', 'lag'];

export interface DockNode {
  id: string;
  kind: string;
  label: string;
}

export interface SeriesContext {
  nodes: readonly DockNode[];
  /** The canvas selection (node ids), in selection order. */
  selectedNodeIds: readonly string[];
  slo: Slo;
}

/** How a bucket of samples folds into one point when there are more samples than pixels. */
export type FoldMode = 'mean' | 'max';

export interface SeriesSpec {
  /** Stable identity: the chart is rebuilt only when the list of keys changes. */
  key: string;
  label: string;
  /** Index into the colour-blind-safe palette and dash styles (ordered, never colour alone). */
  style: number;
  fold: FoldMode;
  /** A reference line (the SLO), drawn in the danger colour. */
  reference?: boolean;
  read: (sample: RunSample) => number | null;
}

export interface ChartModel {
  id: ChartId;
  title: string;
  unit: 'rps' | 'ms' | '%' | 'requests' | 'errors/s';
  series: SeriesSpec[];
  /** Shown instead of the chart when it has nothing to plot for this design (e.g. no cache). */
  emptyReason: string | null;
}

/** Most series one chart shows, so lines stay tellable apart at 1280×720. */
export const MAX_NODE_SERIES = 4;

const QUEUEING_KINDS = new Set([
  'service',
  'worker',
  'database',
  'queue',
  'loadBalancer',
  'gateway',
  'rateLimiter',
]);
const CACHE_KINDS = new Set(['cache', 'cdn']);

const nodeGauge = (nodeId: string, field: keyof NodeGauges) => (sample: RunSample) => {
  const value = sample.nodes[nodeId]?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/** The selected nodes of the given kinds, else every node of those kinds (first few). */
function focusNodes(context: SeriesContext, accept: (node: DockNode) => boolean): DockNode[] {
  const byId = new Map(context.nodes.map((node) => [node.id, node]));
  const selected = context.selectedNodeIds
    .map((id) => byId.get(id))
    .filter((node): node is DockNode => node !== undefined && accept(node));
  if (context.selectedNodeIds.length > 0 && selected.length > 0) return selected.slice(0, MAX_NODE_SERIES);
  return context.nodes.filter(accept).slice(0, MAX_NODE_SERIES);
}

/** Peak of one node gauge over the history (for choosing which queues to show). */
function peak(history: readonly RunSample[], nodeId: string, field: keyof NodeGauges): number {
  let max = 0;
  for (const sample of history) {
    const value = sample.nodes[nodeId]?.[field];
    if (typeof value === 'number' && value > max) max = value;
  }
  return max;
}

/** Reasons that occurred at least once in the run, in the engine's order. */
export function reasonsSeen(history: readonly RunSample[]): FailureReason[] {
  return FAILURE_REASONS.filter((reason) =>
    history.some((sample) => (sample.global.errorsByReason?.[reason] ?? 0) > 0),
  );
}

export function chartModel(id: ChartId, history: readonly RunSample[], context: SeriesContext): ChartModel {
  const selected = context.selectedNodeIds
    .map((nodeId) => context.nodes.find((node) => node.id === nodeId))
    .filter((node): node is DockNode => node !== undefined);
  switch (id) {
    case 'throughput':
      return {
        id,
        title: 'Throughput',
        unit: 'rps',
        emptyReason: null,
        series: [
          {
            key: 'global',
            label: 'All',
            style: 0,
            fold: 'mean',
            read: (s) => s.global.throughputRps,
          },
          ...selected.slice(0, MAX_NODE_SERIES - 1).map((node, i) => ({
            key: `node:${node.id}`,
            label: node.label,
            style: i + 1,
            fold: 'mean' as const,
            read: nodeGauge(node.id, 'throughputRps'),
          })),
        ],
      };
    case 'latency':
      return {
        id,
        title: 'Latency',
        unit: 'ms',
        emptyReason: null,
        series: [
          { key: 'p50', label: 'p50', style: 0, fold: 'max', read: (s) => s.global.p50Ms },
          { key: 'p95', label: 'p95', style: 1, fold: 'max', read: (s) => s.global.p95Ms },
          { key: 'p99', label: 'p99', style: 2, fold: 'max', read: (s) => s.global.p99Ms },
          ...selected.slice(0, 1).map((node) => ({
            key: `node:${node.id}`,
            label: `${node.label} p99`,
            style: 3,
            fold: 'max' as const,
            read: nodeGauge(node.id, 'p99Ms'),
          })),
          {
            key: 'slo',
            label: 'SLO',
            style: 5,
            fold: 'max',
            reference: true,
            read: () => context.slo.p99Ms,
          },
        ],
      };
    case 'errors': {
      const reasons = reasonsSeen(history);
      return {
        id,
        title: 'Errors by reason',
        unit: 'errors/s',
        emptyReason: null,
        series:
          reasons.length > 0
            ? reasons.map((reason) => ({
                key: reason,
                label: reason,
                style: FAILURE_REASONS.indexOf(reason),
                fold: 'max' as const,
                read: (s: RunSample) => s.global.errorsByReason?.[reason] ?? 0,
              }))
            : [
                {
                  key: 'none',
                  label: 'all reasons',
                  style: 0,
                  fold: 'max',
                  read: (s: RunSample) =>
                    FAILURE_REASONS.reduce((sum, r) => sum + (s.global.errorsByReason?.[r] ?? 0), 0),
                },
              ],
      };
    }
    case 'queue': {
      const queueing = (node: DockNode) => QUEUEING_KINDS.has(node.kind);
      let nodes: DockNode[];
      if (selected.length > 0) nodes = selected.slice(0, MAX_NODE_SERIES);
      else {
        // Unselected: the nodes whose queues grew most, so the chart shows where backpressure is.
        nodes = context.nodes
          .filter(queueing)
          .map((node, order) => ({ node, order, peak: peak(history, node.id, 'queueDepth') }))
          .sort((a, b) => b.peak - a.peak || a.order - b.order)
          .slice(0, MAX_NODE_SERIES)
          .map((entry) => entry.node);
      }
      return {
        id,
        title: 'Queue depth',
        unit: 'requests',
        emptyReason: nodes.length === 0 ? 'No node with a queue in this design.' : null,
        series: nodes.map((node, i) => ({
          key: `node:${node.id}`,
          label: node.label,
          style: i,
          fold: 'max' as const,
          read: nodeGauge(node.id, 'queueDepth'),
        })),
      };
    }
    case 'hitrate': {
      const caches = focusNodes(context, (node) => CACHE_KINDS.has(node.kind));
      return {
        id,
        title: 'Cache hit rate',
        unit: '%',
        emptyReason: caches.length === 0 ? 'No cache or CDN in this design.' : null,
        series: caches.map((node, i) => ({
          key: `node:${node.id}`,
          label: node.label,
          style: i,
          fold: 'mean' as const,
          read: (sample: RunSample) => {
            const rate = sample.nodes[node.id]?.hitRate;
            return typeof rate === 'number' ? rate * 100 : null;
          },
        })),
      };
    }
    case 'lag': {
      const databases = focusNodes(context, (node) => node.kind === 'database');
      return {
        id,
        title: 'Replication lag',
        unit: 'ms',
        emptyReason: databases.length === 0 ? 'No database in this design.' : null,
        series: databases.map((node, i) => ({
          key: `node:${node.id}`,
          label: node.label,
          style: i,
          fold: 'max' as const,
          read: nodeGauge(node.id, 'replicationLagMs'),
        })),
      };
    }
  }
}

/** x (sim seconds) then one column per series, as uPlot wants them. */
export type ChartColumns = [number[], ...(number | null)[][]];

/**
 * The chart's columns over the whole run, folded into at most `maxPoints` points so a 30-minute run
 * draws as fast as a 30-second one. A bucket's x is its last sample's time (the live edge stays
 * exact); latencies, errors and depths keep their peak so a short spike never disappears.
 */
export function chartColumns(
  model: ChartModel,
  history: readonly RunSample[],
  maxPoints: number,
): ChartColumns {
  const count = history.length;
  const bucket = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(maxPoints))));
  const points = Math.ceil(count / bucket);
  const xs = new Array<number>(points);
  const columns = model.series.map(() => new Array<number | null>(points));
  for (let p = 0; p < points; p++) {
    const start = p * bucket;
    const end = Math.min(count, start + bucket);
    xs[p] = history[end - 1].tS;
    model.series.forEach((spec, s) => {
      let sum = 0;
      let max = -Infinity;
      let seen = 0;
      for (let i = start; i < end; i++) {
        const value = spec.read(history[i]);
        if (value === null) continue;
        sum += value;
        if (value > max) max = value;
        seen++;
      }
      columns[s][p] = seen === 0 ? null : spec.fold === 'max' ? max : sum / seen;
    });
  }
  return [xs, ...columns];
}

/**
 * The sample shown at a time, as the run store reads it: a sample at tS covers (tS - spanS, tS], so
 * this is the first sample ending at or after the time (the last one past the run's end).
 */
export function sampleIndexAt(history: readonly RunSample[], tS: number): number {
  if (history.length === 0) return -1;
  let low = 0;
  let high = history.length - 1;
  if (tS >= history[high].tS) return high;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (history[mid].tS >= tS) high = mid;
    else low = mid + 1;
  }
  return low;
}

export function sampleAt(history: readonly RunSample[], tS: number | null): RunSample | null {
  if (history.length === 0) return null;
  if (tS === null) return history[history.length - 1];
  return history[sampleIndexAt(history, tS)];
}
