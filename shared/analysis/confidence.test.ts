// Confidence intervals over replications: Student t quantiles against published table values, the
// mean ± t·s/√n interval, and the paired (common random numbers) and Welch differences.
import { describe, expect, it } from 'vitest';
import {
  meanConfidence,
  pairedDifference,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  welchDifference,
} from './confidence';

describe('Student t quantiles', () => {
  it('match the published two-sided 95% table (t(0.975, df))', () => {
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [3, 3.182],
      [4, 2.776],
      [9, 2.262],
      [10, 2.228],
      [19, 2.093],
      [30, 2.042],
      [120, 1.98],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df), `df ${df}`).toBeCloseTo(t, 3);
  });

  it('match other levels and tend to the normal quantile as df grows', () => {
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032, 3);
    expect(studentTQuantile(0.95, 4)).toBeCloseTo(2.132, 3);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.96, 3);
  });

  it('invert the CDF (fractional degrees of freedom too)', () => {
    for (const df of [1, 2.5, 5.88, 40])
      for (const p of [0.6, 0.9, 0.975, 0.999])
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    // t with 1 df is Cauchy: P(T ≤ 1) = 3/4.
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    // I_x(1, 1) = x (uniform), I_x(a, b) = 1 − I_{1−x}(b, a).
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedIncompleteBeta(0.2, 2, 5)).toBeCloseTo(1 - regularizedIncompleteBeta(0.8, 5, 2), 12);
  });

  it('refuse what has no quantile', () => {
    expect(() => studentTQuantile(1, 3)).toThrow('0 < p < 1');
    expect(() => studentTQuantile(0.9, 0)).toThrow('degrees of freedom');
  });
});

describe('mean ± 95% confidence interval', () => {
  it('is x̄ ± t(0.975, n − 1)·s/√n', () => {
    // n = 5, mean 3, s² = 2.5: half-width 2.776 · √(2.5/5) = 1.963.
    const estimate = meanConfidence([1, 2, 3, 4, 5]);
    expect(estimate.mean).toBe(3);
    expect(estimate.n).toBe(5);
    expect(estimate.halfWidth!).toBeCloseTo(2.7764451 * Math.sqrt(0.5), 6);
    expect(estimate.low! + estimate.high!).toBeCloseTo(6, 12);
  });

  it('has no interval from one replication, and no mean from none; nulls are left out', () => {
    expect(meanConfidence([7])).toEqual({ mean: 7, halfWidth: null, low: null, high: null, n: 1 });
    expect(meanConfidence([])).toEqual({ mean: null, halfWidth: null, low: null, high: null, n: 0 });
    expect(meanConfidence([null, 4, null, 6]).n).toBe(2);
    expect(meanConfidence([null, 4, null, 6]).mean).toBe(5);
  });

  it('covers the true mean about 95% of the time (normal samples of 5)', () => {
    // A fixed LCG and Box–Muller: deterministic, 2,000 intervals.
    let state = 12345;
    const uniform = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    let covered = 0;
    const trials = 2000;
    for (let i = 0; i < trials; i++) {
      const e = meanConfidence(Array.from({ length: 5 }, () => 10 + 3 * normal()));
      if (e.low! <= 10 && 10 <= e.high!) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.97);
  });
});

describe('is a difference inside the noise', () => {
  it('paired (same seeds): the t interval of the per-seed differences', () => {
    const a = [10, 12, 11, 13, 12];
    const b = a.map((x, i) => x + 2 + (i % 2 === 0 ? 0.1 : -0.1)); // B is 2 slower, with little spread
    const d = pairedDifference(a, b);
    expect(d.difference!).toBeCloseTo(2.02, 10);
    expect(d.degreesOfFreedom).toBe(4);
    expect(d.withinNoise).toBe(false);
    // Pairing removes the seed-to-seed spread that Welch's unpaired test must count.
    const welch = welchDifference(a, b);
    expect(welch.halfWidth!).toBeGreaterThan(d.halfWidth!);
  });

  it('identical results differ by exactly zero, inside the noise', () => {
    expect(pairedDifference([5, 6, 7], [5, 6, 7])).toMatchObject({
      difference: 0,
      halfWidth: 0,
      withinNoise: true,
    });
    expect(pairedDifference([5], [5])).toMatchObject({ difference: 0, withinNoise: null });
  });

  it("Welch's interval uses the Welch–Satterthwaite degrees of freedom", () => {
    // var(a)/5 = 0.5, var(b)/5 = 2: df = 2.5² / (0.5²/4 + 2²/4) = 5.882.
    const d = welchDifference([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(d.difference).toBe(3);
    expect(d.degreesOfFreedom!).toBeCloseTo(5.882353, 5);
    expect(d.halfWidth!).toBeCloseTo(studentTQuantile(0.975, 5.882353) * Math.sqrt(2.5), 5);
    expect(d.withinNoise).toBe(true); // 3 ± 3.9 contains 0
    expect(welchDifference([1, 2, 3], [101, 102, 103]).withinNoise).toBe(false);
  });
});
