import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { mmcDesign } from '../testing/designs';
import { evaluateCheck, sampleFromGauges, totalValue } from './checks';
import type { LabObservation, LabSample } from './types';

const design = mmcDesign({ lambdaRps: 50, servers: 1, serviceTimeMs: 10, durationS: 60 });

/** Samples at 1 s, 2 s, … with the server's utilization and the end-to-end p99 given per second. */
function samples(values: { utilization: number; p99Ms?: number }[]): LabSample[] {
  return values.map((value, index) => ({
    simTimeMs: (index + 1) * 1000,
    global: { p99Ms: value.p99Ms ?? 10, errorRate: 0, 'errors.timeout': 0 },
    nodes: { server: { utilization: value.utilization, lostWrites: 0 } },
  }));
}
const observation = (list: LabSample[], extra: Partial<LabObservation> = {}): LabObservation => ({
  design,
  samples: list,
  log: [],
  ...extra,
});

describe('metric checks', () => {
  const check = { metric: 'server.utilization', op: '>=', value: 0.8, overS: 3 } as const;

  it('is pending until the window since the step is long enough, then passes', () => {
    const list = samples([{ utilization: 0.9 }, { utilization: 0.9 }]);
    expect(evaluateCheck(check, observation(list), 0)).toEqual({
      state: 'pending',
      detail: 'server utilization 90% ≥ 80% for 2 s of 3 s',
    });
    const longer = samples([{ utilization: 0.9 }, { utilization: 0.9 }, { utilization: 0.85 }]);
    expect(evaluateCheck(check, observation(longer), 0)).toEqual({
      state: 'pass',
      detail: 'server utilization 85% ≥ 80% for 3 s',
    });
  });

  it('only counts samples after the step was reached', () => {
    const list = samples([{ utilization: 0.9 }, { utilization: 0.9 }, { utilization: 0.9 }]);
    expect(evaluateCheck(check, observation(list), 1000).state).toBe('pending');
  });

  it('stays pending (never fails) while it does not hold: a learner may still make it hold', () => {
    const list = samples([{ utilization: 0.9 }, { utilization: 0.5 }, { utilization: 0.9 }]);
    const result = evaluateCheck(check, observation(list), 0);
    expect(result.state).toBe('pending');
    expect(result.detail).toBe('server utilization 90% ≥ 80% for 1 s of 3 s');
    const low = evaluateCheck(check, observation(samples([{ utilization: 0.4 }])), 0);
    expect(low.detail).toBe('server utilization 40%; needs ≥ 80% for 3 s');
  });

  it('reads a NaN p99 (nothing completed) as no data, not as fast', () => {
    const list = samples([{ utilization: 0, p99Ms: NaN }]);
    const result = evaluateCheck(
      { metric: 'global.p99Ms', op: '<=', value: 'slo.p99Ms' },
      observation(list),
      0,
    );
    expect(result.state).toBe('pending');
    expect(result.detail).toMatch(/no data/);
  });

  it('reads slo.* values from the open design', () => {
    const list = samples([{ utilization: 0, p99Ms: 150 }]);
    const slow = { ...design, slo: { ...design.slo, p99Ms: 100 } };
    const check = { metric: 'global.p99Ms', op: '<=', value: 'slo.p99Ms' } as const;
    expect(evaluateCheck(check, observation(list), 0).state).toBe('pass'); // SLO 200 ms
    expect(evaluateCheck(check, observation(list, { design: slow }), 0).state).toBe('pending');
  });

  it('waits for the first sample', () => {
    expect(evaluateCheck(check, observation([]), 0).state).toBe('pending');
  });
});

describe('log checks', () => {
  const log = [
    { t: 1000, type: 'kill', target: 'db:0' },
    { t: 2500, type: 'promoted', target: 'db:1' },
  ];
  it('finds an entry on an instance of the node, after another entry, since the step', () => {
    const obs = observation([], { log });
    expect(evaluateCheck({ log: 'promoted', node: 'db', after: 'kill' }, obs, 0)).toEqual({
      state: 'pass',
      detail: 'promoted on db:1 at 2.5 s',
    });
    expect(evaluateCheck({ log: 'promoted', node: 'cache' }, obs, 0).state).toBe('pending');
    expect(evaluateCheck({ log: 'promoted', after: 'kill' }, obs, 2000).state).toBe('pending');
  });
});

