// No completed request, no latency. Theory: the mean, the quantiles and the maximum are
// statistics of a sample; an empty sample has none of them (the q-quantile is the smallest x with
// at least q·n samples ≤ x, which every x satisfies when n = 0). So with zero completions the
// results say null (JSON) — never 0 ms, which would read as "instant" — and an SLO's p99 line
// cannot pass: there is nothing to compare with the target.
import { describe, expect, it } from 'vitest';
import type { Design } from '../document/types';
import { createSimulation, runDesign, type CliJson } from './index';
import { design, edge, mmcDesign, node } from '../testing/designs';

const NO_LATENCY = { mean: null, p50: null, p95: null, p99: null, max: null };
/** Loose enough that only the p99 line can fail: throughput ≥ 0, errors ≤ 100%. */
const LENIENT_SLO = { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 1 };

function withSlo(d: Design): Design {
  return { ...d, slo: LENIENT_SLO };
}

/** A 600 s service time behind a 1-hour client timeout: every request is still in service. */
function stuckInService(): Design {
  return withSlo(
    mmcDesign({ lambdaRps: 10, serviceTimeMs: 600_000, servers: 1, serviceDist: 'const', durationS: 60 }),
  );
}

/** The only server killed at 0 s: every request is refused (unavailable). */
function everyServerKilled(): Design {
  const d = mmcDesign({ lambdaRps: 100, serviceTimeMs: 5, servers: 2, durationS: 10 });
  d.scenario.events = [{ atS: 0, action: 'kill', target: 'server' }];
  return withSlo(d);
}

/** A 1 ms run: no request has time to come back. */
function oneMillisecondRun(): Design {
  return withSlo(mmcDesign({ lambdaRps: 100, serviceTimeMs: 5, servers: 2, durationS: 0.001 }));
}

/** A → B → A: every request bounces until its client gives up after 50 ms. */
function cycleThatTimesOut(): Design {
  return withSlo(
    design(
      [
        node('client', 'client', { rps: 50, timeoutMs: 50 }),
        node('a', 'service', { serviceTimeMs: 1 }),
        node('b', 'service', { serviceTimeMs: 1 }),
      ],
      [edge('client', 'a'), edge('a', 'b'), edge('b', 'a')],
      { durationS: 5 },
    ),
  );
}

function expectNoCompletions(result: CliJson): void {
  expect(result.global.completed).toBe(0);
  expect(result.global.latencyMs).toEqual(NO_LATENCY);
  for (const [id, n] of Object.entries(result.nodes)) {
    expect(n.completed, id).toBe(0);
    expect(n.latencyMs, id).toEqual(NO_LATENCY);
  }
  expect(result.global.slo?.pass).toBe(false);
  expect(result.global.slo?.failing).toEqual(['p99: no completed requests']);
  // JSON writes no data as null, and nothing reads 0 ms.
  const json = JSON.parse(JSON.stringify(result)) as CliJson;
  expect(json.global.latencyMs.p99).toBeNull();
}

describe('a run in which no request completes has no latency (null) and fails its SLO p99 line', () => {
  it('600 s service time behind a 1-hour timeout: everything is still in flight', () => {
    const result = runDesign(stuckInService());
    expect(result.global.inFlight).toBeGreaterThan(500);
    expectNoCompletions(result);
  });

  it('every server killed at 0 s: everything fails as unavailable', () => {
    const result = runDesign(everyServerKilled());
    expect(result.global.errors.unavailable).toBeGreaterThan(500);
    // The server did respond — with refusals in 0 ms — but completed nothing: no latency.
    expect(result.nodes.server.failed).toBeGreaterThan(500);
    expectNoCompletions(result);
  });

  it('a 1 ms run', () => {
    const result = runDesign(oneMillisecondRun());
    expect(result.simTimeMs).toBe(1);
    expectNoCompletions(result);
  });

  it('an A → B → A cycle in which every request times out', () => {
    const result = runDesign(cycleThatTimesOut());
    expect(result.global.errors.timeout).toBeGreaterThan(200);
    expectNoCompletions(result);
  });

  it('a node that completed nothing has null latency beside one that completed requests', () => {
    const d = mmcDesign({ lambdaRps: 200, serviceTimeMs: 2, servers: 2, durationS: 5 });
    d.nodes.push(node('idle', 'service', {}));
    const result = runDesign(d);
    expect(result.global.latencyMs.p99).toBeGreaterThan(0);
    expect(result.nodes.server.latencyMs.p99).toBeGreaterThan(0);
    expect(result.nodes.idle.latencyMs).toEqual(NO_LATENCY);
  });

  it('with completions the SLO verdict is unchanged: pass, and each failing line named', () => {
    const d = mmcDesign({ lambdaRps: 200, serviceTimeMs: 2, servers: 2, durationS: 5 });
    d.slo = LENIENT_SLO;
    expect(runDesign(d).global.slo).toMatchObject({ pass: true, failing: [] });
    d.slo = { p99Ms: 0.5, minThroughputRps: 1e6, maxErrorRate: 0 };
    const slo = runDesign(d).global.slo;
    expect(slo?.pass).toBe(false);
    expect(slo?.failing.map((line) => line.split(' ')[0])).toEqual(['p99', 'throughput']);
  });

  it('live: a second in which a killed node completed nothing reports no data (NaN), not 0 ms', () => {
    const sim = createSimulation(everyServerKilled());
    sim.runUntil(3_000);
    const layout = sim.gaugeLayout();
    const g = sim.gauges();
    const server = layout.nodeIds.indexOf('server') * layout.nodeFields.length;
    // It answered (refusals), yet has no latency to show.
    expect(g.nodes[server + layout.nodeFields.indexOf('responses')]).toBeGreaterThan(0);
    expect(g.nodes[server + layout.nodeFields.indexOf('p99Ms')]).toBeNaN();
    expect(g.nodes[server + layout.nodeFields.indexOf('p50Ms')]).toBeNaN();
    expect(sim.globalGauges().p99Ms).toBeNaN();
  });
});
