// Live gauges packed into Float64Arrays (transferable from a worker without copying). Rates and
// percentiles come from the last complete 1 s bucket; depths and states are instantaneous.
import { FAILURE_REASONS, I_UP } from './constants';
import * as kinds from '../kinds/dispatch';
import { NODE_GAUGES, type NodeGaugeField } from '../kinds/gauges';
import {
  C_BUSY_INTEGRAL,
  C_CAPACITY_INTEGRAL,
  C_CONFLICTS,
  C_LOST_UPDATES,
  C_ARRIVALS,
  C_AUTH_FAILED,
  C_COMPLETED,
  C_FAILED,
  C_HITS,
  C_LOST_WRITES,
  C_MISSES,
  C_REPLICATION_LAG_COUNT,
  C_REPLICATION_LAG_SUM,
  C_RESPONSE_COUNT,
  C_RESPONSE_SUM,
  C_STALE_READS,
  IC_COMPLETED,
  IC_FAILED,
  INSTANCE_COUNTERS,
} from './metrics';
import { instanceBusy, instanceQueueLength } from './observation';
import { G_COMPLETED, G_FAILED, type Simulation } from './simulation';

/** Node gauge fields, declared once in shared/kinds/gauges.ts (common ones, then kinds' own). */
export const NODE_GAUGE_FIELDS: readonly NodeGaugeField[] = NODE_GAUGES.map((spec) => spec.field);
export const INSTANCE_GAUGE_FIELDS = [
  /** 0 up, 1 dead (killed), 2 hung. */
  'state',
  /** Service time multiplier from `slow` chaos (1 = normal). */
  'slowFactor',
  /** 1 leader, 0 follower, -1 not a database. */
  'leader',
  'queueDepth',
  'busyWorkers',
  'utilization',
  'throughputRps',
  'errorRps',
  'inFlight',
  'cacheEntries',
  /** 1 for a database copy cut off from the rest of its shard by a partition, else 0. */
  'partitioned',
] as const;
/** Per edge: calls sent per second, their error rate, cut (1/0), and each direction's link: its
 *  utilisation (sending time over the last second; 0 when unbounded) and Mbit/s on the wire. */
export const EDGE_GAUGE_FIELDS = [
  'throughputRps',
  'errorRate',
  'cut',
  'forwardUtilization',
  'backUtilization',
  'forwardMbps',
  'backMbps',
] as const;

export interface GaugeLayout {
  /** Changes when instance counts change (a hot edit): re-read the layout then. */
  version: number;
  nodeIds: string[];
  nodeFields: readonly string[];
  /** Node i's instances are rows instanceOffset[i] … instanceOffset[i] + instanceCount[i] - 1. */
  instanceOffset: Int32Array;
  instanceCount: Int32Array;
  instanceFields: readonly string[];
  edgeIds: string[];
  edgeFields: readonly string[];
}

export interface Gauges {
  simTimeMs: number;
  layoutVersion: number;
  /** nodeIds.length × nodeFields.length, row-major. */
  nodes: Float64Array;
  instances: Float64Array;
  edges: Float64Array;
}

export function gaugeLayout(sim: Simulation): GaugeLayout {
  const instanceOffset = new Int32Array(sim.nodes.length);
  const instanceCount = new Int32Array(sim.nodes.length);
  let offset = 0;
  sim.nodes.forEach((node, i) => {
    instanceOffset[i] = offset;
    instanceCount[i] = node.instanceCount;
    offset += node.instanceCount;
  });
  return {
    version: sim.layoutVersion,
    nodeIds: sim.nodes.map((n) => n.id),
    nodeFields: NODE_GAUGE_FIELDS,
    instanceOffset,
    instanceCount,
    instanceFields: INSTANCE_GAUGE_FIELDS,
    edgeIds: sim.edgeIds.slice(),
    edgeFields: EDGE_GAUGE_FIELDS,
  };
}

