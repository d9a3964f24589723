// Request traces for explainSlowest: which calls of a request are traced, the hop entries written
// as responses come back (or when a caller gives up), and folding a finished request into the
// tail tables (whole design and per node passed through). The data structures are in trace.ts.
import * as kinds from '../kinds/dispatch';
import { BUCKET_MS, F_ANSWERED, HOP_LIMIT, R_TIMEOUT, S_LOST, S_RESPONDING, S_TRANSIT } from './constants';
import { mix32 } from './rng';
import type { Simulation } from './simulation';
import { PassThrough, TRACE_HOPS, TailTable } from './trace';

/** Requests after warm-up that are all traced; after them, one in TRACE_SAMPLE_EVERY (a power of two). */
export const TRACE_ALL_REQUESTS = 100_000;
export const TRACE_SAMPLE_EVERY = 16;
/** Requests completed before a running p99 is trusted as the tail threshold. */
export const TAIL_MIN_SAMPLES = 100;

/**
 * A client request starts: trace it? The first TRACE_ALL_REQUESTS requests after warm-up all
 * are; after that one in TRACE_SAMPLE_EVERY, picked by a hash of the request's number (not by
 * position: round-robin routing would align with a fixed stride), and weighted by that factor,
 * so the tail's means stay unbiased while a long run costs a sixteenth as much.
 */
export function beginTrace(sim: Simulation, c: number): void {
  const n = ++sim.requestsTraceable;
  let weight = 1;
  if (n > TRACE_ALL_REQUESTS) {
    if ((mix32(n) & (TRACE_SAMPLE_EVERY - 1)) !== 0) {
      sim.pool.trace[c] = -1;
      return;
    }
    weight = TRACE_SAMPLE_EVERY;
  }
  const t = sim.traces.allocate();
  sim.pool.trace[c] = t;
  if (t >= 0) sim.traces.weight[t] = weight;
}

// On the hot path a traced call costs two writes (its trace when sent, its finish time when it
// answers) and one hop entry when its response reaches the caller, computed from the call's own
// record: the caller's sentMs is still the call's departure then (a caller waits for one call
// at a time), and a finished call's sentMs (unused once it has answered) holds its finish time.
// A call still attached to its caller belongs to a live request: a caller that stops waiting
// detaches the call and everything below it (traceDetach), so no generation checks are needed.

/** The response reached the waiting caller: the hop's entry, from the call's own record. */
export function traceDelivered(sim: Simulation, c: number, t: number, parent: number): void {
  const traces = sim.traces;
  const hop = traces.addHop(t);
  if (hop < 0) return;
  const pool = sim.pool;
  const node = pool.node[c];
  const arriveMs = pool.arriveMs[c];
  const responseMs = pool.sentMs[c] - arriveMs;
  const departMs = pool.sentMs[parent];
  const downstreamMs = pool.downstreamMs[c];
  const startMs = pool.startMs[c];
  let queueMs = 0;
  const queueKind = sim.queueKind[node];
  if (queueKind !== kinds.HOP_NO_QUEUE) {
    // Waiting for a worker; a call that never got one waited the whole time. A service's time
    // beyond its service time and its calls is retry backoff: waiting too. (A database's is
    // waiting for replication acknowledgements: part of the write, so service.)
    queueMs = startMs >= 0 ? startMs - arriveMs : responseMs;
    if (startMs >= 0 && queueKind === kinds.HOP_SERVICE)
      queueMs = responseMs - pool.serviceMs[c] - downstreamMs;
  }
  traces.hopNode[hop] = node;
  traces.hopDepartMs[hop] = departMs;
  traces.hopDepth[hop] = pool.hops[c];
  traces.hopQueueMs[hop] = queueMs;
  traces.hopServiceMs[hop] = responseMs - queueMs - downstreamMs;
  traces.hopNetworkMs[hop] = sim.now - departMs - responseMs;
}

/** Where a failure started (the latest one in the request wins: earlier ones were retried). */
export function traceOrigin(sim: Simulation, t: number, node: number, reason: number): void {
  const traces = sim.traces;
  traces.originNode[t] = node;
  traces.originReason[t] = reason;
  traces.originMs[t] = sim.now;
}

/**
 * The caller stopped waiting for c (a timeout): entries for c and the calls below it, from
 * where each one is now; the deepest of them is where the request got stuck (the origin).
 */
export function traceInterrupted(sim: Simulation, parent: number, c: number): void {
  const pool = sim.pool;
  const t = pool.trace[parent];
  let x = c;
  let caller = parent;
  for (let depth = 0; depth <= HOP_LIMIT + 1; depth++) {
    if (pool.trace[x] === t) interruptedHop(sim, t, x, caller);
    const child = pool.child[x];
    if (child < 0 || pool.parent[child] !== x || pool.parentGeneration[child] !== pool.generation[x]) break;
    caller = x;
    x = child;
  }
  traceOrigin(sim, t, pool.node[x], R_TIMEOUT);
}

