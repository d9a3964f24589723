// Calls: how a request's visit to a node starts, crosses an edge, arrives, finishes and comes
// back — sending, arrival at an instance, the response on the way back, the caller's timeout,
// orphaning (the caller gave up), retries and routing by weight. What a node does with a call is
// its kind's (shared/kinds/dispatch.ts); these are free functions taking the simulation.
import * as kinds from '../kinds/dispatch';
import {
  EV_RESPONSE,
  EV_TRANSIT,
  F_ANSWERED,
  F_AT_MOST_ONCE,
  F_ORPHAN,
  F_RESERVED,
  HOP_LIMIT,
  I_DEAD,
  I_HUNG,
  OP_READ,
  R_LOOP,
  R_TIMEOUT,
  R_UNAVAILABLE,
  S_DELAY,
  S_DOWNSTREAM,
  S_LOST,
  S_PARKED,
  S_RESPONDING,
  S_TRANSIT,
} from './constants';
import { C_MESSAGES_LOST } from './metrics';
import type { NodeRuntime } from './nodeRuntime';
import { addLog, countArrival, countDeparture } from './observation';
import { sendRequest, sendResponse } from './payloads';
import { backLine, forwardLine, scheduleOnLine, timeoutIsStale } from './scheduling';
import type { Simulation } from './simulation';
import { traceDelivered, traceDetach, traceInterrupted, traceOrigin } from './tracing';

/** Calls alive at once before the engine refuses more (logged once as `overload`). */
export const MAX_LIVE_CALLS = 1 << 20;

/** A new call record for a request that starts at a client (or a background write). */
export function newCall(
  sim: Simulation,
  node: number,
  instance: number,
  operation: number,
  key: number,
  user: number,
): number {
  const pool = sim.pool;
  const c = pool.allocate();
  pool.node[c] = node;
  pool.instance[c] = instance;
  pool.edge[c] = -1;
  pool.operation[c] = operation;
  pool.key[c] = key;
  pool.user[c] = user;
  pool.hops[c] = 0;
  pool.arriveMs[c] = sim.now;
  return c;
}

/**
 * Sends a call from `from` over edge e. Synchronous: the caller waits for it (child of from).
 * Async edges (and detached sends) make a call nobody waits for. Returns the new call.
 * forcedInstance: the instance a load balancer or queue chose (-1: the receiving node routes).
 * delayMs: work the sender does before the call leaves (a proxy's fixed overhead rides on the
 * transit instead of costing an event of its own).
 * resources: how many resources the call stands for (a GraphQL page's query: several; −1: as
 * many as the sender's call). Read only while the design moves payloads (payloads.ts).
 */
export function sendCall(
  sim: Simulation,
  from: number,
  e: number,
  forcedInstance: number,
  detached: boolean,
  delayMs = 0,
  resources = -1,
): number {
  const pool = sim.pool;
  if (pool.inUse >= MAX_LIVE_CALLS) {
    // A runaway design (say, async fan-out in a cycle): refuse more work instead of exhausting
    // memory. The call is lost on the wire; a waiting caller times out.
    sim.overloadDrops++;
    if (sim.overloadDrops === 1)
      addLog(sim, 'overload', sim.nodes[sim.edgeTo[e]].id, { liveCalls: pool.inUse });
    const lost = pool.allocate();
    pool.state[lost] = S_LOST;
    pool.node[lost] = sim.edgeTo[e];
    pool.edge[lost] = e;
    if (detached || sim.edgeAsync[e] === 1) pool.release(lost);
    else {
      pool.parent[lost] = from;
      pool.parentGeneration[lost] = pool.generation[from];
      pool.child[from] = lost;
      pool.sentMs[from] = sim.now + delayMs;
    }
    return lost;
  }
  const c = pool.allocate();
  const isDetached = detached || sim.edgeAsync[e] === 1;
  pool.node[c] = sim.edgeTo[e];
  pool.instance[c] = forcedInstance;
  pool.edge[c] = e;
  pool.operation[c] = pool.operation[from];
  pool.key[c] = pool.key[from];
  pool.user[c] = pool.user[from];
  pool.hops[c] = Math.min(255, pool.hops[from] + 1);
  if (!isDetached) {
    pool.parent[c] = from;
    pool.parentGeneration[c] = pool.generation[from];
    pool.child[from] = c;
    // The sender's own work (a proxy's overhead) ends when the call leaves.
    pool.sentMs[from] = sim.now + delayMs;
    pool.trace[c] = pool.trace[from];
  }
  sim.edgeSent[e]++;
  if (sim.edgeCut[e] === 1) {
    if (isDetached) pool.release(c);
    else pool.state[c] = S_LOST;
    return c;
  }
  pool.state[c] = S_TRANSIT;
  let leavesMs = sim.now + delayMs;
  // With payloads the call first goes out on the edge's link (it may wait for it, then takes
  // size ÷ bandwidth to send); the arrival time is known now either way.
  if (sim.payloads) leavesMs = sendRequest(sim, from, c, e, leavesMs, resources);
  scheduleOnLine(
    sim,
    forwardLine(sim, e),
    leavesMs + sim.edgeLatencyMs[e],
    EV_TRANSIT,
    c,
    pool.generation[c],
  );
  return c;
}

