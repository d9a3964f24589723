// Confidence over replications: a mean ± its 95% confidence interval (Student t with n − 1
// degrees of freedom), and whether a difference between two designs is inside the noise.
//
// The t quantile is computed exactly (the t distribution's CDF through the regularised incomplete
// beta function, inverted by bisection), not read from a table, so Welch's fractional degrees of
// freedom work too. A replication is one run at one seed; replications are independent draws.

/** A measured figure over replications: the mean and, from two replications on, its CI. */
export interface Estimate {
  /** The mean of the replications that had a value (null when none had: e.g. no p99 anywhere). */
  mean: number | null;
  /** Half the width of the confidence interval; null with fewer than two values. */
  halfWidth: number | null;
  low: number | null;
  high: number | null;
  /** How many replications had a value. */
  n: number;
}

/** A difference B − A with its confidence interval and whether zero lies inside it. */
export interface Difference {
  /** Mean of B − A. */
  difference: number | null;
  halfWidth: number | null;
  low: number | null;
  high: number | null;
  /** Degrees of freedom of the t used (n − 1 paired; Welch–Satterthwaite unpaired). */
  degreesOfFreedom: number | null;
  /**
   * True when the interval contains 0 (the difference is indistinguishable from luck at this
   * level), false when it excludes 0; null when there is no interval (one replication). With no
   * spread at all the interval is the point itself: within noise only when the difference is 0.
   */
  withinNoise: boolean | null;
}

export const CONFIDENCE_LEVEL = 0.95;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: ~15 significant digits). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `degreesOfFreedom` (> 0, may be fractional). */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  const tail =
    0.5 * regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t: t(0.975, 4) = 2.776. */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`a quantile needs 0 < p < 1 (got ${p})`);
  if (!(degreesOfFreedom > 0))
    throw new RangeError(`degrees of freedom must be > 0 (got ${degreesOfFreedom})`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, degreesOfFreedom);
  let high = 1;
  while (studentTCdf(high, degreesOfFreedom) < p) high *= 2;
  let low = 0;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, degreesOfFreedom) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Sample variance (n − 1 in the denominator). */
function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) * (v - m), 0) / (values.length - 1);
}

/**
 * Mean ± the confidence interval of the mean: x̄ ± t(1 − α/2, n − 1) · s / √n. Values that are
 * null (a replication without that figure, e.g. no completed request has no p99) are left out,
 * and `n` says how many remained.
 */
export function meanConfidence(values: readonly (number | null)[], level = CONFIDENCE_LEVEL): Estimate {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = present.length;
  if (n === 0) return { mean: null, halfWidth: null, low: null, high: null, n };
  const m = mean(present);
  if (n === 1) return { mean: m, halfWidth: null, low: null, high: null, n };
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(sampleVariance(present) / n);
  return { mean: m, halfWidth, low: m - halfWidth, high: m + halfWidth, n };
}

function difference(diff: number, halfWidth: number | null, degreesOfFreedom: number | null): Difference {
  if (halfWidth === null)
    return { difference: diff, halfWidth: null, low: null, high: null, degreesOfFreedom, withinNoise: null };
  return {
    difference: diff,
    halfWidth,
    low: diff - halfWidth,
    high: diff + halfWidth,
    degreesOfFreedom,
    withinNoise: halfWidth === 0 ? diff === 0 : Math.abs(diff) <= halfWidth,
  };
}

const NO_DIFFERENCE: Difference = {
  difference: null,
  halfWidth: null,
  low: null,
  high: null,
  degreesOfFreedom: null,
  withinNoise: null,
};

/**
 * The paired difference B − A over replications that share a seed (common random numbers: the
 * same seed gives both designs the same arrivals, so the pairs move together and the difference's
 * variance shrinks). The CI is the one-sample t interval of the per-seed differences (n − 1
 * degrees of freedom); a pair where either side has no value is left out.
 */
export function pairedDifference(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
  level = CONFIDENCE_LEVEL,
): Difference {
  if (a.length !== b.length)
    throw new RangeError(`paired samples differ in size (${a.length} vs ${b.length})`);
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y)) diffs.push(y - x);
  }
  const estimate = meanConfidence(diffs, level);
  if (estimate.mean === null) return NO_DIFFERENCE;
  return difference(estimate.mean, estimate.halfWidth, diffs.length > 1 ? diffs.length - 1 : null);
}

/**
 * Welch's unequal-variance t interval for the difference of two independent samples' means
 * (B − A), with the Welch–Satterthwaite degrees of freedom. Within the noise when it contains 0
 * (a two-sided Welch t-test at 1 − level does not reject "no difference").
 */
export function welchDifference(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
  level = CONFIDENCE_LEVEL,
): Difference {
  const x = a.filter((v): v is number => v !== null && Number.isFinite(v));
  const y = b.filter((v): v is number => v !== null && Number.isFinite(v));
  if (x.length === 0 || y.length === 0) return NO_DIFFERENCE;
  const diff = mean(y) - mean(x);
  if (x.length < 2 || y.length < 2) return difference(diff, null, null);
  const vx = sampleVariance(x) / x.length;
  const vy = sampleVariance(y) / y.length;
  const standardError = Math.sqrt(vx + vy);
  if (standardError === 0) return difference(diff, 0, x.length + y.length - 2);
  const degreesOfFreedom = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  return difference(
    diff,
    studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom) * standardError,
    degreesOfFreedom,
  );
}
