// Every run is bounded (limits.ts): a design estimated above the event budget is refused before
// it starts, naming the parameter; a run that reaches its event limit, its wall-time limit or its
// memory guard stops and returns the run so far, marked truncated. Memory is asserted on the
// engine's own counters (calls in flight, queued events, pool slots), never on timing.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Design } from '../document/types';
import {
  createSimulation,
  DEFAULT_MAX_CALLS_IN_FLIGHT,
  DEFAULT_MAX_EVENTS,
  estimateRun,
  runBudgetProblem,
  runDesign,
} from './index';
import { Simulation } from './simulation';
import { design, edge, mmcDesign, node } from '../testing/designs';
import { designArbitrary } from '../testing/randomDesign';
import { template } from '../testing/templates';

const TEMPLATES = ['three-tier', 'mm1', 'six-tier-reference', 'failover-lab', 'auth-at-the-edge'] as const;

/** Client rps 10^7 for 60 s into one server: 6 × 10^8 requests. */
function tenMillionRps(): Design {
  return mmcDesign({ lambdaRps: 1e7, serviceTimeMs: 10, servers: 1, durationS: 60 });
}

/** A 10^7-second run at 500 req/s. */
function tenMillionSeconds(): Design {
  return mmcDesign({ lambdaRps: 500, serviceTimeMs: 1, servers: 1, durationS: 1e7 });
}

/** Closed users with no think time whose requests loop A → B → A (two balancers) until the hop limit. */
function closedUsersInALoop(): Design {
  return design(
    [
      node('users', 'client', { mode: 'closed', users: 100, thinkTimeMs: 0, timeoutMs: 1000 }),
      node('a', 'loadBalancer', {}),
      node('b', 'loadBalancer', {}),
    ],
    [
      edge('users', 'a', { latencyMs: 0 }),
      edge('a', 'b', { latencyMs: 0 }),
      edge('b', 'a', { latencyMs: 0 }),
    ],
    { durationS: 60 },
  );
}

describe('before a run: the event budget', () => {
  it('refuses client rps 1e7 × 60 s, naming the client, its rps and the duration', () => {
    const problem = runBudgetProblem(tenMillionRps());
    expect(problem).toContain('clients "client" rps 1e7 × 60 s ≈ 6e8 requests');
    expect(problem).toContain('a run holds at most 100,000,000 events');
    expect(problem).toContain('lower rps or durationS');
  });

  it('refuses scenario.durationS 1e7 at 500 rps', () => {
    expect(runBudgetProblem(tenMillionSeconds())).toContain('rps 500 × 1e7 s ≈ 5e9 requests');
  });

  it('refuses closed users with ~0 think time in a loop: each request runs to the hop limit', () => {
    const problem = runBudgetProblem(closedUsersInALoop());
    expect(problem).toContain('clients "users" 100 closed-mode users × 60 s at one request per 1 ms');
    expect(problem).toContain('lower users, raise thinkTimeMs or durationS');
  });

  it('refuses more closed-mode users than the event list holds', () => {
    const d = closedUsersInALoop();
    d.nodes[0].params = { mode: 'closed', users: 10_000_000, thinkTimeMs: 3_600_000 };
    expect(runBudgetProblem(d)).toContain('1e7 closed-mode users');
  });

  it('a larger --max-events (or a shorter run) lets it through', () => {
    expect(runBudgetProblem(tenMillionRps(), { maxEvents: 1e10 })).toBeNull();
    expect(runBudgetProblem(tenMillionRps(), { durationS: 1 })).toBeNull();
  });

  it('every template at its own duration, and the benchmark’s 300 s six-tier run, fit the default budget', () => {
    for (const name of TEMPLATES) expect(runBudgetProblem(template(name)), name).toBeNull();
    const bench = estimateRun(template('six-tier-reference'), { durationS: 300 });
    expect(bench.events).toBeLessThan(DEFAULT_MAX_EVENTS);
  });

  it('estimates a template’s events within a factor of 3 of what it processes', () => {
    for (const name of TEMPLATES) {
      const d = template(name);
      const actual = runDesign(d, { durationS: 10, warmupS: 0 }).events;
      const estimate = estimateRun(d, { durationS: 10 }).events;
      expect(estimate / actual, name).toBeGreaterThan(1 / 3);
      expect(estimate / actual, name).toBeLessThan(3);
    }
  });
});

