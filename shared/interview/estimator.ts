// The back-of-the-envelope capacity estimate: from the requirements' load, the rps each tier of the
// design sees (after the read/write split, edge filters and weights, and each cache's assumed hit
// rate), its service time from its parameters, the servers it needs at a target utilisation, and
// the storage and bandwidth the load implies. Each figure carries its formula with the numbers in
// it, so the card can explain every number on hover. Pure: the design, the requirements and the
// editable assumptions in, numbers out.
import { CATALOG, nodeParams } from '../document/catalog';
import type { Design, DesignEdge, DesignNode } from '../document/types';
import { loadFigures, type Requirements } from './requirements';

export interface EstimateAssumptions {
  /** ρ_target: the utilisation each tier is sized for (headroom for bursts). */
  targetUtilizationPercent: number;
  /** Assumed hit rate per cache node id (left out: DEFAULT_CACHE_HIT_PERCENT). */
  cacheHitPercent: Record<string, number>;
}

/** The 80/20 rule's reading: a cache in front of a skewed key space answers most reads. */
export const DEFAULT_CACHE_HIT_PERCENT = 80;
export const DEFAULT_ASSUMPTIONS: EstimateAssumptions = { targetUtilizationPercent: 70, cacheHitPercent: {} };

export const SECONDS_PER_YEAR = 365 * 24 * 3600;

/** A number with how it was worked out. */
export interface Figure {
  value: number;
  formula: string;
}

export interface TierEstimate {
  nodeId: string;
  label: string;
  kind: DesignNode['kind'];
  readRps: Figure;
  writeRps: Figure;
  rps: Figure;
  /** Mean service time of one request at this tier (ms), from its parameters; null where none. */
  serviceTimeMs: Figure | null;
  workers: number;
  instances: number;
  /** rps × service time / (workers × ρ_target), rounded up; null where the kind does no work. */
  serversNeeded: Figure | null;
  hitPercent: number | null;
}

export interface CapacityEstimate {
  rps: Figure;
  tiers: TierEstimate[];
  storagePerYearGB: Figure;
  bandwidthInMBps: Figure;
  bandwidthOutMBps: Figure;
}

const round = (value: number, digits = 2) =>
  Number.isFinite(value)
    ? Number(value.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits })
    : '∞';

interface Flow {
  reads: number;
  writes: number;
}

function matches(edge: DesignEdge, operation: 'reads' | 'writes'): boolean {
  const filter = (edge.params.filter as string | undefined) ?? 'all';
  return filter === 'all' || filter === operation;
}

/** Kinds that pick one of several matching edges by weight (a service calls each in order). */
function splitsByWeight(node: DesignNode): boolean {
  return ['client', 'gateway', 'rateLimiter', 'cache', 'cdn', 'loadBalancer'].includes(node.kind);
}

/**
 * The traffic each node receives, walked from the clients along the edges (hop limit 64 as the
 * engine's): reads and writes split by edge filter; a splitting kind divides by weight, a service
 * sends to every matching edge; a cache passes on its misses and all its writes.
 */
export function tierFlows(
  design: Design,
  clientReadRps: number,
  clientWriteRps: number,
  hitPercent: (id: string) => number,
) {
  const flows = new Map<string, Flow>(design.nodes.map((node) => [node.id, { reads: 0, writes: 0 }]));
  const out = new Map<string, DesignEdge[]>();
  for (const edge of design.edges) {
    if ((edge.params.filter as string | undefined) === 'auth') continue;
    out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  }
  const nodes = new Map(design.nodes.map((node) => [node.id, node]));
  const clients = design.nodes.filter((node) => node.kind === 'client');
  const send = (node: DesignNode, flow: Flow, depth: number) => {
    if (depth > 64 || (flow.reads <= 0 && flow.writes <= 0)) return;
    let passed = flow;
    if (node.kind === 'cache' || node.kind === 'cdn')
      passed = { reads: flow.reads * (1 - hitPercent(node.id) / 100), writes: flow.writes };
    const edges = out.get(node.id) ?? [];
    for (const operation of ['reads', 'writes'] as const) {
      const amount = passed[operation];
      const matching = edges.filter((edge) => matches(edge, operation));
      if (matching.length === 0 || amount <= 0) continue;
      const weights = matching.map((edge) => Math.max(0, Number(edge.params.weight ?? 1)));
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      matching.forEach((edge, i) => {
        const share = splitsByWeight(node) ? (total > 0 ? weights[i] / total : 0) : 1;
        const target = nodes.get(edge.to);
        if (!target || share <= 0) return;
        const arriving =
          operation === 'reads' ? { reads: amount * share, writes: 0 } : { reads: 0, writes: amount * share };
        const seen = flows.get(target.id)!;
        seen.reads += arriving.reads;
        seen.writes += arriving.writes;
        send(target, arriving, depth + 1);
      });
    }
  };
  const perClient = Math.max(1, clients.length);
  for (const client of clients)
    send(client, { reads: clientReadRps / perClient, writes: clientWriteRps / perClient }, 0);
  return flows;
}

