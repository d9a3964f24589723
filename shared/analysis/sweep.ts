// A load (or parameter) sweep: one numeric parameter of one node or connection from `from` to
// `to` in `steps` evenly spaced values, each point run at `seeds` seeds (replication r at seed
// base + r, the same seeds at every point), aggregated per point with 95% confidence intervals,
// then the capacity knee and the largest value within the SLO (knee.ts).
//
// A parameter path is `<node or connection id>.<parameter>` (`users.rps`, `client.users`,
// `api.instances`, `client-gateway.latencyMs`); the id is everything before the last dot. The
// values must lie in the catalog's range for that parameter; an integer parameter's values are
// rounded (and must stay distinct).
import { CATALOG, EDGE_PARAMS, type NumberParamSpec } from '../document/catalog';
import type { Design } from '../document/types';
import { runBudgetProblem } from '../engine/limits';
import { meanConfidence, type Estimate } from './confidence';
import {
  describeSloLimit,
  findKnee,
  maxLoadWithinSlo,
  type CurvePoint,
  type Knee,
  type SloLimit,
  type SloTarget,
} from './knee';
import { AnalysisError, replicationSeeds, type RunSummary, type RunTask, type TaskRunner } from './runs';

/** Per node, the mean utilization of its hottest instance at a point (what saturates first). */
export function hottestUtilizationByNode(point: Pick<SweepPoint, 'nodes'>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(point.nodes).map(([id, node]) => [id, node.hottestInstanceUtilization.mean ?? 0]),
  );
}

export interface ParamTarget {
  path: string;
  on: 'node' | 'edge';
  id: string;
  param: string;
  spec: NumberParamSpec;
}

const list = (names: string[]) =>
  names.length > 8 ? `${names.slice(0, 8).join(', ')}, …` : names.join(', ');

/** Resolves `id.param` against the design and the catalog; an AnalysisError names what is wrong. */
export function resolveParamPath(design: Design, path: string): ParamTarget {
  const dot = path.lastIndexOf('.');
  if (dot <= 0 || dot === path.length - 1)
    throw new AnalysisError(`--param must be NODE.PARAM, e.g. users.rps (got "${path}")`);
  const id = path.slice(0, dot);
  const param = path.slice(dot + 1);
  const node = design.nodes.find((n) => n.id === id);
  const edge = node ? undefined : design.edges.find((e) => e.id === id);
  if (!node && !edge)
    throw new AnalysisError(
      `--param ${path}: no node or connection "${id}" in the design (nodes: ${list(design.nodes.map((n) => n.id))})`,
    );
  const specs = node ? CATALOG[node.kind].params : EDGE_PARAMS;
  const owner = node ? `${CATALOG[node.kind].label} "${id}"` : `connection "${id}"`;
  const numeric = Object.keys(specs).filter((name) => specs[name].type === 'number');
  const spec = specs[param];
  if (!spec)
    throw new AnalysisError(
      `--param ${path}: ${owner} has no parameter "${param}" (its numeric parameters: ${list(numeric)})`,
    );
  if (spec.type !== 'number')
    throw new AnalysisError(
      `--param ${path}: ${owner}'s "${param}" is not a number (${spec.type === 'enum' ? `one of ${spec.options.join(', ')}` : 'on or off'}); sweep a numeric parameter: ${list(numeric)}`,
    );
  return { path, on: node ? 'node' : 'edge', id, param, spec };
}

/** The sweep's values: `steps` evenly spaced from `from` to `to`, in the parameter's range. */
export function sweepValues(target: ParamTarget, from: number, to: number, steps: number): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new AnalysisError('--from and --to must be numbers');
  if (from > to) throw new AnalysisError(`--from (${from}) must not be greater than --to (${to})`);
  if (!Number.isInteger(steps) || steps < 2)
    throw new AnalysisError(`--steps must be a whole number ≥ 2 (got ${steps})`);
  const { spec, path } = target;
  for (const [flag, value] of [
    ['--from', from],
    ['--to', to],
  ] as const)
    if (value < spec.min || value > spec.max)
      throw new AnalysisError(
        `${flag} ${value} is out of range for ${path}: ${spec.label} is ${spec.min} to ${spec.max} ${spec.unit}`,
      );
  const values = Array.from({ length: steps }, (_, i) =>
    i === steps - 1 ? to : from + ((to - from) * i) / (steps - 1),
  ).map((v) => (spec.integer ? Math.round(v) : v));
  if (new Set(values).size !== values.length)
    throw new AnalysisError(
      `${path} takes whole numbers: ${steps} steps from ${from} to ${to} repeat values; use at most ${Math.floor(to - from) + 1} steps`,
    );
  return values;
}

/** A copy of the design with the parameter set (the original is untouched). */
export function withParam(design: Design, target: ParamTarget, value: number): Design {
  const copy = JSON.parse(JSON.stringify(design)) as Design;
  const owner =
    target.on === 'node'
      ? copy.nodes.find((n) => n.id === target.id)!
      : copy.edges.find((e) => e.id === target.id)!;
  owner.params[target.param] = value;
  return copy;
}

export interface SweepSpec {
  param: string;
  from: number;
  to: number;
  steps: number;
  /** Replications per point (≥ 1). */
  seeds: number;
  /** The seed of replication 0. */
  baseSeed: number;
  durationS: number;
  warmupS: number;
  maxEvents: number;
  maxWallMs?: number;
}

