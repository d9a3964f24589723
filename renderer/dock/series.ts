// From the run's history (typed-array columns, whole run: renderer/run/runHistory.ts) to what each
// chart plots: which series, in which style, and the aligned columns uPlot draws. Reads the history's
// column views directly (no object per sample). Pure: unit-tested, no DOM.
import { FAILURE_REASONS, type FailureReason, type NodeGauges, type RunSample } from '../run/types';
import { RunHistory, type FoldMode, type GlobalField } from '../run/runHistory';
import type { Design, Slo } from '../../shared/document/types';
import { isCacheKind, isReplicated } from '../../shared/document/catalog';
import { kindCan } from '../../shared/kinds/index';

export type { FoldMode };

export type ChartId = 'throughput' | 'latency' | 'errors' | 'queue' | 'hitrate' | 'lag';

export const CHART_IDS: readonly ChartId[] = ['throughput', 'latency', 'errors', 'queue', 'hitrate', 'lag'];

export interface DockNode {
  id: string;
  kind: string;
  label: string;
  /** Keeps copies in step (a database with followers or leaderless; a lone leader has no lag). */
  replicated?: boolean;
}

/** A design's nodes as the charts name and group them. */
export function dockNodesOf(design: Pick<Design, 'nodes'>): DockNode[] {
  return design.nodes.map((node) => ({
    id: node.id,
    kind: node.kind,
    label: node.label || node.id,
    replicated: isReplicated(node),
  }));
}

export interface SeriesContext {
  nodes: readonly DockNode[];
  /** The canvas selection (node ids), in selection order. */
  selectedNodeIds: readonly string[];
  slo: Slo;
}

export interface SeriesSpec {
  /** Stable identity: the chart is rebuilt only when the list of keys changes. */
  key: string;
  label: string;
  /** Index into the colour-blind-safe palette and dash styles (ordered, never colour alone). */
  style: number;
  /** A reference line (the SLO), drawn in the danger colour. */
  reference?: boolean;
  /** What it plots: history columns (summed when several; a node's when nodeId), times `scale`; or a constant. */
  source:
    { fields: (GlobalField | keyof NodeGauges)[]; nodeId?: string; scale?: number } | { constant: number };
}

/** How a series folds (the run history's one policy, `FOLD` in renderer/run/runHistory.ts). */
export function foldOf(spec: SeriesSpec): FoldMode {
  if ('constant' in spec.source) return 'max';
  return RunHistory.foldOf(spec.source.fields[0], spec.source.nodeId);
}

/** The series' columns in the history (views, no copy); empty when the history has none of them. */
function seriesColumns(spec: SeriesSpec, history: RunHistory): Float32Array[] {
  if ('constant' in spec.source) return [];
  const { fields, nodeId } = spec.source;
  return fields.map((field) => history.series(field, nodeId)).filter((column) => column !== null);
}

