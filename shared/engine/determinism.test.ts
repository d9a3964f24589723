// Determinism: the same design, seed and scenario give bit-identical results; one stream per
// component means editing one component does not perturb another's randomness.
import { describe, expect, it } from 'vitest';
import { createSimulation, runDesign, type CliJson } from './index';
import { hashString } from './rng';
import { design, edge, node } from '../testing/designs';
import { template } from '../testing/templates';

/** A fingerprint of everything in the results except the wall time. */
function fingerprint(result: CliJson): string {
  const { wallMs: _wallMs, ...rest } = result;
  const text = JSON.stringify(rest);
  return `${hashString(text).toString(16)}:${text.length}`;
}

describe('determinism', () => {
  it('the same design, seed and scenario give bit-identical results (fingerprint)', () => {
    const scenario = template('six-tier-reference');
    scenario.scenario.events = [
      { atS: 2, action: 'kill', target: 'api:1', durationS: 2 },
      { atS: 3, action: 'slow', target: 'db', factor: 3, durationS: 1 },
      { atS: 4, action: 'kill', target: 'db:0' },
      { atS: 5, action: 'spike', target: 'client', factor: 1.5, durationS: 1 },
    ];
    scenario.nodes[0].params.rps = 2000;
    const first = runDesign(scenario, { durationS: 8, warmupS: 1 });
    const second = runDesign(scenario, { durationS: 8, warmupS: 1 });
    expect(fingerprint(first)).toBe(fingerprint(second));
    expect(first.log.length).toBeGreaterThan(4);
    const otherSeed = runDesign(scenario, { durationS: 8, warmupS: 1, seed: 99 });
    expect(fingerprint(otherSeed)).not.toBe(fingerprint(first));
  });

  it('running in time slices gives the same results as one run (a worker host may slice freely)', () => {
    const whole = createSimulation(template('three-tier'), { durationS: 10 });
    whole.run();
    const sliced = createSimulation(template('three-tier'), { durationS: 10 });
    while (!sliced.done) sliced.runUntil(sliced.simTimeMs + 137, 500);
    expect(fingerprint(sliced.results())).toBe(fingerprint(whole.results()));
  });

  it("editing one component's parameters does not perturb another component's random stream", () => {
    const build = (readRatio: number) =>
      design(
        [
          node('a', 'client', { rps: 300 }),
          node('b', 'client', { rps: 300, readRatio }),
          node('serviceA', 'service', { workers: 4 }),
          node('serviceB', 'service', { workers: 4 }),
        ],
        [edge('a', 'serviceA'), edge('b', 'serviceB')],
        { durationS: 10 },
      );
    const before = runDesign(build(0.9));
    const after = runDesign(build(0.2));
    expect(after.nodes.serviceA).toEqual(before.nodes.serviceA);
    expect(after.nodes.a).toEqual(before.nodes.a);
  });

  it('common random numbers: two designs whose client has the same id get the same arrivals at the same seed', () => {
    // A/B variants differ downstream (one server vs four); the client's stream depends only on
    // (seed, "client"), so both see exactly the same requests and the comparison is of the design.
    const variant = (workers: number, seed = 11) =>
      runDesign(
        design(
          [node('client', 'client', { rps: 300 }), node('svc', 'service', { workers, serviceTimeMs: 3 })],
          [edge('client', 'svc')],
          { durationS: 20, seed },
        ),
      );
    const a = variant(1);
    const b = variant(4);
    expect(a.global.requests).toBe(b.global.requests);
    expect(a.nodes.svc.arrivals).toBe(b.nodes.svc.arrivals);
    expect(a.global.latencyMs.p99).not.toBe(b.global.latencyMs.p99);
    // Another seed is another sample of luck.
    expect(variant(1, 12).global.requests).not.toBe(a.global.requests);
  });
});
