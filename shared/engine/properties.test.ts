// Property tests (fast-check): any valid design runs without throwing, and the books balance —
// on every node, arrivals + carried in = completed + failed + in flight, with "in flight" counted
// independently from the request pool; every client request ends exactly once; every number in
// the results is finite and non-negative, and percentiles are null only when nothing completed.
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
import { explainSlowest, results } from './results';
import { Simulation } from './simulation';
import { designArbitrary } from '../testing/randomDesign';
import { CATALOG } from '../document/catalog';

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
  it('never throw, and on every node arrivals + carried in = completed + failed + in flight (counted from the pool)', () => {
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

  it('with database partitions (either mode, any side, healed or not) the books balance too', () => {
    const partitioned = fc
      .tuple(
        designArbitrary,
        fc.constantFrom('consistent', 'available'),
        fc.array(
          fc.record({
            atS: fc.double({ min: 0, max: 3, noNaN: true }),
            heal: fc.boolean(),
            copies: fc.array(fc.nat({ max: 5 }), { maxLength: 3 }),
            durationS: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
      )
      .map(([design, partitionMode, events]) => {
        for (const node of design.nodes) {
          if (!('replication' in (CATALOG[node.kind].params as object))) continue;
          node.params = { ...node.params, partitionMode };
          for (const event of events) {
            const target =
              event.copies.length > 0 ? event.copies.map((i) => `${node.id}:${i}`).join(',') : node.id;
            design.scenario.events.push({
              atS: event.atS,
              action: event.heal ? 'heal' : 'partition',
              target,
              ...(event.durationS !== undefined ? { durationS: event.durationS } : {}),
            });
          }
        }
        return design;
      });
    fc.assert(
      fc.property(partitioned, (design) => {
        const sim = new Simulation(design);
        sim.runUntil(1700, 100_000);
        check(sim);
        sim.runUntil(design.scenario.durationS * 1000, 100_000);
        check(sim);
      }),
      { numRuns: 60, seed: 9 },
    );
  });

  it('the slowest requests’ hop times add up to their end-to-end latency, on every node filter', () => {
    fc.assert(
      fc.property(designArbitrary, (design) => {
        const sim = new Simulation(design);
        sim.runUntil(design.scenario.durationS * 1000, 100_000);
        for (const nodeId of [undefined, ...sim.nodes.map((n) => n.id)]) {
          const x = explainSlowest(sim, nodeId);
          const sum = x.hops.reduce((total, h) => total + h.queueingMs + h.serviceMs + h.networkMs, 0);
          expect(Math.abs(sum - x.meanEndToEndMs), `${nodeId ?? 'design'}`).toBeLessThan(
            1e-6 * (1 + x.meanEndToEndMs),
          );
          for (const h of x.hops) {
            expect(h.queueingMs, `${h.nodeId} queueing`).toBeGreaterThan(-1e-6);
            expect(h.serviceMs, `${h.nodeId} service`).toBeGreaterThan(-1e-6);
            expect(h.networkMs, `${h.nodeId} network`).toBeGreaterThan(-1e-6);
          }
        }
      }),
      { numRuns: 80, seed: 11 },
    );
  });

  it('live edits (instances, workers, shards, replicas, algorithm, capacity) never break the books', () => {
    const edit = fc.record({
      node: fc.nat(),
      params: fc.oneof(
        fc.record({ instances: fc.integer({ min: 1, max: 4 }) }),
        fc.record({ workers: fc.integer({ min: 1, max: 8 }) }),
        fc.record({ shards: fc.integer({ min: 1, max: 3 }) }),
        fc.record({ replicas: fc.integer({ min: 0, max: 2 }) }),
        fc.record({ algorithm: fc.constantFrom('roundRobin', 'hash', 'consistentHash', 'leastConnections') }),
        fc.record({ capacity: fc.integer({ min: 1, max: 500 }) }),
      ),
    });
    fc.assert(
      fc.property(designArbitrary, fc.array(edit, { minLength: 1, maxLength: 4 }), (design, edits) => {
        const sim = new Simulation(design);
        sim.runUntil(1200, 100_000);
        for (const { node, params } of edits) {
          const target = sim.nodes[node % sim.nodes.length];
          sim.editParams(target.id, params);
          check(sim);
        }
        sim.runUntil(design.scenario.durationS * 1000, 100_000);
        check(sim);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

function check(sim: Simulation): void {
  const totals = results(sim, 0);
  const held = heldPerNode(sim);
  sim.nodes.forEach((node, i) => {
    const n = totals.nodes[node.id];
    expect(n.arrivals + n.carriedIn - n.completed - n.failed, `${node.id} in flight`).toBe(held[i]);
    expect(n.inFlight, `${node.id} in flight`).toBe(held[i]);
    expect(n.completed + n.failed, `${node.id} ended`).toBeLessThanOrEqual(n.arrivals + n.carriedIn);
  });
  let liveRequests = 0;
  const pool = sim.pool;
  for (let c = 0; c < pool.highWater; c++)
    if (pool.state[c] === S_ROOT_WAIT || pool.state[c] === S_ROOT_BACKOFF) liveRequests++;
  // Each request ended at most once and the rest are still live.
  const g = totals.global;
  expect(g.requests + g.carriedIn - g.completed - g.failed).toBe(liveRequests);
  expect(totals.global.inFlight).toBe(liveRequests);
  // Every number is finite and not negative; percentiles are null exactly when nothing completed.
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number') {
      expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
      expect(value, path).toBeGreaterThanOrEqual(0);
    } else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
  };
  walk({ global: totals.global, nodes: totals.nodes }, 'results');
  const latencyNull = (latency: object) => Object.values(latency).every((value) => value === null);
  expect(latencyNull(totals.global.latencyMs), 'global p99 null iff none completed').toBe(
    totals.global.completed === 0,
  );
  for (const [id, n] of Object.entries(totals.nodes))
    if (n.completed === 0) expect(latencyNull(n.latencyMs), `${id} latency with no completions`).toBe(true);
}