export function interruptedHop(sim: Simulation, t: number, x: number, caller: number): void {
  const traces = sim.traces;
  const hop = traces.addHop(t);
  if (hop < 0) return;
  const pool = sim.pool;
  const departMs = pool.sentMs[caller];
  const callState = pool.state[x];
  traces.hopNode[hop] = pool.node[x];
  traces.hopDepartMs[hop] = departMs;
  traces.hopDepth[hop] = pool.hops[x];
  if (callState === S_RESPONDING || (callState === S_LOST && (pool.flags[x] & F_ANSWERED) !== 0)) {
    // It had answered; the response was on its way back (or lost on a cut edge).
    const arriveMs = pool.arriveMs[x];
    const responseMs = pool.sentMs[x] - arriveMs;
    const startMs = pool.startMs[x];
    const queueMs =
      sim.nodes[pool.node[x]].workersTotal > 0 ? (startMs >= 0 ? startMs - arriveMs : responseMs) : 0;
    traces.hopQueueMs[hop] = queueMs;
    traces.hopServiceMs[hop] = responseMs - queueMs - pool.downstreamMs[x];
    traces.hopNetworkMs[hop] = sim.now - departMs - responseMs;
    return;
  }
  if (callState === S_TRANSIT || callState === S_LOST) {
    // Still on the wire, or dropped by a cut edge: all of it is network.
    traces.hopQueueMs[hop] = 0;
    traces.hopServiceMs[hop] = 0;
    traces.hopNetworkMs[hop] = Math.max(0, sim.now - departMs);
    return;
  }
  const arriveMs = pool.arriveMs[x];
  const atNodeMs = sim.now - arriveMs;
  const startMs = pool.startMs[x];
  let downstreamMs = pool.downstreamMs[x];
  if (pool.child[x] >= 0) downstreamMs += Math.max(0, sim.now - pool.sentMs[x]);
  const ownMs = atNodeMs - downstreamMs;
  const node = sim.nodes[pool.node[x]];
  let queueMs = 0;
  if (node.workersTotal > 0) {
    queueMs = startMs >= 0 ? startMs - arriveMs : atNodeMs;
    if (startMs >= 0 && kinds.startsServiceHop(node.kindCode))
      queueMs = ownMs - Math.min(ownMs - queueMs, pool.serviceMs[x]);
  }
  traces.hopQueueMs[hop] = queueMs;
  traces.hopServiceMs[hop] = ownMs - queueMs;
  traces.hopNetworkMs[hop] = arriveMs - departMs;
}

/**
 * Nobody waits for c any more: it and the calls below it leave the request's trace (the
 * caller's own time covers what they spent, or the timeout already closed their entries).
 */
export function traceDetach(sim: Simulation, c: number): void {
  const pool = sim.pool;
  let x = c;
  for (let depth = 0; depth <= HOP_LIMIT + 1 && x >= 0; depth++) {
    pool.trace[x] = -1;
    const child = pool.child[x];
    if (child < 0 || pool.parent[child] !== x || pool.parentGeneration[child] !== pool.generation[x]) break;
    x = child;
  }
}

/** A client request is over: fold its trace into the tail tables, then free it. */
export function traceRequestEnd(
  sim: Simulation,
  c: number,
  ok: boolean,
  reason: number,
  originated: boolean,
  latencyMs: number,
): void {
  const pool = sim.pool;
  const t = pool.trace[c];
  if (t < 0) return;
  const traces = sim.traces;
  if (sim.warmedUp) accountTrace(sim, pool.node[c], t, ok, reason, originated, latencyMs);
  traces.release(t);
  pool.trace[c] = -1;
}

export function accountTrace(
  sim: Simulation,
  root: number,
  t: number,
  ok: boolean,
  reason: number,
  originated: boolean,
  latencyMs: number,
): void {
  const traces = sim.traces;
  const hops = traces.hopCount[t];
  const base = t * TRACE_HOPS;
  const universal = sim.universal;
  // The distinct nodes the request passed through, in first-visit order (the client first).
  const stamp = ++sim.traceStampNow;
  const seen = sim.traceStamp;
  const first = sim.hopFirst;
  seen[root] = stamp;
  let universalSeen = universal[root];
  for (let k = 0; k < hops; k++) {
    const n = traces.hopNode[base + k];
    if (seen[n] === stamp) first[k] = 0;
    else {
      seen[n] = stamp;
      first[k] = 1;
      universalSeen += universal[n];
    }
  }
  if (universalSeen < sim.universalCount) splitMissed(sim, stamp);
  const weight = traces.weight[t];
  if (!ok) {
    let origin = traces.originNode[t];
    let why = traces.originReason[t];
    let atMs = traces.originMs[t];
    if (originated || origin < 0) {
      origin = root;
      why = reason;
      atMs = sim.now;
    }
    sim.slowest.addFailure(origin, why, atMs, weight);
    if (universal[root] === 0) passingThrough(sim, root).table.addFailure(origin, why, atMs, weight);
    for (let k = 0; k < hops; k++) {
      const n = traces.hopNode[base + k];
      if (first[k] === 1 && universal[n] === 0)
        passingThrough(sim, n).table.addFailure(origin, why, atMs, weight);
    }
    return;
  }
  const complete = traces.truncated[t] === 0;
  if (complete && latencyMs >= sim.slowestThresholdMs) addTail(sim, sim.slowest, root, t, latencyMs);
  if (universal[root] === 0) addPassThrough(sim, root, root, t, latencyMs, complete);
  for (let k = 0; k < hops; k++) {
    const n = traces.hopNode[base + k];
    if (first[k] === 1 && universal[n] === 0) addPassThrough(sim, n, root, t, latencyMs, complete);
  }
}

