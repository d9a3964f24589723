// The capacity knee and the largest load within the SLO, on synthetic curves whose answer theory
// gives: M/M/1 (sojourn time exponential with rate μ − λ, so p99 = ln(100) / (μ − λ) ∝ 1/(1 − ρ)),
// M/M/1 behind a fixed network delay, and a bounded queue that saturates.
import { describe, expect, it } from 'vitest';
import {
  busiestNode,
  describeSloLimit,
  findKnee,
  formatLoad,
  latencyKnee,
  maxLoadWithinSlo,
  saturationLoad,
  type CurvePoint,
} from './knee';

const MU = 100; // service rate, req/s
const mm1P99Ms = (lambda: number) => (1000 * Math.log(100)) / (MU - lambda);

function curve(loads: number[], p99: (load: number) => number | null, throughput = (load: number) => load) {
  return loads.map((load): CurvePoint => ({
    load,
    offeredRps: load,
    throughputRps: throughput(load),
    p99Ms: p99(load),
    errorRate: 0,
  }));
}
const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('the latency knee (p99 elasticity to load reaches 2)', () => {
  it('is at ρ = 2/3 on an M/M/1 curve (elasticity ρ/(1 − ρ)), whatever the sweep range', () => {
    // Within ρ ± 0.01 from coarse or fine points (fine ones are read over ≥ 10% windows).
    for (const loads of [range(5, 95, 5), range(30, 98, 4), range(50, 90, 2), range(60, 75, 0.5)])
      expect(Math.abs(latencyKnee(curve(loads, mm1P99Ms))! - (2 / 3) * MU)).toBeLessThan(1);
    const knee = findKnee(curve(range(5, 95, 5), mm1P99Ms))!;
    expect(knee.reason).toBe('latency');
    expect(knee.saturationLoad).toBeNull();
  });

  it('comes later when a fixed network delay dominates p99 (elasticity of 50 ms + M/M/1)', () => {
    const p99 = (lambda: number) => 50 + mm1P99Ms(lambda);
    // Elasticity ρ·c/(1−ρ)² / (50 + c/(1−ρ)) with c = 1000·ln(100)/μ; solve = 2 by bisection.
    const elasticity = (rho: number) => {
      const c = (1000 * Math.log(100)) / MU;
      return (rho * c) / (1 - rho) ** 2 / (50 + c / (1 - rho));
    };
    let low = 0.01;
    let high = 0.99;
    for (let i = 0; i < 60; i++) {
      const middle = (low + high) / 2;
      if (elasticity(middle) < 2) low = middle;
      else high = middle;
    }
    const theory = low * MU;
    expect(theory).toBeGreaterThan(70);
    expect(latencyKnee(curve(range(5, 98, 3), p99))!).toBeCloseTo(theory, 0);
  });

  it('a flat curve has no knee; steps smaller than the histogram bucket width are not a knee', () => {
    expect(findKnee(curve(range(100, 2000, 100), () => 20))).toBeNull();
    // 1,900 → 2,000 is +5% load; a p99 bucket step of +6% there is elasticity 1.2, two steps 2.3.
    const stepped = curve([1800, 1900, 2000], (load) => (load < 2000 ? 20 : 20 * 1.06 * 1.06));
    expect(latencyKnee(stepped)).toBeNull();
  });

  it('is the first load when the curve is steep from its first segment', () => {
    expect(latencyKnee(curve([85, 95, 99], mm1P99Ms))).toBe(85);
  });
});

describe('saturation (throughput / offered < 0.95)', () => {
  it('is where a bounded server stops tracking offered load, interpolated between points', () => {
    // Capacity 1,000 req/s; p99 capped by the queue bound, so latency alone would not tell.
    const points = curve(
      range(100, 2000, 100),
      (load) => Math.min(40, 10 / Math.max(0.25, 1 - load / 1000)),
      (load) => Math.min(load, 1000),
    );
    // 1,000 (ratio 1) → 1,100 (ratio 0.909): 0.95 at 1,000 + 100 · 0.05/0.0909 = 1,055.
    expect(saturationLoad(points)!).toBeCloseTo(1055, 0);
    const knee = findKnee(points)!;
    expect(knee.load).toBeLessThanOrEqual(1055);
  });

  it('counts failures as not tracking: 10% errors is saturated', () => {
    const points = curve(
      [100, 200],
      () => 10,
      (load) => (load === 200 ? 180 : load),
    );
    expect(saturationLoad(points)).toBeCloseTo(100 + 100 * (0.05 / 0.1), 6);
    expect(
      saturationLoad(
        curve(
          [100],
          () => 10,
          () => 50,
        ),
      ),
    ).toBe(100);
  });
});

