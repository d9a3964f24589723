// Observation: the counters and time integrals every node keeps, warm-up, the once-a-second tick
// that closes a metrics window (gauges, series, SLO check), and the event log. Results and gauges
// (results.ts, gauges.ts) read what these keep.
import * as kinds from '../kinds/dispatch';
import {
  BUCKET_MS,
  EV_TICK,
  FAILURE_REASONS,
  GLOBAL_COUNTERS,
  G_COMPLETED,
  G_FAILED,
  G_REQUESTS,
} from './constants';
import { LatencyHistogram } from './histogram';
import { LOG_LIMIT, type LogEntry, type LogType } from './log';
import {
  C_ARRIVALS,
  C_BUSY_INTEGRAL,
  C_CAPACITY_INTEGRAL,
  C_COMPLETED,
  C_FAILED,
  C_IN_NODE_INTEGRAL,
  C_QUEUE_INTEGRAL,
  C_RESPONSE_COUNT,
  C_RESPONSE_SUM,
  IC_ARRIVALS,
  IC_BUSY_AREA,
  IC_QUEUE_AREA,
  IC_COMPLETED,
  IC_FAILED,
  INSTANCE_COUNTERS,
} from './metrics';
import type { NodeRuntime } from './nodeRuntime';
import { round } from './numbers';
import { endWarmupLinks, tickLinks } from './payloads';
import { schedule } from './scheduling';
import type { Simulation } from './simulation';
import { refreshTailThresholds } from './tracing';

// Time integrals of the levels (busy workers, waiting, at the node, available workers) without
// work at every change: a level L that changes by δ at time t keeps area −= δ·t, so that
// ∫₀ᵀ L dt = area + L(T)·T (each unit adds its departure time and subtracts its arrival time).
// A change costs one multiply-add; touch() writes the integrals into the counters when read.
// The node's and the instance's levels change together, so a saturated instance shows in its own
// integrals however the node's total reads.
export function changeBusy(sim: Simulation, node: NodeRuntime, instance: number, delta: number): void {
  const area = delta * sim.now;
  node.busyTotal += delta;
  node.busyArea -= area;
  node.instanceCounters[instance * INSTANCE_COUNTERS + IC_BUSY_AREA] -= area;
}

export function changeQueued(sim: Simulation, node: NodeRuntime, instance: number, delta: number): void {
  const area = delta * sim.now;
  node.queuedTotal += delta;
  node.queuedArea -= area;
  node.instanceCounters[instance * INSTANCE_COUNTERS + IC_QUEUE_AREA] -= area;
}

/** A single-buffer node's queue (a message queue): its one instance holds it all. */
export function setQueued(sim: Simulation, node: NodeRuntime, level: number): void {
  changeQueued(sim, node, 0, level - node.queuedTotal);
}

/** Instance i's busy workers now, with those set aside for a queue delivery on its way. */
export function instanceBusy(node: NodeRuntime, i: number): number {
  return node.busy[i] + node.reserved[i];
}

/** What waits at instance i now: a message queue's one buffer, else the instance's queue. */
export function instanceQueueLength(node: NodeRuntime, i: number): number {
  return kinds.buffersMessages(node.kindCode) ? node.ready.length : node.waiting[i].length;
}

/** Instance i's busy-worker and queue-length integrals (worker·ms, request·ms) up to now. */
export function instanceIntegrals(
  sim: Simulation,
  node: NodeRuntime,
  i: number,
): { busy: number; queue: number } {
  const c = node.instanceCounters;
  const base = i * INSTANCE_COUNTERS;
  return {
    busy: c[base + IC_BUSY_AREA] + instanceBusy(node, i) * sim.now,
    queue: c[base + IC_QUEUE_AREA] + instanceQueueLength(node, i) * sim.now,
  };
}

/** Brings the node's time integrals in its counters up to now (before reading them). */
export function touch(sim: Simulation, node: NodeRuntime): void {
  const now = sim.now;
  const counters = node.counters;
  counters[C_BUSY_INTEGRAL] = node.busyArea + node.busyTotal * now;
  counters[C_QUEUE_INTEGRAL] = node.queuedArea + node.queuedTotal * now;
  counters[C_IN_NODE_INTEGRAL] = node.inNodeArea + node.inNode * now;
  counters[C_CAPACITY_INTEGRAL] = node.workersArea + node.workersTotal * now;
}

