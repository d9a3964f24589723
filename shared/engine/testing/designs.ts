// Small design builders shared by the fidelity tests, the property tests and the benchmark.
import type { Design, DesignEdge, DesignNode, Params, ScenarioEvent } from '../../document/types';
import type { ComponentKind } from '../../document/catalog';

export function node(id: string, kind: ComponentKind, params: Params = {}): DesignNode {
  return { id, kind, label: id, x: 0, y: 0, params };
}

export function edge(from: string, to: string, params: Params = {}, id = `${from}->${to}`): DesignEdge {
  return { id, from, to, params };
}

export function design(
  nodes: DesignNode[],
  edges: DesignEdge[],
  scenario: { durationS: number; warmupS?: number; seed?: number; events?: ScenarioEvent[] },
): Design {
  return {
    format: 'backpressure.design',
    version: 1,
    meta: { title: 'test', notes: '' },
    nodes,
    edges,
    notes: [],
    scenario: {
      durationS: scenario.durationS,
      warmupS: scenario.warmupS ?? 0,
      seed: scenario.seed ?? 1,
      events: scenario.events ?? [],
    },
    slo: { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 0.01 },
  };
}

/** Poisson arrivals at lambdaRps into c exponential servers: the textbook M/M/c queue. */
export function mmcDesign(options: {
  lambdaRps: number;
  serviceTimeMs: number;
  servers: number;
  durationS: number;
  warmupS?: number;
  seed?: number;
  serviceDist?: 'exp' | 'const' | 'lognormal';
  latencyMs?: number;
}): Design {
  return design(
    [
      node('client', 'client', {
        rps: options.lambdaRps,
        readRatio: 1,
        keyDistribution: 'uniform',
        timeoutMs: 3_600_000,
      }),
      node('server', 'service', {
        workers: options.servers,
        serviceTimeMs: options.serviceTimeMs,
        serviceDist: options.serviceDist ?? 'exp',
      }),
    ],
    [edge('client', 'server', { latencyMs: options.latencyMs ?? 0 })],
    { durationS: options.durationS, warmupS: options.warmupS ?? 0, seed: options.seed },
  );
}
