// Designs the run's unit tests, e2e tests and live benchmark share: a web tier in front of a
// replicated database (failover), and a wide design for the frame-rate budget.
import type { Design, DesignEdge, DesignNode, Params } from '../../shared/document/types';
import type { ComponentKind } from '../../shared/document/catalog';

const node = (
  id: string,
  kind: ComponentKind,
  x: number,
  y: number,
  params: Params = {},
  label = id,
): DesignNode => ({
  id,
  kind,
  label,
  x,
  y,
  params,
});
const edge = (from: string, to: string, params: Params = {}): DesignEdge => ({
  id: `${from}->${to}`,
  from,
  to,
  params,
});

function document(title: string, nodes: DesignNode[], edges: DesignEdge[], durationS = 120): Design {
  return {
    format: 'backpressure.design',
    version: 1,
    meta: { title, notes: '' },
    nodes,
    edges,
    notes: [],
    scenario: { durationS, seed: 7, warmupS: 0, events: [] },
    slo: { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 0.01 },
  };
}

/** client → load balancer → 2 × api → cache → database (1 shard, leader + 2 async followers). */
export function webTierDesign(rps = 200): Design {
  return document(
    'Web tier with a replicated database',
    [
      node('users', 'client', 0, 0, { rps, readRatio: 0.7, timeoutMs: 2000 }, 'Users'),
      node('lb', 'loadBalancer', 280, 0, {}, 'Load balancer'),
      node('api', 'service', 560, 0, { instances: 2, workers: 8, serviceTimeMs: 5 }, 'API'),
      node('cache', 'cache', 840, -90, { capacity: 2000 }, 'Cache'),
      node(
        'db',
        'database',
        840,
        90,
        { replicas: 2, replication: 'async', heartbeatMs: 500, failoverAfter: 3, electionMs: 500 },
        'Orders DB',
      ),
    ],
    [
      edge('users', 'lb'),
      edge('lb', 'api'),
      edge('api', 'cache', { filter: 'reads' }),
      edge('cache', 'db'),
      edge('api', 'db', { filter: 'writes' }),
    ],
  );
}

/** Fifty nodes: 2 clients → 2 balancers → 10 services → 10 caches → 10 databases + 16 workers behind queues. */
export function fiftyNodeDesign(totalRps = 10_000): Design {
  const nodes: DesignNode[] = [];
  const edges: DesignEdge[] = [];
  for (let c = 0; c < 2; c++) {
    nodes.push(
      node(`client${c}`, 'client', 0, c * 600 + 300, { rps: totalRps / 2, readRatio: 0.8, timeoutMs: 2000 }),
    );
    nodes.push(node(`lb${c}`, 'loadBalancer', 300, c * 600 + 300));
    edges.push(edge(`client${c}`, `lb${c}`));
  }
  for (let s = 0; s < 10; s++) {
    const y = s * 130;
    const lb = `lb${s < 5 ? 0 : 1}`;
    nodes.push(node(`svc${s}`, 'service', 600, y, { instances: 3, workers: 16, serviceTimeMs: 2 }));
    nodes.push(node(`cache${s}`, 'cache', 900, y, { capacity: 5000, instances: 2 }));
    nodes.push(node(`db${s}`, 'database', 1200, y, { replicas: 1 }));
    edges.push(edge(lb, `svc${s}`));
    edges.push(edge(`svc${s}`, `cache${s}`, { filter: 'reads' }));
    edges.push(edge(`cache${s}`, `db${s}`));
    edges.push(edge(`svc${s}`, `db${s}`, { filter: 'writes' }));
  }
  for (let q = 0; q < 8; q++) {
    const y = q * 160;
    nodes.push(node(`queue${q}`, 'queue', 1500, y));
    nodes.push(node(`worker${q}`, 'worker', 1800, y, { instances: 2, workers: 8, serviceTimeMs: 3 }));
    edges.push(edge(`svc${q}`, `queue${q}`, { filter: 'writes', async: true }));
    edges.push(edge(`queue${q}`, `worker${q}`));
  }
  return document('Fifty nodes at 10,000 req/s', nodes, edges, 2400);
}