/** Records a new queue length high-water mark. */
export function noteQueued(sim: Simulation, node: NodeRuntime): void {
  if (node.queuedTotal > node.maxQueuedSinceWarmup) node.maxQueuedSinceWarmup = node.queuedTotal;
}

export function countArrival(sim: Simulation, node: NodeRuntime, instance: number): void {
  node.inNode++;
  node.inNodeArea -= sim.now;
  node.counters[C_ARRIVALS]++;
  node.instanceCounters[instance * INSTANCE_COUNTERS + IC_ARRIVALS]++;
}

export function countDeparture(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  ok: boolean,
  reason: number,
): void {
  const pool = sim.pool;
  node.inNode--;
  node.inNodeArea += sim.now;
  const counters = node.counters;
  const instance = pool.instance[c];
  const responseMs = sim.now - pool.arriveMs[c];
  if (ok) {
    counters[C_COMPLETED]++;
    if (instance >= 0 && instance < node.instanceCount)
      node.instanceCounters[instance * INSTANCE_COUNTERS + IC_COMPLETED]++;
  } else {
    counters[C_FAILED + reason]++;
    if (instance >= 0 && instance < node.instanceCount)
      node.instanceCounters[instance * INSTANCE_COUNTERS + IC_FAILED]++;
  }
  counters[C_RESPONSE_SUM] += responseMs;
  counters[C_RESPONSE_COUNT]++;
  node.windowLatency.record(responseMs); // folded into node.latency every bucket
  // Per instance only where there are several: a single instance's latency is the node's.
  if (node.instanceCount > 1 && instance >= 0 && instance < node.instanceCount)
    node.instanceLatency[instance].record(responseMs);
}

/** A client request is over: end-to-end accounting. */
export function countRequestEnd(sim: Simulation, ok: boolean, reason: number, latencyMs: number): void {
  if (ok) {
    sim.globalCounters[G_COMPLETED]++;
    sim.endToEndWindow.record(latencyMs); // folded into endToEnd every bucket
  } else sim.globalCounters[G_FAILED + reason]++;
}

export function addLog(
  sim: Simulation,
  type: LogType,
  target: string,
  fields: Record<string, number | string> = {},
): void {
  if (sim.log.length >= LOG_LIMIT) {
    sim.logDropped++;
    return;
  }
  sim.log.push({ t: sim.now, type, target, ...fields } as LogEntry);
}

export function address(sim: Simulation, node: NodeRuntime, instance: number): string {
  return `${node.id}:${instance}`;
}

export function endWarmup(sim: Simulation): void {
  sim.warmedUp = true;
  for (const node of sim.nodes) {
    touch(sim, node);
    const counters = node.counters;
    // Calls still in flight are carried into the measured run (not counted as its arrivals), so
    // arrivals + carriedIn = completed + failed + in flight.
    sim.carriedIn[node.index] = counters[C_ARRIVALS] - counters[C_COMPLETED] - sumFailed(sim, counters);
    node.warmupSnapshot.set(counters);
    node.instanceWarmupSnapshot.set(node.instanceCounters);
    for (let i = 0; i < node.instanceCount; i++) {
      const { busy, queue } = instanceIntegrals(sim, node, i);
      node.instanceWarmupSnapshot[i * INSTANCE_COUNTERS + IC_BUSY_AREA] = busy;
      node.instanceWarmupSnapshot[i * INSTANCE_COUNTERS + IC_QUEUE_AREA] = queue;
      node.instanceLatency[i].reset();
    }
    node.latency.reset();
    // The window gauges are live: the second in progress keeps its samples for its gauges and
    // series (set aside, merged back at the tick), only the run totals start afresh.
    if (node.windowLatency.count > 0) {
      node.warmupCarry = node.windowLatency;
      node.windowLatency = new LatencyHistogram();
    }
    node.maxQueuedSinceWarmup = node.queuedTotal;
    node.oldestAgeMaxSinceWarmup = 0;
  }
  sim.requestsCarriedIn =
    sim.globalCounters[G_REQUESTS] -
    sim.globalCounters[G_COMPLETED] -
    sumGlobalFailed(sim, sim.globalCounters);
  sim.globalWarmupSnapshot.set(sim.globalCounters);
  endWarmupLinks(sim);
  sim.endToEnd.reset();
  if (sim.endToEndWindow.count > 0) {
    sim.endToEndWarmupCarry = sim.endToEndWindow;
    sim.endToEndWindow = new LatencyHistogram();
  }
  sim.slowest.reset();
  sim.slowestThresholdMs = Infinity;
  sim.requestsTraceable = 0;
  // Every node's pass-through set is empty again, hence equal to the whole design's.
  sim.universal.fill(1);
  sim.universalCount = sim.nodes.length;
}

