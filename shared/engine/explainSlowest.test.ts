// explainSlowest(): the slowest 1% of end-to-end requests, hop by hop. The theory checked: a
// request's end-to-end latency is the sum, over the calls it made, of queueing + service +
// network time (each hop's downstream round trips are its children's totals), so the per-hop
// means of the tail add up to the tail's mean end-to-end latency; and a queue near saturation
// (ρ = 0.9, M/M/1 mean wait ρ/(1−ρ)·S = 9·S) is where the tail's time goes.
import { describe, expect, it } from 'vitest';
import { createSimulation, type SlowestRequestsExplanation } from './index';
import { design, edge, node } from '../testing/designs';

const hopSum = (x: SlowestRequestsExplanation) =>
  x.hops.reduce((sum, h) => sum + h.queueingMs + h.serviceMs + h.networkMs, 0);
/** The hop times are a partition of each traced request's end-to-end time: they add up exactly. */
const expectHopsAddUp = (x: SlowestRequestsExplanation) =>
  expect(Math.abs(hopSum(x) - x.meanEndToEndMs)).toBeLessThan(1e-6 * (1 + x.meanEndToEndMs));
const hop = (x: SlowestRequestsExplanation, id: string) => x.hops.find((h) => h.nodeId === id)!;

function frontAndDatabase(blockingCalls: boolean) {
  return design(
    [
      node('users', 'client', { rps: 100, timeoutMs: 10_000 }),
      node('front', 'service', { workers: 8, serviceTimeMs: 2, blockingCalls }),
      // One worker at 9 ms mean for 100 req/s: ρ = 0.9.
      node('db', 'database', { workers: 1, readTimeMs: 9 }),
    ],
    [edge('users', 'front'), edge('front', 'db')],
    { durationS: 300, warmupS: 10 },
  );
}

