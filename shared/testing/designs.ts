// The one set of design builders: the engine's fidelity and property tests, the run and worker
// tests, the end-to-end tests and the benchmarks all build their designs here, on the document's
// own emptyDesign(). No other file writes a design envelope by hand.
import {
  emptyDesign,
  type Design,
  type DesignEdge,
  type DesignNode,
  type Params,
  type ScenarioEvent,
} from '../document/types';
import type { ComponentKind } from '../document/catalog';

/** A node; `at` places it on the canvas (e2e and screenshots), tests leave it at the origin. */
export function node(
  id: string,
  kind: ComponentKind,
  params: Params = {},
  at: { x?: number; y?: number; label?: string } = {},
): DesignNode {
  return { id, kind, label: at.label ?? id, x: at.x ?? 0, y: at.y ?? 0, params };
}

export function edge(from: string, to: string, params: Params = {}, id = `${from}->${to}`): DesignEdge {
  return { id, from, to, params };
}

export function design(
  nodes: DesignNode[],
  edges: DesignEdge[],
  scenario: { durationS: number; warmupS?: number; seed?: number; events?: ScenarioEvent[] },
  title = 'test',
): Design {
  return {
    ...emptyDesign(title),
    nodes,
    edges,
    scenario: {
      durationS: scenario.durationS,
      warmupS: scenario.warmupS ?? 0,
      seed: scenario.seed ?? 1,
      events: scenario.events ?? [],
    },
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

/** client → load balancer → 2 × api → cache → database (1 shard, leader + 2 async followers). */
export function webTierDesign(rps = 200): Design {
  return design(
    [
      node('users', 'client', { rps, readRatio: 0.7, timeoutMs: 2000 }, { label: 'Users' }),
      node('lb', 'loadBalancer', {}, { x: 280, label: 'Load balancer' }),
      node('api', 'service', { instances: 2, workers: 8, serviceTimeMs: 5 }, { x: 560, label: 'API' }),
      node('cache', 'cache', { capacity: 2000 }, { x: 840, y: -90, label: 'Cache' }),
      node(
        'db',
        'database',
        { replicas: 2, replication: 'async', heartbeatMs: 500, failoverAfter: 3, electionMs: 500 },
        { x: 840, y: 90, label: 'Orders DB' },
      ),
    ],
    [
      edge('users', 'lb'),
      edge('lb', 'api'),
      edge('api', 'cache', { filter: 'reads' }),
      edge('cache', 'db'),
      edge('api', 'db', { filter: 'writes' }),
    ],
    { durationS: 120, seed: 7 },
    'Web tier with a replicated database',
  );
}

/** Fifty nodes: 2 clients → 2 balancers → 10 services → 10 caches → 10 databases + 16 workers behind queues. */
export function fiftyNodeDesign(totalRps = 10_000): Design {
  const nodes: DesignNode[] = [];
  const edges: DesignEdge[] = [];
  for (let c = 0; c < 2; c++) {
    nodes.push(
      node(
        `client${c}`,
        'client',
        { rps: totalRps / 2, readRatio: 0.8, timeoutMs: 2000 },
        { x: 0, y: c * 600 + 300 },
      ),
    );
    nodes.push(node(`lb${c}`, 'loadBalancer', {}, { x: 300, y: c * 600 + 300 }));
    edges.push(edge(`client${c}`, `lb${c}`));
  }
  for (let s = 0; s < 10; s++) {
    const y = s * 130;
    const lb = `lb${s < 5 ? 0 : 1}`;
    nodes.push(node(`svc${s}`, 'service', { instances: 3, workers: 16, serviceTimeMs: 2 }, { x: 600, y }));
    nodes.push(node(`cache${s}`, 'cache', { capacity: 5000, instances: 2 }, { x: 900, y }));
    nodes.push(node(`db${s}`, 'database', { replicas: 1 }, { x: 1200, y }));
    edges.push(edge(lb, `svc${s}`));
    edges.push(edge(`svc${s}`, `cache${s}`, { filter: 'reads' }));
    edges.push(edge(`cache${s}`, `db${s}`));
    edges.push(edge(`svc${s}`, `db${s}`, { filter: 'writes' }));
  }
  for (let q = 0; q < 8; q++) {
    const y = q * 160;
    nodes.push(node(`queue${q}`, 'queue', {}, { x: 1500, y }));
    nodes.push(node(`worker${q}`, 'worker', { instances: 2, workers: 8, serviceTimeMs: 3 }, { x: 1800, y }));
    edges.push(edge(`svc${q}`, `queue${q}`, { filter: 'writes', async: true }));
    edges.push(edge(`queue${q}`, `worker${q}`));
  }
  return design(nodes, edges, { durationS: 2400, seed: 7 }, 'Fifty nodes at 10,000 req/s');
}
