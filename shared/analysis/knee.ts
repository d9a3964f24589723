// Where a design stops coping as load grows: the capacity knee of a load curve and the largest
// load that still meets the SLO, stated in words.
//
// The knee is the first of two things to happen as the load rises:
// - **latency knee**: the load where p99's elasticity to load, d ln p99 / d ln load, first reaches
//   LATENCY_KNEE_ELASTICITY (2: one more percent of load costs two percent of p99). Elasticity is
//   free of units and of the sweep's range: for M/M/1 (p99 ∝ 1/(1 − ρ)) it is ρ / (1 − ρ), so the
//   knee is ρ = 2/3 wherever the sweep starts or ends. It is measured over windows from each point
//   to the first point at least MIN_KNEE_SPAN further in ln load (0.1: +10.5%), as ln Δp99 over
//   ln Δload placed at the window's geometric midpoint, and interpolated in ln load between the
//   last window below and the first at or above. The minimum span keeps a step of the latency
//   histogram (≤ 6% bucket width) between close points from reading as a steep rise.
// - **saturation**: the first load where throughput stops tracking offered load, throughput /
//   offered < SATURATION_RATIO (0.95: failures, or a backlog that grows), interpolated linearly
//   between the last point at or above the ratio and the first below.
// Both need the curve ordered by increasing load.
import { formatPercent, formatMs } from '../format';

/** One point of a load curve. `load` is the swept value; the rest are measured at it. */
export interface CurvePoint {
  load: number;
  /** Requests the clients started per second (after warm-up). */
  offeredRps: number;
  throughputRps: number;
  /** null when no request completed. */
  p99Ms: number | null;
  errorRate: number;
}

export const LATENCY_KNEE_ELASTICITY = 2;
export const MIN_KNEE_SPAN = 0.1;
export const SATURATION_RATIO = 0.95;

export interface Knee {
  /** The knee: the smaller of the two loads below that exist. */
  load: number;
  reason: 'latency' | 'saturation';
  latencyKneeLoad: number | null;
  saturationLoad: number | null;
}

const lerp = (x0: number, y0: number, x1: number, y1: number, y: number) =>
  y1 === y0 ? x1 : x0 + ((y - y0) / (y1 - y0)) * (x1 - x0);

/** The load where p99's elasticity to load first reaches LATENCY_KNEE_ELASTICITY, or null. */
export function latencyKnee(points: readonly CurvePoint[]): number | null {
  let previous: { midpointLn: number; elasticity: number } | null = null;
  for (let i = 0; i < points.length; i++) {
    const a = points[i];
    if (!(a.load > 0 && a.p99Ms !== null && a.p99Ms > 0)) continue;
    // The window: from this point to the first one at least MIN_KNEE_SPAN further in ln load.
    const j = points.findIndex((p, k) => k > i && p.load > 0 && Math.log(p.load / a.load) >= MIN_KNEE_SPAN);
    if (j === -1) break;
    const b = points[j];
    if (b.p99Ms === null || !(b.p99Ms > 0)) continue;
    const elasticity = Math.log(b.p99Ms / a.p99Ms) / Math.log(b.load / a.load);
    const midpointLn = (Math.log(a.load) + Math.log(b.load)) / 2;
    if (elasticity >= LATENCY_KNEE_ELASTICITY) {
      // Already steep in the first window: the knee is at or below its start.
      if (!previous) return a.load;
      return Math.exp(
        lerp(previous.midpointLn, previous.elasticity, midpointLn, elasticity, LATENCY_KNEE_ELASTICITY),
      );
    }
    previous = { midpointLn, elasticity };
  }
  return null;
}

/** The load where throughput / offered first falls below SATURATION_RATIO, or null. */
export function saturationLoad(points: readonly CurvePoint[]): number | null {
  const ratio = (p: CurvePoint) => (p.offeredRps > 0 ? p.throughputRps / p.offeredRps : 1);
  for (let i = 0; i < points.length; i++) {
    if (ratio(points[i]) >= SATURATION_RATIO) continue;
    if (i === 0) return points[0].load;
    const a = points[i - 1];
    const b = points[i];
    return lerp(a.load, ratio(a), b.load, ratio(b), SATURATION_RATIO);
  }
  return null;
}

/** The capacity knee (see the top of this file), or null when the curve has neither. */
export function findKnee(points: readonly CurvePoint[]): Knee | null {
  const latency = latencyKnee(points);
  const saturation = saturationLoad(points);
  if (latency === null && saturation === null) return null;
  const byLatency = saturation === null || (latency !== null && latency <= saturation);
  return {
    load: byLatency ? latency! : saturation!,
    reason: byLatency ? 'latency' : 'saturation',
    latencyKneeLoad: latency,
    saturationLoad: saturation,
  };
}

/** The SLO lines that depend on load: p99 at most `p99Ms` and errors at most `maxErrorRate`. */
export interface SloTarget {
  p99Ms: number;
  maxErrorRate: number;
}