describe('explainSlowest', () => {
  it('a fast front calling a saturated database: the tail queues at the database; hops add up to end-to-end', () => {
    const sim = createSimulation(frontAndDatabase(false));
    sim.run();
    const x = sim.explainSlowest();
    expect(x.nodeId).toBeNull();
    // ~29,000 completed requests after warm-up: about 1% of them are the tail.
    expect(x.sampleCount).toBeGreaterThan(150);
    expect(x.sampleCount).toBeLessThan(700);
    expect(x.thresholdMs).toBeGreaterThan(100);
    expect(x.meanEndToEndMs).toBeGreaterThanOrEqual(x.thresholdMs * 0.9);
    expectHopsAddUp(x);
    expect(x.hops.map((h) => h.nodeId)).toEqual(['users', 'front', 'db']);
    const db = hop(x, 'db');
    expect(db.queueingMs / x.meanEndToEndMs).toBeGreaterThan(0.8);
    expect(db.visits).toBe(1);
    // Each edge's 1 ms latency, both ways.
    expect(db.networkMs).toBeCloseTo(2, 6);
    expect(hop(x, 'front').networkMs).toBeCloseTo(2, 6);
    expect(hop(x, 'front').queueingMs).toBeLessThan(1);
    expect(x.failures).toEqual([]);
  });

  it('blocking calls: the saturated database holds the front’s workers, so the tail also queues at the front', () => {
    const sim = createSimulation(frontAndDatabase(true));
    sim.run();
    const x = sim.explainSlowest();
    expect(hop(x, 'front').queueingMs).toBeGreaterThan(hop(x, 'front').serviceMs * 10);
    expectHopsAddUp(x);
  });

  it('filtered by a node: the tail of the requests that passed through it, with its own threshold', () => {
    const d = design(
      [
        node('users', 'client', { rps: 200, timeoutMs: 10_000 }),
        node('fast', 'service', { workers: 4, serviceTimeMs: 2 }),
        node('slow', 'service', { workers: 1, serviceTimeMs: 8 }),
      ],
      // Half the requests each way (a client picks one matching edge by weight).
      [edge('users', 'fast', { weight: 1 }), edge('users', 'slow', { weight: 1 })],
      { durationS: 200, warmupS: 5 },
    );
    const sim = createSimulation(d);
    sim.run();
    const fast = sim.explainSlowest('fast');
    const slow = sim.explainSlowest('slow');
    const all = sim.explainSlowest();
    expect(fast.nodeId).toBe('fast');
    expect(fast.hops.map((h) => h.nodeId)).toEqual(['users', 'fast']);
    expect(slow.hops.map((h) => h.nodeId)).toEqual(['users', 'slow']);
    expect(fast.thresholdMs).toBeLessThan(slow.thresholdMs / 3);
    for (const x of [fast, slow, all]) {
      expect(x.sampleCount).toBeGreaterThan(50);
      expectHopsAddUp(x);
    }
    // The whole design's tail is the slow path's.
    expect(all.hops.map((h) => h.nodeId)).not.toContain('fast');
    expect(sim.explainSlowest('nope')).toMatchObject({ nodeId: 'nope', sampleCount: 0, hops: [] });
  });

  it('a proxy’s overhead is its own time, not network', () => {
    const d = design(
      [
        node('users', 'client', { rps: 100 }),
        node('gw', 'gateway', { overheadMs: 5, rate: 1e9, burst: 1e9 }),
        node('svc', 'service', { workers: 4, serviceTimeMs: 3, serviceDist: 'const' }),
      ],
      [edge('users', 'gw', { latencyMs: 2 }), edge('gw', 'svc', { latencyMs: 1 })],
      { durationS: 60, warmupS: 2 },
    );
    const sim = createSimulation(d);
    sim.run();
    const x = sim.explainSlowest();
    expect(hop(x, 'gw').serviceMs).toBeCloseTo(5, 6);
    expect(hop(x, 'gw').networkMs).toBeCloseTo(4, 6);
    expect(hop(x, 'svc').networkMs).toBeCloseTo(2, 6);
    expect(hop(x, 'svc').serviceMs).toBeCloseTo(3, 6);
    expect(x.meanEndToEndMs).toBeCloseTo(14, 1);
    expectHopsAddUp(x);
  });

  it('timeouts and retries: a timed-out call is closed where it was, backoff is waiting, hops still add up', () => {
    const d = design(
      [
        node('users', 'client', { rps: 150, timeoutMs: 100, retries: 2, retryBackoffMs: 10 }),
        // A 25 ms call timeout on a 6 ms (exponential) read: a few percent of calls time out
        // and are retried after 50 ms.
        node('api', 'service', {
          workers: 16,
          serviceTimeMs: 2,
          callTimeoutMs: 25,
          retries: 1,
          retryBackoffMs: 50,
        }),
        node('db', 'database', { workers: 3, readTimeMs: 6 }),
      ],
      [edge('users', 'api'), edge('api', 'db')],
      { durationS: 120, warmupS: 5 },
    );
    const sim = createSimulation(d);
    sim.run();
    const x = sim.explainSlowest();
    expect(x.sampleCount).toBeGreaterThan(100);
    // The tail is the retried requests: the database was called about twice per request, and
    // the api's 50 ms backoff shows as waiting, not as service.
    expect(hop(x, 'db').visits).toBeGreaterThan(1.8);
    expect(hop(x, 'api').queueingMs).toBeGreaterThan(40);
    expect(hop(x, 'api').serviceMs).toBeLessThan(5);
    expectHopsAddUp(x);
  });

  it('failures: where they started, most first, with the first time', () => {
    const d = design(
      [
        node('users', 'client', { rps: 200, timeoutMs: 300 }),
        node('api', 'service', { workers: 64, serviceTimeMs: 2, callTimeoutMs: 250 }),
        node('db', 'database', { workers: 4, readTimeMs: 2 }),
        node('other', 'service', { workers: 4, serviceTimeMs: 1 }),
      ],
      [edge('users', 'api', { weight: 3 }), edge('api', 'db'), edge('users', 'other', { weight: 1 })],
      {
        durationS: 30,
        warmupS: 2,
        events: [
          { atS: 10, action: 'kill', target: 'db', durationS: 5 },
          { atS: 20, action: 'hang', target: 'db', durationS: 2 },
        ],
      },
    );
    const sim = createSimulation(d);
    sim.run();
    const x = sim.explainSlowest();
    expect(x.failures.map((f) => [f.nodeId, f.reason])).toEqual([
      ['db', 'unavailable'],
      ['db', 'timeout'],
    ]);
    expect(x.failures[0].count).toBeGreaterThan(x.failures[1].count);
    expect(x.failures[0].firstAtMs).toBeGreaterThanOrEqual(10_000);
    expect(x.failures[0].firstAtMs).toBeLessThan(10_100);
    // The api gives up on the hung database after its 250 ms call timeout.
    expect(x.failures[1].firstAtMs).toBeGreaterThanOrEqual(20_250);
    expect(x.failures[1].firstAtMs).toBeLessThan(20_300);
    // Requests through 'other' never failed.
    expect(sim.explainSlowest('other').failures).toEqual([]);
    expect(sim.explainSlowest('api').failures.length).toBe(2);
  });

  it('a long run samples one request in 16 after the first 100,000, weighted: the same answer, unbiased', () => {
    // 100 req/s for 2,500 s: 250,000 requests, 150,000 of them in the sampled phase.
    const long = createSimulation(frontAndDatabase(false), { durationS: 2_500 });
    long.run();
    const x = long.explainSlowest();
    const short = createSimulation(frontAndDatabase(false));
    short.run();
    const y = short.explainSlowest();
    // All of the first 100,000 requests' tail (about 1,000) plus a sixteenth of the rest's (~1,500).
    expect(x.sampleCount).toBeGreaterThan(900);
    expect(x.sampleCount).toBeLessThan(1_400);
    expectHopsAddUp(x);
    for (const e of [x, y]) expect(e.meanEndToEndMs).toBeGreaterThanOrEqual(e.thresholdMs * 0.95);
    // The same split as the fully traced 300 s run.
    expect(hop(x, 'db').queueingMs / x.meanEndToEndMs).toBeCloseTo(
      hop(y, 'db').queueingMs / y.meanEndToEndMs,
      1,
    );
  });

  it('is deterministic and warm-up excluded', () => {
    const run = () => {
      const sim = createSimulation(frontAndDatabase(false), { durationS: 30 });
      sim.run();
      return sim.explainSlowest('db');
    };
    expect(run()).toEqual(run());
    const early = createSimulation(frontAndDatabase(false), { durationS: 8, warmupS: 10 });
    early.run();
    expect(early.explainSlowest().sampleCount).toBe(0);
  });
});
