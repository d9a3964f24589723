// Load balancer: its targets are every instance of every downstream node. It refuses beyond
// `maxConnections` in flight per balancer instance, spends `overheadMs` of one of its `workers`
// on each request (queueing for one: the serving model, ../common/serving.ts), then picks a
// healthy target by `algorithm`. Health checks every healthCheckMs mark a target down after `unhealthyAfter`
// failed probes in a row and up after `healthyAfter` passes; until then a dead target still gets
// traffic (and its requests fail). Each change of the healthy set logs `rebalance` with the
// fraction of users whose target changed, measured from the algorithm itself.
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import { HashRing, ringMovedFraction } from '../../engine/hashRing';
import { K_LOAD_BALANCER } from '../codes';
import * as serving from '../common/serving';
import {
  EV_HEALTH_CHECK,
  F_HOLDS_CONNECTION,
  F_ORPHAN,
  I_UP,
  R_REJECTED,
  R_UNAVAILABLE,
  S_DOWNSTREAM,
} from '../../engine/constants';

const RANDOM = 1;
const LEAST_CONNECTIONS = 2;
const HASH = 3;
const CONSISTENT_HASH = 4;
const ALGORITHMS = ['roundRobin', 'random', 'leastConnections', 'hash', 'consistentHash'];

/** Users sampled when measuring how many moved under modulo hashing. */
const MOVED_SAMPLE_USERS = 65_536;

/** (Re)builds the target list from the outgoing edges, keeping known targets' health. */
export function algorithmCode(node: NodeRuntime): number {
  return Math.max(0, ALGORITHMS.indexOf(node.stringParam('algorithm')));
}

export function buildTargets(sim: Simulation, node: NodeRuntime, logRebalance: boolean): void {
  node.algorithm = algorithmCode(node);
  const previous = new Map<number, { healthy: number; fail: number; pass: number }>();
  for (let t = 0; t < node.targetNode.length; t++)
    previous.set(targetId(node.targetNode[t], node.targetInstance[t]), {
      healthy: node.targetHealthy[t],
      fail: node.targetFailStreak[t],
      pass: node.targetPassStreak[t],
    });
  const nodes: number[] = [];
  const instances: number[] = [];
  const edges: number[] = [];
  for (const e of node.outEdges) {
    const target = sim.nodes[sim.edgeTo[e]];
    for (let i = 0; i < target.instanceCount; i++) {
      nodes.push(target.index);
      instances.push(i);
      edges.push(e);
    }
  }
  const oldHealthy = node.healthyTargets.slice(0, node.healthyCount);
  const oldIds = Array.from(oldHealthy, (t) => targetId(node.targetNode[t], node.targetInstance[t]));
  const oldRing = node.ring;
  node.targetNode = Int32Array.from(nodes);
  node.targetInstance = Int32Array.from(instances);
  node.targetEdge = Int32Array.from(edges);
  node.targetHealthy = new Uint8Array(nodes.length).fill(1);
  node.targetFailStreak = new Int32Array(nodes.length);
  node.targetPassStreak = new Int32Array(nodes.length);
  node.targetOutstanding = new Int32Array(nodes.length);
  for (let t = 0; t < nodes.length; t++) {
    const known = previous.get(targetId(nodes[t], instances[t]));
    if (known) {
      node.targetHealthy[t] = known.healthy;
      node.targetFailStreak[t] = known.fail;
      node.targetPassStreak[t] = known.pass;
    }
  }
  rebuildHealthy(sim, node, logRebalance, oldIds, oldRing);
}

/** A target's identity across rebuilds (node index, instance). */
function targetId(nodeIndex: number, instance: number): number {
  return nodeIndex * 65_536 + instance;
}

function rebuildHealthy(
  sim: Simulation,
  node: NodeRuntime,
  logRebalance: boolean,
  oldIds: number[],
  oldRing: HashRing | null,
): void {
  const healthy: number[] = [];
  for (let t = 0; t < node.targetNode.length; t++) if (node.targetHealthy[t] === 1) healthy.push(t);
  node.healthyTargets = Int32Array.from(healthy);
  node.healthyCount = healthy.length;
  const newIds = healthy.map((t) => targetId(node.targetNode[t], node.targetInstance[t]));
  node.ring =
    node.algorithm === CONSISTENT_HASH
      ? new HashRing(newIds, Math.max(1, node.numberParam('virtualNodes')))
      : null;
  if (!logRebalance) return;
  sim.addLog('rebalance', node.id, {
    movedFraction: Math.round(movedFraction(sim, node, oldIds, newIds, oldRing) * 1e6) / 1e6,
    healthyTargets: healthy.length,
  });
}

/** Fraction of users (or of traffic, for algorithms without affinity) whose target changed. */
function movedFraction(
  sim: Simulation,
  node: NodeRuntime,
  oldIds: number[],
  newIds: number[],
  oldRing: HashRing | null,
): number {
  if (node.algorithm === CONSISTENT_HASH && oldRing && node.ring)
    return ringMovedFraction(oldRing, node.ring);
  if (node.algorithm === HASH) {
    if (oldIds.length === 0 || newIds.length === 0) return oldIds.length === newIds.length ? 0 : 1;
    const users = sim.userPopulation;
    const samples = Math.min(users, MOVED_SAMPLE_USERS);
    let moved = 0;
    for (let k = 0; k < samples; k++) {
      const user = Math.floor((k * users) / samples);
      if (oldIds[user % oldIds.length] !== newIds[user % newIds.length]) moved++;
    }
    return moved / samples;
  }
  // No affinity: the share of traffic that now goes elsewhere, Σ|Δshare| / 2.
  const share = new Map<number, number>();
  for (const id of oldIds) share.set(id, (share.get(id) ?? 0) - 1 / oldIds.length);
  for (const id of newIds) share.set(id, (share.get(id) ?? 0) + 1 / newIds.length);
  let total = 0;
  for (const delta of share.values()) total += Math.abs(delta);
  return total / 2;
}