export function gauges(sim: Simulation): Gauges {
  const NF = NODE_GAUGE_FIELDS.length;
  const IF = INSTANCE_GAUGE_FIELDS.length;
  const EF = EDGE_GAUGE_FIELDS.length;
  let instanceRows = 0;
  for (const node of sim.nodes) instanceRows += node.instanceCount;
  const nodes = new Float64Array(sim.nodes.length * NF);
  const instances = new Float64Array(instanceRows * IF);
  const edges = new Float64Array(sim.edgeIds.length * EF);
  const seconds = 1; // the last window is one 1 s bucket
  let row = 0;
  sim.nodes.forEach((node, n) => {
    const w = node.lastWindow;
    const failed = sim.sumFailed(w);
    const ended = w[C_COMPLETED] + failed;
    const lookups = w[C_HITS] + w[C_MISSES];
    let authFailed = 0;
    for (let r = 0; r < FAILURE_REASONS.length; r++) authFailed += w[C_AUTH_FAILED + r];
    let up = 0;
    for (let i = 0; i < node.instanceCount; i++) if (node.instanceState[i] === I_UP) up++;
    const base = n * NF;
    // Every declared field, by name: a field without a value here is a type error, not a silent 0.
    const values: Record<NodeGaugeField, number> = {
      throughputRps: w[C_COMPLETED] / seconds,
      arrivalsRps: w[C_ARRIVALS] / seconds,
      errorRate: ended > 0 ? failed / ended : 0,
      p50Ms: node.lastWindowLatencyP50Ms,
      p99Ms: node.lastWindowLatencyP99Ms,
      meanResponseMs: w[C_RESPONSE_COUNT] > 0 ? w[C_RESPONSE_SUM] / w[C_RESPONSE_COUNT] : 0,
      queueDepth: node.queuedTotal,
      inFlight: node.inNode,
      utilization: w[C_CAPACITY_INTEGRAL] > 0 ? w[C_BUSY_INTEGRAL] / w[C_CAPACITY_INTEGRAL] : 0,
      rejectedRps: w[C_FAILED + FAILURE_REASONS.indexOf('rejected')] / seconds,
      timeoutRps: w[C_FAILED + FAILURE_REASONS.indexOf('timeout')] / seconds,
      instancesUp: up,
      responses: w[C_RESPONSE_COUNT],
      hitRate: kinds.cachesKeys(node.kindCode) ? (lookups > 0 ? w[C_HITS] / lookups : 0) : 0,
      staleReadsPerS: w[C_STALE_READS] / seconds,
      replicationLagMs:
        w[C_REPLICATION_LAG_COUNT] > 0 ? w[C_REPLICATION_LAG_SUM] / w[C_REPLICATION_LAG_COUNT] : 0,
      queueOldestAgeMs:
        kinds.buffersMessages(node.kindCode) && node.ready.length > 0
          ? sim.now - sim.pool.arriveMs[node.ready.peek()]
          : 0,
      messagesInFlight: node.messagesInFlight,
      throttledRps: w[C_FAILED + FAILURE_REASONS.indexOf('throttled')] / seconds,
      lostWrites: node.counters[C_LOST_WRITES],
      // A gateway's auth cache keeps its hits and lookups in the cache counters.
      authHitRate: kinds.looksUpAuth(node) && lookups > 0 ? w[C_HITS] / lookups : 0,
      authFailedRps: authFailed / seconds,
      conflicts: node.counters[C_CONFLICTS],
      lostUpdates: node.counters[C_LOST_UPDATES],
    };
    for (let f = 0; f < NF; f++) nodes[base + f] = values[NODE_GAUGE_FIELDS[f]];
    for (let i = 0; i < node.instanceCount; i++, row++) {
      const b = row * IF;
      instances[b] = node.instanceState[i];
      instances[b + 1] = node.slowFactor[i];
      instances[b + 2] = kinds.instanceRole(node, i);
      instances[b + 3] = instanceQueueLength(node, i);
      const busy = instanceBusy(node, i);
      instances[b + 4] = busy;
      instances[b + 5] = node.workers > 0 ? busy / node.workers : 0;
      instances[b + 6] = node.instanceLastWindow[i * INSTANCE_COUNTERS + IC_COMPLETED] / seconds;
      instances[b + 7] = node.instanceLastWindow[i * INSTANCE_COUNTERS + IC_FAILED] / seconds;
      instances[b + 8] = node.inFlight[i];
      instances[b + 9] = node.stores[i] ? node.stores[i].size : 0;
      instances[b + 10] = node.partitioned ? node.partitionSide[i] : 0;
    }
  });
  for (let e = 0; e < sim.edgeIds.length; e++) {
    const sent = sim.edgeLastWindow[2 * e];
    edges[e * EF] = sent / seconds;
    edges[e * EF + 1] = sent > 0 ? sim.edgeLastWindow[2 * e + 1] / sent : 0;
    edges[e * EF + 2] = sim.edgeCut[e];
    // The last second's busy ms and kilobytes per direction (payloads.ts; zero without payloads).
    const window = sim.links.lastWindow;
    edges[e * EF + 3] = window[4 * e] / (seconds * 1000);
    edges[e * EF + 4] = window[4 * e + 2] / (seconds * 1000);
    edges[e * EF + 5] = (window[4 * e + 1] * 8) / (seconds * 1000);
    edges[e * EF + 6] = (window[4 * e + 3] * 8) / (seconds * 1000);
  }
  return { simTimeMs: sim.now, layoutVersion: sim.layoutVersion, nodes, instances, edges };
}

export interface GlobalGauges {
  /** Completed client requests in the last complete 1 s bucket. */
  throughputRps: number;
  /** Client requests completed in the last bucket: the percentiles are NaN when it is 0. */
  completed: number;
  /** NaN when nothing completed in the last bucket (no data, not 0 ms). */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errorRate: number;
  errorsByReason: Record<(typeof FAILURE_REASONS)[number], number>;
  /** The last bucket against design.slo (throughput only counts after warm-up). */
  sloPass: boolean;
}

/** End-to-end gauges of the last complete 1 s bucket. */
export function globalGauges(sim: Simulation): GlobalGauges {
  const window = sim.globalLastWindow;
  const completed = window[G_COMPLETED];
  const errorsByReason = {} as GlobalGauges['errorsByReason'];
  let failed = 0;
  FAILURE_REASONS.forEach((reason, r) => {
    errorsByReason[reason] = window[G_FAILED + r];
    failed += window[G_FAILED + r];
  });
  const ended = completed + failed;
  const errorRate = ended > 0 ? failed / ended : 0;
  const slo = sim.design.slo;
  const p99Ms = sim.globalLastWindowP99Ms;
  return {
    throughputRps: completed,
    completed,
    p50Ms: sim.globalLastWindowP50Ms,
    p95Ms: sim.globalLastWindowP95Ms,
    p99Ms,
    errorRate,
    errorsByReason,
    sloPass: !slo
      ? true
      : (completed === 0 || p99Ms <= slo.p99Ms) &&
        errorRate <= slo.maxErrorRate &&
        (!sim.warmedUp || completed >= slo.minThroughputRps),
  };
}
