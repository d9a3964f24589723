// Rate limiter and API gateway: a token bucket (`rate` tokens per second up to `burst`), one for
// everyone (`global`) or one per user id (`perUser`); a request without a token fails as
// `throttled`. Admitted requests wait for one of the instance's `workers` (a full queue rejects),
// spend `overheadMs` on it (auth, TLS, parsing: the serving model, ../common/serving.ts), then go
// on over one matching outgoing edge (split by weight) without holding the worker.
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import { R_THROTTLED, S_DOWNSTREAM } from '../../engine/constants';
import * as serving from '../common/serving';

export function configure(_sim: Simulation, node: NodeRuntime, initial: boolean): void {
  node.rateRps = node.numberParam('rate');
  node.burst = Math.max(1, node.numberParam('burst'));
  node.perUser = node.stringParam('scope') === 'perUser';
  if (initial) node.tokens = node.burst;
}

/** Takes one token from the bucket for this user (or the global one); false when empty. */
function takeToken(sim: Simulation, node: NodeRuntime, user: number): boolean {
  if (node.rateRps === Infinity) return true;
  const perMs = node.rateRps / 1000;
  if (!node.perUser) {
    node.tokens = Math.min(node.burst, node.tokens + (sim.now - node.lastRefillMs) * perMs);
    node.lastRefillMs = sim.now;
    if (node.tokens < 1) return false;
    node.tokens -= 1;
    return true;
  }
  let slot = node.userBucket.get(user);
  if (slot < 0) {
    if (node.userBucketCount === node.userTokens.length) {
      const tokens = new Float64Array(node.userTokens.length * 2);
      tokens.set(node.userTokens);
      node.userTokens = tokens;
      const refill = new Float64Array(node.userRefillMs.length * 2);
      refill.set(node.userRefillMs);
      node.userRefillMs = refill;
    }
    slot = node.userBucketCount++;
    node.userBucket.set(user, slot);
    node.userTokens[slot] = node.burst;
    node.userRefillMs[slot] = sim.now;
  }
  const tokens = Math.min(node.burst, node.userTokens[slot] + (sim.now - node.userRefillMs[slot]) * perMs);
  node.userRefillMs[slot] = sim.now;
  if (tokens < 1) {
    node.userTokens[slot] = tokens;
    return false;
  }
  node.userTokens[slot] = tokens - 1;
  return true;
}

export function arrive(sim: Simulation, node: NodeRuntime, c: number): void {
  if (!takeToken(sim, node, sim.pool.user[c])) {
    sim.finishCall(c, false, R_THROTTLED, true);
    return;
  }
  serving.arrive(sim, node, c);
}

/** The overhead is done: forward the request (or answer it when nothing synchronous is behind). */
export function overheadDone(sim: Simulation, node: NodeRuntime, c: number): void {
  if (serving.ownWorkDone(sim, node, c)) forward(sim, node, c);
}

/** Sends the request on over one matching edge (by weight), or answers it when none is synchronous. */
export function forward(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const operation = pool.operation[c];
  const e = sim.pickWeighted(node, sim.matchingEdges(node, operation), sim.matchingWeights(node, operation));
  if (e < 0 || sim.edgeAsync[e] === 1) {
    // Nothing behind it (the gateway answers itself) or fire-and-forget: done now.
    if (e >= 0) sim.sendCall(c, e, -1, true);
    sim.finishCall(c, true, 0, false);
    return;
  }
  pool.state[c] = S_DOWNSTREAM;
  sim.sendCall(c, e, -1, false);
}
