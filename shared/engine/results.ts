// Run totals in the headless CLI's JSON shape (SPEC "Headless CLI"), gauges for live views, and
// the "why" breakdown. All totals exclude warm-up.
import * as kinds from '../kinds/dispatch';
import { FAILURE_REASONS } from './constants';
import { LatencyHistogram } from './histogram';
import type { RunTruncation } from './limits';
import type { LogEntry } from './log';
import {
  C_ARRIVALS,
  C_BUSY_INTEGRAL,
  C_CAPACITY_INTEGRAL,
  C_COMPLETED,
  C_FAILED,
  C_IN_NODE_INTEGRAL,
  C_LOST_WRITES,
  C_QUEUE_INTEGRAL,
  C_RESPONSE_COUNT,
  C_RESPONSE_SUM,
  C_STALE_READS,
  C_WAIT_COUNT,
  C_WAIT_SUM,
  IC_ARRIVALS,
  IC_BUSY_AREA,
  IC_COMPLETED,
  IC_QUEUE_AREA,
  INSTANCE_COUNTERS,
  NODE_COUNTERS,
} from './metrics';
import { instanceIntegrals } from './observation';
import type { NodeRuntime } from './nodeRuntime';
import { edgeResults, type EdgeResult } from './payloads';
import { G_COMPLETED, G_FAILED, G_REQUESTS, GLOBAL_COUNTERS, round, type Simulation } from './simulation';

/**
 * Latency statistics of a population of responses. All null when the population is empty (no
 * request completed): an empty sample has no mean, no order statistics and no maximum, and 0 ms
 * would read as "instant". JSON writes them as null.
 */
