// A/B comparison under common random numbers: identical designs differ by exactly zero, a real
// improvement is outside the noise, tiers are matched by node id, and the cost proxy counts
// instances × workers.
import { describe, expect, it } from 'vitest';
import { design, edge, mmcDesign, node } from '../testing/designs';
import { template } from '../testing/templates';
import { compareDesigns, costProxy, planCompare, type CompareSpec } from './compare';
import { runInProcess } from './runTask';

const spec = (over: Partial<CompareSpec> = {}): CompareSpec => ({
  seeds: 1,
  baseSeed: 1,
  durationS: 10,
  warmupS: 1,
  maxEvents: 1e8,
  ...over,
});

describe('compare', () => {
  it('identical designs differ by exactly zero in every metric and tier', async () => {
    const a = template('three-tier');
    const result = await compareDesigns(a, template('three-tier'), spec({ seeds: 2 }), runInProcess);
    expect(result.seeds).toEqual([1, 2]);
    const rows = [
      ...Object.values(result.global),
      ...Object.values(result.tiers).flatMap((t) => Object.values(t.metrics)),
    ];
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      if (row.difference.difference === null) continue; // e.g. p99 of a node that completed nothing
      expect(row.difference.difference).toBe(0);
      expect(row.difference.withinNoise).toBe(true);
    }
    expect(result.cost).toEqual({ a: costProxy(a), b: costProxy(a), difference: 0 });
    expect(result.onlyInA).toEqual([]);
    expect(result.onlyInB).toEqual([]);
    expect(result.scenarioEventsDiffer).toBe(false);
  });

  it('has the documented shape: global rows, errors by reason, data loss, per-tier rows', async () => {
    const result = await compareDesigns(template('three-tier'), template('three-tier'), spec(), runInProcess);
    expect(Object.keys(result.global)).toEqual([
      'throughputRps',
      'p50Ms',
      'p95Ms',
      'p99Ms',
      'errorRate',
      'errorRate.timeout',
      'errorRate.rejected',
      'errorRate.throttled',
      'errorRate.unavailable',
      'errorRate.loop',
      'errorRate.error',
      'errorRate.unauthorized',
      'lostWrites',
      'staleReads',
    ]);
    expect(Object.keys(result.global.p99Ms)).toEqual(['a', 'b', 'difference', 'relative']);
    expect(Object.keys(result.global.p99Ms.difference)).toEqual([
      'difference',
      'halfWidth',
      'low',
      'high',
      'degreesOfFreedom',
      'withinNoise',
    ]);
    // One seed: no interval, so no verdict on the noise.
    expect(result.global.p99Ms.difference.withinNoise).toBeNull();
    expect(Object.keys(result.tiers.app.metrics)).toEqual([
      'throughputRps',
      'utilization',
      'p99Ms',
      'errorRate',
      'meanQueueDepth',
      'instances',
    ]);
  });

  it('a second server is an improvement outside the noise (paired over the same seeds)', async () => {
    const a = mmcDesign({ lambdaRps: 85, serviceTimeMs: 10, servers: 1, durationS: 20 });
    const b = mmcDesign({ lambdaRps: 85, serviceTimeMs: 10, servers: 2, durationS: 20 });
    const result = await compareDesigns(a, b, spec({ seeds: 3, durationS: 20 }), runInProcess);
    const p99 = result.global.p99Ms;
    expect(p99.difference.difference!).toBeLessThan(0);
    expect(p99.difference.withinNoise).toBe(false);
    expect(p99.difference.degreesOfFreedom).toBe(2);
    expect(p99.relative!).toBeLessThan(-0.5);
    // The same arrivals (common random numbers): the same requests in both.
    expect(result.global.throughputRps.difference.difference!).toBeCloseTo(0, 0);
    expect(result.cost).toEqual({ a: 1, b: 2, difference: 1 });
    expect(result.tiers.server.metrics.utilization.b.mean!).toBeLessThan(
      result.tiers.server.metrics.utilization.a.mean!,
    );
  });

  it('lists nodes present in one design only, and runs A then B at the same seeds', () => {
    const a = design([node('users', 'client'), node('api', 'service')], [edge('users', 'api')], {
      durationS: 5,
    });
    const b = design(
      [node('users', 'client'), node('api', 'service', { instances: 3, workers: 4 }), node('db', 'database')],
      [edge('users', 'api'), edge('api', 'db')],
      { durationS: 5 },
    );
    const { tasks } = planCompare(a, b, spec({ seeds: 2, baseSeed: 7 }));
    expect(tasks.map((t) => [t.design === a ? 'A' : 'B', t.seed])).toEqual([
      ['A', 7],
      ['A', 8],
      ['B', 7],
      ['B', 8],
    ]);
    // api 1 × the default workers (8) vs 3 × 4 + the database's instances × its workers.
    expect(costProxy(a)).toBe(8);
    expect(costProxy(b)).toBeGreaterThan(12);
  });

  it('names onlyInA and onlyInB', async () => {
    const a = design([node('users', 'client', { rps: 50 }), node('api', 'service')], [edge('users', 'api')], {
      durationS: 5,
    });
    const b = design(
      [node('users', 'client', { rps: 50 }), node('api', 'service'), node('db', 'database')],
      [edge('users', 'api'), edge('api', 'db')],
      { durationS: 5 },
    );
    const result = await compareDesigns(a, b, spec({ durationS: 5 }), runInProcess);
    expect(result.onlyInA).toEqual([]);
    expect(result.onlyInB).toEqual(['db']);
    expect(Object.keys(result.tiers)).toEqual(['users', 'api']);
  });
});
