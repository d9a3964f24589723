// A/B comparison of two designs under the same seeds and run window. Common random numbers: the
// engine draws each component's random numbers from (seed, component id), so components with the
// same id in both designs (the client, say) see the same arrivals at the same seed, and the
// difference measures the design, not luck. Replication r runs both designs at seed base + r; the
// difference B − A is taken per seed and its 95% CI is the paired t interval (n − 1 degrees of
// freedom; confidence.ts `pairedDifference`). "Inside the noise" means that interval contains 0.
// Each design keeps its own scenario events (its faults); duration, warm-up and seed are shared.
import { CATALOG, resolveParams } from '../document/catalog';
import type { Design } from '../document/types';
import { FAILURE_REASONS } from '../engine/constants';
import { runBudgetProblem } from '../engine/limits';
import type { NodeResult } from '../engine/index';
import { meanConfidence, pairedDifference, type Difference, type Estimate } from './confidence';
import { AnalysisError, replicationSeeds, type RunSummary, type RunTask, type TaskRunner } from './runs';

export interface CompareSpec {
  seeds: number;
  baseSeed: number;
  durationS: number;
  warmupS: number;
  maxEvents: number;
  maxWallMs?: number;
}

/** One metric in both designs and B − A. */
export interface CompareRow {
  a: Estimate;
  b: Estimate;
  difference: Difference;
  /** (B − A) / A of the means; null when A's mean is 0 or missing. */
  relative: number | null;
}

export interface CompareTier {
  kind: string;
  /** A kind that changed between the designs (the same id, another component). */
  kindB?: string;
  metrics: Record<string, CompareRow>;
}

export interface CompareResult {
  seeds: number[];
  durationS: number;
  warmupS: number;
  global: Record<string, CompareRow>;
  /** Total instances × workers over nodes that have workers (a cost proxy; the same every seed). */
  cost: { a: number; b: number; difference: number };
  /** Per node id present in both designs. */
  tiers: Record<string, CompareTier>;
  onlyInA: string[];
  onlyInB: string[];
  /** True when the designs' scenario events differ (each ran its own). */
  scenarioEventsDiffer: boolean;
  /** Replications that stopped at a limit, per design. */
  truncated: { a: number; b: number };
}

/**
 * A cost proxy: Σ instances × workers over the nodes whose kind has a worker pool (services,
 * workers, databases, object stores). Balancers, caches and queues are left out: they have no
 * workers to buy.
 */
export function costProxy(design: Design): number {
  let total = 0;
  for (const node of design.nodes) {
    const spec = CATALOG[node.kind];
    if (spec.params.workers?.type !== 'number') continue;
    const params = resolveParams(spec.params, node.params);
    total += spec.capabilities.instanceCount(params) * Number(params.workers);
  }
  return total;
}

const sameEvents = (a: Design, b: Design) =>
  JSON.stringify(a.scenario.events) === JSON.stringify(b.scenario.events);

/** The runs: A at every seed, then B at every seed. */
export function planCompare(a: Design, b: Design, spec: CompareSpec): { seeds: number[]; tasks: RunTask[] } {
  if (!Number.isInteger(spec.seeds) || spec.seeds < 1)
    throw new AnalysisError(`--seeds must be a whole number ≥ 1 (got ${spec.seeds})`);
  const seeds = replicationSeeds(spec.baseSeed, spec.seeds);
  for (const [name, design] of [
    ['A', a],
    ['B', b],
  ] as const) {
    const tooBig = runBudgetProblem(design, { durationS: spec.durationS, maxEvents: spec.maxEvents });
    if (tooBig) throw new AnalysisError(`design ${name} is too big to run: ${tooBig}`);
  }
  const tasks = [a, b].flatMap((design) =>
    seeds.map((seed): RunTask => ({
      design,
      seed,
      durationS: spec.durationS,
      warmupS: spec.warmupS,
      maxEvents: spec.maxEvents,
      maxWallMs: spec.maxWallMs,
    })),
  );
  return { seeds, tasks };
}

