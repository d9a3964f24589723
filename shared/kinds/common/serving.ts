// Service and Worker (and the serving part of Database and Object Store): per instance a pool of
// `workers` and a FIFO queue of `queueCapacity`. After its service time a service calls every
// outgoing edge whose filter matches, in order, waiting for each (async edges fire and forget).
// Blocking calls hold the worker while waiting downstream; non-blocking ones free it at once.
// Downstream failures retry with exponential backoff; a circuit breaker per edge fails fast
// after `breakerThreshold` consecutive failures, then lets one probe through after the cooldown.
// Proxies (gateway, rate limiter, balancer, cache, CDN) spend their own per-request time (overhead,
// lookup) in the same pool and queue (`admit`, `ownWorkDone`), then go on without holding it: a
// proxy's throughput is bounded by instances × workers / its time, as a real one saturates. A
// gateway's time includes a TLS handshake for the requests that open a new connection.
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import {
  EV_SERVICE_DONE,
  EV_TIMEOUT,
  F_HOLDS_SLOT,
  F_ORPHAN,
  F_RESERVED,
  I_UP,
  OP_READ,
  R_ERROR,
  R_REJECTED,
  R_TIMEOUT,
  R_UNAVAILABLE,
  S_DOWNSTREAM,
  S_IN_SERVICE,
  S_QUEUED,
  S_RETRY_WAIT,
} from '../../engine/constants';
import {
  K_CACHE,
  K_CDN,
  K_DATABASE,
  K_GATEWAY,
  K_LOAD_BALANCER,
  K_OBJECT_STORE,
  K_RATE_LIMITER,
  K_SERVICE,
  K_WORKER,
} from '../codes';
import { C_TLS_HANDSHAKES, C_WAIT_COUNT, C_WAIT_SUM } from '../../engine/metrics';
import { callsPerEdge, workerCodecMs } from '../../engine/payloads';
import * as queue from '../queue/sim';
import { readRetryParams, scheduleRetry } from './retry';

const BREAKER_CLOSED = 0;
const BREAKER_OPEN = 1;
const BREAKER_PROBING = 2;

/** Kinds with a worker pool: everything but clients and message queues. */
export function hasWorkers(kind: number): boolean {
  switch (kind) {
    case K_SERVICE:
    case K_WORKER:
    case K_DATABASE:
    case K_OBJECT_STORE:
    case K_GATEWAY:
    case K_RATE_LIMITER:
    case K_LOAD_BALANCER:
    case K_CACHE:
    case K_CDN:
      return true;
    default:
      return false;
  }
}

export function arrive(sim: Simulation, node: NodeRuntime, c: number): void {
  if (!admit(sim, node, c)) sim.finishCall(c, false, R_REJECTED, true);
}

/** Gives back the worker a queue set aside for delivery c (queue/sim.ts). */
function releaseReservation(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  pool.flags[c] &= ~F_RESERVED;
  const i = pool.instance[c];
  if (i < 0 || i >= node.instanceCount || node.reserved[i] === 0) return;
  node.reserved[i]--;
  sim.changeBusy(node, i, -1);
}

/**
 * A queue delivery was lost on the wire (its edge was cut): the worker set aside for it takes
 * the next message (the lost one is redelivered after its visibility timeout, or is gone if
 * at-most-once).
 */
export function deliveryLost(sim: Simulation, node: NodeRuntime, c: number): void {
  releaseReservation(sim, node, c);
  const i = sim.pool.instance[c];
  if (i >= 0 && i < node.instanceCount) fillWorkers(sim, node, i);
}

/** Starts the call's service or queues it; false (nothing done) when the queue is full. */
export function admit(sim: Simulation, node: NodeRuntime, c: number): boolean {
  const pool = sim.pool;
  const i = pool.instance[c];
  // A queue delivery: the worker was set aside for it when the message was handed over.
  if (pool.flags[c] & F_RESERVED) releaseReservation(sim, node, c);
  if (node.busy[i] + node.reserved[i] < node.workers && node.waiting[i].length === 0)
    startService(sim, node, i, c);
  else if (node.waiting[i].length < node.queueCapacity) {
    node.waiting[i].push(c);
    sim.changeQueued(node, i, 1);
    sim.noteQueued(node);
    pool.state[c] = S_QUEUED;
  } else return false;
  return true;
}

/**
 * A proxy's own work on a call is over: its worker goes to the next call. False when the caller
 * gave up meanwhile (the call is finished here as a timeout: a proxy forwards nothing nobody
 * waits for); the kind must first free what else it holds for it.
 */
export function ownWorkDone(sim: Simulation, node: NodeRuntime, c: number): boolean {
  releaseWorker(sim, node, c);
  if ((sim.pool.flags[c] & F_ORPHAN) === 0) return true;
  sim.finishCall(c, false, R_TIMEOUT, false);
  return false;
}

