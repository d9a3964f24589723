// Client: the traffic source. Open mode: Poisson arrivals at `rps` shaped by a pattern
// (non-homogeneous Poisson by thinning). Closed mode: `users` who each send, wait for the
// response (or the timeout), then think for an exponential time. A request retries with
// exponential backoff; it ends exactly once, completed or failed with the last attempt's reason,
// and never later than its deadline (`timeoutMs` from its start, retries and backoff included;
// each attempt may also have its own `attemptTimeoutMs`, capped by what is left of the deadline).
// A retry after a refused connection at a round-robin node (several instances, no balancer in
// front: say a pair of load balancers) goes to that node's next instance, as a client tries the
// next address it resolved; first attempts still go round-robin to dead instances.
// A page view that needs several resources (`callsPerRequest`) makes one call per resource, one
// after another (latency adds up) or `parallelCalls` at a time through lanes (helper records at
// the client, each making its share of calls in turn: the slowest lane decides), or — when every
// edge it sends over speaks GraphQL — one query for all of them, resolved by the service. The
// page ends when all its calls have answered, or fails with the first call that fails for good
// (each call retries on its own within the request's deadline).
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import { G_REQUESTS } from '../../engine/constants';
import {
  EV_CLIENT_ARRIVAL,
  EV_TIMEOUT,
  EV_USER_THINK,
  F_LANE,
  OP_READ,
  OP_WRITE,
  R_UNAVAILABLE,
  S_LANE_BACKOFF,
  S_LANE_WAIT,
  S_ROOT_BACKOFF,
  S_ROOT_WAIT,
} from '../../engine/constants';
import { pageIsOneQuery } from '../../engine/payloads';
import { ZipfSampler } from '../../engine/zipf';
import { K_CLIENT } from '../codes';
import { scheduleRetry } from '../common/retry';
import { MIN_CYCLE_AFTER_FAILURE_MS } from './client';

export function configure(sim: Simulation, node: NodeRuntime): void {
  const wasOpen = node.openMode;
  node.openMode = node.stringParam('mode') !== 'closed';
  const keys = Math.max(1, Math.floor(node.numberParam('keys')));
  node.rps = node.numberParam('rps');
  configurePattern(node);
  node.readRatio = node.numberParam('readRatio');
  node.keyCount = keys;
  node.userCount = Math.max(1, Math.floor(node.numberParam('users')));
  node.timeoutMs = node.numberParam('timeoutMs');
  // A client's calls are its attempts: their timeout is the attempt timeout (Infinity when left
  // out), capped by what is left of the request's deadline (send()).
  node.callTimeoutMs = node.numberParam('attemptTimeoutMs');
  node.thinkTimeMs = node.numberParam('thinkTimeMs');
  node.callsPerRequest = Math.max(1, Math.floor(node.numberParam('callsPerRequest')));
  node.parallelCalls = Math.max(1, Math.floor(node.numberParam('parallelCalls')));
  node.readRequestKB = node.numberParam('readRequestKB');
  node.readResponseKB = node.numberParam('readResponseKB');
  node.writeRequestKB = node.numberParam('writeRequestKB');
  node.writeResponseKB = node.numberParam('writeResponseKB');
  const alpha = node.numberParam('zipfAlpha');
  if (node.stringParam('keyDistribution') === 'zipf') {
    if (!node.zipf || node.zipf.keys !== keys || node.zipf.alpha !== alpha)
      node.zipf = new ZipfSampler(keys, alpha);
  } else node.zipf = null;
  // A live edit of the rate or pattern takes effect from the next arrival.
  if (sim.eventsProcessed > 0 || sim.now > 0) {
    if (node.openMode) {
      node.arrivalGeneration++;
      scheduleNextArrival(sim, node);
    } else {
      const users = Math.floor(node.numberParam('users'));
      if (wasOpen) node.arrivalGeneration++;
      // New users start thinking now; users beyond a smaller population stop after their request.
      for (let u = wasOpen ? 0 : node.clientUsers; u < users; u++)
        sim.schedule(sim.now + think(node), EV_USER_THINK, node.index, u);
      node.clientUsers = users;
    }
  }
}

/** Whether the client's requests have sizes or need several resources (engine/payloads.ts). */
export function hasPayloads(node: NodeRuntime): boolean {
  return (
    node.callsPerRequest > 1 ||
    node.readRequestKB > 0 ||
    node.readResponseKB > 0 ||
    node.writeRequestKB > 0 ||
    node.writeResponseKB > 0
  );
}