export function addPassThrough(
  sim: Simulation,
  node: number,
  root: number,
  t: number,
  latencyMs: number,
  complete: boolean,
): void {
  const through = passingThrough(sim, node);
  through.latency.recordWeighted(latencyMs, sim.traces.weight[t]);
  if (complete && latencyMs >= through.thresholdMs) addTail(sim, through.table, root, t, latencyMs);
}

/** A request missed some nodes every earlier request passed through: they get their own tail. */
export function splitMissed(sim: Simulation, stamp: number): void {
  for (let n = 0; n < sim.nodes.length; n++) {
    if (sim.universal[n] === 0 || sim.traceStamp[n] === stamp) continue;
    sim.universal[n] = 0;
    sim.universalCount--;
    const through = passingThrough(sim, n);
    through.latency.reset();
    through.latency.merge(sim.endToEnd);
    through.latency.merge(sim.endToEndWindow);
    through.thresholdMs = sim.slowestThresholdMs;
    through.table.copyFrom(sim.slowest);
  }
}

export function passingThrough(sim: Simulation, node: number): PassThrough {
  return (sim.passThrough[node] ??= new PassThrough());
}

export function addTail(sim: Simulation, table: TailTable, root: number, t: number, latencyMs: number): void {
  const traces = sim.traces;
  const hops = traces.hopCount[t];
  const base = t * TRACE_HOPS;
  // Path order: entries were written as responses came back; a call leaves before the calls
  // it makes, so departure time (then depth, for zero-latency hops) is first-visit order.
  const order = sim.hopOrder;
  for (let k = 0; k < hops; k++) {
    const departMs = traces.hopDepartMs[base + k];
    const depth = traces.hopDepth[base + k];
    let j = k;
    while (j > 0) {
      const prev = base + order[j - 1];
      const prevMs = traces.hopDepartMs[prev];
      if (prevMs < departMs || (prevMs === departMs && traces.hopDepth[prev] <= depth)) break;
      order[j] = order[j - 1];
      j--;
    }
    order[j] = k;
  }
  const weight = traces.weight[t];
  table.samples++;
  table.weight += weight;
  table.endToEndSumMs += weight * latencyMs;
  const stamp = ++sim.orderStampNow;
  const seen = sim.orderStamp;
  let position = 1;
  let accounted = 0;
  for (let j = 0; j < hops; j++) {
    const e = base + order[j];
    const n = traces.hopNode[e];
    const slot = table.slot(n);
    const queueMs = traces.hopQueueMs[e];
    const serviceMs = traces.hopServiceMs[e];
    const networkMs = traces.hopNetworkMs[e];
    table.queueMs[slot] += weight * queueMs;
    table.serviceMs[slot] += weight * serviceMs;
    table.networkMs[slot] += weight * networkMs;
    table.visits[slot] += weight;
    if (seen[n] !== stamp) {
      seen[n] = stamp;
      table.positionSum[slot] += weight * position++;
      table.present[slot] += weight;
    }
    accounted += queueMs + serviceMs + networkMs;
  }
  // The client's own time: backing off between retries (waiting, so queueing).
  const slot = table.slot(root);
  table.queueMs[slot] += weight * (latencyMs - accounted);
  table.visits[slot] += weight;
  table.present[slot] += weight;
}

/** Tail thresholds: the running end-to-end p99, overall and per node passed through. */
export function refreshTailThresholds(sim: Simulation): void {
  if (!sim.warmedUp) return;
  // Once there are many samples the p99 moves slowly: every 10 s is enough.
  if (sim.endToEnd.count > 100 * TAIL_MIN_SAMPLES && Math.round(sim.now / BUCKET_MS) % 10 !== 0) return;
  if (sim.endToEnd.count >= TAIL_MIN_SAMPLES) sim.slowestThresholdMs = sim.endToEnd.quantile(0.99);
  for (let n = 0; n < sim.passThrough.length; n++) {
    const through = sim.passThrough[n];
    if (through && sim.universal[n] === 0 && through.latency.count >= TAIL_MIN_SAMPLES)
      through.thresholdMs = through.latency.quantile(0.99);
  }
}
