// The growth check: the same design, seed and scenario at today's load and at the load × factor
// (the guides' +20% in six months), then a verdict per SLO line and the tier that breaks first.
import { nodeParams } from '../document/catalog';
import type { Design } from '../document/types';
import type { RunSummary, RunTask } from '../analysis/runs';

/** The design with every client's load multiplied: open loop rps × f, closed loop users × f. */
export function scaleLoad(design: Design, factor: number): Design {
  return {
    ...design,
    nodes: design.nodes.map((node) => {
      if (node.kind !== 'client') return node;
      const params = nodeParams(node);
      if (params.mode === 'closed')
        return {
          ...node,
          params: { ...node.params, users: Math.max(1, Math.round(Number(params.users) * factor)) },
        };
      return { ...node, params: { ...node.params, rps: Number(params.rps) * factor } };
    }),
  };
}

export function growthFactorProblem(text: string): string | null {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value))
    return `Growth factor must be a number such as 1.2 (got "${text}")`;
  if (value <= 0 || value > 100) return `Growth factor must be above 0 and at most 100 (got ${value})`;
  return null;
}

/** The two runs: today (index 0) and grown (index 1), same seed, duration, warm-up and events. */
export function planGrowthCheck(design: Design, factor: number, maxEvents: number): RunTask[] {
  const { seed, durationS, warmupS } = design.scenario;
  const base = { seed, durationS, warmupS, maxEvents };
  return [
    { ...base, design },
    { ...base, design: scaleLoad(design, factor) },
  ];
}

export interface SloLine {
  id: 'p99' | 'errors' | 'throughput';
  label: string;
  limit: string;
  today: { value: number; pass: boolean };
  grown: { value: number; pass: boolean };
}

export interface TierReading {
  nodeId: string;
  /** The busiest instance's utilisation (a tier breaks at its hottest instance) and its address. */
  utilization: number;
  instance: string | null;
  failedRate: number;
}

export interface GrowthVerdict {
  lines: SloLine[];
  /** True when every SLO line holds after growth. */
  grownPasses: boolean;
  todayPasses: boolean;
  /** The tier with the highest utilisation after growth (the one that breaks first), with its reading today. */
  breaksFirst: { nodeId: string; today: TierReading; grown: TierReading } | null;
}

const errorRate = (summary: RunSummary) =>
  summary.global.requests > 0 ? summary.global.failed / summary.global.requests : 0;

/** The verdict per SLO line (p99 ≤ target, error rate ≤ budget, throughput ≥ minimum). */
export function growthVerdict(
  design: Design,
  today: RunSummary,
  grown: RunSummary,
  format: { ms: (v: number) => string; percent: (v: number) => string; rps: (v: number) => string },
): GrowthVerdict {
  const slo = design.slo;
  const line = (
    id: SloLine['id'],
    label: string,
    limit: string,
    read: (s: RunSummary) => number,
    pass: (v: number) => boolean,
  ): SloLine => {
    const a = read(today);
    const b = read(grown);
    return { id, label, limit, today: { value: a, pass: pass(a) }, grown: { value: b, pass: pass(b) } };
  };
  const lines = [
    line(
      'p99',
      'p99 latency',
      `≤ ${format.ms(slo.p99Ms)}`,
      (s) => s.global.latencyMs.p99 ?? Infinity,
      (v) => v <= slo.p99Ms,
    ),
    line(
      'errors',
      'Error rate',
      `≤ ${format.percent(slo.maxErrorRate)}`,
      errorRate,
      (v) => v <= slo.maxErrorRate,
    ),
    line(
      'throughput',
      'Throughput',
      `≥ ${format.rps(slo.minThroughputRps)}`,
      (s) => s.global.throughputRps,
      (v) => v >= slo.minThroughputRps,
    ),
  ];
  let breaksFirst: GrowthVerdict['breaksFirst'] = null;
  const reading = (summary: RunSummary, nodeId: string): TierReading => {
    const node = summary.nodes[nodeId];
    return {
      nodeId,
      utilization: node?.utilizationMax ?? 0,
      instance: node?.utilizationMaxInstance ?? null,
      failedRate: node && node.arrivals > 0 ? node.failed / node.arrivals : 0,
    };
  };
  for (const node of design.nodes) {
    if (node.kind === 'client' || !grown.nodes[node.id]) continue;
    const candidate = reading(grown, node.id);
    if (!breaksFirst || candidate.utilization > breaksFirst.grown.utilization)
      breaksFirst = { nodeId: node.id, today: reading(today, node.id), grown: candidate };
  }
  return {
    lines,
    todayPasses: lines.every((l) => l.today.pass),
    grownPasses: lines.every((l) => l.grown.pass),
    breaksFirst,
  };
}