describe('compare checks', () => {
  const totals = {
    '': { global: { errorRate: 0.01, latencyMs: { p99: null } }, nodes: { db: { db: { lostWrites: 0 } } } },
    async: { global: { errorRate: 0.05 }, nodes: { db: { db: { lostWrites: 12 } } } },
  };
  it('is pending before the runs exist, then passes or fails for good', () => {
    const check = { compare: { a: 'async' }, metric: 'db.db.lostWrites', op: '>', factor: 1 } as const;
    expect(evaluateCheck(check, observation([]), 0).state).toBe('pending');
    expect(evaluateCheck(check, observation([], { variantTotals: totals }), 0)).toEqual({
      state: 'pass',
      detail: 'db.db.lostWrites: async 12 > base 0',
    });
    const reversed = { compare: { b: 'async' }, metric: 'global.errorRate', op: '>=', factor: 2 } as const;
    expect(evaluateCheck(reversed, observation([], { variantTotals: totals }), 0)).toEqual({
      state: 'fail',
      detail: 'not so: global.errorRate: base 1% ≥ 2 × async 5%',
    });
  });
  it('fails when a run has no value (p99 of a run where nothing completed)', () => {
    expect(totalValue(totals[''], 'global.latencyMs.p99')).toBeNaN();
    const check = { compare: { b: 'async' }, metric: 'global.latencyMs.p99', op: '<=' } as const;
    expect(evaluateCheck(check, observation([], { variantTotals: totals }), 0).state).toBe('fail');
  });
});

describe('param checks', () => {
  it('reads the open design, with the catalog default for a parameter left out', () => {
    expect(
      evaluateCheck({ param: 'workers', target: 'server', op: '>=', value: 2 }, observation([]), 0),
    ).toEqual({
      state: 'pending',
      detail: 'server workers 1; needs ≥ 2',
    });
    const edited = {
      ...design,
      nodes: design.nodes.map((n) => (n.id === 'server' ? { ...n, params: { ...n.params, workers: 4 } } : n)),
    };
    expect(
      evaluateCheck(
        { param: 'workers', target: 'server', op: '>=', value: 2 },
        observation([], { design: edited }),
        0,
      ).state,
    ).toBe('pass');
    expect(
      evaluateCheck({ param: 'speedFactor', target: 'server', op: '==', value: 1 }, observation([]), 0).state,
    ).toBe('pass');
  });
});

describe('all and any', () => {
  const pass = { param: 'workers', target: 'server', op: '==', value: 1 } as const;
  const pending = { param: 'workers', target: 'server', op: '==', value: 2 } as const;
  const fail = { compare: {}, metric: 'global.errorRate', op: '>' } as const;
  const totals = { variantTotals: { '': { global: { errorRate: 0 } } } };
  const state = (check: Parameters<typeof evaluateCheck>[0]) =>
    evaluateCheck(check, observation([], totals), 0).state;
  it('all: fails with any failed part, passes when every part passes, else pending', () => {
    expect(state({ all: [pass, pass] })).toBe('pass');
    expect(state({ all: [pass, pending] })).toBe('pending');
    expect(state({ all: [pending, fail] })).toBe('fail');
  });
  it('any: passes with one passing part, fails only when every part failed', () => {
    expect(state({ any: [fail, pass] })).toBe('pass');
    expect(state({ any: [fail, pending] })).toBe('pending');
    expect(state({ any: [fail, fail] })).toBe('fail');
  });
});

describe('sampleFromGauges', () => {
  it('names every node gauge and the global gauges as the engine reports them', () => {
    const sim = createSimulation(design, { seed: 3 });
    sim.runUntil(5000);
    const sample = sampleFromGauges(sim.gaugeLayout(), sim.gauges(), sim.globalGauges());
    expect(sample.simTimeMs).toBe(5000);
    expect(Object.keys(sample.nodes)).toEqual(['client', 'server']);
    const global = sim.globalGauges();
    expect(sample.global.throughputRps).toBe(global.throughputRps);
    expect(sample.global.p99Ms).toBe(global.p99Ms);
    expect(sample.global['errors.timeout']).toBe(global.errorsByReason.timeout);
    const layout = sim.gaugeLayout();
    const u = layout.nodeFields.indexOf('utilization');
    expect(sample.nodes.server.utilization).toBe(sim.gauges().nodes[layout.nodeFields.length + u]);
    expect(sample.nodes.server.utilization).toBeGreaterThan(0.2);
  });
});
