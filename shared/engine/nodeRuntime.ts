// The live state of one design node: resolved parameters, per-instance state and metrics, and
// the fields each component kind keeps (one class with every field keeps the hot path monomorphic).
import type { ParamValue } from '../document/types';
import { IntFifo, IntMap, KeyNumbers } from './collections';
import { LatencyHistogram } from './histogram';
import { C_COMPLETED, INSTANCE_COUNTERS, NODE_COUNTERS } from './metrics';
import { Rng } from './rng';
import type { ZipfSampler } from './zipf';
import type { HashRing } from './hashRing';
import type { CacheStore } from '../kinds/cache/cacheStore';
import type { ApplyLog } from '../kinds/database/applyLog';
import type { KeyApplyTimes } from '../kinds/database/keyApplyTimes';
import type { PartitionLedger } from '../kinds/database/partitionLedger';
import type { StreamLags } from '../kinds/database/streamLag';

export class NodeRuntime {
  readonly counters = new Float64Array(NODE_COUNTERS);
  readonly warmupSnapshot = new Float64Array(NODE_COUNTERS);
  readonly tickSnapshot = new Float64Array(NODE_COUNTERS);
  readonly latency = new LatencyHistogram();
  /** Response times of the current 1 s bucket, and of the last complete one (swapped each tick). */
  windowLatency = new LatencyHistogram();
  lastWindowLatency = new LatencyHistogram();
  /**
   * The current window's samples from before warm-up ended, set aside at warm-up end: they still
   * belong to that second's live gauges and series, but not to the run totals (`latency`).
   */
  warmupCarry: LatencyHistogram | null = null;
  rng: Rng;
  /** A client's keys and user ids: streams apart from its arrivals (see client.ts). */
  keyRng: Rng;
  userRng: Rng;

  // Levels and their time-integral bookkeeping (Simulation.changeBusy explains the areas).
  busyTotal = 0;
  queuedTotal = 0;
  inNode = 0;
  workersTotal = 0;
  busyArea = 0;
  queuedArea = 0;
  inNodeArea = 0;
  workersArea = 0;
  maxQueuedSinceWarmup = 0;

  // Resolved parameters read on the hot path.
  instanceCount = 1;
  workers = 1;
  queueCapacity = Infinity;
  serviceTimeMs = 0;
  serviceDistribution = 0; // 0 exp, 1 const, 2 lognormal
  serviceTimeCv = 1;
  speedFactor = 1;
  errorRate = 0;
  blockingCalls = true;
  callTimeoutMs = 1000;
  retries = 0;
  retryBackoffMs = 0;
  breakerThreshold = 0;
  breakerCooldownMs = 0;
  overheadMs = 0;
  hitTimeMs = 0;
  maxConnections = Infinity;
  readServiceMs = 0;
  writeServiceMs = 0;
  replicationLagMs = 0;
  messageCapacity = Infinity;
  maxReceives = Infinity;
  atMostOnce = false;
  visibilityTimeoutMs = 30_000;
  /** Payloads (engine/payloads.ts): an object store's object size (0: the caller's sizes). */
  payloadKB = 0;
  /** A service resolves a multi-resource (GraphQL) call by fanning out; batched: one call for all. */
  resolvesQueries = false;
  graphqlBatching = false;
  /** Some outgoing edge has a protocol: the node's worker encodes and decodes its calls. */
  callsOverProtocols = false;

  // Per instance.
  instanceState = new Uint8Array(1);
  slowFactor = new Float64Array(1);
  busy = new Int32Array(1);
  reserved = new Int32Array(1);
  inFlight = new Int32Array(1);
  waiting: IntFifo[] = [];
  instanceCounters = new Float64Array(INSTANCE_COUNTERS);
  /** Instance counters when warm-up ended, the areas as integrals (results subtract them). */
  instanceWarmupSnapshot = new Float64Array(INSTANCE_COUNTERS);
  /** Per instance: response times since warm-up (its p99 in the run totals). */
  instanceLatency: LatencyHistogram[] = [new LatencyHistogram()];
  instanceTickSnapshot = new Float64Array(INSTANCE_COUNTERS);
  instanceLastWindow = new Float64Array(INSTANCE_COUNTERS);

