// Metric layouts and the fixed-size time series. Counters are cumulative since the start of the
// run; run totals subtract a snapshot taken when warm-up ends, and each 1 s bucket subtracts the
// snapshot of the previous bucket, so nothing is ever reset on the hot path.
import { COARSE_BUCKETS, quantileOf, type LatencyHistogram } from './histogram';
import { FAILURE_REASONS } from './constants';

// Per-node cumulative counters (indexes into NodeRuntime.counters).
export const C_ARRIVALS = 0;
export const C_COMPLETED = 1;
export const C_FAILED = 2; // + reason (6 slots)
export const C_RESPONSE_SUM = 8;
export const C_RESPONSE_COUNT = 9;
export const C_WAIT_SUM = 10;
export const C_WAIT_COUNT = 11;
export const C_BUSY_INTEGRAL = 12; // busy worker × ms
export const C_QUEUE_INTEGRAL = 13; // waiting requests × ms
export const C_IN_NODE_INTEGRAL = 14; // requests at the node × ms (Little's law)
export const C_HITS = 15;
export const C_MISSES = 16;
export const C_STALE_READS = 17;
export const C_LOST_WRITES = 18;
export const C_REPLICATION_LAG_SUM = 19;
export const C_REPLICATION_LAG_COUNT = 20;
export const C_FAILOVERS = 21;
export const C_DUPLICATES = 22;
export const C_MESSAGES_LOST = 23;
export const C_DEAD_LETTERED = 24;
export const C_CAPACITY_INTEGRAL = 25; // available worker × ms
export const C_TAIL_COUNT = 26;
export const C_TAIL_WAIT = 27;
export const C_TAIL_SERVICE = 28;
export const C_TAIL_DOWNSTREAM = 29;
export const C_ORIGINATED = 30; // + reason (6 slots): failures that started at this node
export const C_SERVICE_SUM = 36;
export const C_DOWNSTREAM_SUM = 37;
export const NODE_COUNTERS = 38;

// Per-instance cumulative counters.
export const IC_ARRIVALS = 0;
export const IC_COMPLETED = 1;
export const IC_FAILED = 2;
export const INSTANCE_COUNTERS = 3;

// Time-series fields (per bucket): deltas of the counters above plus two maxima.
const SERIES_FROM_COUNTER: number[] = [
  C_ARRIVALS,
  C_COMPLETED,
  C_FAILED,
  C_FAILED + 1,
  C_FAILED + 2,
  C_FAILED + 3,
  C_FAILED + 4,
  C_FAILED + 5,
  C_RESPONSE_SUM,
  C_RESPONSE_COUNT,
  C_BUSY_INTEGRAL,
  C_CAPACITY_INTEGRAL,
  C_QUEUE_INTEGRAL,
  C_HITS,
  C_MISSES,
  C_STALE_READS,
  C_REPLICATION_LAG_SUM,
  C_REPLICATION_LAG_COUNT,
  C_LOST_WRITES,
];
const SF_QUEUE_MAX = SERIES_FROM_COUNTER.length;
const SF_OLDEST_AGE_MAX = SF_QUEUE_MAX + 1;
const SF_DURATION = SF_QUEUE_MAX + 2;
export const SERIES_FIELDS = SF_QUEUE_MAX + 3;

/** Buckets kept per node; when full, neighbours merge and the bucket width doubles. */
export const SERIES_CAPACITY = 240;

export interface NodeSeries {
  /** Width of one bucket in sim ms (1000 at first, doubling as the run grows). */
  bucketMs: number;
  startMs: number[];
  arrivalsRps: Float64Array;
  throughputRps: Float64Array;
  errorsRps: Record<string, Float64Array>;
  /** Responses (completed or failed) at the node in each bucket. */
  responses: Float64Array;
  /** NaN for a bucket in which the node completed nothing (no data, not 0 ms). */
  p50Ms: Float64Array;
  p95Ms: Float64Array;
  p99Ms: Float64Array;
  meanResponseMs: Float64Array;
  utilization: Float64Array;
  queueDepth: Float64Array;
  queueDepthMax: Float64Array;
  oldestAgeMs: Float64Array;
  hitRate: Float64Array;
  staleReads: Float64Array;
  replicationLagMs: Float64Array;
  lostWrites: Float64Array;
}

export class SeriesRing {
  readonly fields = new Float64Array(SERIES_CAPACITY * SERIES_FIELDS);
  readonly histograms = new Uint32Array(SERIES_CAPACITY * COARSE_BUCKETS);
  count = 0;
  ticksPerBucket = 1;
  private ticksInLast = 0;
  firstStartMs = 0;