/** A call reaches its node (its instance is chosen now unless a balancer chose it). */
export function arrive(sim: Simulation, c: number): void {
  const pool = sim.pool;
  const e = pool.edge[c];
  if (e >= 0 && sim.edgeCut[e] === 1) {
    // The partition began while it was on the wire.
    if (pool.flags[c] & F_RESERVED) kinds.deliveryLost(sim, sim.nodes[pool.node[c]], c);
    if (pool.parent[c] >= 0) pool.state[c] = S_LOST;
    else pool.release(c);
    return;
  }
  const node = sim.nodes[pool.node[c]];
  let instance = pool.instance[c];
  if (instance < 0 || instance >= node.instanceCount) {
    instance = routeInstance(sim, node, c);
    pool.instance[c] = instance;
  }
  countArrival(sim, node, instance);
  pool.arriveMs[c] = sim.now;
  if (pool.hops[c] > HOP_LIMIT) {
    finishCall(sim, c, false, R_LOOP, true);
    return;
  }
  const state = node.instanceState[instance];
  if (state === I_DEAD) {
    kinds.arriveAtDeadInstance(sim, node, c);
    return;
  }
  if (state === I_HUNG) {
    // A black hole: it sits here and the caller times out.
    pool.state[c] = S_PARKED;
    return;
  }
  kinds.arrive(sim, node, c);
}

/** Which instance serves a call that no balancer placed. */
export function routeInstance(sim: Simulation, node: NodeRuntime, c: number): number {
  return kinds.routeInstance(sim, node, c);
}

/**
 * A call is done at its node: count it, then send the response back over its edge (or drop
 * the record when nobody waits). `originated`: the failure started here (not downstream).
 */
export function finishCall(
  sim: Simulation,
  c: number,
  ok: boolean,
  reason: number,
  originated: boolean,
): void {
  const pool = sim.pool;
  const node = sim.nodes[pool.node[c]];
  countDeparture(sim, node, c, ok, reason);
  // The call has answered: its sentMs now holds when (the hop entry reads it, trace.ts).
  pool.sentMs[c] = sim.now;
  if (!ok && originated && pool.trace[c] >= 0) traceOrigin(sim, pool.trace[c], node.index, reason);
  if (pool.flags[c] & F_AT_MOST_ONCE && !ok && reason === R_UNAVAILABLE) {
    // Work on an at-most-once message died with its consumer: the message is gone.
    const source = pool.tag[c];
    if (source >= 0) sim.nodes[source].counters[C_MESSAGES_LOST]++;
  }
  const parent = pool.parent[c];
  if (parent < 0) {
    pool.release(c);
    return;
  }
  const e = pool.edge[c];
  pool.result[c] = ok ? 0 : 1 + reason;
  if (e < 0) {
    pool.release(c);
    return;
  }
  if (sim.edgeCut[e] === 1) {
    pool.state[c] = S_LOST;
    pool.flags[c] |= F_ANSWERED;
    return;
  }
  pool.state[c] = S_RESPONDING;
  const leavesMs = sim.payloads ? sendResponse(sim, c, e, sim.now) : sim.now;
  scheduleOnLine(sim, backLine(sim, e), leavesMs + sim.edgeLatencyMs[e], EV_RESPONSE, c, pool.generation[c]);
}