  // Outgoing routes, in design order. Services call every matching edge in order; clients and
  // proxies pick one matching edge by weight.
  outEdges: number[] = [];
  readEdges = new Int32Array(0);
  writeEdges = new Int32Array(0);
  readWeights = new Float64Array(0); // cumulative
  writeWeights = new Float64Array(0);
  upstreamQueues: number[] = [];
  /** Round-robin position for each incoming edge that spreads over this node's instances. */
  roundRobin = 0;

  // Circuit breaker state, indexed by global edge id; empty unless breakerThreshold > 0.
  breakerFailures = new Int32Array(0);
  breakerOpenUntilMs = new Float64Array(0);
  breakerOpen = new Uint8Array(0);

  /** Counter deltas of the last complete 1 s bucket (gauges). */
  readonly lastWindow = new Float64Array(NODE_COUNTERS);
  /** NaN when the node completed nothing in the last window: no data, not a latency of 0 ms (as
   *  in the run totals, failures alone — refusals in 0 ms, timeouts — do not make a latency). */
  get lastWindowLatencyP99Ms(): number {
    return this.lastWindowQuantile(0.99);
  }
  get lastWindowLatencyP50Ms(): number {
    return this.lastWindowQuantile(0.5);
  }
  private lastWindowQuantile(q: number): number {
    return this.lastWindowLatency.count > 0 && this.lastWindow[C_COMPLETED] > 0
      ? this.lastWindowLatency.quantile(q)
      : Number.NaN;
  }

  // Client (cached from params on every configure: read per request).
  clientUsers = 0;
  rps = 0;
  peakPatternFactor = 1;
  /** The client's traffic pattern, read once per (re)configure: 0 constant, 1 ramp, 2 spike, 3 diurnal. */
  pattern = 0;
  patternFactor = 1;
  spikeStartMs = 0;
  spikeEndMs = 0;
  patternPeriodMs = 60_000;
  readRatio = 1;
  keyCount = 1;
  userCount = 1;
  timeoutMs = 2000;
  thinkTimeMs = 0;
  arrivalGeneration = 0;
  spikeFactor = 1;
  zipf: ZipfSampler | null = null;
  openMode = true;
  /** A page view: resources per request, calls in flight at once, payload sizes by operation. */
  callsPerRequest = 1;
  parallelCalls = 1;
  readRequestKB = 0;
  readResponseKB = 0;
  writeRequestKB = 0;
  writeResponseKB = 0;

  // Load balancer.
  targetNode = new Int32Array(0);
  targetInstance = new Int32Array(0);
  targetEdge = new Int32Array(0);
  targetHealthy = new Uint8Array(0);
  targetFailStreak = new Int32Array(0);
  targetPassStreak = new Int32Array(0);
  targetOutstanding = new Int32Array(0);
  healthyTargets = new Int32Array(0);
  healthyCount = 0;
  ring: HashRing | null = null;
  lastPick = 0;
  algorithm = 0; // 0 roundRobin, 1 random, 2 leastConnections, 3 hash, 4 consistentHash

  // Rate limiter / gateway.
  tokens = 0;
  lastRefillMs = 0;
  userBucket = new IntMap(16);
  userTokens = new Float64Array(16);
  userRefillMs = new Float64Array(16);
  userBucketCount = 0;
  rateRps = Infinity;
  burst = 1;
  perUser = false;