  /** Adds one 1 s window: counter deltas, the window's latency histogram and two maxima. */
  add(
    counters: Float64Array,
    previous: Float64Array,
    windowHistogram: LatencyHistogram,
    queueMax: number,
    oldestAgeMax: number,
    durationMs: number,
  ): void {
    if (this.count === 0 || this.ticksInLast >= this.ticksPerBucket) {
      if (this.count === SERIES_CAPACITY) this.halve();
      const base = this.count * SERIES_FIELDS;
      this.fields.fill(0, base, base + SERIES_FIELDS);
      this.histograms.fill(0, this.count * COARSE_BUCKETS, (this.count + 1) * COARSE_BUCKETS);
      this.count++;
      this.ticksInLast = 0;
    }
    const base = (this.count - 1) * SERIES_FIELDS;
    const f = this.fields;
    for (let i = 0; i < SERIES_FROM_COUNTER.length; i++) {
      const c = SERIES_FROM_COUNTER[i];
      f[base + i] += counters[c] - previous[c];
    }
    if (queueMax > f[base + SF_QUEUE_MAX]) f[base + SF_QUEUE_MAX] = queueMax;
    if (oldestAgeMax > f[base + SF_OLDEST_AGE_MAX]) f[base + SF_OLDEST_AGE_MAX] = oldestAgeMax;
    f[base + SF_DURATION] += durationMs;
    const h = this.histograms;
    const hBase = (this.count - 1) * COARSE_BUCKETS;
    const counts = windowHistogram.counts;
    const last = windowHistogram.lastBucket();
    for (let i = windowHistogram.firstBucket(); i <= last; i++)
      if (counts[i] !== 0) h[hBase + (i >> 1)] += counts[i];
    this.ticksInLast++;
  }

  private halve(): void {
    const f = this.fields;
    const h = this.histograms;
    const half = SERIES_CAPACITY / 2;
    for (let k = 0; k < half; k++) {
      const to = k * SERIES_FIELDS;
      const a = 2 * k * SERIES_FIELDS;
      const b = a + SERIES_FIELDS;
      for (let i = 0; i < SERIES_FIELDS; i++) {
        f[to + i] =
          i === SF_QUEUE_MAX || i === SF_OLDEST_AGE_MAX ? Math.max(f[a + i], f[b + i]) : f[a + i] + f[b + i];
      }
      const hTo = k * COARSE_BUCKETS;
      const hA = 2 * k * COARSE_BUCKETS;
      for (let i = 0; i < COARSE_BUCKETS; i++) h[hTo + i] = h[hA + i] + h[hA + COARSE_BUCKETS + i];
    }
    this.count = half;
    this.ticksPerBucket *= 2;
    this.ticksInLast = this.ticksPerBucket;
  }

  read(bucketMs: number): NodeSeries {
    const n = this.count;
    const make = () => new Float64Array(n);
    const out: NodeSeries = {
      bucketMs: bucketMs * this.ticksPerBucket,
      startMs: [],
      arrivalsRps: make(),
      throughputRps: make(),
      errorsRps: Object.fromEntries(FAILURE_REASONS.map((r) => [r, make()])),
      responses: make(),
      p50Ms: make(),
      p95Ms: make(),
      p99Ms: make(),
      meanResponseMs: make(),
      utilization: make(),
      queueDepth: make(),
      queueDepthMax: make(),
      oldestAgeMs: make(),
      hitRate: make(),
      staleReads: make(),
      replicationLagMs: make(),
      lostWrites: make(),
    };
    let start = this.firstStartMs;
    for (let k = 0; k < n; k++) {
      const base = k * SERIES_FIELDS;
      const f = this.fields;
      const durationMs = f[base + SF_DURATION] || 1;
      const seconds = durationMs / 1000;
      out.startMs.push(start);
      start += durationMs;
      out.arrivalsRps[k] = f[base] / seconds;
      out.throughputRps[k] = f[base + 1] / seconds;
      FAILURE_REASONS.forEach((r, i) => (out.errorsRps[r][k] = f[base + 2 + i] / seconds));
      const total = f[base + 9];
      out.responses[k] = total;
      // No data (NaN) for a bucket in which the node completed nothing, as in the gauges.
      const none = total > 0 && f[base + 1] > 0 ? 0 : Number.NaN;
      out.p50Ms[k] = none + quantileOf(this.histograms, k * COARSE_BUCKETS, total, 0.5, 0, Infinity, true);
      out.p95Ms[k] = none + quantileOf(this.histograms, k * COARSE_BUCKETS, total, 0.95, 0, Infinity, true);
      out.p99Ms[k] = none + quantileOf(this.histograms, k * COARSE_BUCKETS, total, 0.99, 0, Infinity, true);
      out.meanResponseMs[k] = total > 0 ? f[base + 8] / total : 0;
      out.utilization[k] = f[base + 11] > 0 ? f[base + 10] / f[base + 11] : 0;
      out.queueDepth[k] = f[base + 12] / durationMs;
      out.queueDepthMax[k] = f[base + SF_QUEUE_MAX];
      out.oldestAgeMs[k] = f[base + SF_OLDEST_AGE_MAX];
      const lookups = f[base + 13] + f[base + 14];
      out.hitRate[k] = lookups > 0 ? f[base + 13] / lookups : 0;
      out.staleReads[k] = f[base + 15];
      out.replicationLagMs[k] = f[base + 17] > 0 ? f[base + 16] / f[base + 17] : 0;
      out.lostWrites[k] = f[base + 18];
    }
    return out;
  }
}