/** A response arrives back at the caller. */
export function deliverResponse(sim: Simulation, c: number): void {
  const pool = sim.pool;
  const e = pool.edge[c];
  if (sim.edgeCut[e] === 1) {
    pool.state[c] = S_LOST;
    pool.flags[c] |= F_ANSWERED;
    return;
  }
  const parent = pool.parent[c];
  const result = pool.result[c];
  const version = pool.version[c];
  if (parent < 0 || pool.generation[parent] !== pool.parentGeneration[c] || pool.child[parent] !== c) {
    pool.release(c);
    return;
  }
  pool.child[parent] = -1;
  if (pool.trace[c] >= 0) traceDelivered(sim, c, pool.trace[c], parent);
  pool.release(c);
  if (result !== 0) sim.edgeFailed[e]++;
  if (parkIfHung(sim, parent)) return;
  childResponse(sim, parent, result === 0, result === 0 ? 0 : result - 1, version);
}

/** The caller's timeout on a downstream call fired before the response came back. */
export function timeout(sim: Simulation, c: number, generation: number): void {
  if (timeoutIsStale(sim, c, generation)) return;
  const pool = sim.pool;
  const parent = pool.parent[c];
  if (pool.trace[parent] >= 0) traceInterrupted(sim, parent, c);
  pool.child[parent] = -1;
  const e = pool.edge[c];
  if (e >= 0) sim.edgeFailed[e]++;
  orphan(sim, c);
  if (parkIfHung(sim, parent)) return;
  childResponse(sim, parent, false, R_TIMEOUT, 0);
}

/**
 * The caller gave up on c. A server keeps working on it (that wasted work is what makes retry
 * storms metastable); a proxy waiting on its own downstream call abandons it, so no record is
 * left waiting for a response that can never matter.
 */
export function orphan(sim: Simulation, c: number): void {
  const pool = sim.pool;
  if (pool.trace[c] >= 0) traceDetach(sim, c);
  pool.parent[c] = -1;
  pool.flags[c] |= F_ORPHAN;
  const state = pool.state[c];
  if (state === S_LOST) {
    pool.release(c);
    return;
  }
  const node = sim.nodes[pool.node[c]];
  if (kinds.isProxy(node.kindCode) && (state === S_DOWNSTREAM || state === S_DELAY)) {
    const grandchild = pool.child[c];
    pool.child[c] = -1;
    kinds.abandon(sim, node, c);
    countDeparture(sim, sim.nodes[pool.node[c]], c, false, R_TIMEOUT);
    pool.release(c);
    if (grandchild >= 0) orphan(sim, grandchild);
  }
}

/** Routes a downstream response (or failure) to what the waiting call's node does next. */
export function childResponse(
  sim: Simulation,
  c: number,
  ok: boolean,
  reason: number,
  version: number,
): void {
  const pool = sim.pool;
  const node = sim.nodes[pool.node[c]];
  pool.downstreamMs[c] += sim.now - pool.sentMs[c];
  kinds.childResponse(sim, node, c, ok, reason, version);
}

export function delayDone(sim: Simulation, c: number): void {
  kinds.delayDone(sim, sim.nodes[sim.pool.node[c]], c);
}

export function retry(sim: Simulation, c: number): void {
  const node = sim.nodes[sim.pool.node[c]];
  kinds.retry(sim, node, c);
}

/** Events for a call inside a hung instance go nowhere: the call stays stuck there. */
export function parkIfHung(sim: Simulation, c: number): boolean {
  if (sim.hungInstances === 0) return false;
  const pool = sim.pool;
  const node = sim.nodes[pool.node[c]];
  const instance = pool.instance[c];
  if (instance >= 0 && instance < node.instanceCount && node.instanceState[instance] === I_HUNG) {
    pool.state[c] = S_PARKED;
    return true;
  }
  return false;
}

/** Picks one of several edges by weight (clients, gateways, caches to their origin). */
export function pickWeighted(
  sim: Simulation,
  node: NodeRuntime,
  edges: Int32Array,
  cumulativeWeights: Float64Array,
): number {
  const n = edges.length;
  if (n === 0) return -1;
  if (n === 1) return edges[0];
  const total = cumulativeWeights[n - 1];
  if (!(total > 0)) return edges[node.rng.below(n)];
  const x = node.rng.next() * total;
  for (let i = 0; i < n; i++) if (x < cumulativeWeights[i]) return edges[i];
  return edges[n - 1];
}

export function matchingEdges(sim: Simulation, node: NodeRuntime, operation: number): Int32Array {
  return operation === OP_READ ? node.readEdges : node.writeEdges;
}

export function matchingWeights(sim: Simulation, node: NodeRuntime, operation: number): Float64Array {
  return operation === OP_READ ? node.readWeights : node.writeWeights;
}