export interface SloLimit {
  /**
   * The largest load that meets the SLO: every point up to it passes, and between the last
   * passing point and the first failing one the failing lines are interpolated linearly to where
   * they cross their target (a p99 of nothing — no completions — crosses at the passing point).
   * The last load tried when every point passes (`withinRange` false: the limit is beyond the
   * sweep); null when even the first point fails.
   */
  maxLoad: number | null;
  withinRange: boolean;
  lastPassingIndex: number | null;
  firstFailingIndex: number | null;
  /** What fails at the first failing point: 'p99', 'errors'. */
  failing: ('p99' | 'errors')[];
}

function failingLines(point: CurvePoint, slo: SloTarget): ('p99' | 'errors')[] {
  const lines: ('p99' | 'errors')[] = [];
  if (point.p99Ms === null || point.p99Ms > slo.p99Ms) lines.push('p99');
  if (point.errorRate > slo.maxErrorRate) lines.push('errors');
  return lines;
}

/** The largest load within the SLO (see SloLimit). Points after the first failure are not read. */
export function maxLoadWithinSlo(points: readonly CurvePoint[], slo: SloTarget): SloLimit {
  const first = points.findIndex((p) => failingLines(p, slo).length > 0);
  if (first === -1)
    return {
      maxLoad: points.length ? points[points.length - 1].load : null,
      withinRange: false,
      lastPassingIndex: points.length ? points.length - 1 : null,
      firstFailingIndex: null,
      failing: [],
    };
  const failing = failingLines(points[first], slo);
  if (first === 0)
    return { maxLoad: null, withinRange: true, lastPassingIndex: null, firstFailingIndex: 0, failing };
  const a = points[first - 1];
  const b = points[first];
  const crossings = failing.map((line) =>
    line === 'p99'
      ? b.p99Ms === null
        ? a.load
        : lerp(a.load, a.p99Ms!, b.load, b.p99Ms, slo.p99Ms)
      : lerp(a.load, a.errorRate, b.load, b.errorRate, slo.maxErrorRate),
  );
  return {
    maxLoad: Math.max(a.load, Math.min(b.load, ...crossings)),
    withinRange: true,
    lastPassingIndex: first - 1,
    firstFailingIndex: first,
    failing,
  };
}

/** The node working hardest: the highest utilisation above 0 (a client does no work), or null. */
export function busiestNode(
  utilization: Readonly<Record<string, number>>,
): { id: string; utilization: number } | null {
  let best: { id: string; utilization: number } | null = null;
  for (const [id, value] of Object.entries(utilization))
    if (value > 0 && (!best || value > best.utilization)) best = { id, utilization: value };
  return best;
}

/** A load in three significant figures with thousands separators and its unit: "1,350 req/s". */
export function formatLoad(load: number, unit: string): string {
  const rounded = Number(load.toPrecision(3));
  return `${rounded.toLocaleString('en-US', { maximumFractionDigits: 6 })}${unit ? ` ${unit}` : ''}`;
}

/**
 * The SLO limit in words: "meets p99 ≤ 200 ms and errors ≤ 1% up to 1,350 req/s; api saturates
 * first (utilization 97% at 1,400 req/s)". The tier that saturates first is the busiest node at
 * the first failing point (at the last point when all pass: then it is "the busiest").
 */
export function describeSloLimit(
  limit: SloLimit,
  points: readonly CurvePoint[],
  slo: SloTarget,
  unit: string,
  utilizationAt: (index: number) => Readonly<Record<string, number>>,
): string {
  const target = `p99 ≤ ${formatMs(slo.p99Ms)} and errors ≤ ${formatPercent(slo.maxErrorRate)}`;
  if (points.length === 0) return `no points to judge ${target} on`;
  const at = (index: number) => formatLoad(points[index].load, unit);
  let text: string;
  if (limit.firstFailingIndex === null)
    text = `meets ${target} at every value tried, up to ${at(points.length - 1)} (the limit is beyond the sweep)`;
  else if (limit.maxLoad === null) {
    // A parameter that adds capacity (instances, workers) fails at the low end and passes later.
    const passing = points.findIndex((p) => failingLines(p, slo).length === 0);
    text =
      passing === -1
        ? `fails ${target} at every value tried, from ${at(0)} (${limit.failing.join(' and ')})`
        : `fails ${target} at ${at(0)} (${limit.failing.join(' and ')}); first meets it at ${at(passing)}`;
  } else
    text = `meets ${target} up to ${formatLoad(limit.maxLoad, unit)} (${limit.failing.join(' and ')} fail at ${at(limit.firstFailingIndex)})`;
  const index = limit.firstFailingIndex ?? points.length - 1;
  const busiest = busiestNode(utilizationAt(index));
  if (busiest)
    text +=
      limit.firstFailingIndex === null
        ? `; ${busiest.id} is the busiest (utilization ${formatPercent(busiest.utilization)} at ${at(index)})`
        : `; ${busiest.id} saturates first (utilization ${formatPercent(busiest.utilization)} at ${at(index)})`;
  return text;
}