export function sumFailed(sim: Simulation, counters: Float64Array, base = C_FAILED): number {
  let sum = 0;
  for (let r = 0; r < FAILURE_REASONS.length; r++) sum += counters[base + r];
  return sum;
}

export function sumGlobalFailed(sim: Simulation, counters: Float64Array): number {
  return sumFailed(sim, counters, G_FAILED);
}

/** Every second of sim time: close the metrics bucket, refresh gauges, check the SLO. */
export function tick(sim: Simulation): void {
  for (const node of sim.nodes) {
    touch(sim, node);
    kinds.tick(sim, node);
    // The window just closed becomes the last window (its percentiles are read on demand by
    // gauges); the older one is emptied to collect the next second. Run totals first: samples
    // from before warm-up ended join the closed window only after.
    const closed = node.windowLatency;
    node.latency.merge(closed);
    if (node.warmupCarry) {
      closed.merge(node.warmupCarry);
      node.warmupCarry = null;
    }
    for (let i = 0; i < node.counters.length; i++)
      node.lastWindow[i] = node.counters[i] - node.tickSnapshot[i];
    node.tickSnapshot.set(node.counters);
    node.windowLatency = node.lastWindowLatency;
    node.windowLatency.reset();
    node.lastWindowLatency = closed;
    for (let i = 0; i < node.instanceCount * INSTANCE_COUNTERS; i++) {
      node.instanceLastWindow[i] = node.instanceCounters[i] - node.instanceTickSnapshot[i];
      node.instanceTickSnapshot[i] = node.instanceCounters[i];
    }
  }
  for (let e = 0; e < sim.edgeIds.length; e++) {
    sim.edgeLastWindow[2 * e] = sim.edgeSent[e] - sim.edgeTickSnapshot[2 * e];
    sim.edgeLastWindow[2 * e + 1] = sim.edgeFailed[e] - sim.edgeTickSnapshot[2 * e + 1];
    sim.edgeTickSnapshot[2 * e] = sim.edgeSent[e];
    sim.edgeTickSnapshot[2 * e + 1] = sim.edgeFailed[e];
  }
  if (sim.payloads) tickLinks(sim);
  for (let i = 0; i < GLOBAL_COUNTERS; i++) {
    sim.globalLastWindow[i] = sim.globalCounters[i] - sim.globalTickSnapshot[i];
    sim.globalTickSnapshot[i] = sim.globalCounters[i];
  }
  const closed = sim.endToEndWindow;
  sim.endToEnd.merge(closed);
  if (sim.endToEndWarmupCarry) {
    closed.merge(sim.endToEndWarmupCarry);
    sim.endToEndWarmupCarry = null;
  }
  sim.endToEndWindow = sim.endToEndLastWindow;
  sim.endToEndWindow.reset();
  sim.endToEndLastWindow = closed;
  checkSlo(sim);
  refreshTailThresholds(sim);
  if (sim.now + BUCKET_MS <= sim.durationMs + BUCKET_MS) schedule(sim, sim.now + BUCKET_MS, EV_TICK, 0, 0);
}

export function checkSlo(sim: Simulation): void {
  const slo = sim.design.slo;
  if (!slo || !sim.warmedUp) return;
  const completed = sim.globalLastWindow[G_COMPLETED];
  const failed = sumGlobalFailed(sim, sim.globalLastWindow);
  const errorRate = completed + failed > 0 ? failed / (completed + failed) : 0;
  // p99 ≤ max: the percentile is only needed when the slowest request broke the target.
  const window = sim.endToEndLastWindow;
  const p99Ms = completed > 0 && window.maxMs > slo.p99Ms ? window.quantile(0.99) : 0;
  const breached = p99Ms > slo.p99Ms || errorRate > slo.maxErrorRate;
  if (breached && !sim.sloBreached) {
    // With nothing completed in the second there is no p99 to report (every request failed or
    // is still waiting): the entry says so with completed 0 rather than claiming 0 ms.
    const fields: Record<string, number> = {};
    if (completed > 0) fields.p99Ms = round(window.quantile(0.99), 3);
    fields.errorRate = round(errorRate, 5);
    fields.throughputRps = completed / (BUCKET_MS / 1000);
    fields.completed = completed;
    addLog(sim, 'sloBreach', 'slo', fields);
  }
  sim.sloBreached = breached;
}
