// The component catalog: every kind, every parameter with its default, unit, range and a one-line
// description. The schema validates against it, the palette and inspector render it, and the engine
// resolves parameters through it. Parameter names are the file format: keep them, add freely.
import type { ParamValue, Params } from './types';

export const COMPONENT_KINDS = [
  'client',
  'gateway',
  'rateLimiter',
  'loadBalancer',
  'service',
  'worker',
  'cache',
  'cdn',
  'database',
  'objectStore',
  'queue',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** Kinds that cache keys (and so have a hit rate). */
export const CACHE_KINDS: readonly ComponentKind[] = ['cache', 'cdn'];
export const isCacheKind = (kind: string): boolean => (CACHE_KINDS as readonly string[]).includes(kind);

interface ParamBase {
  label: string;
  description: string;
  /** The inspector's heading for it (e.g. 'Capacity', 'Timing'); every parameter names one. */
  group?: string;
  /** Matters only while another (enum) parameter has one of these values; the inspector hides it otherwise. */
  relevantWhen?: { param: string; oneOf: readonly string[] };
}
export interface NumberParamSpec extends ParamBase {
  type: 'number';
  /** Absent for an `optional` parameter: left out means unbounded. */
  default?: number;
  min: number;
  max: number;
  integer?: boolean;
  unit: string;
  /** Left out means unbounded (the engine reads it as Infinity). */
  optional?: boolean;
}
export interface EnumParamSpec extends ParamBase {
  type: 'enum';
  options: readonly string[];
  default: string;
}
export interface BooleanParamSpec extends ParamBase {
  type: 'boolean';
  default: boolean;
}
export type ParamSpec = NumberParamSpec | EnumParamSpec | BooleanParamSpec;
export type ParamSpecs = Record<string, ParamSpec>;

export interface ComponentSpec {
  kind: ComponentKind;
  label: string;
  description: string;
  /** Single key that places this kind while the canvas has focus. */
  placeKey: string;
  /** Icon file name under assets/icons (SVG). */
  icon: string;
  params: ParamSpecs;
}

const num = (
  label: string,
  defaultValue: number | undefined,
  min: number,
  max: number,
  unit: string,
  description: string,
  extra: Partial<NumberParamSpec> = {},
): NumberParamSpec => ({
  type: 'number',
  label,
  default: defaultValue,
  min,
  max,
  unit,
  description,
  ...extra,
});
const int = (
  label: string,
  defaultValue: number | undefined,
  min: number,
  max: number,
  unit: string,
  description: string,
  extra: Partial<NumberParamSpec> = {},
): NumberParamSpec => num(label, defaultValue, min, max, unit, description, { integer: true, ...extra });
const oneOf = (
  label: string,
  options: readonly string[],
  defaultValue: string,
  description: string,
  extra: Partial<EnumParamSpec> = {},
): EnumParamSpec => ({
  type: 'enum',
  label,
  options,
  default: defaultValue,
  description,
  ...extra,
});
const flag = (
  label: string,
  defaultValue: boolean,
  description: string,
  extra: Partial<BooleanParamSpec> = {},
): BooleanParamSpec => ({
  type: 'boolean',
  label,
  default: defaultValue,
  description,
  ...extra,
});

const instances = (defaultValue = 1) =>
  int(
    'Instances',
    defaultValue,
    1,
    1000,
    'instances',
    'Identical copies; each queues, serves, fails and can be killed.',
    { group: 'Capacity' },
  );

/** Parameters shared by everything that serves requests with a worker pool and a queue. */
const serverParams = (serviceTimeMs: number): ParamSpecs => ({
  instances: instances(),
  workers: int(
    'Workers',
    8,
    1,
    10_000,
    'workers',
    'Requests one instance serves at the same time (concurrency).',
    { group: 'Capacity' },
  ),
  serviceTimeMs: num(
    'Service time',
    serviceTimeMs,
    0,
    600_000,
    'ms',
    'Mean time to serve one request at speed 1.',
    { group: 'Timing' },
  ),
  serviceDist: oneOf(
    'Service time distribution',
    ['exp', 'const', 'lognormal'],
    'exp',
    'Shape of the service time: exponential, constant or lognormal.',
    { group: 'Timing' },
  ),
  serviceTimeCv: num(
    'Service time variation',
    1,
    0,
    10,
    'cv',
    'Coefficient of variation of a lognormal service time (std dev / mean).',
    { relevantWhen: { param: 'serviceDist', oneOf: ['lognormal'] }, group: 'Timing' },
  ),
  queueCapacity: int(
    'Queue capacity',
    undefined,
    0,
    10_000_000,
    'requests',
    'Requests that may wait per instance; a full queue rejects. Left out: unbounded.',
    { optional: true, group: 'Capacity' },
  ),
  speedFactor: num('Speed factor', 1, 0.01, 100, '×', 'Vertical scaling: service time is divided by this.', {
    group: 'Capacity',
  }),
  errorRate: num(
    'Error rate',
    0,
    0,
    1,
    'fraction',
    'Fraction of requests that fail with an error after service.',
    { group: 'Failures' },
  ),
});

/** Parameters of anything that calls downstream nodes (services and workers). */
const callerParams: ParamSpecs = {
  blockingCalls: flag(
    'Blocking calls',
    true,
    'A worker is held while it waits for downstream calls (a slow dependency exhausts the pool).',
    { group: 'Downstream calls' },
  ),
  callTimeoutMs: num(
    'Call timeout',
    1000,
    1,
    3_600_000,
    'ms',
    'How long a downstream call may take before it fails.',
    { group: 'Downstream calls' },
  ),
  retries: int('Retries', 0, 0, 10, 'retries', 'Extra attempts of a failed downstream call.', {
    group: 'Downstream calls',
  }),
  retryBackoffMs: num(
    'Retry backoff',
    50,
    0,
    600_000,
    'ms',
    'Wait before a retry, doubled on each attempt.',
    { group: 'Downstream calls' },
  ),
  breakerThreshold: int(
    'Breaker threshold',
    0,
    0,
    10_000,
    'failures',
    'Consecutive downstream failures that open the circuit breaker (0: no breaker).',
    { group: 'Downstream calls' },
  ),
  breakerCooldownMs: num(
    'Breaker cooldown',
    5000,
    1,
    3_600_000,
    'ms',
    'How long an open breaker fails calls fast before letting one through.',
    { group: 'Downstream calls' },
  ),
};

const limiterParams = (overheadMs: number, rate: number | undefined): ParamSpecs => ({
  instances: instances(),
  rate: num('Rate', rate, 0, 10_000_000, 'req/s', 'Token bucket refill rate. Left out: no limit.', {
    optional: true,
    group: 'Rate limit',
  }),
  burst: int(
    'Burst',
    100,
    1,
    10_000_000,
    'requests',
    'Token bucket size: requests allowed at once above the rate.',
    { group: 'Rate limit' },
  ),
  scope: oneOf(
    'Scope',
    ['perUser', 'global'],
    'global',
    'One bucket per user id, or one bucket for everyone.',
    { group: 'Rate limit' },
  ),
  overheadMs: num(
    'Overhead',
    overheadMs,
    0,
    60_000,
    'ms',
    'Time added to each request (auth, TLS, parsing).',
    { group: 'Timing' },
  ),
});

const cacheParams = (capacity: number, hitTimeMs: number, ttlMs: number | undefined): ParamSpecs => ({
  instances: instances(),
  capacity: int('Capacity', capacity, 1, 100_000_000, 'keys', 'Keys one instance holds before it evicts.', {
    group: 'Capacity',
  }),
  eviction: oneOf(
    'Eviction',
    ['lru', 'lfu', 'fifo', 'random'],
    'lru',
    'Which key leaves when the cache is full.',
    { group: 'Caching' },
  ),
  ttlMs: num(
    'TTL',
    ttlMs,
    1,
    86_400_000,
    'ms',
    'An entry expires this long after it was filled. Left out: never.',
    { optional: true, group: 'Caching' },
  ),
  mode: oneOf(
    'Mode',
    ['cacheAside', 'readThrough', 'writeThrough', 'writeBack'],
    'cacheAside',
    'How writes and misses reach the origin.',
    { group: 'Caching' },
  ),
  hitTimeMs: num('Hit time', hitTimeMs, 0, 60_000, 'ms', 'Time to answer from the cache.', {
    group: 'Timing',
  }),
  writeBackFlushMs: num(
    'Write-back flush',
    1000,
    1,
    3_600_000,
    'ms',
    'Write-back mode: how often dirty keys are flushed to the origin.',
    { relevantWhen: { param: 'mode', oneOf: ['writeBack'] }, group: 'Caching' },
  ),
});

export const CATALOG: Record<ComponentKind, ComponentSpec> = {
  client: {
    kind: 'client',
    label: 'Client',
    description: 'Traffic source: users sending reads and writes.',
    placeKey: 'c',
    icon: 'client.svg',
    params: {
      mode: oneOf(
        'Mode',
        ['open', 'closed'],
        'open',
        'Open: arrivals at a rate. Closed: users who wait, then think.',
        { group: 'Traffic' },
      ),
      rps: num('Rate', 100, 0, 10_000_000, 'req/s', 'Open mode: mean arrival rate (Poisson).', {
        relevantWhen: { param: 'mode', oneOf: ['open'] },
        group: 'Traffic',
      }),
      pattern: oneOf(
        'Pattern',
        ['constant', 'ramp', 'spike', 'diurnal'],
        'constant',
        'Open mode: how the rate changes over the run.',
        { relevantWhen: { param: 'mode', oneOf: ['open'] }, group: 'Traffic' },
      ),
      patternFactor: num(
        'Pattern factor',
        2,
        0,
        1000,
        '×',
        'Ramp: rate at the end of the run; spike: rate during the spike; diurnal: peak, as a multiple of the rate.',
        { relevantWhen: { param: 'pattern', oneOf: ['ramp', 'spike', 'diurnal'] }, group: 'Traffic' },
      ),
      patternPeriodS: num('Pattern period', 60, 1, 86_400, 's', 'Diurnal: length of one day-night cycle.', {
        relevantWhen: { param: 'pattern', oneOf: ['diurnal'] },
        group: 'Traffic',
      }),
      spikeAtS: num('Spike start', 20, 0, 86_400, 's', 'Spike: when the spike begins.', {
        relevantWhen: { param: 'pattern', oneOf: ['spike'] },
        group: 'Traffic',
      }),
      spikeDurationS: num('Spike length', 10, 0, 86_400, 's', 'Spike: how long the spike lasts.', {
        relevantWhen: { param: 'pattern', oneOf: ['spike'] },
        group: 'Traffic',
      }),
      users: int(
        'Users',
        10_000,
        1,
        10_000_000,
        'users',
        'Closed mode: concurrent users. Open mode: user ids drawn from.',
        { group: 'Traffic' },
      ),
      thinkTimeMs: num(
        'Think time',
        1000,
        0,
        3_600_000,
        'ms',
        'Closed mode: mean pause between a response and the next request.',
        { relevantWhen: { param: 'mode', oneOf: ['closed'] }, group: 'Traffic' },
      ),
      readRatio: num('Read ratio', 0.9, 0, 1, 'fraction', 'Fraction of requests that are reads.', {
        group: 'Traffic',
      }),
      keys: int('Key space', 100_000, 1, 1_000_000_000, 'keys', 'Distinct keys requests are made for.', {
        group: 'Keys',
      }),
      keyDistribution: oneOf('Key popularity', ['uniform', 'zipf'], 'zipf', 'How keys are chosen.', {
        group: 'Keys',
      }),
      zipfAlpha: num(
        'Zipf alpha',
        0.99,
        0.01,
        5,
        'α',
        'Skew of Zipf popularity: higher means hotter hot keys.',
        { relevantWhen: { param: 'keyDistribution', oneOf: ['zipf'] }, group: 'Keys' },
      ),
      timeoutMs: num(
        'Timeout',
        2000,
        1,
        3_600_000,
        'ms',
        'The client gives up on a request after this long.',
        { group: 'Timeouts and retries' },
      ),
      retries: int('Retries', 0, 0, 10, 'retries', 'Extra attempts after a failure or timeout.', {
        group: 'Timeouts and retries',
      }),
      retryBackoffMs: num(
        'Retry backoff',
        100,
        0,
        600_000,
        'ms',
        'Wait before a retry, doubled on each attempt.',
        { group: 'Timeouts and retries' },
      ),
    },
  },
  gateway: {
    kind: 'gateway',
    label: 'API Gateway',
    description: 'Edge entry: auth and TLS cost, optional rate limit.',
    placeKey: 'g',
    icon: 'gateway.svg',
    params: limiterParams(2, undefined),
  },
  rateLimiter: {
    kind: 'rateLimiter',
    label: 'Rate Limiter',
    description: 'Token bucket: excess requests are throttled.',
    placeKey: 't',
    icon: 'rateLimiter.svg',
    params: limiterParams(0.2, 1000),
  },
  loadBalancer: {
    kind: 'loadBalancer',
    label: 'Load Balancer',
    description: 'Spreads requests over every downstream instance.',
    placeKey: 'l',
    icon: 'loadBalancer.svg',
    params: {
      instances: instances(),
      algorithm: oneOf(
        'Algorithm',
        ['roundRobin', 'random', 'leastConnections', 'hash', 'consistentHash'],
        'roundRobin',
        'How a target is chosen; hash algorithms use the user id.',
        { group: 'Balancing' },
      ),
      virtualNodes: int(
        'Virtual nodes',
        100,
        1,
        10_000,
        'per target',
        'Consistent hashing: points per target on the ring.',
        { relevantWhen: { param: 'algorithm', oneOf: ['consistentHash'] }, group: 'Balancing' },
      ),
      healthCheckMs: num(
        'Health check interval',
        1000,
        10,
        3_600_000,
        'ms',
        'How often each target is probed.',
        { group: 'Health checks' },
      ),
      unhealthyAfter: int(
        'Unhealthy after',
        3,
        1,
        100,
        'checks',
        'Failed checks in a row before a target is taken out.',
        { group: 'Health checks' },
      ),
      healthyAfter: int(
        'Healthy after',
        2,
        1,
        100,
        'checks',
        'Passed checks in a row before a target is put back.',
        { group: 'Health checks' },
      ),
      maxConnections: int(
        'Max connections',
        undefined,
        1,
        10_000_000,
        'connections',
        'Requests in flight through the balancer; more are rejected. Left out: unbounded.',
        { optional: true, group: 'Capacity' },
      ),
      overheadMs: num('Overhead', 0.1, 0, 60_000, 'ms', 'Time the balancer adds to each request.', {
        group: 'Timing',
      }),
    },
  },
  service: {
    kind: 'service',
    label: 'Service',
    description: 'API/app server: workers, a queue, downstream calls.',
    placeKey: 's',
    icon: 'service.svg',
    params: { ...serverParams(10), ...callerParams },
  },
  worker: {
    kind: 'worker',
    label: 'Worker',
    description: 'Background consumer: pulls messages from a queue.',
    placeKey: 'w',
    icon: 'worker.svg',
    params: { ...serverParams(50), ...callerParams },
  },
  cache: {
    kind: 'cache',
    label: 'Cache',
    description: 'In-memory key cache in front of an origin.',
    placeKey: 'h',
    icon: 'cache.svg',
    params: cacheParams(10_000, 0.5, undefined),
  },
  cdn: {
    kind: 'cdn',
    label: 'CDN',
    description: 'Edge cache close to users, in front of an origin.',
    placeKey: 'n',
    icon: 'cdn.svg',
    params: cacheParams(100_000, 5, 60_000),
  },
  database: {
    kind: 'database',
    label: 'Database',
    description: 'Shards and replicas: SQL (B-tree) or NoSQL (LSM).',
    placeKey: 'd',
    icon: 'database.svg',
    params: {
      engine: oneOf(
        'Engine',
        ['sql', 'nosql'],
        'sql',
        'SQL (B-tree: cheaper reads) or NoSQL (LSM: cheaper writes).',
        { group: 'Storage' },
      ),
      readTimeMs: num('Read time', 2, 0, 600_000, 'ms', 'Mean time of an indexed read.', { group: 'Timing' }),
      writeTimeMs: num('Write time', 5, 0, 600_000, 'ms', 'Mean time of a write.', { group: 'Timing' }),
      rows: int(
        'Rows',
        1_000_000,
        1,
        1_000_000_000_000,
        'rows',
        'Table size; an unindexed read scans them.',
        { group: 'Storage' },
      ),
      indexed: flag(
        'Indexed',
        true,
        'Reads use an index; without one a read scans rows (cost grows with rows).',
        { group: 'Storage' },
      ),
      scanRowsPerMs: num(
        'Scan speed',
        100_000,
        1,
        1_000_000_000,
        'rows/ms',
        'Unindexed reads: rows scanned per millisecond (a full scan costs rows ÷ this).',
        { group: 'Storage' },
      ),
      workers: int('Workers', 16, 1, 10_000, 'connections', 'Queries one instance runs at the same time.', {
        group: 'Capacity',
      }),
      queueCapacity: int(
        'Queue capacity',
        undefined,
        0,
        10_000_000,
        'queries',
        'Queries that may wait per instance; a full queue rejects. Left out: unbounded.',
        { optional: true, group: 'Capacity' },
      ),
      shards: int('Shards', 1, 1, 1024, 'shards', 'Horizontal partitions; each has a leader and replicas.', {
        group: 'Sharding and replication',
      }),
      shardBy: oneOf('Shard by', ['hash', 'consistentHash'], 'hash', 'How a key picks its shard.', {
        group: 'Sharding and replication',
      }),
      replicas: int('Replicas', 0, 0, 16, 'per shard', 'Followers per shard (the leader is extra).', {
        group: 'Sharding and replication',
      }),
      replication: oneOf(
        'Replication',
        ['sync', 'semisync', 'async', 'leaderless'],
        'async',
        'When a write is acknowledged relative to copying it to followers.',
        { group: 'Sharding and replication' },
      ),
      quorumN: int('Quorum N', 3, 1, 17, 'copies', 'Leaderless: copies of each key.', {
        relevantWhen: { param: 'replication', oneOf: ['leaderless'] },
        group: 'Sharding and replication',
      }),
      quorumW: int('Quorum W', 2, 1, 17, 'copies', 'Leaderless: acknowledgements a write waits for.', {
        relevantWhen: { param: 'replication', oneOf: ['leaderless'] },
        group: 'Sharding and replication',
      }),
      quorumR: int('Quorum R', 2, 1, 17, 'copies', 'Leaderless: replies a read waits for.', {
        relevantWhen: { param: 'replication', oneOf: ['leaderless'] },
        group: 'Sharding and replication',
      }),
      replicationLagMs: num(
        'Replication lag',
        10,
        0,
        3_600_000,
        'ms',
        'Mean delay before a follower applies a write.',
        { group: 'Sharding and replication' },
      ),
      readFrom: oneOf('Read from', ['leader', 'followers', 'any'], 'leader', 'Which copies serve reads.', {
        group: 'Sharding and replication',
      }),
      heartbeatMs: num('Heartbeat', 500, 10, 3_600_000, 'ms', 'How often a leader proves it is alive.', {
        group: 'Failover',
      }),
      failoverAfter: int(
        'Failover after',
        3,
        1,
        100,
        'missed beats',
        'Missed heartbeats before the leader is declared dead.',
        { group: 'Failover' },
      ),
      electionMs: num('Election time', 1000, 0, 3_600_000, 'ms', 'Time to elect and promote a new leader.', {
        group: 'Failover',
      }),
    },
  },
  objectStore: {
    kind: 'objectStore',
    label: 'Object Store',
    description: 'Blob storage (S3-like): slow, durable, very parallel.',
    placeKey: 'o',
    icon: 'objectStore.svg',
    params: {
      instances: instances(),
      readTimeMs: num('Read time', 30, 0, 600_000, 'ms', 'Mean time to read an object.', { group: 'Timing' }),
      writeTimeMs: num('Write time', 60, 0, 600_000, 'ms', 'Mean time to write an object.', {
        group: 'Timing',
      }),
      workers: int('Workers', 256, 1, 100_000, 'requests', 'Requests one instance serves at the same time.', {
        group: 'Capacity',
      }),
      queueCapacity: int(
        'Queue capacity',
        undefined,
        0,
        10_000_000,
        'requests',
        'Requests that may wait per instance. Left out: unbounded.',
        { optional: true, group: 'Capacity' },
      ),
    },
  },
  queue: {
    kind: 'queue',
    label: 'Message Queue',
    description: 'Buffers messages for consumers; at-least or at-most once.',
    placeKey: 'q',
    icon: 'queue.svg',
    params: {
      capacity: int(
        'Capacity',
        undefined,
        1,
        100_000_000,
        'messages',
        'Messages the queue holds; a full queue rejects. Left out: unbounded.',
        { optional: true, group: 'Capacity' },
      ),
      delivery: oneOf(
        'Delivery',
        ['atLeastOnce', 'atMostOnce'],
        'atLeastOnce',
        'At-least-once redelivers after a crash (duplicates); at-most-once may lose messages.',
        { group: 'Delivery' },
      ),
      visibilityTimeoutMs: num(
        'Visibility timeout',
        30_000,
        1,
        86_400_000,
        'ms',
        'A received message not acknowledged within this is delivered again.',
        { group: 'Delivery' },
      ),
      maxReceives: int(
        'Max receives',
        5,
        1,
        1000,
        'receives',
        'Deliveries before a message goes to the dead-letter queue.',
        { group: 'Delivery' },
      ),
    },
  },
};

export const EDGE_PARAMS: ParamSpecs = {
  latencyMs: num(
    'Latency',
    1,
    0,
    600_000,
    'ms',
    'One-way network latency; a synchronous call pays it both ways.',
    { group: 'Connection' },
  ),
  filter: oneOf('Carries', ['all', 'reads', 'writes'], 'all', 'Which operations take this edge.', {
    group: 'Connection',
  }),
  weight: num(
    'Weight',
    1,
    0,
    1_000_000,
    'share',
    'Share of traffic when a client, gateway, rate limiter or cache picks one of several matching edges (a service calls each in order).',
    {
      group: 'Connection',
    },
  ),
  async: flag('Async', false, 'Fire-and-forget: the sender is acknowledged at once (used into queues).', {
    group: 'Connection',
  }),
};

/** Whether a parameter matters given the others (resolved values): see `relevantWhen`. */
export function isParamRelevant(spec: ParamSpec, resolved: Record<string, ParamValue>): boolean {
  if (!spec.relevantWhen) return true;
  return spec.relevantWhen.oneOf.includes(String(resolved[spec.relevantWhen.param]));
}

/** The catalog default of every parameter (optional ones are left out: unbounded). */
export function defaultParams(specs: ParamSpecs): Params {
  const params: Params = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.default !== undefined) params[name] = spec.default;
  }
  return params;
}

/** A parameter's value with catalog defaults filled in; optional numbers left out read as Infinity. */
export function resolveParams(specs: ParamSpecs, params: Params): Record<string, ParamValue> {
  const resolved: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = params[name];
    if (value !== undefined) resolved[name] = value;
    else if (spec.default !== undefined) resolved[name] = spec.default;
    else if (spec.type === 'number' && spec.optional) resolved[name] = Infinity;
  }
  return resolved;
}

/** Why a connection from one kind to another makes no sense, or null when it is allowed. */
export function connectionRefusal(fromKind: ComponentKind, toKind: ComponentKind): string | null {
  if (toKind === 'client') return 'A client only sends traffic; nothing connects into it.';
  if (fromKind === 'database' || fromKind === 'objectStore')
    return `A ${CATALOG[fromKind].label.toLowerCase()} is a final destination; it calls nothing downstream.`;
  if (fromKind === 'queue' && toKind !== 'service' && toKind !== 'worker')
    return 'A queue delivers only to consumers (a service or a worker).';
  return null;
}