/** One series' value at sample `index` (null where it has no value). */
export function seriesValueAt(spec: SeriesSpec, history: RunHistory, index: number): number | null {
  if (index < 0 || index >= history.count) return null;
  if ('constant' in spec.source) return spec.source.constant;
  const columns = seriesColumns(spec, history);
  let sum = 0;
  let seen = false;
  for (const column of columns) {
    const value = column[index];
    if (Number.isFinite(value)) {
      sum += value;
      seen = true;
    }
  }
  return seen ? sum * (spec.source.scale ?? 1) : null;
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

const nodeGauge = (nodeId: string, field: keyof NodeGauges) => ({ fields: [field], nodeId });
const globalGauge = (field: GlobalField) => ({ fields: [field] });

/** The selected nodes of the given kinds, else every node of those kinds (first few). */
function focusNodes(context: SeriesContext, accept: (node: DockNode) => boolean): DockNode[] {
  const byId = new Map(context.nodes.map((node) => [node.id, node]));
  const selected = context.selectedNodeIds
    .map((id) => byId.get(id))
    .filter((node): node is DockNode => node !== undefined && accept(node));
  if (context.selectedNodeIds.length > 0 && selected.length > 0) return selected.slice(0, MAX_NODE_SERIES);
  return context.nodes.filter(accept).slice(0, MAX_NODE_SERIES);
}

/** Peak of a column (0 when absent). */
function columnPeak(column: Float32Array | null): number {
  let max = 0;
  if (column) for (let i = 0; i < column.length; i++) if (column[i] > max) max = column[i];
  return max;
}

/** Reasons that occurred at least once in the run, in the engine's order. */
export function reasonsSeen(history: RunHistory): FailureReason[] {
  return FAILURE_REASONS.filter((reason) => columnPeak(history.series(`errors:${reason}`)) > 0);
}

export function chartModel(id: ChartId, history: RunHistory, context: SeriesContext): ChartModel {
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
            source: globalGauge('throughputRps'),
          },
          ...selected.slice(0, MAX_NODE_SERIES - 1).map((node, i) => ({
            key: `node:${node.id}`,
            label: node.label,
            style: i + 1,
            source: nodeGauge(node.id, 'throughputRps'),
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
          { key: 'p50', label: 'p50', style: 0, source: globalGauge('p50Ms') },
          { key: 'p95', label: 'p95', style: 1, source: globalGauge('p95Ms') },
          { key: 'p99', label: 'p99', style: 2, source: globalGauge('p99Ms') },
          ...selected.slice(0, 1).map((node) => ({
            key: `node:${node.id}`,
            label: `${node.label} p99`,
            style: 3,
            source: nodeGauge(node.id, 'p99Ms'),
          })),
          {
            key: 'slo',
            label: 'SLO',
            style: 5,
            reference: true,
            source: { constant: context.slo.p99Ms },
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
                source: globalGauge(`errors:${reason}`),
              }))
            : [
                {
                  key: 'none',
                  label: 'all reasons',
                  style: 0,
                  source: { fields: FAILURE_REASONS.map((r) => `errors:${r}` as const) },
                },
              ],
      };
    }
    case 'queue': {
      const queueing = (node: DockNode) => kindCan(node.kind, 'queues');
      let nodes: DockNode[];
      if (selected.length > 0) nodes = selected.slice(0, MAX_NODE_SERIES);
      else {
        // Unselected: the nodes whose queues grew most, so the chart shows where backpressure is.
        nodes = context.nodes
          .filter(queueing)
          .map((node, order) => ({ node, order, peak: columnPeak(history.series('queueDepth', node.id)) }))
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
          source: nodeGauge(node.id, 'queueDepth'),
        })),
      };
    }
    case 'hitrate': {
      const caches = focusNodes(context, (node) => isCacheKind(node.kind));
      return {
        id,
        title: 'Cache hit rate',
        unit: '%',
        emptyReason: caches.length === 0 ? 'No cache or CDN in this design.' : null,
        series: caches.map((node, i) => ({
          key: `node:${node.id}`,
          label: node.label,
          style: i,
          source: { fields: ['hitRate'], nodeId: node.id, scale: 100 },
        })),
      };
    }
    case 'lag': {
      // Only databases with replication: a lone leader's lag is a flat 0 ms line that says nothing.
      const databases = focusNodes(context, (node) => node.replicated === true);
      return {
        id,
        title: 'Replication lag',
        unit: 'ms',
        emptyReason: databases.length === 0 ? 'No replicated database in this design.' : null,
        series: databases.map((node, i) => ({
          key: `node:${node.id}`,
          label: node.label,
          style: i,
          source: nodeGauge(node.id, 'replicationLagMs'),
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
 * exact); each series folds by the history's policy (peaks for latency, errors, depth and lag, means
 * for rates), so a short spike never disappears.
 */
export function chartColumns(model: ChartModel, history: RunHistory, maxPoints: number): ChartColumns {
  const count = history.count;
  const times = history.timesS();
  const bucket = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(maxPoints))));
  const points = Math.ceil(count / bucket);
  const xs = new Array<number>(points);
  for (let p = 0; p < points; p++) xs[p] = times[Math.min(count, (p + 1) * bucket) - 1];
  const columns = model.series.map((spec) => {
    const out = new Array<number | null>(points);
    if ('constant' in spec.source) return out.fill(spec.source.constant);
    const sources = seriesColumns(spec, history);
    const scale = spec.source.scale ?? 1;
    const fold = foldOf(spec);
    for (let p = 0; p < points; p++) {
      const end = Math.min(count, (p + 1) * bucket);
      let sum = 0;
      let max = -Infinity;
      let min = Infinity;
      let last = Number.NaN;
      let seen = 0;
      for (let i = p * bucket; i < end; i++) {
        let value = 0;
        let any = false;
        for (const column of sources) {
          if (Number.isFinite(column[i])) {
            value += column[i];
            any = true;
          }
        }
        if (!any) continue;
        value *= scale;
        sum += value;
        if (value > max) max = value;
        if (value < min) min = value;
        last = value;
        seen++;
      }
      out[p] =
        seen === 0 ? null : fold === 'max' ? max : fold === 'min' ? min : fold === 'last' ? last : sum / seen;
    }
    return out;
  });
  return [xs, ...columns];
}

/** The sample a time shows (null = live: the newest sample of the run), or null before any. */
export function sampleAt(history: RunHistory, latest: RunSample | null, tS: number | null): RunSample | null {
  if (tS === null) return latest ?? (history.count > 0 ? history.sample(history.count - 1) : null);
  return history.sampleAt(tS);
}