describe('the largest load within the SLO', () => {
  const slo = { p99Ms: 200, maxErrorRate: 0.01 };

  it('interpolates p99 between the last passing and the first failing point (M/M/1: 76.97 req/s exactly)', () => {
    // p99 = 4605/(100 − λ) ≤ 200 ⇔ λ ≤ 76.97; 75 → 184 ms, 80 → 230 ms; linear between them: 76.71.
    const limit = maxLoadWithinSlo(curve(range(5, 95, 5), mm1P99Ms), slo);
    expect(limit.lastPassingIndex).toBe(14);
    expect(limit.firstFailingIndex).toBe(15);
    expect(limit.failing).toEqual(['p99']);
    const expected = 75 + (5 * (200 - mm1P99Ms(75))) / (mm1P99Ms(80) - mm1P99Ms(75));
    expect(limit.maxLoad!).toBeCloseTo(expected, 9);
    expect(limit.maxLoad!).toBeGreaterThan(75);
    expect(limit.maxLoad!).toBeLessThan(100 - (1000 * Math.log(100)) / 200);
    // Finer points get closer to the exact limit.
    expect(maxLoadWithinSlo(curve(range(70, 80, 0.5), mm1P99Ms), slo).maxLoad!).toBeCloseTo(76.97, 1);
  });

  it('takes the first line to cross when errors fail too', () => {
    const points: CurvePoint[] = [
      { load: 100, offeredRps: 100, throughputRps: 100, p99Ms: 100, errorRate: 0 },
      { load: 200, offeredRps: 200, throughputRps: 190, p99Ms: 300, errorRate: 0.04 },
    ];
    // p99 crosses 200 at 150, errors cross 1% at 125.
    const limit = maxLoadWithinSlo(points, slo);
    expect(limit.failing).toEqual(['p99', 'errors']);
    expect(limit.maxLoad).toBeCloseTo(125, 9);
  });

  it('says so when every point passes or none does; no completions fail p99 at the passing point', () => {
    const all = maxLoadWithinSlo(
      curve([100, 200], () => 10),
      slo,
    );
    expect(all).toMatchObject({ maxLoad: 200, withinRange: false, firstFailingIndex: null });
    const none = maxLoadWithinSlo(
      curve([100, 200], () => 900),
      slo,
    );
    expect(none).toMatchObject({ maxLoad: null, firstFailingIndex: 0, failing: ['p99'] });
    const dead = maxLoadWithinSlo(
      curve([100, 200], (load) => (load === 200 ? null : 10)),
      slo,
    );
    expect(dead.maxLoad).toBe(100);
  });

  it('is stated in words with the tier that saturates first', () => {
    const points = curve(range(100, 2000, 100), (load) => 10 / Math.max(0.01, 1 - load / 1500));
    const limit = maxLoadWithinSlo(points, slo);
    const utilization = (index: number) => ({ client: 0, lb: 0.2, svc: points[index].load / 1500, db: 0.4 });
    const text = describeSloLimit(limit, points, slo, 'req/s', utilization);
    expect(text).toMatch(
      /^meets p99 ≤ 200 ms and errors ≤ 1% up to 1,4\d\d req\/s \(p99 fail at 1,500 req\/s\); svc saturates first \(utilization 100% at 1,500 req\/s\)$/,
    );
    expect(
      describeSloLimit(
        maxLoadWithinSlo(points.slice(0, 3), slo),
        points.slice(0, 3),
        slo,
        'req/s',
        utilization,
      ),
    ).toBe(
      'meets p99 ≤ 200 ms and errors ≤ 1% at every value tried, up to 300 req/s (the limit is beyond the sweep); db is the busiest (utilization 40% at 300 req/s)',
    );
  });

  it('says where a capacity parameter first meets the SLO when the low end fails', () => {
    const instances = curve([1, 2, 3, 4], (n) => 400 / n);
    const limit = maxLoadWithinSlo(instances, slo);
    expect(limit.maxLoad).toBeNull();
    expect(describeSloLimit(limit, instances, slo, 'instances', () => ({}))).toBe(
      'fails p99 ≤ 200 ms and errors ≤ 1% at 1 instances (p99); first meets it at 2 instances',
    );
    const never = curve([1, 2], () => 900);
    expect(describeSloLimit(maxLoadWithinSlo(never, slo), never, slo, 'req/s', () => ({}))).toBe(
      'fails p99 ≤ 200 ms and errors ≤ 1% at every value tried, from 1 req/s (p99)',
    );
  });

  it('names loads the way people read them', () => {
    expect(formatLoad(1354.2, 'req/s')).toBe('1,350 req/s');
    expect(formatLoad(76.71, 'req/s')).toBe('76.7 req/s');
    expect(formatLoad(12, 'users')).toBe('12 users');
    expect(busiestNode({ client: 0 })).toBeNull();
  });
});
