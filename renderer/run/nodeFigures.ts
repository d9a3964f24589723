// What a node's live gauges read as, for the card's pill on the canvas and the node strip in the
// dock: one list, written by the one formatter (shared/format.ts), so the same second reads the
// same in both places ("1.23k rps", "p99 12.3 ms"). Which figures a node has comes from its kind's
// declared gauges (a field it does not have is absent), never from its kind's name.
import {
  formatCount,
  formatMs,
  formatNumber,
  formatPercent,
  formatPerSecond,
  formatRps,
} from '../../shared/format';
import { isReplicated, looksUpAuth } from '../../shared/document/catalog';
import type { DesignNode } from '../../shared/document/types';
import type { NodeGauges } from './types';

export type NodeFigureKey =
  | 'throughput'
  | 'p99'
  | 'queue'
  | 'utilization'
  | 'errors'
  | 'hitRate'
  | 'lag'
  | 'consistency'
  | 'oldest'
  | 'throttled'
  | 'authHitRate'
  | 'authFailures';

export interface NodeFigure {
  key: NodeFigureKey;
  text: string;
}

/** The figures of one node's second, headline first (throughput, p99), then the kind's own. */
export function nodeFigures(node: Pick<DesignNode, 'kind' | 'params'>, gauges: NodeGauges): NodeFigure[] {
  const figures: NodeFigure[] = [
    { key: 'throughput', text: formatRps(gauges.throughputRps) },
    { key: 'p99', text: `p99 ${formatMs(gauges.p99Ms)}` },
    { key: 'queue', text: `queue ${formatNumber(gauges.queueDepth)}` },
    { key: 'utilization', text: `util ${formatPercent(gauges.utilization)}` },
    { key: 'errors', text: `errors ${formatPercent(gauges.errorRate)}` },
  ];
  if (gauges.hitRate !== undefined)
    figures.push({ key: 'hitRate', text: `hit ${formatPercent(gauges.hitRate)}` });
  // Replication lag only where there is replication (a lone leader's "lag 0 ms" is noise).
  if (gauges.replicationLagMs !== undefined && isReplicated(node))
    figures.push({ key: 'lag', text: `lag ${formatMs(gauges.replicationLagMs)}` });
  // Consistency: what replication and partitions cost in correctness (stale reads this second,
  // conflicts and lost updates so far).
  if (gauges.conflicts !== undefined && gauges.lostUpdates !== undefined && isReplicated(node))
    figures.push({
      key: 'consistency',
      text: `stale reads ${formatPerSecond(gauges.staleReadsPerS ?? 0)} · ${formatCount(gauges.conflicts)} conflicts · ${formatCount(gauges.lostUpdates)} lost updates`,
    });
  if (gauges.queueOldestAgeMs !== undefined)
    figures.push({ key: 'oldest', text: `oldest ${formatMs(gauges.queueOldestAgeMs)}` });
  if (gauges.throttledRps !== undefined)
    figures.push({ key: 'throttled', text: `throttled ${formatRps(gauges.throttledRps)}` });
  // Auth figures only where callers are looked up (a gateway with session or introspection auth).
  if (gauges.authHitRate !== undefined && looksUpAuth(node)) {
    figures.push({ key: 'authHitRate', text: `auth hit ${formatPercent(gauges.authHitRate)}` });
    figures.push({
      key: 'authFailures',
      text: `auth failures ${formatRps(gauges.authFailedRps ?? 0)}`,
    });
  }
  return figures;
}

/** What the card's pill says: throughput and p99, plus the kind's own figure (lag, oldest, throttled). */
const PILL: ReadonlySet<NodeFigureKey> = new Set(['throughput', 'p99', 'lag', 'oldest', 'throttled']);

export function nodePillText(node: Pick<DesignNode, 'kind' | 'params'>, gauges: NodeGauges): string {
  return nodeFigures(node, gauges)
    .filter((figure) => PILL.has(figure.key))
    .map((figure) => figure.text)
    .join(' · ');
}