  // Gateway: authentication and TLS termination (shared/kinds/gateway/sim.ts).
  authMode = 0; // 0 none, 1 jwt, 2 session, 3 introspection
  authCacheTtlMs = 0;
  authTimeoutMs = 500;
  authFailOpen = false;
  /** Per instance: when each user's cached lookup expires (empty unless lookups are cached). */
  authCaches: KeyNumbers[] = [];
  /** Outgoing `auth` edges (synchronous), and their cumulative weights: where lookups go. */
  authEdges = new Int32Array(0);
  authWeights = new Float64Array(0);
  /** Picks among several auth edges: a stream of its own, so lookups never move other draws. */
  authRng: Rng | null = null;
  /** CPU of a full TLS handshake, when some requests open a new connection (else 0). */
  tlsHandshakeMs = 0;
  keepAliveRatio = 1;
  /** Whether a request reuses a connection: a stream of its own (see authRng). */
  tlsRng: Rng | null = null;

  // Cache / CDN.
  stores: CacheStore[] = [];
  cacheMode = 0; // 0 cacheAside, 1 readThrough, 2 writeThrough, 3 writeBack
  ttlMs = Infinity;

  // Database.
  shards = 1;
  replicasPerShard = 0;
  replication = 0; // 0 sync, 1 semisync, 2 async, 3 leaderless
  readFrom = 0; // 0 leader, 1 followers, 2 any
  leader = new Int32Array(1);
  shardLsn = new Float64Array(1);
  ackedLsn = new Float64Array(1);
  lastBeatMs = new Float64Array(1);
  electing = new Uint8Array(1);
  /** Single-leader: each copy's replication log (followers apply in log order) and stream lag. */
  applyLogs: ApplyLog[] = [];
  streamLags: StreamLags | null = null;
  /** Leaderless: per key and copy, when each version is applied (copies apply per key). */
  keyApplyTimes: KeyApplyTimes | null = null;
  keyLsn = new KeyNumbers(0); // sized by database.configure
  shardRing: HashRing | null = null;
  // Network partition (chaos `partition`): which side each copy is on (1: cut off from the rest of
  // its shard), per shard since when (NaN: whole), the acknowledged position then, and a second
  // leader on the other side (split brain, -1: none).
  partitionMode = 0; // 0 consistent, 1 available
  partitioned = false;
  partitionsSoFar = 0;
  partitionSide = new Uint8Array(1);
  partitionSinceMs = new Float64Array(1);
  partitionAckedLsn = new Float64Array(1);
  splitLeader = new Int32Array(1);
  partitionLedger: PartitionLedger | null = null;

  // Message queue.
  ready = new IntFifo();
  messagesInFlight = 0;
  consumerEdges: number[] = [];
  consumerCursor = 0;
  queueDepthMax = 0;
  oldestAgeMaxSinceWarmup = 0;

  constructor(
    readonly index: number,
    readonly id: string,
    readonly kind: string,
    readonly kindCode: number,
    public params: Record<string, ParamValue>,
    seed: number,
  ) {
    this.rng = new Rng(seed, id);
    this.keyRng = new Rng(seed, `${id}#keys`);
    this.userRng = new Rng(seed, `${id}#users`);
  }

  // Parameters are read resolved (catalog defaults filled in, optional numbers as Infinity) and
  // only by the kind that declares them: a name the kind does not declare is a programming error,
  // never a silent literal fallback.
  numberParam(name: string): number {
    const value = this.params[name];
    if (typeof value !== 'number') throw new Error(this.undeclared(name, 'number'));
    return value;
  }
  stringParam(name: string): string {
    const value = this.params[name];
    if (typeof value !== 'string') throw new Error(this.undeclared(name, 'string'));
    return value;
  }
  booleanParam(name: string): boolean {
    const value = this.params[name];
    if (typeof value !== 'boolean') throw new Error(this.undeclared(name, 'boolean'));
    return value;
  }
  /** Whether this node's kind declares the parameter. */
  declares(name: string): boolean {
    return Object.hasOwn(this.params, name);
  }
  private undeclared(name: string, type: string): string {
    return `${this.kind} "${this.id}" has no ${type} parameter "${name}" (read only parameters its kind declares)`;
  }

