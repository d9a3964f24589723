// The live window gauges (the last complete 1 s bucket), read second by second as the app does: what a run
// shows second by second, independent of the run totals' warm-up exclusion.
import { describe, expect, it } from 'vitest';
import { createSimulation } from './index';
import { design, edge, node } from '../testing/designs';
import { recordGaugesBySecond } from '../testing/gauges';
import { template } from '../testing/templates';

const twoTier = () =>
  design(
    [node('users', 'client', { rps: 500 }), node('svc', 'service', { workers: 8, serviceTimeMs: 5 })],
    [edge('users', 'svc')],
    { durationS: 12 },
  );

describe('warm-up boundary', () => {
  it.each([
    ['two tiers', twoTier],
    ['six-tier reference', () => template('six-tier-reference')],
  ] as const)(
    '%s: the per-second p99 series has no 0 at the warm-up second when traffic flows',
    (_, make) => {
      const designed = make();
      const sim = createSimulation(designed, { seed: 1, warmupS: 5 });
      const bySecond = recordGaugesBySecond(sim, 8);
      for (const { id } of designed.nodes) {
        const throughput = bySecond(id, 'throughputRps');
        const p50 = bySecond(id, 'p50Ms');
        const p99 = bySecond(id, 'p99Ms');
        for (let k = 0; k < throughput.length; k++) {
          if (throughput[k] === 0) continue;
          expect(p50[k], `${id} p50 at second ${k}`).toBeGreaterThan(0);
          expect(p99[k], `${id} p99 at second ${k}`).toBeGreaterThan(0);
        }
      }
    },
  );

  it('six-tier reference: the live end-to-end p50/p99 of every second up to warm-up are real latencies', () => {
    const sim = createSimulation(template('six-tier-reference'), { seed: 1, warmupS: 5 });
    // The app's per-second end-to-end series is one globalGauges() reading per simulated second.
    for (let t = 1000; t <= 8000; t += 1000) {
      sim.runUntil(t);
      const second = sim.globalGauges();
      expect(second.throughputRps, `${t} ms`).toBeGreaterThan(1000);
      expect(second.p50Ms, `p50 at ${t} ms`).toBeGreaterThan(0);
      expect(second.p99Ms, `p99 at ${t} ms`).toBeGreaterThanOrEqual(second.p50Ms);
      if (t === 5000) break;
    }
    // Every node that completed work in that second reports its latency too.
    const layout = sim.gaugeLayout();
    const g = sim.gauges();
    const NF = layout.nodeFields.length;
    const throughput = layout.nodeFields.indexOf('throughputRps');
    const p99 = layout.nodeFields.indexOf('p99Ms');
    layout.nodeIds.forEach((id, n) => {
      if (g.nodes[n * NF + throughput] > 0) expect(g.nodes[n * NF + p99], id).toBeGreaterThan(0);
    });
  });

  it('warm-up still excludes the first seconds from the run totals', () => {
    const sim = createSimulation(twoTier(), { seed: 3, warmupS: 5 });
    sim.runUntil(5000);
    sim.runUntil(6000);
    const result = sim.results();
    // One second after warm-up: about 500 completions, not the 3,000 since the start.
    expect(result.global.completed).toBeLessThan(700);
    expect(result.nodes.svc.completed).toBeLessThan(700);
  });
});

describe('a second with no responses', () => {
  // Every request hangs from 3 s: nothing completes until the clients' 1 s timeout fails them.
  const hung = () =>
    design(
      [
        node('users', 'client', { rps: 200, timeoutMs: 1000, retries: 0 }),
        node('svc', 'service', { workers: 400, serviceTimeMs: 5 }),
      ],
      [edge('users', 'svc')],
      { durationS: 8, events: [{ atS: 3, action: 'hang', target: 'svc' }] as never[] },
    );

  it('reports no data (NaN) for the latency percentiles, with completed 0, not 0 ms', () => {
    const sim = createSimulation(hung(), { seed: 2, warmupS: 1 });
    const bySecond = recordGaugesBySecond(sim, 4);
    const global = sim.globalGauges();
    expect(global.completed).toBe(0);
    expect(global.throughputRps).toBe(0);
    expect(global.p50Ms).toBeNaN();
    expect(global.p95Ms).toBeNaN();
    expect(global.p99Ms).toBeNaN();

    const layout = sim.gaugeLayout();
    const NF = layout.nodeFields.length;
    const svc = layout.nodeIds.indexOf('svc') * NF;
    const g = sim.gauges();
    expect(g.nodes[svc + layout.nodeFields.indexOf('responses')]).toBe(0);
    expect(g.nodes[svc + layout.nodeFields.indexOf('p50Ms')]).toBeNaN();
    expect(g.nodes[svc + layout.nodeFields.indexOf('p99Ms')]).toBeNaN();

    const responses = bySecond('svc', 'responses');
    // Seconds 0–2 had responses; second 3 (3–4 s) had none.
    expect(responses[2]).toBeGreaterThan(100);
    expect(bySecond('svc', 'p99Ms')[2]).toBeGreaterThan(0);
    expect(responses[3]).toBe(0);
    expect(bySecond('svc', 'p50Ms')[3]).toBeNaN();
    expect(bySecond('svc', 'p99Ms')[3]).toBeNaN();
  });

  it('a second with responses still reports real percentiles and its completed count', () => {
    const sim = createSimulation(hung(), { seed: 2, warmupS: 1 });
    sim.runUntil(3000);
    const global = sim.globalGauges();
    expect(global.completed).toBeGreaterThan(100);
    expect(global.p99Ms).toBeGreaterThan(0);
  });

  it('the SLO breach entry of a second where nothing completed does not claim p99 0 ms', () => {
    const designed = hung();
    designed.slo = { p99Ms: 100, minThroughputRps: 0, maxErrorRate: 0.01 };
    const result = createSimulation(designed, { seed: 2, warmupS: 1 });
    result.run();
    const breach = result.results().log.find((e) => e.type === 'sloBreach');
    expect(breach).toBeDefined();
    expect(breach!.completed).toBe(0);
    expect(breach!).not.toHaveProperty('p99Ms');
    expect(breach!.errorRate).toBe(1);
    // The CLI's JSON stays valid JSON with no NaN anywhere.
    expect(JSON.stringify(result.results())).not.toContain('NaN');
  });
});
