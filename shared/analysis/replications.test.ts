// The SLO verdict over seeds: a line meets or fails only when the whole 95% interval is on one side
// of its target; a target inside the interval is too close to call; the worst line decides. Checked
// on M/M/1, whose p99 sojourn time is ln 100 / (μ − λ) (77 ms at 40 req/s with a 10 ms server).
import { describe, expect, it } from 'vitest';
import { mmcDesign } from '../testing/designs';
import { planReplications, summarizeReplications } from './replications';
import { runTask } from './runTask';

const spec = { seeds: 5, baseSeed: 1, durationS: 120, warmupS: 5, maxEvents: 1e8 };

function overSeeds(p99TargetMs: number) {
  const design = mmcDesign({ lambdaRps: 40, serviceTimeMs: 10, servers: 1, durationS: 20 });
  design.slo = { ...design.slo, p99Ms: p99TargetMs };
  const plan = planReplications(design, spec);
  return summarizeReplications(design, plan.seeds, plan.tasks.map(runTask));
}

describe('replications', () => {
  it('brackets the M/M/1 p99 and judges each target against the whole interval', () => {
    const wide = overSeeds(1000);
    const p99 = wide.global.p99Ms;
    expect(p99.n).toBe(5);
    // The interval holds the theory's 76.8 ms (ln 100 / 60 per s).
    expect(p99.low!).toBeLessThan(76.8);
    expect(p99.high!).toBeGreaterThan(76.8);
    expect(wide.slo[0].verdict).toBe('meets');
    expect(wide.verdict).toBe('meets');
    expect(overSeeds(p99.low! / 2).slo[0].verdict).toBe('fails');
    const close = overSeeds(p99.mean!);
    expect(close.slo[0].verdict).toBe('too close to call');
    expect(close.slo[0].text).toContain('inside the 95% interval');
    expect(close.verdict).toBe('too close to call');
  });

  it('refuses fewer than two seeds', () => {
    const design = mmcDesign({ lambdaRps: 40, serviceTimeMs: 10, servers: 1, durationS: 20 });
    expect(() => planReplications(design, { ...spec, seeds: 1 })).toThrow('from 2 to 50');
  });
});