export function start(sim: Simulation, node: NodeRuntime): void {
  if (node.openMode) scheduleNextArrival(sim, node);
  else {
    node.clientUsers = Math.floor(node.numberParam('users'));
    for (let u = 0; u < node.clientUsers; u++)
      sim.schedule(sim.now + think(node), EV_USER_THINK, node.index, u);
  }
}

function think(node: NodeRuntime): number {
  const meanMs = node.thinkTimeMs;
  return meanMs > 0 ? node.rng.exponential(meanMs) : 0;
}

const PATTERN_CODES: Record<string, number> = { constant: 0, ramp: 1, spike: 2, diurnal: 3 };

/** Reads the traffic pattern into the node's fields (arrivals use them, not the params). */
function configurePattern(node: NodeRuntime): void {
  node.pattern = PATTERN_CODES[node.stringParam('pattern')] ?? 0;
  node.patternFactor = node.numberParam('patternFactor');
  node.spikeStartMs = node.numberParam('spikeAtS') * 1000;
  node.spikeEndMs = node.spikeStartMs + node.numberParam('spikeDurationS') * 1000;
  node.patternPeriodMs = node.numberParam('patternPeriodS') * 1000;
  node.peakPatternFactor = node.pattern === 0 ? 1 : Math.max(1, node.patternFactor);
}

/** The traffic pattern's multiplier of `rps` at a sim time. */
function patternFactorAt(sim: Simulation, node: NodeRuntime, timeMs: number): number {
  const factor = node.patternFactor;
  switch (node.pattern) {
    case 1: // ramp
      return 1 + (factor - 1) * Math.min(1, timeMs / Math.max(1, sim.durationMs));
    case 2: // spike
      return timeMs >= node.spikeStartMs && timeMs < node.spikeEndMs ? factor : 1;
    case 3: // diurnal
      return 1 + ((factor - 1) * (1 - Math.cos((2 * Math.PI * timeMs) / node.patternPeriodMs))) / 2;
    default:
      return 1;
  }
}

function scheduleNextArrival(sim: Simulation, node: NodeRuntime): void {
  if (!node.openMode) return;
  const peakRps = node.rps * node.peakPatternFactor * node.spikeFactor;
  if (!(peakRps > 0)) return;
  sim.schedule(
    sim.now + node.rng.exponential(1000 / peakRps),
    EV_CLIENT_ARRIVAL,
    node.index,
    node.arrivalGeneration,
  );
}

export function arrival(sim: Simulation, node: NodeRuntime, generation: number): void {
  if (generation !== node.arrivalGeneration || !node.openMode) return;
  scheduleNextArrival(sim, node);
  const peak = node.peakPatternFactor;
  // Thinning: candidates come at the peak rate and are kept with probability rate(t)/peak.
  if (peak !== 1 && node.rng.next() * peak > patternFactorAt(sim, node, sim.now)) return;
  createRequest(sim, node, sim.usersMatter ? node.userRng.below(node.userCount) : 0);
}

export function userReady(sim: Simulation, node: NodeRuntime, user: number): void {
  if (node.openMode || user >= node.clientUsers) return; // the user left (mode or population edited)
  createRequest(sim, node, user);
}

function createRequest(sim: Simulation, node: NodeRuntime, user: number): void {
  const ratio = node.readRatio;
  const operation =
    ratio >= 1 ? OP_READ : ratio <= 0 ? OP_WRITE : node.rng.next() < ratio ? OP_READ : OP_WRITE;
  // Keys and users come from streams of their own, drawn only while some component reads them
  // (caches, databases and object stores read keys; hashing balancers and per-user limiters
  // read users): a design without them wastes no work, and changing the key distribution never
  // moves arrival times.
  const key = !sim.keysMatter
    ? 0
    : node.zipf
      ? node.zipf.sample(node.keyRng)
      : node.keyRng.below(node.keyCount);
  const c = sim.newCall(node.index, 0, operation, key, user);
  sim.beginTrace(c);
  sim.countArrival(node, 0);
  sim.globalCounters[G_REQUESTS]++;
  if (sim.payloads) {
    const pool = sim.pool;
    const read = operation === OP_READ;
    pool.requestKB[c] = read ? node.readRequestKB : node.writeRequestKB;
    pool.responseKB[c] = read ? node.readResponseKB : node.writeResponseKB;
    pool.resources[c] = 1;
  }
  if (node.callsPerRequest > 1) startPage(sim, node, c);
  else send(sim, node, c);
}