export function arrive(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const i = pool.instance[c];
  if (node.inFlight[i] >= node.maxConnections) {
    sim.finishCall(c, false, R_REJECTED, true);
    return;
  }
  node.inFlight[i]++;
  pool.flags[c] |= F_HOLDS_CONNECTION;
  pool.tag[c] = -1;
  if (serving.admit(sim, node, c)) return;
  release(sim, c);
  sim.finishCall(c, false, R_REJECTED, true);
}

/** The balancer's overhead on a call is done: forward it (or let it go if its caller left). */
export function overheadDone(sim: Simulation, node: NodeRuntime, c: number): void {
  if ((sim.pool.flags[c] & F_ORPHAN) !== 0) release(sim, c);
  if (serving.ownWorkDone(sim, node, c)) forward(sim, node, c);
}

function pick(node: NodeRuntime, user: number): number {
  const count = node.healthyCount;
  if (count === 0) return -1;
  const healthy = node.healthyTargets;
  switch (node.algorithm) {
    case RANDOM:
      return healthy[node.rng.below(count)];
    case LEAST_CONNECTIONS: {
      // Fewest outstanding requests; ties go round-robin so equal targets share evenly.
      node.lastPick = node.lastPick + 1 >= count ? 0 : node.lastPick + 1;
      let best = healthy[node.lastPick];
      for (let k = 1; k < count; k++) {
        const t = healthy[(node.lastPick + k) % count];
        if (node.targetOutstanding[t] < node.targetOutstanding[best]) best = t;
      }
      return best;
    }
    case HASH:
      return healthy[user % count];
    case CONSISTENT_HASH: {
      const owner = node.ring!.ownerOf(user);
      for (let k = 0; k < count; k++) {
        const t = healthy[k];
        if (targetId(node.targetNode[t], node.targetInstance[t]) === owner) return t;
      }
      return healthy[0];
    }
    default: // roundRobin
      node.lastPick = node.lastPick + 1 >= count ? 0 : node.lastPick + 1;
      return healthy[node.lastPick];
  }
}

/** Picks a healthy target now and sends the call there. */
function forward(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const t = pick(node, pool.user[c]);
  if (t < 0) {
    release(sim, c);
    sim.finishCall(c, false, R_UNAVAILABLE, true);
    return;
  }
  pool.tag[c] = t;
  node.targetOutstanding[t]++;
  pool.state[c] = S_DOWNSTREAM;
  sim.sendCall(c, node.targetEdge[t], node.targetInstance[t], false);
}

/** Frees the connection slot and the target's outstanding count (idempotent). */
export function release(sim: Simulation, c: number): void {
  const pool = sim.pool;
  const node = sim.nodes[pool.node[c]];
  if (pool.flags[c] & F_HOLDS_CONNECTION) {
    pool.flags[c] &= ~F_HOLDS_CONNECTION;
    const i = pool.instance[c];
    if (node.inFlight[i] > 0) node.inFlight[i]--;
  }
  const t = pool.tag[c];
  if (t >= 0 && t < node.targetOutstanding.length && node.targetOutstanding[t] > 0)
    node.targetOutstanding[t]--;
  pool.tag[c] = -1;
}

export function healthCheck(sim: Simulation, node: NodeRuntime): void {
  const unhealthyAfter = node.numberParam('unhealthyAfter');
  const healthyAfter = node.numberParam('healthyAfter');
  let changed = false;
  const oldIds = Array.from(node.healthyTargets.subarray(0, node.healthyCount), (t) =>
    targetId(node.targetNode[t], node.targetInstance[t]),
  );
  for (let t = 0; t < node.targetNode.length; t++) {
    const target = sim.nodes[node.targetNode[t]];
    const instance = node.targetInstance[t];
    const passes =
      instance < target.instanceCount &&
      target.instanceState[instance] === I_UP &&
      sim.edgeCut[node.targetEdge[t]] === 0;
    const address = sim.address(target, instance);
    if (passes) {
      node.targetFailStreak[t] = 0;
      node.targetPassStreak[t]++;
      if (node.targetHealthy[t] === 0 && node.targetPassStreak[t] >= healthyAfter) {
        node.targetHealthy[t] = 1;
        changed = true;
        sim.addLog('recovered', address, { by: node.id });
      }
    } else {
      node.targetPassStreak[t] = 0;
      node.targetFailStreak[t]++;
      if (node.targetHealthy[t] === 1 && node.targetFailStreak[t] >= unhealthyAfter) {
        node.targetHealthy[t] = 0;
        changed = true;
        sim.addLog('detected', address, { by: node.id });
      }
    }
  }
  if (changed) rebuildHealthy(sim, node, true, oldIds, node.ring);
  sim.schedule(sim.now + node.numberParam('healthCheckMs'), EV_HEALTH_CHECK, node.index, 0);
}

/** A node's instances changed: balancers in front of it see a different set of targets. */
export function rebuildBalancersInFrontOf(sim: Simulation, node: NodeRuntime): void {
  for (const other of sim.nodes)
    if (other.kindCode === K_LOAD_BALANCER && other.outEdges.some((e) => sim.edgeTo[e] === node.index))
      buildTargets(sim, other, true);
}