export interface SweepPlan {
  target: ParamTarget;
  values: number[];
  seeds: number[];
  /** Point-major: task p × seeds + r is point p at replication r. */
  tasks: RunTask[];
}

/** Checks the spec and lists the runs; an AnalysisError says what is wrong (before anything runs). */
export function planSweep(design: Design, spec: SweepSpec): SweepPlan {
  if (!Number.isInteger(spec.seeds) || spec.seeds < 1)
    throw new AnalysisError(`--seeds must be a whole number ≥ 1 (got ${spec.seeds})`);
  const target = resolveParamPath(design, spec.param);
  const values = sweepValues(target, spec.from, spec.to, spec.steps);
  const seeds = replicationSeeds(spec.baseSeed, spec.seeds);
  const tasks: RunTask[] = [];
  for (const value of values) {
    const point = withParam(design, target, value);
    const tooBig = runBudgetProblem(point, { durationS: spec.durationS, maxEvents: spec.maxEvents });
    if (tooBig) throw new AnalysisError(`the point ${spec.param} = ${value} is too big to run: ${tooBig}`);
    for (const seed of seeds)
      tasks.push({
        design: point,
        seed,
        durationS: spec.durationS,
        warmupS: spec.warmupS,
        maxEvents: spec.maxEvents,
        maxWallMs: spec.maxWallMs,
      });
  }
  return { target, values, seeds, tasks };
}

export interface SweepPointNode {
  kind: string;
  /** Busy worker time over available worker time, over all the node's instances. */
  utilization: Estimate;
  /** The busiest instance's utilisation, once results report it (null until then). */
  hottestInstanceUtilization: Estimate;
  throughputRps: Estimate;
  p99Ms: Estimate;
}

export interface SweepPoint {
  value: number;
  offeredRps: Estimate;
  throughputRps: Estimate;
  errorRate: Estimate;
  latencyMs: { p50: Estimate; p95: Estimate; p99: Estimate };
  /** The point's verdict on the load lines of the SLO, from the means. */
  withinSlo: boolean;
  nodes: Record<string, SweepPointNode>;
  /** Replications that stopped at a limit (their totals are partial). */
  truncated: number;
}

export interface SweepResult {
  param: string;
  unit: string;
  seeds: number[];
  durationS: number;
  warmupS: number;
  slo: SloTarget;
  points: SweepPoint[];
  knee: Knee | null;
  withinSlo: SloLimit & { summary: string };
}

/** The per-point aggregates, the knee and the SLO limit from the runs' summaries (task order). */
export function summarizeSweep(
  design: Design,
  spec: SweepSpec,
  plan: SweepPlan,
  runs: readonly RunSummary[],
): SweepResult {
  const slo: SloTarget = { p99Ms: design.slo.p99Ms, maxErrorRate: design.slo.maxErrorRate };
  const n = plan.seeds.length;
  const points = plan.values.map((value, p): SweepPoint => {
    const reps = runs.slice(p * n, p * n + n);
    const of = (read: (run: RunSummary) => number | null) => meanConfidence(reps.map(read));
    const nodes: Record<string, SweepPointNode> = {};
    for (const [id, first] of Object.entries(reps[0].nodes)) {
      const node = (run: RunSummary) => run.nodes[id];
      nodes[id] = {
        kind: first.kind,
        utilization: of((run) => node(run).utilization),
        hottestInstanceUtilization: of((run) => node(run).utilizationMax),
        throughputRps: of((run) => node(run).throughputRps),
        p99Ms: of((run) => node(run).latencyMs.p99),
      };
    }
    const p99 = of((run) => run.global.latencyMs.p99);
    const errorRate = of((run) => run.global.errorRate);
    return {
      value,
      offeredRps: of((run) => run.offeredRps),
      throughputRps: of((run) => run.global.throughputRps),
      errorRate,
      latencyMs: {
        p50: of((run) => run.global.latencyMs.p50),
        p95: of((run) => run.global.latencyMs.p95),
        p99,
      },
      withinSlo: p99.mean !== null && p99.mean <= slo.p99Ms && errorRate.mean! <= slo.maxErrorRate,
      nodes,
      truncated: reps.filter((run) => run.truncated).length,
    };
  });
  const curve: CurvePoint[] = points.map((point) => ({
    load: point.value,
    offeredRps: point.offeredRps.mean ?? 0,
    throughputRps: point.throughputRps.mean ?? 0,
    p99Ms: point.latencyMs.p99.mean,
    errorRate: point.errorRate.mean ?? 0,
  }));
  const limit = maxLoadWithinSlo(curve, slo);
  // The hottest instance when results say, else the node's mean utilisation.
  const utilizationAt = (index: number) => hottestUtilizationByNode(points[index]);
  return {
    param: spec.param,
    unit: plan.target.spec.unit,
    seeds: plan.seeds,
    durationS: spec.durationS,
    warmupS: spec.warmupS,
    slo,
    points,
    knee: findKnee(curve),
    withinSlo: {
      ...limit,
      summary: describeSloLimit(limit, curve, slo, plan.target.spec.unit, utilizationAt),
    },
  };
}

/** Plans, runs (by `runner`: `runInProcess` of ./runTask.ts, or a pool) and summarises a sweep. */
export async function runSweep(design: Design, spec: SweepSpec, runner: TaskRunner): Promise<SweepResult> {
  const plan = planSweep(design, spec);
  return summarizeSweep(design, spec, plan, await runner(plan.tasks));
}