/**
 * A page of several resources starts: one GraphQL query for all of them, the first of its calls
 * one after another, or its lanes. `step` counts the resources asked for so far.
 */
function startPage(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const resources = node.callsPerRequest;
  if (pageIsOneQuery(sim, node, pool.operation[c])) {
    pool.resources[c] = resources;
    pool.step[c] = resources;
    send(sim, node, c);
  } else if (node.parallelCalls <= 1) {
    pool.step[c] = 1;
    send(sim, node, c);
  } else startLanes(sim, node, c);
}

/**
 * Parallel calls: `parallelCalls` lanes, each a helper record at the client (not a request, not
 * counted at any node) that makes one call at a time and takes the page's next resource when
 * it is answered. The request waits for its lanes: `attempt` counts those still running and
 * `tag` names the lane whose calls are traced (one lane, so the hops of a slow request add up to
 * its latency; the client's own time covers waiting for the others).
 */
function startLanes(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const generation = pool.generation[c];
  const lanes = Math.min(node.parallelCalls, node.callsPerRequest);
  pool.state[c] = S_ROOT_WAIT;
  pool.step[c] = 0;
  pool.attempt[c] = 0;
  pool.tag[c] = -1;
  for (let k = 0; k < lanes && pool.step[c] < node.callsPerRequest; k++) {
    const lane = pool.allocate();
    pool.node[lane] = node.index;
    pool.instance[lane] = 0;
    pool.edge[lane] = -1;
    pool.operation[lane] = pool.operation[c];
    pool.key[lane] = pool.key[c];
    pool.user[lane] = pool.user[c];
    pool.hops[lane] = pool.hops[c];
    pool.arriveMs[lane] = pool.arriveMs[c]; // the request's deadline counts from its start
    pool.parent[lane] = c;
    pool.parentGeneration[lane] = generation;
    pool.flags[lane] = F_LANE;
    pool.requestKB[lane] = pool.requestKB[c];
    pool.responseKB[lane] = pool.responseKB[c];
    pool.resources[lane] = 1;
    if (k === 0 && pool.trace[c] >= 0) {
      pool.trace[lane] = pool.trace[c];
      pool.tag[c] = lane;
    }
    pool.step[c]++;
    pool.attempt[c]++;
    send(sim, node, lane);
    // An answer at once (an async edge) may have finished the whole page already.
    if (pool.generation[c] !== generation) return;
  }
}

/** A lane's call has its final answer: the page's next resource, the lane's end, or the page's failure. */
function laneAnswered(
  sim: Simulation,
  node: NodeRuntime,
  lane: number,
  ok: boolean,
  reason: number,
  originated: boolean,
): void {
  const pool = sim.pool;
  const c = pool.parent[lane];
  if (pool.generation[c] !== pool.parentGeneration[lane] || pool.state[c] !== S_ROOT_WAIT) {
    pool.release(lane); // the page already failed on another lane
    return;
  }
  if (ok && pool.step[c] < node.callsPerRequest) {
    pool.step[c]++;
    pool.attempt[lane] = 0;
    send(sim, node, lane);
    return;
  }
  if (pool.tag[c] === lane) pool.tag[c] = -1;
  pool.release(lane);
  if (!ok) {
    // The page fails with its first call that failed for good; the other lanes' calls go on
    // (the servers finish them) and are dropped when they answer. The traced lane stops tracing.
    const traced = pool.tag[c];
    if (traced >= 0) {
      sim.traceDetach(traced);
      pool.tag[c] = -1;
    }
    end(sim, node, c, false, reason, originated);
  } else if (--pool.attempt[c] === 0) end(sim, node, c, true, 0, false);
}

/**
 * Call c (a request, or one of its lanes) has its final answer. A request whose page needs more
 * resources, one after another, asks for the next; otherwise it ends.
 */
function answered(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  ok: boolean,
  reason: number,
  originated: boolean,
): void {
  const pool = sim.pool;
  if (pool.flags[c] & F_LANE) laneAnswered(sim, node, c, ok, reason, originated);
  else if (ok && node.callsPerRequest > 1 && pool.step[c] < node.callsPerRequest) {
    pool.step[c]++;
    pool.attempt[c] = 0; // each call has its own retries
    send(sim, node, c);
  } else end(sim, node, c, ok, reason, originated);
}

