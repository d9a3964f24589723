// Property tests (fast-check): any valid design runs without throwing, and the books balance —
// on every node, arrivals = completed + failed + in flight, with "in flight" counted
// independently from the request pool; every client request ends exactly once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  S_DELAY,
  S_DOWNSTREAM,
  S_IN_SERVICE,
  S_MESSAGE_INFLIGHT,
  S_MESSAGE_READY,
  S_PARKED,
  S_QUEUED,
  S_REPLICATING,
  S_RETRY_WAIT,
  S_ROOT_BACKOFF,
  S_ROOT_WAIT,
} from './constants';
import { results } from './results';
import { Simulation } from './simulation';
import { designArbitrary } from './testing/randomDesign';

const AT_NODE = new Set([
  S_QUEUED,
  S_IN_SERVICE,
  S_DOWNSTREAM,
  S_DELAY,
  S_RETRY_WAIT,
  S_REPLICATING,
  S_PARKED,
  S_MESSAGE_READY,
  S_MESSAGE_INFLIGHT,
  S_ROOT_WAIT,
  S_ROOT_BACKOFF,
]);

function heldPerNode(sim: Simulation): number[] {
  const held = new Array<number>(sim.nodes.length).fill(0);
  const pool = sim.pool;
  for (let c = 0; c < pool.highWater; c++) if (AT_NODE.has(pool.state[c])) held[pool.node[c]]++;
  return held;
}

describe('random valid designs', () => {
  it('never throw, and on every node arrivals = completed + failed + in flight (counted from the pool)', () => {
    fc.assert(
      fc.property(designArbitrary, (design) => {
        const sim = new Simulation(design);
        // Stop part-way too, so in-flight work is non-trivial. Work is capped per run: random
        // parameters can describe a hundred thousand requests a second.
        sim.runUntil(1700, 100_000);
        check(sim);
        sim.runUntil(design.scenario.durationS * 1000, 100_000);
        check(sim);
      }),
      { numRuns: 80, seed: 42 },
    );
  });
});

function check(sim: Simulation): void {
  const totals = results(sim, 0);
  const held = heldPerNode(sim);
  sim.nodes.forEach((node, i) => {
    const n = totals.nodes[node.id];
    expect(n.arrivals - n.completed - n.failed, `${node.id} in flight`).toBe(held[i]);
    expect(n.completed).toBeGreaterThanOrEqual(0);
  });
  let liveRequests = 0;
  const pool = sim.pool;
  for (let c = 0; c < pool.highWater; c++)
    if (pool.state[c] === S_ROOT_WAIT || pool.state[c] === S_ROOT_BACKOFF) liveRequests++;
  // Each request ended at most once and the rest are still live.
  expect(totals.global.requests - totals.global.completed - totals.global.failed).toBe(liveRequests);
}