describe('during a run: limits stop it and keep the run so far, marked truncated', () => {
  it('stops at exactly maxEvents events, deterministically however the run is sliced', () => {
    const whole = createSimulation(tenMillionRps(), { maxEvents: 200_000 });
    whole.run();
    expect(whole.done).toBe(true);
    expect(whole.eventsProcessed).toBe(200_000);
    const result = whole.results();
    expect(result.truncated).toMatchObject({ reason: 'eventLimit', limit: 200_000 });
    expect(result.truncated?.atSimMs).toBe(result.simTimeMs);
    expect(result.truncated?.atSimMs).toBeLessThan(60_000);
    expect(result.truncated?.message).toMatch(/^stopped after 200,000 events \(the run's event limit\) at /);
    expect(result.log.at(-1)).toMatchObject({ type: 'truncated', reason: 'eventLimit' });
    // The books balance in the partial totals.
    const g = result.global;
    expect(g.requests + g.carriedIn).toBe(g.completed + g.failed + g.inFlight);

    const sliced = createSimulation(tenMillionRps(), { maxEvents: 200_000 });
    while (!sliced.done) sliced.runUntil(sliced.simTimeMs + 3, 777);
    const { wallMs: _a, ...a } = result;
    const { wallMs: _b, ...b } = sliced.results();
    expect(b).toEqual(a);
    // Once truncated, runUntil does nothing.
    sliced.runUntil(60_000);
    expect(sliced.eventsProcessed).toBe(200_000);
  });

  it('stops at maxWallMs of wall time measured by the injected clock (never Date.now)', () => {
    let clockMs = 0;
    const dateNow = vi.spyOn(Date, 'now');
    try {
      const sim = createSimulation(tenMillionSeconds(), { maxWallMs: 50, now: () => (clockMs += 1) });
      sim.run();
      expect(sim.truncated?.reason).toBe('wallClockLimit');
      // The fake clock ticks 1 ms per read: one read when runUntil starts, one per limit check
      // (every 1,024 events); the 51st check sees 51 ms > 50 ms, and the read at the end makes 52.
      expect(sim.eventsProcessed).toBe(51 * 1024);
      expect(sim.wallMs).toBe(52);
      expect(sim.results().truncated).toMatchObject({ reason: 'wallClockLimit', limit: 50 });
      expect(sim.results().truncated?.message).toMatch(
        /^stopped after 0\.052 s of wall time \(the run's limit is 0\.05 s\) at .* s of 1e7 s simulated, 52,224 events$/,
      );
      expect(dateNow).not.toHaveBeenCalled();
    } finally {
      dateNow.mockRestore();
    }
  });

  it('the memory guard stops a run at the same event however it is sliced', () => {
    const d = () =>
      mmcDesign({
        lambdaRps: 100_000,
        serviceTimeMs: 600_000,
        servers: 1,
        serviceDist: 'const',
        durationS: 60,
      });
    const whole = new Simulation(d(), { maxCallsInFlight: 20_000 });
    whole.run();
    const sliced = new Simulation(d(), { maxCallsInFlight: 20_000 });
    while (!sliced.done) sliced.runUntil(sliced.now + 7, 333);
    expect(whole.truncated?.reason).toBe('memoryLimit');
    // Limits are checked on whole multiples of 1,024 events of the run.
    expect(whole.eventsProcessed % 1024).toBe(0);
    expect(sliced.eventsProcessed).toBe(whole.eventsProcessed);
    expect(sliced.callsInFlight).toBe(whole.callsInFlight);
  });

  it('memory guard: calls in flight stay bounded (600 s service time, 1-hour timeout, 10^5 req/s)', () => {
    const d = mmcDesign({
      lambdaRps: 100_000,
      serviceTimeMs: 600_000,
      servers: 1,
      serviceDist: 'const',
      durationS: 60,
    });
    const sim = new Simulation(d, { maxCallsInFlight: 50_000 });
    sim.run();
    expect(sim.truncated?.reason).toBe('memoryLimit');
    expect(sim.truncated?.message).toMatch(
      /^stopped by the memory guard: [\d,]+ calls in flight at once \(a request's visit to a node; the limit is 50,000\) at /,
    );
    // Checked every 1,024 events: at most that many calls past the limit, and the pool's slots
    // (which only double) stay within 2× of it.
    expect(sim.callsInFlight).toBeLessThanOrEqual(50_000 + 1024);
    expect(sim.pool.capacity).toBeLessThanOrEqual(2 * 65_536);
    expect(sim.queuedEvents).toBeLessThan(1000);
  });

  it('memory guard with the defaults: client rps 1e7 (past the budget) stops holding ≤ ~1.6 M calls', () => {
    const sim = new Simulation(tenMillionRps(), { maxEvents: Infinity });
    sim.run();
    expect(sim.truncated?.reason).toBe('memoryLimit');
    expect(sim.callsInFlight).toBeLessThanOrEqual(DEFAULT_MAX_CALLS_IN_FLIGHT + 2048);
    expect(sim.pool.capacity).toBeLessThanOrEqual(1 << 21);
  });

  it('memory guard: events waiting in the event list stay bounded', () => {
    // Closed users each keep one event (think or request) queued.
    const d = closedUsersInALoop();
    d.nodes[0].params = { mode: 'closed', users: 5000, thinkTimeMs: 1000 };
    const sim = new Simulation(d, { maxQueuedEvents: 2000 });
    sim.run();
    expect(sim.truncated?.reason).toBe('memoryLimit');
    expect(sim.truncated?.message).toContain('events waiting');
  });

  it('closed users with ~0 think time in a loop end at the event limit (when allowed past the budget)', () => {
    const sim = createSimulation(closedUsersInALoop(), { maxEvents: 300_000 });
    sim.run();
    expect(sim.truncated?.reason).toBe('eventLimit');
    expect(sim.results().global.errors.loop).toBeGreaterThan(0);
  });

  it('a complete run carries no truncated field, and the defaults never stop a template', () => {
    const result = runDesign(template('three-tier'), { durationS: 10 });
    expect(result).not.toHaveProperty('truncated');
  });

  it('random design #21 of the golden sample (10,000 closed users, ~0 think, async edge) is refused by the budget', () => {
    // 10,000 users at one request per ms for 3 s: 3 × 10^7 requests (it runs ~30 s unbounded).
    const d = fc.sample(designArbitrary, { seed: 20261206, numRuns: 21 })[20];
    expect(runBudgetProblem(d, { durationS: 3 })).not.toBeNull();
  });
});
