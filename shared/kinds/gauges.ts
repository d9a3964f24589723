// Live gauges, declared once: the fields every node has, and the ones a kind adds (in its spec's
// `gauges`). The engine's gauge layout, the run contract's NodeGauges type, the history's fold
// policy and the dock's per-node strip are all derived from these declarations, with the same
// field names end to end (no renames between engine and renderer).

/** How a stretch of seconds folds into one history sample. */
export type GaugeFold = 'mean' | 'max' | 'min' | 'last';
/** What a value measures; the formatter (shared/format.ts) reads it by unit. */
export type GaugeUnit = 'rps' | 'ms' | 'fraction' | 'count';

export interface GaugeSpec<F extends string = string> {
  field: F;
  label: string;
  unit: GaugeUnit;
  fold: GaugeFold;
  description: string;
}

const gauge = <F extends string>(
  field: F,
  label: string,
  unit: GaugeUnit,
  fold: GaugeFold,
  description: string,
): GaugeSpec<F> => ({ field, label, unit, fold, description });

/** Every node has these. Rates and percentiles are for the last complete 1 s bucket. */
export const COMMON_NODE_GAUGES = [
  gauge('throughputRps', 'Throughput', 'rps', 'mean', 'Requests completed in the last second.'),
  gauge('arrivalsRps', 'Arrivals', 'rps', 'mean', 'Requests that arrived in the last second.'),
  gauge('errorRate', 'Errors', 'fraction', 'max', 'Failed responses as a fraction of all responses.'),
  gauge('p50Ms', 'p50', 'ms', 'max', 'Median response time (no data when nothing responded).'),
  gauge('p99Ms', 'p99', 'ms', 'max', '99th percentile response time (no data when nothing responded).'),
  gauge('meanResponseMs', 'Mean response', 'ms', 'max', 'Mean response time.'),
  gauge('queueDepth', 'Queue', 'count', 'max', 'Requests (or messages) waiting now.'),
  gauge(
    'inFlight',
    'In flight',
    'count',
    'max',
    'Requests held at the node: waiting, in service or downstream.',
  ),
  gauge('utilization', 'Utilization', 'fraction', 'mean', 'Busy workers over all workers.'),
  gauge('rejectedRps', 'Rejected', 'rps', 'max', 'Requests refused by a full queue or connection limit.'),
  gauge('timeoutRps', 'Timeouts', 'rps', 'max', 'Requests that timed out here.'),
  // Worst moment: a dead instance in a merged stretch stays visible.
  gauge('instancesUp', 'Instances up', 'count', 'min', 'Instances neither killed nor hung.'),
  gauge(
    'responses',
    'Responses',
    'count',
    'mean',
    'Responses in the last second: percentiles are no data at 0.',
  ),
] as const;

export const HIT_RATE = gauge('hitRate', 'Hit rate', 'fraction', 'mean', 'Lookups answered from the cache.');
export const STALE_READS = gauge(
  'staleReadsPerS',
  'Stale reads',
  'rps',
  'max',
  'Reads that returned an old version.',
);
export const REPLICATION_LAG = gauge(
  'replicationLagMs',
  'Replication lag',
  'ms',
  'max',
  'Mean delay before a follower applied a write.',
);
// Cumulative: the latest count.
export const LOST_WRITES = gauge(
  'lostWrites',
  'Lost writes',
  'count',
  'last',
  'Acknowledged writes lost on failover so far.',
);
export const CONFLICTS = gauge(
  'conflicts',
  'Conflicts',
  'count',
  'last',
  'Keys written on both sides of a network partition so far (divergent writes).',
);
export const LOST_UPDATES = gauge(
  'lostUpdates',
  'Lost updates',
  'count',
  'last',
  'Acknowledged writes overwritten (last writer wins) when a partition healed, so far.',
);
export const OLDEST_MESSAGE = gauge(
  'queueOldestAgeMs',
  'Oldest message',
  'ms',
  'max',
  'Age of the oldest message waiting.',
);
export const MESSAGES_IN_FLIGHT = gauge(
  'messagesInFlight',
  'Messages in flight',
  'count',
  'max',
  'Messages received by a consumer and not yet acknowledged.',
);
export const THROTTLED = gauge(
  'throttledRps',
  'Throttled',
  'rps',
  'max',
  'Requests refused by the token bucket.',
);

export const AUTH_HIT_RATE = gauge(
  'authHitRate',
  'Auth hit rate',
  'fraction',
  'mean',
  'Callers checked from the gateway’s own auth cache, without a lookup.',
);
export const AUTH_FAILED = gauge(
  'authFailedRps',
  'Auth failures',
  'rps',
  'max',
  'Auth lookups that failed (the store or auth service refused, failed or did not answer in time).',
);

/** The gauges a kind may add, in the engine's layout order. */
export const KIND_NODE_GAUGES = [
  HIT_RATE,
  STALE_READS,
  REPLICATION_LAG,
  OLDEST_MESSAGE,
  MESSAGES_IN_FLIGHT,
  THROTTLED,
  LOST_WRITES,
  AUTH_HIT_RATE,
  AUTH_FAILED,
  CONFLICTS,
  LOST_UPDATES,
] as const;

export type CommonNodeGaugeField = (typeof COMMON_NODE_GAUGES)[number]['field'];
export type KindNodeGaugeField = (typeof KIND_NODE_GAUGES)[number]['field'];
export type NodeGaugeField = CommonNodeGaugeField | KindNodeGaugeField;

/** Every node gauge, common first: the engine's layout. */
export const NODE_GAUGES: readonly GaugeSpec<NodeGaugeField>[] = [...COMMON_NODE_GAUGES, ...KIND_NODE_GAUGES];

/** One node's gauges as the renderer holds them: the common fields always, a kind's own when it has them. */
export type NodeGauges = Record<CommonNodeGaugeField, number> & Partial<Record<KindNodeGaugeField, number>>;

export const GAUGE_BY_FIELD = Object.fromEntries(NODE_GAUGES.map((spec) => [spec.field, spec])) as Record<
  NodeGaugeField,
  GaugeSpec<NodeGaugeField>
>;