function sampleServiceMs(node: NodeRuntime, meanMs: number): number {
  switch (node.serviceDistribution) {
    case 1:
      return meanMs;
    case 2:
      return node.rng.lognormal(meanMs, node.serviceTimeCv);
    default:
      return node.rng.exponential(meanMs);
  }
}

export function startService(sim: Simulation, node: NodeRuntime, i: number, c: number): void {
  const pool = sim.pool;
  node.busy[i]++;
  sim.changeBusy(node, i, 1);
  pool.flags[c] |= F_HOLDS_SLOT;
  pool.startMs[c] = sim.now;
  node.counters[C_WAIT_SUM] += sim.now - pool.arriveMs[c];
  node.counters[C_WAIT_COUNT]++;
  let meanMs = node.serviceTimeMs;
  if (node.kindCode === K_DATABASE || node.kindCode === K_OBJECT_STORE)
    meanMs = pool.operation[c] === OP_READ ? node.readServiceMs : node.writeServiceMs;
  else if (
    node.tlsHandshakeMs > 0 &&
    (node.keepAliveRatio <= 0 || node.tlsRng!.next() >= node.keepAliveRatio)
  ) {
    // A gateway terminating TLS: this request opens a new connection (gateway/sim.ts).
    meanMs += node.tlsHandshakeMs;
    node.counters[C_TLS_HANDSHAKES]++;
  }
  let workMs = sampleServiceMs(node, meanMs);
  if (sim.payloads) {
    // A GraphQL query for N resources is N resources' work for its resolver (one sample each),
    // plus the protocols' encoding and decoding on this worker (payloads.ts).
    if (node.resolvesQueries)
      for (let k = pool.resources[c]; k > 1; k--) workMs += sampleServiceMs(node, meanMs);
    workMs += workerCodecMs(sim, node, c);
  }
  const serviceMs = (workMs / node.speedFactor) * node.slowFactor[i];
  pool.serviceMs[c] = serviceMs;
  pool.state[c] = S_IN_SERVICE;
  // A constant time ends in the order it started: a FIFO delay line, the same (time, sequence)
  // order with less heap work.
  if (node.serviceDistribution === 1)
    sim.scheduleOnLine(
      sim.delayLine(node.index),
      sim.now + serviceMs,
      EV_SERVICE_DONE,
      c,
      pool.generation[c],
    );
  else sim.schedule(sim.now + serviceMs, EV_SERVICE_DONE, c, pool.generation[c]);
}

export function releaseWorker(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  if (!(pool.flags[c] & F_HOLDS_SLOT)) return;
  pool.flags[c] &= ~F_HOLDS_SLOT;
  const i = pool.instance[c];
  node.busy[i]--;
  sim.changeBusy(node, i, -1);
  fillWorkers(sim, node, i);
}

/** Starts queued work while workers are free; with nothing queued, pulls from upstream queues. */
export function fillWorkers(sim: Simulation, node: NodeRuntime, i: number): void {
  if (node.instanceState[i] !== I_UP) return;
  const waiting = node.waiting[i];
  while (waiting.length > 0 && node.busy[i] + node.reserved[i] < node.workers) {
    const next = waiting.shift();
    sim.changeQueued(node, i, -1);
    startService(sim, node, i, next);
  }
  if (
    waiting.length === 0 &&
    node.upstreamQueues.length > 0 &&
    node.busy[i] + node.reserved[i] < node.workers
  )
    pullFromQueues(sim, node, i);
}

export function pullFromQueues(sim: Simulation, node: NodeRuntime, _i: number): void {
  for (const q of node.upstreamQueues) queue.dispatch(sim, sim.nodes[q]);
}

/** A service or worker finished its own work on a call: fail it (error rate) or go downstream. */
export function serviceDone(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  if (node.errorRate > 0 && node.rng.next() < node.errorRate) {
    complete(sim, node, c, false, R_ERROR, true);
    return;
  }
  pool.step[c] = 0;
  pool.attempt[c] = 0;
  if (!node.blockingCalls) releaseWorker(sim, node, c);
  nextStep(sim, node, c);
}

/**
 * Calls on each matching edge for call c (a GraphQL query resolved one resource at a time: one
 * per resource), and the resources each of those calls stands for (−1: as many as c).
 */
function callsPerEdgeOf(sim: Simulation, node: NodeRuntime, c: number): number {
  return sim.payloads && node.resolvesQueries ? callsPerEdge(sim, node, c) : 1;
}

/**
 * Sends the next matching downstream call, or completes when there is none left. `step` counts
 * the calls made: edge step / per, where per is the calls each edge gets (1 but for a GraphQL
 * query resolved resource by resource).
 */