/** Which instance refused a request's last attempt: node index × 65,536 + instance (tag). */
const REFUSED_STRIDE = 65_536;

/** A client's attempt was refused by a dead instance of a round-robin node (dispatch.ts). */
export function noteRefusal(sim: Simulation, c: number): void {
  const pool = sim.pool;
  const parent = pool.parent[c];
  if (parent >= 0 && sim.nodes[pool.node[parent]].kindCode === K_CLIENT)
    pool.tag[parent] = pool.node[c] * REFUSED_STRIDE + pool.instance[c];
}

function send(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const operation = pool.operation[c];
  const e = sim.pickWeighted(node, sim.matchingEdges(node, operation), sim.matchingWeights(node, operation));
  if (e < 0) {
    answered(sim, node, c, false, R_UNAVAILABLE, true);
    return;
  }
  // After a refusal, the next address of the same node; otherwise the node routes.
  let instance = -1;
  const refused = pool.tag[c];
  if (refused >= 0) {
    pool.tag[c] = -1;
    const target = sim.nodes[sim.edgeTo[e]];
    if (Math.floor(refused / REFUSED_STRIDE) === target.index)
      instance = ((refused % REFUSED_STRIDE) + 1) % target.instanceCount;
  }
  pool.state[c] = pool.flags[c] & F_LANE ? S_LANE_WAIT : S_ROOT_WAIT;
  const child = sim.sendCall(c, e, instance, false);
  if (sim.edgeAsync[e] === 1) {
    answered(sim, node, c, true, 0, false); // fire-and-forget: acknowledged at once
    return;
  }
  // The attempt gives up at its own timeout or at the request's deadline, whichever comes first.
  // Without an attempt timeout every first attempt ends its wait at now + deadline: in order on
  // the timeout line; a shorter, capped one goes through the heap when out of order.
  sim.scheduleOnLine(
    sim.timeoutLine(node.index),
    Math.min(deadlineMs(sim, node, c), sim.now + node.callTimeoutMs),
    EV_TIMEOUT,
    child,
    pool.generation[child],
  );
}

/** When request c gives up: timeoutMs after it started, whatever its attempts are doing. */
function deadlineMs(sim: Simulation, node: NodeRuntime, c: number): number {
  return sim.pool.arriveMs[c] + node.timeoutMs;
}

export function childResponse(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  ok: boolean,
  reason: number,
): void {
  if (ok) answered(sim, node, c, true, 0, false);
  else {
    const backoff = sim.pool.flags[c] & F_LANE ? S_LANE_BACKOFF : S_ROOT_BACKOFF;
    if (!scheduleRetry(sim, node, c, backoff, deadlineMs(sim, node, c)))
      answered(sim, node, c, false, reason, false);
  }
}

export function retry(sim: Simulation, node: NodeRuntime, c: number): void {
  send(sim, node, c);
}

function end(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  ok: boolean,
  reason: number,
  originated: boolean,
): void {
  const pool = sim.pool;
  const user = pool.user[c];
  const latencyMs = sim.now - pool.arriveMs[c];
  sim.countRequestEnd(ok, reason, latencyMs);
  sim.traceRequestEnd(c, ok, reason, originated, latencyMs);
  const startedMs = pool.arriveMs[c];
  sim.finishCall(c, ok, reason, originated);
  // A closed-mode user thinks, then sends again. After a failure, or an answer in no time, its
  // next request waits at least MIN_CYCLE_AFTER_FAILURE_MS from this one's start: a request
  // refused at once with no think time would otherwise loop forever at the same instant. A
  // success that took time is never held back (the user is limited only by its round trip).
  if (!node.openMode) {
    const thinkUntilMs = sim.now + think(node);
    sim.schedule(
      ok && sim.now > startedMs
        ? thinkUntilMs
        : Math.max(thinkUntilMs, startedMs + MIN_CYCLE_AFTER_FAILURE_MS),
      EV_USER_THINK,
      node.index,
      user,
    );
  }
}

/** A traffic spike: the arrival rate times factor (1 ends it). */
export function setSpike(sim: Simulation, node: NodeRuntime, factor: number): void {
  node.spikeFactor = factor > 0 ? factor : 1;
  if (node.openMode) {
    node.arrivalGeneration++;
    scheduleNextArrival(sim, node);
  }
}