/** Mean time one request occupies a worker at this kind, from its parameters (ms); null for none. */
function serviceTime(node: DesignNode, flow: Flow): Figure | null {
  const p = nodeParams(node);
  const num = (name: string) => Number(p[name] ?? 0);
  switch (node.kind) {
    case 'service':
    case 'worker': {
      const speed = num('speedFactor') || 1;
      return {
        value: num('serviceTimeMs') / speed,
        formula: `serviceTimeMs / speedFactor = ${round(num('serviceTimeMs'))} / ${round(speed)}`,
      };
    }
    case 'database':
    case 'objectStore': {
      const total = flow.reads + flow.writes;
      const readShare = total > 0 ? flow.reads / total : 1;
      const value = readShare * num('readTimeMs') + (1 - readShare) * num('writeTimeMs');
      return {
        value,
        formula: `read share × readTimeMs + write share × writeTimeMs = ${round(readShare, 3)} × ${round(
          num('readTimeMs'),
        )} + ${round(1 - readShare, 3)} × ${round(num('writeTimeMs'))}`,
      };
    }
    case 'cache':
    case 'cdn':
      return { value: num('hitTimeMs'), formula: `hitTimeMs = ${round(num('hitTimeMs'))}` };
    case 'loadBalancer':
    case 'gateway':
    case 'rateLimiter':
      return { value: num('overheadMs'), formula: `overheadMs = ${round(num('overheadMs'))}` };
    default:
      return null;
  }
}

/** The estimate for the whole design: per tier, then storage and bandwidth. */
export function estimateCapacity(
  design: Design,
  requirements: Requirements,
  assumptions: EstimateAssumptions,
): CapacityEstimate {
  const load = loadFigures(requirements);
  const rho = assumptions.targetUtilizationPercent / 100;
  const hitPercent = (id: string) => assumptions.cacheHitPercent[id] ?? DEFAULT_CACHE_HIT_PERCENT;
  const flows = tierFlows(design, load.readRps, load.writeRps, hitPercent);
  const tiers: TierEstimate[] = [];
  for (const node of design.nodes) {
    if (node.kind === 'client') continue;
    const flow = flows.get(node.id)!;
    const params = nodeParams(node);
    const instances = CATALOG[node.kind].capabilities.instanceCount(params);
    const workers = Number(params.workers ?? 1);
    const rps = flow.reads + flow.writes;
    const service = serviceTime(node, flow);
    let serversNeeded: Figure | null = null;
    if (service && workers > 0 && rho > 0) {
      const exact = (rps * (service.value / 1000)) / (workers * rho);
      serversNeeded = {
        value: Math.max(rps > 0 ? 1 : 0, Math.ceil(exact - 1e-9)),
        formula: `⌈rps × service time / (workers × ρ_target)⌉ = ⌈${round(rps)} × ${round(
          service.value / 1000,
          4,
        )} s / (${workers} × ${round(rho)})⌉ = ⌈${round(exact)}⌉`,
      };
    }
    const isCache = node.kind === 'cache' || node.kind === 'cdn';
    tiers.push({
      nodeId: node.id,
      label: node.label,
      kind: node.kind,
      readRps: {
        value: flow.reads,
        formula: `reads arriving over its connections = ${round(flow.reads)} req/s`,
      },
      writeRps: {
        value: flow.writes,
        formula: `writes arriving over its connections = ${round(flow.writes)} req/s`,
      },
      rps: {
        value: rps,
        formula: `reads + writes = ${round(flow.reads)} + ${round(flow.writes)} = ${round(rps)} req/s (from ${round(
          load.rps,
        )} req/s at ${requirements.readPercent}% reads, after edge filters, weights and upstream cache hit rates)`,
      },
      serviceTimeMs: service,
      workers,
      instances,
      serversNeeded,
      hitPercent: isCache ? hitPercent(node.id) : null,
    });
  }
  const storageGB = (load.writeRps * requirements.requestKB * SECONDS_PER_YEAR) / 1e6;
  return {
    rps: { value: load.rps, formula: load.arithmetic },
    tiers,
    storagePerYearGB: {
      value: storageGB,
      formula: `write rps × request KB × seconds per year / 10⁶ = ${round(load.writeRps)} × ${round(
        requirements.requestKB,
      )} × ${SECONDS_PER_YEAR.toLocaleString('en-US')} / 10⁶ = ${round(storageGB)} GB`,
    },
    bandwidthInMBps: {
      value: (load.rps * requirements.requestKB) / 1000,
      formula: `rps × request KB / 1000 = ${round(load.rps)} × ${round(requirements.requestKB)} / 1000`,
    },
    bandwidthOutMBps: {
      value: (load.rps * requirements.responseKB) / 1000,
      formula: `rps × response KB / 1000 = ${round(load.rps)} × ${round(requirements.responseKB)} / 1000`,
    },
  };
}

/** What a run measured at a tier, beside the estimate: its rps, utilisation and servers implied. */
export interface MeasuredTier {
  rps: number;
  utilization: number;
  /** Busy servers over the target: instances × utilisation / ρ_target, rounded up. */
  serversNeeded: Figure;
}

export function measuredTier(
  totals: { throughputRps: number; arrivals: number; utilization: number },
  measuredS: number,
  instances: number,
  targetUtilizationPercent: number,
): MeasuredTier {
  const rps = measuredS > 0 ? totals.arrivals / measuredS : totals.throughputRps;
  const rho = targetUtilizationPercent / 100;
  const exact = (instances * totals.utilization) / rho;
  return {
    rps,
    utilization: totals.utilization,
    serversNeeded: {
      value: Math.max(rps > 0 ? 1 : 0, Math.ceil(exact - 1e-9)),
      formula: `⌈instances × measured utilisation / ρ_target⌉ = ⌈${instances} × ${round(totals.utilization, 3)} / ${round(
        rho,
      )}⌉ = ⌈${round(exact)}⌉`,
    },
  };
}