export interface LatencySummary {
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** What a latency summary reads when nothing completed. */
export const NO_LATENCY: Readonly<LatencySummary> = Object.freeze({
  mean: null,
  p50: null,
  p95: null,
  p99: null,
  max: null,
});

/** The run against design.slo: `failing` names each line that fails (empty when it passes). */
export interface SloVerdict {
  p99Ms: number;
  minThroughputRps: number;
  maxErrorRate: number;
  pass: boolean;
  /** "p99: no completed requests", "p99 312.4 ms > 200 ms", "throughput 3 req/s < 10 req/s", "errors 5.3% > 1%". */
  failing: string[];
}

export type ErrorCounts = Record<(typeof FAILURE_REASONS)[number], number>;

/** One instance's run totals (after warm-up): where a node's total hides a saturated copy. */
export interface InstanceResult {
  /** `nodeId:i`, the address chaos and the canvas use. */
  address: string;
  /** A database copy's role now ('leader' | 'follower'); null for other kinds. */
  role: 'leader' | 'follower' | null;
  /** The shard a database copy serves; null for other kinds. */
  shard: number | null;
  arrivals: number;
  completed: number;
  /** Busy workers (including ones set aside for a queue delivery) over this instance's workers. */
  utilization: number;
  meanQueueDepth: number;
  /** Of every departure at this instance; null when it completed nothing. */
  p99Ms: number | null;
}

export interface NodeResult {
  kind: string;
  instances: number;
  /** Per instance (the field `instances` is their count). */
  perInstance: InstanceResult[];
  /** The highest instance utilization, and the instance it belongs to (null without workers). */
  utilizationMax: number;
  utilizationMaxInstance: string | null;
  /** Calls that arrived after warm-up. */
  arrivals: number;
  /** Calls already at the node when warm-up ended: arrivals + carriedIn = completed + failed + inFlight. */
  carriedIn: number;
  completed: number;
  failed: number;
  inFlight: number;
  errors: ErrorCounts;
  throughputRps: number;
  utilization: number;
  meanQueueDepth: number;
  maxQueueDepth: number;
  meanWaitMs: number;
  meanResponseMs: number;
  /** Time-averaged requests at the node (waiting, in service or waiting downstream): Little's L. */
  meanInSystem: number;
  /** Every departure (completed or failed); null when the node completed no request (a refusal
   *  in 0 ms or a timeout at exactly the timeout says nothing about how fast the node answers). */
  latencyMs: LatencySummary;
  cache?: { hits: number; misses: number; hitRate: number; staleReads: number };
  queue?: {
    depthMean: number;
    depthMax: number;
    oldestAgeMsMax: number;
    duplicates: number;
    lost: number;
    deadLettered: number;
  };
  db?: {
    lostWrites: number;
    staleReads: number;
    replicationLagMsMean: number;
    failovers: number;
    /** Once the database was partitioned: keys written on both sides, acknowledged writes
     *  overwritten when the sides merged (last writer wins). */
    conflicts?: number;
    lostUpdates?: number;
  };
  /** A gateway that checks callers (auth ≠ none). */
  auth?: {
    mode: string;
    /** Requests whose caller was checked. */
    checks: number;
    /** Checked from the gateway's own cache, and looked up over an auth edge. */
    cacheHits: number;
    lookups: number;
    hitRate: number;
    /** Lookups that failed, and why (the lookup's own reason: timeout, unavailable, …). */
    failed: number;
    failures: ErrorCounts;
    /** Let through unchecked after a failed lookup (authFailOpen). */
    passedOpen: number;
  };
  /** A gateway that terminates TLS: requests served, and those that opened a new connection. */
  tls?: { requests: number; handshakes: number; handshakeRate: number };
}

export interface CliJson {
  simTimeMs: number;
  seed: number;
  events: number;
  wallMs: number;
  /** Only when the run stopped at a limit before its end: the totals are of the run so far. */
  truncated?: RunTruncation;
  global: {
    /** Client requests started after warm-up. */
    requests: number;
    /** Requests in flight when warm-up ended: requests + carriedIn = completed + failed + inFlight. */
    carriedIn: number;
    completed: number;
    failed: number;
    inFlight: number;
    throughputRps: number;
    errorRate: number;
    /** End-to-end latency of completed client requests; null when none completed. */
    latencyMs: LatencySummary;
    errors: ErrorCounts;
    lostWrites: number;
    staleReads: number;
    slo: SloVerdict | null;
  };
  nodes: Record<string, NodeResult>;
  /** Per edge: calls, and each direction's kilobytes, utilisation and wait for the link. Present
   *  only when the design moves payloads (sizes, protocols or bandwidths), so other runs' JSON is
   *  as it always was. */
  edges?: Record<string, EdgeResult>;
  log: LogEntry[];
}

/** Run totals plus the bucket in progress; NO_LATENCY when nothing completed. */
function summary(total: LatencyHistogram, current: LatencyHistogram, completed: number): LatencySummary {
  if (!(completed > 0) || total.count + current.count === 0) return { ...NO_LATENCY };
  const histogram = new LatencyHistogram();
  histogram.merge(total);
  histogram.merge(current);
  return {
    mean: round(histogram.meanMs(), 4),
    p50: round(histogram.quantile(0.5), 4),
    p95: round(histogram.quantile(0.95), 4),
    p99: round(histogram.quantile(0.99), 4),
    max: round(histogram.maxMs, 4),
  };
}

/** Counters since warm-up ended (or since the start when it has not ended yet). */
function sinceWarmup(sim: Simulation, node: NodeRuntime): Float64Array {
  sim.touch(node);
  const out = new Float64Array(NODE_COUNTERS);
  for (let i = 0; i < NODE_COUNTERS; i++)
    out[i] = node.counters[i] - (sim.warmedUp ? node.warmupSnapshot[i] : 0);
  return out;
}

function measuredMs(sim: Simulation): number {
  return Math.max(1e-9, sim.now - (sim.warmedUp ? sim.warmupMs : 0));
}

export function nodeResult(sim: Simulation, node: NodeRuntime): NodeResult {
  const c = sinceWarmup(sim, node);
  const spanMs = measuredMs(sim);
  const errors = Object.fromEntries(FAILURE_REASONS.map((r, i) => [r, c[C_FAILED + i]])) as ErrorCounts;
  const failed = sim.sumFailed(c);
  const carriedIn = sim.warmedUp ? sim.carriedIn[node.index] : 0;
  const latencyMs = summary(node.latency, node.windowLatency, c[C_COMPLETED]);
  const perInstance = instanceResults(sim, node, spanMs, latencyMs.p99);
  const hottest = perInstance.reduce<InstanceResult | null>(
    (best, row) => (best === null || row.utilization > best.utilization ? row : best),
    null,
  );
  const hasWorkers = node.workersTotal > 0 && hottest !== null;
  const result: NodeResult = {
    kind: node.kind,
    instances: node.instanceCount,
    perInstance,
    utilizationMax: hasWorkers ? hottest.utilization : 0,
    utilizationMaxInstance: hasWorkers ? hottest.address : null,
    arrivals: c[C_ARRIVALS],
    carriedIn,
    completed: c[C_COMPLETED],
    failed,
    inFlight: c[C_ARRIVALS] + carriedIn - c[C_COMPLETED] - failed,
    errors,
    throughputRps: round(c[C_COMPLETED] / (spanMs / 1000), 4),
    utilization: round(c[C_CAPACITY_INTEGRAL] > 0 ? c[C_BUSY_INTEGRAL] / c[C_CAPACITY_INTEGRAL] : 0, 6),
    meanQueueDepth: round(c[C_QUEUE_INTEGRAL] / spanMs, 6),
    maxQueueDepth: node.maxQueuedSinceWarmup,
    meanWaitMs: round(c[C_WAIT_COUNT] > 0 ? c[C_WAIT_SUM] / c[C_WAIT_COUNT] : 0, 6),
    meanResponseMs: round(c[C_RESPONSE_COUNT] > 0 ? c[C_RESPONSE_SUM] / c[C_RESPONSE_COUNT] : 0, 6),
    meanInSystem: round(c[C_IN_NODE_INTEGRAL] / spanMs, 6),
    latencyMs,
  };
  kinds.addResults(node, c, spanMs, result);
  return result;
}

function instanceP99Ms(latency: LatencyHistogram, completed: number): number | null {
  return completed > 0 && latency.count > 0 ? round(latency.quantile(0.99), 4) : null;
}

/** `nodeP99Ms`: the node's own p99, which is its only instance's. */
function instanceResults(
  sim: Simulation,
  node: NodeRuntime,
  spanMs: number,
  nodeP99Ms: number | null,
): InstanceResult[] {
  const rows: InstanceResult[] = [];
  const snapshot = node.instanceWarmupSnapshot;
  for (let i = 0; i < node.instanceCount; i++) {
    const base = i * INSTANCE_COUNTERS;
    const since = (k: number) => node.instanceCounters[base + k] - (sim.warmedUp ? snapshot[base + k] : 0);
    const integrals = instanceIntegrals(sim, node, i);
    const busyIntegral = integrals.busy - (sim.warmedUp ? snapshot[base + IC_BUSY_AREA] : 0);
    const queueIntegral = integrals.queue - (sim.warmedUp ? snapshot[base + IC_QUEUE_AREA] : 0);
    const role = kinds.instanceRole(node, i);
    const shard = kinds.instanceShard(node, i);
    const completed = since(IC_COMPLETED);
    rows.push({
      address: sim.address(node, i),
      role: role < 0 ? null : role === 1 ? 'leader' : 'follower',
      shard: shard < 0 ? null : shard,
      arrivals: since(IC_ARRIVALS),
      completed,
      utilization: round(
        node.workers > 0 && node.workersTotal > 0 ? busyIntegral / (node.workers * spanMs) : 0,
        6,
      ),
      meanQueueDepth: round(queueIntegral / spanMs, 6),
      p99Ms: node.instanceCount === 1 ? nodeP99Ms : instanceP99Ms(node.instanceLatency[i], completed),
    });
  }
  return rows;
}

/** The run's global totals after warm-up (the CLI JSON's `global`), without the per-node results. */
export function globalResult(sim: Simulation): CliJson['global'] {
  const g = new Float64Array(GLOBAL_COUNTERS);
  for (let i = 0; i < GLOBAL_COUNTERS; i++)
    g[i] = sim.globalCounters[i] - (sim.warmedUp ? sim.globalWarmupSnapshot[i] : 0);
  const failed = sim.sumGlobalFailed(g);
  const spanMs = measuredMs(sim);
  let lostWrites = 0;
  let staleReads = 0;
  for (const node of sim.nodes) {
    lostWrites += node.counters[C_LOST_WRITES] - (sim.warmedUp ? node.warmupSnapshot[C_LOST_WRITES] : 0);
    staleReads += node.counters[C_STALE_READS] - (sim.warmedUp ? node.warmupSnapshot[C_STALE_READS] : 0);
  }
  const ended = g[G_COMPLETED] + failed;
  const throughputRps = round(g[G_COMPLETED] / (spanMs / 1000), 4);
  const errorRate = round(ended > 0 ? failed / ended : 0, 6);
  const latencyMs = summary(sim.endToEnd, sim.endToEndWindow, g[G_COMPLETED]);
  const slo = sim.design.slo ? sloVerdict(sim.design.slo, latencyMs.p99, throughputRps, errorRate) : null;
  const carriedIn = sim.warmedUp ? sim.requestsCarriedIn : 0;
  return {
    requests: g[G_REQUESTS],
    carriedIn,
    completed: g[G_COMPLETED],
    failed,
    inFlight: g[G_REQUESTS] + carriedIn - g[G_COMPLETED] - failed,
    throughputRps,
    errorRate,
    latencyMs,
    errors: Object.fromEntries(FAILURE_REASONS.map((r, i) => [r, g[G_FAILED + i]])) as ErrorCounts,
    lostWrites,
    staleReads,
    slo,
  };
}

/**
 * The run against its SLO. A p99 line cannot pass without completed requests: with none there is
 * no p99 to compare (an empty sample has no order statistics), so it fails as "no completed requests".
 */
export function sloVerdict(
  slo: { p99Ms: number; minThroughputRps: number; maxErrorRate: number },
  p99Ms: number | null,
  throughputRps: number,
  errorRate: number,
): SloVerdict {
  const failing: string[] = [];
  if (p99Ms === null) failing.push('p99: no completed requests');
  else if (p99Ms > slo.p99Ms) failing.push(`p99 ${p99Ms} ms > ${slo.p99Ms} ms`);
  if (throughputRps < slo.minThroughputRps)
    failing.push(`throughput ${throughputRps} req/s < ${slo.minThroughputRps} req/s`);
  if (errorRate > slo.maxErrorRate)
    failing.push(`errors ${round(errorRate * 100, 2)}% > ${round(slo.maxErrorRate * 100, 2)}%`);
  return {
    p99Ms: slo.p99Ms,
    minThroughputRps: slo.minThroughputRps,
    maxErrorRate: slo.maxErrorRate,
    pass: failing.length === 0,
    failing,
  };
}

export function results(sim: Simulation, wallMs: number): CliJson {
  const nodes: Record<string, NodeResult> = {};
  for (const node of sim.nodes) nodes[node.id] = nodeResult(sim, node);
  const edges = edgeResults(sim, measuredMs(sim));
  return {
    simTimeMs: sim.now,
    seed: sim.seed,
    events: sim.eventsProcessed,
    wallMs: Math.round(wallMs * 1000) / 1000,
    // Absent unless truncated, so a complete run's JSON is as it always was.
    ...(sim.truncated ? { truncated: { ...sim.truncated } } : {}),
    global: globalResult(sim),
    nodes,
    ...(edges ? { edges } : {}),
    log: sim.log.slice(),
  };
}

/**
 * Where the slowest 1% of end-to-end requests spend their time, hop by hop, and where failed
 * requests' failures started (trace.ts explains how a request's time is split).
 */
export interface SlowestRequestsExplanation {
  /** The filter (requests that passed through this node), or null for the whole design. */
  nodeId: string | null;
  /** Tail requests analysed. */
  sampleCount: number;
  /** The end-to-end p99 used as the tail threshold (running estimate, warm-up excluded). */
  thresholdMs: number;
  /** Mean end-to-end latency of the tail requests (= the sum of the hops' three times). */
  meanEndToEndMs: number;
  /** Mean per tail request, in first-visit path order (the client first: its own time is the
   *  backoff between retries). visits: calls to that node per tail request. */
  hops: { nodeId: string; queueingMs: number; serviceMs: number; networkMs: number; visits: number }[];
  /** Failed requests (warm-up excluded) by the node where the failure started, most first. */
  failures: { nodeId: string; reason: string; count: number; firstAtMs: number }[];
}

export function explainSlowest(sim: Simulation, nodeId?: string): SlowestRequestsExplanation {
  const index = nodeId === undefined ? -1 : sim.nodeIndex.get(nodeId);
  // A node every request so far passed through shares the whole design's tail.
  const whole = nodeId === undefined || (index !== undefined && sim.universal[index] === 1);
  const through = index !== undefined && index >= 0 ? sim.passThrough[index] : null;
  const table = whole ? sim.slowest : through?.table;
  const thresholdMs = whole ? sim.slowestThresholdMs : (through?.thresholdMs ?? Infinity);
  const out: SlowestRequestsExplanation = {
    nodeId: nodeId ?? null,
    sampleCount: table?.samples ?? 0,
    thresholdMs: Number.isFinite(thresholdMs) ? round(thresholdMs, 3) : 0,
    meanEndToEndMs: 0,
    hops: [],
    failures: [],
  };
  if (!table) return out;
  // Sums are weighted: a sampled trace stands for the requests between samples (trace.ts).
  const samples = table.weight;
  if (samples > 0) {
    out.meanEndToEndMs = table.endToEndSumMs / samples;
    const order = Array.from({ length: table.size }, (_, k) => k).sort(
      (a, b) =>
        table.positionSum[a] / Math.max(1, table.present[a]) -
          table.positionSum[b] / Math.max(1, table.present[b]) || table.node[a] - table.node[b],
    );
    out.hops = order.map((k) => ({
      nodeId: sim.nodes[table.node[k]].id,
      queueingMs: table.queueMs[k] / samples,
      serviceMs: table.serviceMs[k] / samples,
      networkMs: table.networkMs[k] / samples,
      visits: table.visits[k] / samples,
    }));
  }
  out.failures = Array.from({ length: table.failureSize }, (_, k) => ({
    nodeId: sim.nodes[table.failureNode[k]].id,
    reason: FAILURE_REASONS[table.failureReason[k]],
    count: table.failureCount[k],
    firstAtMs: table.failureFirstMs[k],
  })).sort((a, b) => b.count - a.count || a.firstAtMs - b.firstAtMs);
  return out;
}