function row(a: (number | null)[], b: (number | null)[]): CompareRow {
  const ea = meanConfidence(a);
  const eb = meanConfidence(b);
  return {
    a: ea,
    b: eb,
    difference: pairedDifference(a, b),
    relative: ea.mean !== null && eb.mean !== null && ea.mean !== 0 ? (eb.mean - ea.mean) / ea.mean : null,
  };
}

const ended = (completed: number, failed: number) => completed + failed;
const rate = (count: number, total: number) => (total > 0 ? count / total : 0);

/** The difference table from A's and B's summaries (seed order). */
export function summarizeCompare(
  a: Design,
  b: Design,
  spec: CompareSpec,
  seeds: number[],
  runsA: readonly RunSummary[],
  runsB: readonly RunSummary[],
): CompareResult {
  const metric = (read: (run: RunSummary) => number | null) => row(runsA.map(read), runsB.map(read));
  const global: Record<string, CompareRow> = {
    throughputRps: metric((r) => r.global.throughputRps),
    p50Ms: metric((r) => r.global.latencyMs.p50),
    p95Ms: metric((r) => r.global.latencyMs.p95),
    p99Ms: metric((r) => r.global.latencyMs.p99),
    errorRate: metric((r) => r.global.errorRate),
  };
  // Errors by reason as a share of the requests that ended (the denominator of errorRate).
  for (const reason of FAILURE_REASONS)
    global[`errorRate.${reason}`] = metric((r) =>
      rate(r.global.errors[reason], ended(r.global.completed, r.global.failed)),
    );
  global.lostWrites = metric((r) => r.global.lostWrites);
  global.staleReads = metric((r) => r.global.staleReads);

  const idsA = new Set(a.nodes.map((n) => n.id));
  const idsB = new Set(b.nodes.map((n) => n.id));
  const tiers: Record<string, CompareTier> = {};
  for (const node of a.nodes) {
    if (!idsB.has(node.id)) continue;
    const id = node.id;
    const tier = (read: (n: NodeResult) => number | null) => metric((r) => read(r.nodes[id]));
    const kindB = b.nodes.find((n) => n.id === id)!.kind;
    tiers[id] = {
      kind: node.kind,
      ...(kindB !== node.kind ? { kindB } : {}),
      metrics: {
        throughputRps: tier((n) => n.throughputRps),
        utilization: tier((n) => n.utilizationMax),
        p99Ms: tier((n) => n.latencyMs.p99),
        errorRate: tier((n) => rate(n.failed, ended(n.completed, n.failed))),
        meanQueueDepth: tier((n) => n.meanQueueDepth),
        instances: tier((n) => n.instances),
      },
    };
  }
  const costA = costProxy(a);
  const costB = costProxy(b);
  return {
    seeds,
    durationS: spec.durationS,
    warmupS: spec.warmupS,
    global,
    cost: { a: costA, b: costB, difference: costB - costA },
    tiers,
    onlyInA: a.nodes.filter((n) => !idsB.has(n.id)).map((n) => n.id),
    onlyInB: b.nodes.filter((n) => !idsA.has(n.id)).map((n) => n.id),
    scenarioEventsDiffer: !sameEvents(a, b),
    truncated: { a: runsA.filter((r) => r.truncated).length, b: runsB.filter((r) => r.truncated).length },
  };
}

/** Plans, runs (`runInProcess` of ./runTask.ts, or a pool) and tabulates a comparison. */
export async function compareDesigns(
  a: Design,
  b: Design,
  spec: CompareSpec,
  runner: TaskRunner,
): Promise<CompareResult> {
  const { seeds, tasks } = planCompare(a, b, spec);
  const runs = await runner(tasks);
  return summarizeCompare(a, b, spec, seeds, runs.slice(0, seeds.length), runs.slice(seeds.length));
}