  /** Re-lays the per-instance arrays: old instance i becomes newIndexOf[i] (-1: removed). */
  remapInstances(count: number, newIndexOf: Int32Array): void {
    const state = new Uint8Array(count);
    const slow = new Float64Array(count).fill(1);
    const busy = new Int32Array(count);
    const reserved = new Int32Array(count);
    const inFlight = new Int32Array(count);
    const counters = new Float64Array(count * INSTANCE_COUNTERS);
    const tickSnapshot = new Float64Array(count * INSTANCE_COUNTERS);
    const lastWindow = new Float64Array(count * INSTANCE_COUNTERS);
    const warmupSnapshot = new Float64Array(count * INSTANCE_COUNTERS);
    const latency = Array.from({ length: count }, () => new LatencyHistogram());
    const waiting: IntFifo[] = [];
    for (let j = 0; j < count; j++) waiting.push(new IntFifo());
    for (let i = 0; i < newIndexOf.length; i++) {
      const j = newIndexOf[i];
      if (j < 0) continue;
      state[j] = this.instanceState[i];
      slow[j] = this.slowFactor[i];
      busy[j] = this.busy[i];
      reserved[j] = this.reserved[i];
      inFlight[j] = this.inFlight[i];
      waiting[j] = this.waiting[i];
      latency[j] = this.instanceLatency[i];
      for (let k = 0; k < INSTANCE_COUNTERS; k++) {
        warmupSnapshot[j * INSTANCE_COUNTERS + k] = this.instanceWarmupSnapshot[i * INSTANCE_COUNTERS + k];
        counters[j * INSTANCE_COUNTERS + k] = this.instanceCounters[i * INSTANCE_COUNTERS + k];
        tickSnapshot[j * INSTANCE_COUNTERS + k] = this.instanceTickSnapshot[i * INSTANCE_COUNTERS + k];
        lastWindow[j * INSTANCE_COUNTERS + k] = this.instanceLastWindow[i * INSTANCE_COUNTERS + k];
      }
    }
    this.instanceState = state;
    this.slowFactor = slow;
    this.busy = busy;
    this.reserved = reserved;
    this.inFlight = inFlight;
    this.waiting = waiting;
    this.instanceCounters = counters;
    this.instanceTickSnapshot = tickSnapshot;
    this.instanceLastWindow = lastWindow;
    this.instanceWarmupSnapshot = warmupSnapshot;
    this.instanceLatency = latency;
    this.instanceCount = count;
  }

  /** Sizes the per-instance arrays, keeping what existing instances had. */
  resizeInstances(count: number): void {
    const keep = Math.min(count, this.instanceCount);
    const copy8 = (old: Uint8Array) => {
      const a = new Uint8Array(count);
      a.set(old.subarray(0, keep));
      return a;
    };
    const copy32 = (old: Int32Array) => {
      const a = new Int32Array(count);
      a.set(old.subarray(0, keep));
      return a;
    };
    const copy64 = (old: Float64Array, per = 1, fill = 0) => {
      const a = new Float64Array(count * per).fill(fill);
      a.set(old.subarray(0, keep * per));
      return a;
    };
    this.instanceState = copy8(this.instanceState);
    this.slowFactor = copy64(this.slowFactor, 1, 1);
    this.busy = copy32(this.busy);
    this.reserved = copy32(this.reserved);
    this.inFlight = copy32(this.inFlight);
    this.instanceCounters = copy64(this.instanceCounters, INSTANCE_COUNTERS);
    this.instanceTickSnapshot = copy64(this.instanceTickSnapshot, INSTANCE_COUNTERS);
    this.instanceLastWindow = copy64(this.instanceLastWindow, INSTANCE_COUNTERS);
    this.instanceWarmupSnapshot = copy64(this.instanceWarmupSnapshot, INSTANCE_COUNTERS);
    while (this.instanceLatency.length < count) this.instanceLatency.push(new LatencyHistogram());
    this.instanceLatency.length = count;
    while (this.waiting.length < count) this.waiting.push(new IntFifo());
    this.waiting.length = count;
    this.instanceCount = count;
  }
}