function nextStep(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const edges = sim.matchingEdges(node, pool.operation[c]);
  const per = callsPerEdgeOf(sim, node, c);
  const resources = per > 1 ? 1 : -1;
  while (pool.step[c] < edges.length * per) {
    const e = edges[per === 1 ? pool.step[c] : Math.floor(pool.step[c] / per)];
    if (sim.edgeAsync[e] === 1) {
      sim.sendCall(c, e, -1, true, 0, resources);
      pool.step[c]++;
      continue;
    }
    if (node.breakerThreshold > 0 && node.breakerOpen[e] !== BREAKER_CLOSED) {
      if (node.breakerOpen[e] === BREAKER_PROBING || sim.now < node.breakerOpenUntilMs[e]) {
        stepFailed(sim, node, c, R_UNAVAILABLE, true); // the breaker fails it fast
        return;
      }
      node.breakerOpen[e] = BREAKER_PROBING; // half-open: this call is the probe
    }
    pool.state[c] = S_DOWNSTREAM;
    const child = sim.sendCall(c, e, -1, false, 0, resources);
    sim.scheduleOnLine(
      sim.timeoutLine(node.index),
      sim.now + node.callTimeoutMs,
      EV_TIMEOUT,
      child,
      pool.generation[child],
    );
    return;
  }
  complete(sim, node, c, true, 0, false);
}

export function childResponse(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  ok: boolean,
  reason: number,
): void {
  const pool = sim.pool;
  const edges = sim.matchingEdges(node, pool.operation[c]);
  const per = callsPerEdgeOf(sim, node, c);
  const e = edges[per === 1 ? pool.step[c] : Math.floor(pool.step[c] / per)];
  if (node.breakerThreshold > 0 && e !== undefined) {
    if (ok) {
      node.breakerFailures[e] = 0;
      if (node.breakerOpen[e] !== BREAKER_CLOSED) {
        node.breakerOpen[e] = BREAKER_CLOSED;
        sim.addLog('breakerClosed', node.id, { edge: sim.edgeIds[e] });
      }
    } else {
      node.breakerFailures[e]++;
      if (node.breakerOpen[e] === BREAKER_PROBING) {
        node.breakerOpen[e] = BREAKER_OPEN;
        node.breakerOpenUntilMs[e] = sim.now + node.breakerCooldownMs;
      } else if (node.breakerOpen[e] === BREAKER_CLOSED && node.breakerFailures[e] >= node.breakerThreshold) {
        node.breakerOpen[e] = BREAKER_OPEN;
        node.breakerOpenUntilMs[e] = sim.now + node.breakerCooldownMs;
        sim.addLog('breakerOpen', node.id, { edge: sim.edgeIds[e], failures: node.breakerFailures[e] });
      }
    }
  }
  if (ok) {
    pool.step[c]++;
    pool.attempt[c] = 0;
    nextStep(sim, node, c);
  } else stepFailed(sim, node, c, reason, false);
}

function stepFailed(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  reason: number,
  originated: boolean,
): void {
  if (!scheduleRetry(sim, node, c, S_RETRY_WAIT)) complete(sim, node, c, false, reason, originated);
}

export function retry(sim: Simulation, node: NodeRuntime, c: number): void {
  nextStep(sim, node, c);
}

function complete(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  ok: boolean,
  reason: number,
  originated: boolean,
): void {
  releaseWorker(sim, node, c);
  sim.finishCall(c, ok, reason, originated);
}

/** A worker pool with a bounded queue (services, workers, databases, object stores). */
export function readPoolParams(node: NodeRuntime): void {
  node.workers = Math.max(1, Math.floor(node.numberParam('workers')));
  node.queueCapacity = node.numberParam('queueCapacity');
}

/** Service time, its shape, speed and error rate (services and workers). */
export function readServiceParams(node: NodeRuntime): void {
  readPoolParams(node);
  readServiceShape(node);
  node.serviceTimeMs = node.numberParam('serviceTimeMs');
  node.speedFactor = node.numberParam('speedFactor') || 1;
  node.errorRate = node.numberParam('errorRate');
}

/** The shape of the node's service time (serviceDist, serviceTimeCv). */
export function readServiceShape(node: NodeRuntime): void {
  const distribution = node.stringParam('serviceDist');
  node.serviceDistribution = distribution === 'const' ? 1 : distribution === 'lognormal' ? 2 : 0;
  node.serviceTimeCv = node.numberParam('serviceTimeCv');
}

/** A proxy's pool: its own per-request time (overhead or lookup time) is its service time. */
export function readProxyPoolParams(node: NodeRuntime, ownTimeMs: number): void {
  readPoolParams(node);
  readServiceShape(node);
  node.serviceTimeMs = ownTimeMs;
  node.speedFactor = 1;
  node.errorRate = 0;
}

/** How downstream calls are made: blocking, timeout, retries, circuit breaker. */
export function readCallerParams(node: NodeRuntime): void {
  node.blockingCalls = node.booleanParam('blockingCalls');
  node.callTimeoutMs = node.numberParam('callTimeoutMs');
  readRetryParams(node);
  node.breakerThreshold = node.numberParam('breakerThreshold');
  node.breakerCooldownMs = node.numberParam('breakerCooldownMs');
}
