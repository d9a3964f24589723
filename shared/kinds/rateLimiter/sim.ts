// Rate limiter and API gateway: a token bucket (`rate` tokens per second up to `burst`), one for
// everyone (`global`) or one per user id (`perUser`); a request without a token fails as
// `throttled`. Admitted requests pay `overheadMs` (auth, TLS, parsing) and go on over one
// matching outgoing edge (split by weight).
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import { EV_DELAY_DONE, R_THROTTLED, S_DELAY, S_DOWNSTREAM } from '../../engine/constants';

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
  const pool = sim.pool;
  if (!takeToken(sim, node, pool.user[c])) {
    sim.finishCall(c, false, R_THROTTLED, true);
    return;
  }
  const overheadMs = node.overheadMs * node.slowFactor[pool.instance[c]];
  pool.serviceMs[c] = overheadMs;
  const operation = pool.operation[c];
  const e = sim.pickWeighted(node, sim.matchingEdges(node, operation), sim.matchingWeights(node, operation));
  if (e < 0 || sim.edgeAsync[e] === 1) {
    // Nothing behind it (the gateway answers itself) or fire-and-forget: done after the overhead.
    if (e >= 0) sim.sendCall(c, e, -1, true, overheadMs);
    pool.state[c] = S_DELAY;
    sim.scheduleOnLine(sim.delayLine(node.index), sim.now + overheadMs, EV_DELAY_DONE, c, pool.generation[c]);
    return;
  }
  // The overhead (auth, TLS) rides on the forward transit.
  pool.state[c] = S_DOWNSTREAM;
  sim.sendCall(c, e, -1, false, overheadMs);
}

/** After the overhead of a request that goes nowhere synchronous: answer it. */
export function overheadDone(sim: Simulation, _node: NodeRuntime, c: number): void {
  sim.finishCall(c, true, 0, false);
}
