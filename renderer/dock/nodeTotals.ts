// A selected node's numbers beyond the per-second gauges: its run totals as the engine counts them
// (CLI JSON shape, after warm-up), worded for the node strip. Pure and unit-tested.
import { FAILURE_REASONS, type FailureReason } from '../run/types';
import { formatCount, formatMs, formatPercent } from './format';

/** The fields of the engine's NodeResult (shared/engine/results.ts) the dock shows. */
export interface NodeTotalsRow {
  arrivals: number;
  /** Calls already at the node when warm-up ended (so done may exceed arrived). */
  carriedIn?: number;
  completed: number;
  failed: number;
  utilization: number;
  /** The hottest instance's utilization and its address `nodeId:i` (results' per-instance rows). */
  utilizationMax?: number;
  utilizationMaxInstance?: string | null;
  instances?: number;
  maxQueueDepth: number;
  /** null when the node completed nothing (no data). */
  latencyMs: { p99: number | null };
  errors?: Partial<Record<FailureReason, number>>;
  cache?: { hitRate: number };
  db?: {
    lostWrites: number;
    failovers: number;
    staleReads?: number;
    conflicts?: number;
    lostUpdates?: number;
  };
  queue?: { deadLettered: number; duplicates: number; lost: number };
  /** A gateway that checks callers: its auth cache and failed lookups (results' `auth`). */
  auth?: {
    mode: string;
    lookups: number;
    cacheHits: number;
    hitRate: number;
    failed: number;
    failures?: Partial<Record<FailureReason, number>>;
    passedOpen: number;
  };
}

/** "auth hit rate 80% · 12 auth lookups failed (10 timeout, 2 unavailable), 12 let through unchecked" */
function describeAuth(auth: NonNullable<NodeTotalsRow['auth']>): string[] {
  if (auth.mode === 'jwt') return [];
  const parts = [`auth hit rate ${formatPercent(auth.hitRate)}`];
  if (auth.failed > 0) {
    const reasons = byCount(auth.failures ?? {});
    const open = auth.passedOpen > 0 ? `, ${formatCount(auth.passedOpen)} let through unchecked` : '';
    parts.push(
      `${formatCount(auth.failed)} auth lookups failed${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}${open}`,
    );
  }
  return parts;
}

/** "40 timeout", "4 rejected": the reasons that occurred, most first. */
function byCount(errors: Partial<Record<FailureReason, number>>): string[] {
  return FAILURE_REASONS.map((reason) => [reason, errors[reason] ?? 0] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `${formatCount(count)} ${reason}`);
}

/** " (hottest: instance 0 at 90%)" when one of several instances runs hotter than the node's mean. */
function hottestInstance(row: NodeTotalsRow): string {
  const address = row.utilizationMaxInstance;
  if (!address || (row.instances ?? 1) < 2 || row.utilizationMax === undefined) return '';
  if (formatPercent(row.utilizationMax) === formatPercent(row.utilization)) return '';
  const instance = address.slice(address.lastIndexOf(':') + 1);
  return ` (hottest: instance ${instance} at ${formatPercent(row.utilizationMax)})`;
}

/** "12,034 arrived · 11,990 done · 44 failed (40 timeout, 4 rejected) · p99 143 ms · util 82% · max queue 31" */
export function describeNodeTotals(row: NodeTotalsRow): string[] {
  const reasons = byCount(row.errors ?? {});
  const parts = [
    `${formatCount(row.arrivals)} arrived${row.carriedIn ? ` (+${formatCount(row.carriedIn)} from warm-up)` : ''}`,
    `${formatCount(row.completed)} done`,
    `${formatCount(row.failed)} failed${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`,
    `p99 ${formatMs(row.latencyMs.p99 ?? Number.NaN)}`,
    `util ${formatPercent(row.utilization)}${hottestInstance(row)}`,
    `max queue ${formatCount(row.maxQueueDepth)}`,
  ];
  if (row.cache) parts.push(`hit rate ${formatPercent(row.cache.hitRate)}`);
  if (row.auth) parts.push(...describeAuth(row.auth));
  if (row.db && row.db.failovers > 0) parts.push(`${formatCount(row.db.failovers)} failovers`);
  if (row.db && row.db.lostWrites > 0) parts.push(`${formatCount(row.db.lostWrites)} lost writes`);
  // Once partitioned, the consistency trade-off in full (zeros included: zero is the point of consistent).
  if (row.db && row.db.conflicts !== undefined)
    parts.push(
      `consistency: ${formatCount(row.db.staleReads ?? 0)} stale reads, ${formatCount(row.db.conflicts)} conflicts, ${formatCount(row.db.lostUpdates ?? 0)} lost updates`,
    );
  if (row.queue && row.queue.deadLettered > 0)
    parts.push(`${formatCount(row.queue.deadLettered)} dead-lettered`);
  if (row.queue && row.queue.duplicates > 0) parts.push(`${formatCount(row.queue.duplicates)} duplicates`);
  return parts;
}
