// A comparison as rows of text, written once for the CLI table and the app's compare view (so
// both read the same numbers in the same words): each global metric with A, B, B − A, its 95%
// interval, the relative change and whether the difference is within the noise; then per tier.
import { FAILURE_REASONS } from '../engine/constants';
import { formatCount, formatMs, formatNumber, formatPercent, formatRps, NO_DATA } from '../format';
import type { CompareResult, CompareRow } from './compare';

type Kind = 'rps' | 'ms' | 'share' | 'count';
const KIND_OF = (metric: string): Kind =>
  metric.endsWith('Rps')
    ? 'rps'
    : metric.endsWith('Ms')
      ? 'ms'
      : metric.startsWith('errorRate') || metric === 'utilization'
        ? 'share'
        : 'count';

function formatValue(kind: Kind, value: number | null): string {
  if (value === null) return NO_DATA;
  if (kind === 'rps') return formatRps(value, 'compact');
  if (kind === 'ms') return formatMs(value, 'compact');
  if (kind === 'share') return formatPercent(value);
  return formatNumber(value);
}

const signed = (text: string, value: number | null) => (value !== null && value > 0 ? `+${text}` : text);

const LABELS: Record<string, string> = {
  throughputRps: 'throughput rps',
  p50Ms: 'p50 ms',
  p95Ms: 'p95 ms',
  p99Ms: 'p99 ms',
  errorRate: 'error rate',
  lostWrites: 'lost writes',
  staleReads: 'stale reads',
};

export type NoiseVerdict = 'within noise' | 'outside noise' | typeof NO_DATA;

export interface CompareTableRow {
  /** The metric id in `CompareResult.global` ('cost' for the cost proxy). */
  metric: string;
  label: string;
  /** An error reason under the error rate. */
  indent: boolean;
  a: string;
  b: string;
  difference: string;
  interval: string;
  change: string;
  noise: NoiseVerdict;
}

function tableRow(metric: string, label: string, indent: boolean, row: CompareRow): CompareTableRow {
  const kind = KIND_OF(metric);
  const d = row.difference;
  return {
    metric,
    label,
    indent,
    a: formatValue(kind, row.a.mean),
    b: formatValue(kind, row.b.mean),
    difference: signed(formatValue(kind, d.difference), d.difference),
    interval: d.halfWidth === null ? NO_DATA : `±${formatValue(kind, d.halfWidth)}`,
    change: row.relative === null ? NO_DATA : signed(formatPercent(row.relative), row.relative),
    noise: d.withinNoise === null ? NO_DATA : d.withinNoise ? 'within noise' : 'outside noise',
  };
}

/** The global rows (error reasons only where either design had them), then the cost proxy. */
export function compareTableRows(result: CompareResult): CompareTableRow[] {
  const rows: CompareTableRow[] = [];
  for (const [metric, row] of Object.entries(result.global)) {
    const reason = metric.startsWith('errorRate.') ? metric.slice('errorRate.'.length) : null;
    // Only the reasons that happened in either design.
    if (reason && FAILURE_REASONS.includes(reason as never) && !(row.a.mean || row.b.mean)) continue;
    rows.push(tableRow(metric, reason ?? LABELS[metric] ?? metric, reason !== null, row));
  }
  const cost = result.cost;
  rows.push({
    metric: 'cost',
    label: 'cost (instances × workers)',
    indent: false,
    a: formatCount(cost.a),
    b: formatCount(cost.b),
    difference: signed(formatCount(cost.difference), cost.difference),
    interval: NO_DATA,
    change: cost.a ? signed(formatPercent(cost.difference / cost.a), cost.difference) : NO_DATA,
    noise: NO_DATA,
  });
  return rows;
}

export const TIER_METRICS = ['throughputRps', 'utilization', 'p99Ms', 'errorRate', 'instances'] as const;

export interface CompareTierRow {
  id: string;
  label: string;
  /** Per TIER_METRICS entry: [A, B]. */
  cells: [string, string][];
}

/** Per node in both designs, A and B side by side; `labelOf` names a node (its id by default). */
export function compareTierRows(
  result: CompareResult,
  labelOf: (id: string) => string = (id) => id,
): CompareTierRow[] {
  return Object.entries(result.tiers).map(([id, tier]) => ({
    id,
    label: tier.kindB ? `${labelOf(id)} (${tier.kind} → ${tier.kindB})` : labelOf(id),
    cells: TIER_METRICS.map((metric): [string, string] => {
      const kind = KIND_OF(metric);
      return [formatValue(kind, tier.metrics[metric].a.mean), formatValue(kind, tier.metrics[metric].b.mean)];
    }),
  }));
}
