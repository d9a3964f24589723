// The one set of design builders: the engine's fidelity and property tests, the run and worker
// tests, the end-to-end tests and the benchmarks all build their designs here, on the document's
// own emptyDesign(). No other file writes a design envelope by hand, except the bad and old-version
// files that the migration and bad-file tests must refuse or upgrade.
import {
  emptyDesign,
  type Design,
  type DesignEdge,
  type DesignNode,
  type DesignNote,
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

/** A whole document from the parts a test names; the rest is emptyDesign()'s (the app's New design). */
export function designFrom(parts: Partial<Design>, title?: string): Design {
  return { ...emptyDesign(title), ...parts };
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

/** N closed-mode users (exponential think time) and one exponential server: a closed loop for MVA. */
export function closedLoopDesign(options: {
  users: number;
  serviceTimeMs: number;
  thinkTimeMs: number;
  durationS: number;
  warmupS: number;
  seed: number;
}): Design {
  return design(
    [
      node('users', 'client', {
        mode: 'closed',
        users: options.users,
        thinkTimeMs: options.thinkTimeMs,
        readRatio: 1,
        timeoutMs: 3_600_000,
      }),
      node('server', 'service', { workers: 1, serviceTimeMs: options.serviceTimeMs }),
    ],
    [edge('users', 'server', { latencyMs: 0 })],
    { durationS: options.durationS, warmupS: options.warmupS, seed: options.seed },
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

/**
 * Pages whose 10 KB responses come back over one connection (no bandwidth set: the lesson sets
 * it): at `rps` pages a second an 8 Mbit/s link is 10 ms per response, ρ = rps / 100.
 */
export function payloadDesign(rps = 120): Design {
  return design(
    [
      node(
        'web',
        'client',
        {
          rps,
          readRatio: 1,
          keyDistribution: 'uniform',
          readRequestKB: 1,
          readResponseKB: 10,
          timeoutMs: 2000,
        },
        { label: 'Browsers' },
      ),
      node('api', 'service', { workers: 16, serviceTimeMs: 2 }, { x: 320, label: 'API' }),
    ],
    [edge('web', 'api', { latencyMs: 20 })],
    { durationS: 600, seed: 3 },
    'Responses over one connection',
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

// The dock's end-to-end designs: small, with behaviour known from queueing theory.

/**
 * Users → API (one worker, 5 ms exponential service: capacity 200 rps). At 100 rps it is an M/M/1
 * at ρ = 0.5 (p99 ≈ 46 ms, inside the 200 ms SLO); a ×3 spike makes λ = 300 > μ, so the queue grows
 * without bound and p99 breaks the SLO — time spent waiting in the API's queue.
 */
export function overloadDesign(events: ScenarioEvent[] = [], durationS = 60): Design {
  return design(
    [
      node('users', 'client', { rps: 100, timeoutMs: 30_000 }, { label: 'Users' }),
      node('api', 'service', { workers: 1, serviceTimeMs: 5, serviceDist: 'exp' }, { x: 300, label: 'API' }),
    ],
    [edge('users', 'api', {}, 'e-users-api')],
    { durationS, seed: 11, warmupS: 1, events },
    'Overload',
  );
}

/**
 * Users (230 rps) → API (256 workers, 1 ms: never short of a worker) → Orders DB (one connection, 4 ms per
 * query: capacity 250 rps, so ρ ≈ 0.92). The slowest requests are the ones that queued at the DB.
 */
export function dbBottleneckDesign(durationS = 60): Design {
  return design(
    [
      node('users', 'client', { rps: 230, timeoutMs: 30_000 }, { label: 'Users' }),
      node('api', 'service', { workers: 256, serviceTimeMs: 1 }, { x: 280, label: 'API' }),
      node(
        'db',
        'database',
        { workers: 1, readTimeMs: 4, writeTimeMs: 4, replicas: 0 },
        { x: 560, label: 'Orders DB' },
      ),
    ],
    [edge('users', 'api'), edge('api', 'db')],
    { durationS, seed: 5, warmupS: 2 },
    'DB bottleneck',
  );
}

/** Users → API → Cache → Orders DB (leader + 2 async followers): every chart has something to plot. */
export function webDesign(events: ScenarioEvent[] = [], durationS = 60): Design {
  return design(
    [
      node('users', 'client', { rps: 200, readRatio: 0.8, timeoutMs: 2000 }, { label: 'Users' }),
      node('api', 'service', { instances: 2, workers: 4, serviceTimeMs: 4 }, { x: 250, label: 'API' }),
      node('cache', 'cache', { capacity: 2000 }, { x: 500, y: -100, label: 'Cache' }),
      node(
        'db',
        'database',
        { replicas: 2, replication: 'async', heartbeatMs: 500, failoverAfter: 3 },
        { x: 500, y: 100, label: 'Orders DB' },
      ),
    ],
    [
      edge('users', 'api', {}, 'e1'),
      edge('api', 'cache', { filter: 'reads' }, 'e2'),
      edge('cache', 'db', {}, 'e3'),
      edge('api', 'db', { filter: 'writes' }, 'e4'),
    ],
    { durationS, seed: 5, warmupS: 1, events },
    'Web',
  );
}

/**
 * Users (200 req/s, 200 user ids: each comes back once a second) → API gateway → API, and the
 * gateway → a session cache on an `auth` connection. The gateway starts with auth none: a learner
 * switches it to session (e2e); cached for T, a user's lookups then hit λ_u·T / (1 + λ_u·T).
 */
export function authEdgeDesign(durationS = 60): Design {
  return design(
    [
      node(
        'users',
        'client',
        { rps: 200, users: 200, readRatio: 1, keyDistribution: 'uniform', timeoutMs: 2000 },
        { label: 'Users' },
      ),
      node('gateway', 'gateway', { workers: 8, overheadMs: 0.5 }, { x: 300, label: 'Gateway' }),
      node('api', 'service', { workers: 16, serviceTimeMs: 2 }, { x: 600, label: 'API' }),
      node('sessions', 'cache', { hitTimeMs: 0.3 }, { x: 600, y: -160, label: 'Sessions' }),
    ],
    [
      edge('users', 'gateway', {}, 'e-users-gateway'),
      edge('gateway', 'api', {}, 'e-gateway-api'),
      edge('gateway', 'sessions', { filter: 'auth' }, 'e-gateway-sessions'),
    ],
    { durationS, seed: 3, warmupS: 1 },
    'Auth at the gateway',
  );
}

/** The panels' end-to-end design: every kind the inspector edits, a sticky note and two scenario steps. */
export function checkoutDesign(): Design {
  const note: DesignNote = {
    id: 'note-1',
    text: 'Peak: 1k rps',
    x: 100,
    y: 400,
    w: 180,
    h: 100,
    style: 'sticky',
  };
  return {
    ...design(
      [
        node('client-1', 'client', { rps: 500 }, { x: 100, y: 200, label: 'Users' }),
        node('lb-1', 'loadBalancer', {}, { x: 300, y: 200, label: 'LB' }),
        node('api-1', 'service', { workers: 8 }, { x: 500, y: 120, label: 'API 1' }),
        node('api-2', 'service', { workers: 16 }, { x: 500, y: 280, label: 'API 2' }),
        node('cache-1', 'cache', {}, { x: 700, y: 200, label: 'Cache' }),
        node('db-1', 'database', {}, { x: 900, y: 200, label: 'Orders DB' }),
      ],
      [
        edge('client-1', 'lb-1', {}, 'e-1'),
        edge('lb-1', 'api-1', {}, 'e-2'),
        edge('lb-1', 'api-2', {}, 'e-3'),
        edge('api-1', 'cache-1', { latencyMs: 2 }, 'e-4'),
        edge('cache-1', 'db-1', {}, 'e-5'),
      ],
      {
        durationS: 60,
        seed: 7,
        warmupS: 5,
        events: [
          { atS: 20, action: 'kill', target: 'api-1' },
          { atS: 30, action: 'slow', target: 'db-1', factor: 3, durationS: 10 },
        ],
      },
      'Checkout',
    ),
    notes: [note],
  };
}

/** The mock-interview design as a candidate draws it: client → LB → 3 services → cache → DB, top to bottom. */
export function interviewDesign(): Design {
  const at = (id: string, kind: ComponentKind, label: string, x: number, y: number) =>
    node(id, kind, {}, { x, y, label });
  const link = (from: string, to: string) => edge(from, to, {}, `e-${from}-${to}`);
  return design(
    [
      at('client', 'client', 'Client', 0, 0),
      at('lb', 'loadBalancer', 'Load balancer', 0, 130),
      at('svc1', 'service', 'Service 1', -260, 260),
      at('svc2', 'service', 'Service 2', 0, 260),
      at('svc3', 'service', 'Service 3', 260, 260),
      at('cache', 'cache', 'Cache', 0, 390),
      at('db', 'database', 'Orders DB', 0, 520),
    ],
    [
      link('client', 'lb'),
      link('lb', 'svc1'),
      link('lb', 'svc2'),
      link('lb', 'svc3'),
      link('svc1', 'cache'),
      link('svc2', 'cache'),
      link('svc3', 'cache'),
      link('cache', 'db'),
    ],
    { durationS: 60, seed: 1, warmupS: 2 },
    'Interview',
  );
}

/**
 * The canvas benchmark's designs: a grid of services (every 7th a cache), each edge between near
 * neighbours, no duplicates. Deterministic (its own linear congruential generator).
 */
export function gridDesign(nodeCount: number, edgeCount: number): Design {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const columns = Math.ceil(Math.sqrt(nodeCount * 2));
  const nodes = Array.from({ length: nodeCount }, (_, i) =>
    node(`service-${i + 1}`, i % 7 === 3 ? 'cache' : 'service', i % 5 === 0 ? { instances: 3 } : {}, {
      x: (i % columns) * 260,
      y: Math.floor(i / columns) * 130,
      label: `Service ${i + 1}`,
    }),
  );
  const edges: DesignEdge[] = [];
  const seen = new Set<string>();
  while (edges.length < edgeCount) {
    const from = Math.floor(random() * nodeCount);
    const to = Math.min(nodeCount - 1, from + 1 + Math.floor(random() * columns * 1.5));
    const key = `${from}>${to}`;
    if (from === to || seen.has(key) || nodes[from].kind === 'cache') continue;
    seen.add(key);
    edges.push(
      edge(
        nodes[from].id,
        nodes[to].id,
        edges.length % 9 === 0 ? { latencyMs: 5 } : {},
        `edge-${edges.length + 1}`,
      ),
    );
  }
  return design(nodes, edges, { durationS: 60, seed: 1, warmupS: 5 }, `Bench ${nodeCount}`);
}

/**
 * A client straight onto a three-copy semisync database whose copies a partition can split
 * (the CAP template's shape without its scenario): Zipf over 1,000 keys, so both sides of a
 * partition write the same hot keys.
 */
export function partitionableDatabaseDesign(partitionMode: 'consistent' | 'available', rps = 300): Design {
  return design(
    [
      node(
        'users',
        'client',
        { rps, readRatio: 0.5, keys: 1000, keyDistribution: 'zipf' },
        { label: 'Users' },
      ),
      node(
        'db',
        'database',
        {
          replicas: 2,
          replication: 'semisync',
          replicationLagMs: 20,
          readFrom: 'any',
          heartbeatMs: 500,
          failoverAfter: 3,
          electionMs: 1000,
          partitionMode,
        },
        { x: 320, label: 'Orders DB' },
      ),
    ],
    [edge('users', 'db')],
    { durationS: 600, warmupS: 0 },
    'Partitionable database',
  );
}
