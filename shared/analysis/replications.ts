// One design repeated over N seeds: each end-to-end figure as mean ± 95% CI (Student t over the
// replications), and the SLO verdict per line said with the noise in mind — a line *meets* or
// *fails* only when the whole interval is on one side of its target; when the target lies inside
// the interval the runs cannot tell (more seeds or a longer run narrow it).
import type { Design } from '../document/types';
import { runBudgetProblem } from '../engine/limits';
import { formatMs, formatPercent, formatRps } from '../format';
import { meanConfidence, type Estimate } from './confidence';
import { AnalysisError, replicationSeeds, type RunSummary, type RunTask } from './runs';

export interface ReplicationSpec {
  seeds: number;
  baseSeed: number;
  durationS: number;
  warmupS: number;
  maxEvents: number;
}

export function planReplications(
  design: Design,
  spec: ReplicationSpec,
): { seeds: number[]; tasks: RunTask[] } {
  if (!Number.isInteger(spec.seeds) || spec.seeds < 2 || spec.seeds > 50)
    throw new AnalysisError(`--seeds must be a whole number from 2 to 50 (got ${spec.seeds})`);
  const tooBig = runBudgetProblem(design, { durationS: spec.durationS, maxEvents: spec.maxEvents });
  if (tooBig) throw new AnalysisError(`the design is too big to run: ${tooBig}`);
  const seeds = replicationSeeds(spec.baseSeed, spec.seeds);
  return {
    seeds,
    tasks: seeds.map((seed) => ({
      design,
      seed,
      durationS: spec.durationS,
      warmupS: spec.warmupS,
      maxEvents: spec.maxEvents,
    })),
  };
}

export type NoiseVerdict = 'meets' | 'fails' | 'too close to call' | 'no data';

export interface SloLineOverSeeds {
  line: 'p99' | 'errors' | 'throughput';
  estimate: Estimate;
  target: number;
  verdict: NoiseVerdict;
  /** "p99 183 ms ± 12 ms meets ≤ 200 ms" */
  text: string;
}

export interface ReplicationResult {
  seeds: number[];
  global: Record<'throughputRps' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'errorRate', Estimate>;
  slo: SloLineOverSeeds[];
  /** The worst line's verdict: fails > too close to call > meets (no data when nothing completed). */
  verdict: NoiseVerdict;
}

/** Whether an interval [low, high] (or the mean alone, with one value) lies within `limit` on the good side. */
function judge(estimate: Estimate, limit: number, goodBelow: boolean): NoiseVerdict {
  if (estimate.mean === null) return 'no data';
  const low = estimate.low ?? estimate.mean;
  const high = estimate.high ?? estimate.mean;
  const good = goodBelow ? high <= limit : low >= limit;
  const bad = goodBelow ? low > limit : high < limit;
  return good ? 'meets' : bad ? 'fails' : 'too close to call';
}

const VERDICT_RANK: Record<NoiseVerdict, number> = {
  meets: 0,
  'too close to call': 1,
  fails: 2,
  'no data': 3,
};

export function summarizeReplications(
  design: Design,
  seeds: number[],
  runs: readonly RunSummary[],
): ReplicationResult {
  const of = (read: (run: RunSummary) => number | null) => meanConfidence(runs.map(read));
  const global = {
    throughputRps: of((run) => run.global.throughputRps),
    p50Ms: of((run) => run.global.latencyMs.p50),
    p95Ms: of((run) => run.global.latencyMs.p95),
    p99Ms: of((run) => run.global.latencyMs.p99),
    errorRate: of((run) => run.global.errorRate),
  };
  const { slo } = design;
  const line = (
    name: SloLineOverSeeds['line'],
    estimate: Estimate,
    target: number,
    goodBelow: boolean,
    format: (value: number | null) => string,
    what: string,
  ): SloLineOverSeeds => {
    const verdict = judge(estimate, target, goodBelow);
    const value =
      estimate.halfWidth === null
        ? format(estimate.mean)
        : `${format(estimate.mean)} ± ${format(estimate.halfWidth)}`;
    const bound = `${goodBelow ? '≤' : '≥'} ${format(target)}`;
    const text =
      verdict === 'no data'
        ? `${what}: no data (nothing completed)`
        : verdict === 'too close to call'
          ? `${what} ${value}: the target ${bound} is inside the 95% interval — too close to call`
          : `${what} ${value} ${verdict} ${bound}`;
    return { line: name, estimate, target, verdict, text };
  };
  const lines = [
    line('p99', global.p99Ms, slo.p99Ms, true, formatMs, 'p99'),
    line('errors', global.errorRate, slo.maxErrorRate, true, formatPercent, 'error rate'),
  ];
  if (slo.minThroughputRps > 0)
    lines.push(
      line('throughput', global.throughputRps, slo.minThroughputRps, false, formatRps, 'throughput'),
    );
  const verdict = lines.reduce<NoiseVerdict>(
    (worst, next) => (VERDICT_RANK[next.verdict] > VERDICT_RANK[worst] ? next.verdict : worst),
    'meets',
  );
  return { seeds, global, slo: lines, verdict };
}
