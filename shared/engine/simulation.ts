// The simulation core: the event loop, the request pool, how a call crosses an edge and comes
// back, timeouts, chaos, hot edits and metrics bookkeeping. What a node does with a call lives in
// shared/kinds/<kind>/; this file routes events to them through shared/kinds/dispatch.ts and
// names no kind.
import type { ChaosAction, Design, ParamValue, Params } from '../document/types';
import { CATALOG, EDGE_PARAMS, resolveParams } from '../document/catalog';
import { KeyNumbers } from './collections';
import { LOG_LIMIT, type LogEntry, type LogType } from './log';
import {
  BUCKET_MS,
  EV_CHAOS,
  EV_DELAY_DONE,
  EV_FLUSH,
  EV_LINE,
  EV_RESPONSE,
  EV_RETRY,
  EV_SERVICE_DONE,
  EV_TICK,
  EV_TIMEOUT,
  EV_TRANSIT,
  EV_WARMUP_END,
  FAILURE_REASONS,
  F_ANSWERED,
  F_AT_MOST_ONCE,
  F_ORPHAN,
  HOP_LIMIT,
  I_DEAD,
  I_HUNG,
  I_UP,
  OP_READ,
  R_LOOP,
  R_TIMEOUT,
  R_UNAVAILABLE,
  S_DELAY,
  S_DOWNSTREAM,
  S_FREE,
  S_IN_SERVICE,
  S_LOST,
  S_PARKED,
  S_RESPONDING,
  S_RETRY_WAIT,
  S_ROOT_BACKOFF,
  S_TRANSIT,
} from './constants';
import { DelayLine, EventHeap } from './heap';
import { LatencyHistogram } from './histogram';
import {
  C_ARRIVALS,
  C_BUSY_INTEGRAL,
  C_CAPACITY_INTEGRAL,
  C_COMPLETED,
  C_DOWNSTREAM_SUM,
  C_FAILED,
  C_IN_NODE_INTEGRAL,
  C_MESSAGES_LOST,
  C_ORIGINATED,
  C_QUEUE_INTEGRAL,
  C_RESPONSE_COUNT,
  C_RESPONSE_SUM,
  C_SERVICE_SUM,
  C_TAIL_COUNT,
  C_TAIL_DOWNSTREAM,
  C_TAIL_SERVICE,
  C_TAIL_WAIT,
  IC_ARRIVALS,
  IC_COMPLETED,
  IC_FAILED,
  INSTANCE_COUNTERS,
} from './metrics';
import { NodeRuntime } from './nodeRuntime';
import { CallPool } from './pool';
import { mix32 } from './rng';
import { PassThrough, TailTable, TRACE_HOPS, TraceStore } from './trace';
import * as kinds from '../kinds/dispatch';
import { round } from './numbers';
export { round };
import { KIND_CODES } from '../kinds/index';
import {
  DEFAULT_MAX_CALLS_IN_FLIGHT,
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_QUEUED_EVENTS,
  LIMIT_CHECK_EVERY_EVENTS,
  formatAmount,
  type RunTruncation,
  type TruncationReason,
} from './limits';

export interface SimulationOptions {
  /** Overrides design.scenario.seed. */
  seed?: number;
  /** Overrides design.scenario.durationS. */
  durationS?: number;
  /** Overrides design.scenario.warmupS. */
  warmupS?: number;
  /** Events the whole run may process before it stops as truncated (limits.ts; deterministic). */
  maxEvents?: number;
  /** Wall ms the run may spend inside runUntil before it stops as truncated (needs `now`). */
  maxWallMs?: number;
  /** Memory guard: calls alive at once before the run stops as truncated. */
  maxCallsInFlight?: number;
  /** Memory guard: events waiting in the event list before the run stops as truncated. */
  maxQueuedEvents?: number;
  /** The host's wall clock in ms (the CLI and the worker pass performance.now); default Date.now. */
  now?: () => number;
}

export interface ChaosCommand {
  action: ChaosAction;
  /** A node id, an instance address `nodeId:i`, or an edge id. */
  target: string;
  factor?: number;
  durationS?: number;
}

// How a hop's own time splits (Simulation.queueKind): a node without workers has no queue; a
// station (database, object store) queues for a worker; a service or worker also waits out its
// retry backoff.

/** Requests after warm-up that are all traced; after them, one in TRACE_SAMPLE_EVERY (a power of two). */
export const TRACE_ALL_REQUESTS = 100_000;
export const TRACE_SAMPLE_EVERY = 16;
/** Requests completed before a running p99 is trusted as the tail threshold. */
export const TAIL_MIN_SAMPLES = 100;
/** Calls alive at once before the engine refuses more (logged once as `overload`). */
export const MAX_LIVE_CALLS = 1 << 20;

import { G_COMPLETED, G_FAILED, G_REQUESTS, GLOBAL_COUNTERS } from './constants';
export { G_COMPLETED, G_FAILED, G_REQUESTS, GLOBAL_COUNTERS };

interface PendingChaos extends ChaosCommand {
  /** A revert scheduled by a chaos command with a duration (restart after kill, heal after cut…). */
  revert?: boolean;
}

/** A limit from the options: a positive number, else the default. */
function positiveOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value : fallback;
}

export class Simulation {
  readonly seed: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  now = 0;
  eventsProcessed = 0;
  warmedUp = false;
  /** Set when the run stopped at a limit before the end of its scenario (limits.ts); then done. */
  truncated: RunTruncation | null = null;
  /** Wall ms spent inside runUntil so far. */
  wallMs = 0;
  readonly maxEvents: number;
  readonly maxWallMs: number;
  readonly maxCallsInFlight: number;
  readonly maxQueuedEvents: number;
  private readonly wallClock: () => number;
  /** The event count at which runUntil next checks its wall clock and memory. */
  private nextLimitCheckAt = LIMIT_CHECK_EVERY_EVENTS;

  readonly heap = new EventHeap();
  readonly lines: DelayLine[];
  private sequence = 0;
  // Events due at the current time, FIFO (zero latency, zero overhead).
  private immediateType = new Int32Array(256);
  private immediateA = new Int32Array(256);
  private immediateB = new Int32Array(256);
  private immediateHead = 0;
  private immediateCount = 0;
  /** The event being processed is still at the heap's top (see runUntil). */
  private topPending = false;
  /** Instances currently hung: when none, events skip the hung check. */
  hungInstances = 0;
  readonly pool = new CallPool();
  readonly nodes: NodeRuntime[] = [];
  readonly nodeIndex = new Map<string, number>();

  readonly edgeIds: string[] = [];
  readonly edgeIndex = new Map<string, number>();
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeLatencyMs: Float64Array;
  readonly edgeAsync: Uint8Array;
  readonly edgeFilter: Uint8Array; // 0 all, 1 reads, 2 writes
  readonly edgeWeight: Float64Array;
  readonly edgeCut: Uint8Array;
  readonly edgeSent: Float64Array;
  readonly edgeFailed: Float64Array;
  readonly edgeTickSnapshot: Float64Array; // sent, failed per edge
  readonly edgeLastWindow: Float64Array;

  /** The latest committed version of every written key (stale-read detection). */
  readonly versions: KeyNumbers;
  /** Per node, how a hop's own time splits (kinds.HOP_*): no queue, a station, a service/worker. */
  readonly queueKind: Uint8Array;
  /** Whether any component reads request keys / user ids (clients skip drawing them if not). */
  keysMatter = true;
  usersMatter = true;
  /** The largest client key space (sizes per-key arrays and caches up front). */
  readonly keySpace: number;
  readonly globalCounters = new Float64Array(GLOBAL_COUNTERS);
  readonly globalWarmupSnapshot = new Float64Array(GLOBAL_COUNTERS);
  readonly globalTickSnapshot = new Float64Array(GLOBAL_COUNTERS);
  readonly globalLastWindow = new Float64Array(GLOBAL_COUNTERS);
  readonly endToEnd = new LatencyHistogram();
  /** End-to-end latencies of the current 1 s bucket, and of the last complete one. */
  endToEndWindow = new LatencyHistogram();
  endToEndLastWindow = new LatencyHistogram();
  /** The current window's end-to-end samples from before warm-up ended (see endWarmup). */
  private endToEndWarmupCarry: LatencyHistogram | null = null;
  /** NaN when no request completed in the last window: no data, not a latency of 0 ms. */
  get globalLastWindowP99Ms(): number {
    return this.lastWindowQuantile(0.99);
  }
  get globalLastWindowP95Ms(): number {
    return this.lastWindowQuantile(0.95);
  }
  get globalLastWindowP50Ms(): number {
    return this.lastWindowQuantile(0.5);
  }
  private lastWindowQuantile(q: number): number {
    const window = this.endToEndLastWindow;
    return window.count > 0 ? window.quantile(q) : Number.NaN;
  }
  sloBreached = false;

  readonly log: LogEntry[] = [];
  logDropped = 0;
  overloadDrops = 0;
  private readonly chaosCommands: PendingChaos[] = [];
  /** Users behind every client (the population hash load balancing spreads). */
  userPopulation = 10_000;
  layoutVersion = 0;

  // Request traces (explainSlowest): see trace.ts.
  readonly traces = new TraceStore();
  /** Client requests since warm-up (for trace sampling). */
  private requestsTraceable = 0;
  /** The slowest 1% of completed requests (and all failed ones) over the whole design. */
  readonly slowest = new TailTable();
  /** The end-to-end p99 used as the tail threshold (running estimate, refreshed every bucket). */
  slowestThresholdMs = Infinity;
  /**
   * Per node: the requests that passed through it. While every request so far did (1 in
   * `universal`), a node's pass-through tail IS the whole design's and costs nothing; the first
   * request that misses it splits it off with a copy of the whole design's state (exact, since
   * the two sets were equal until then).
   */
  readonly passThrough: (PassThrough | null)[] = [];
  readonly universal: Uint8Array;
  private universalCount = 0;
  private traceStamp = new Int32Array(0);
  private traceStampNow = 0;
  // Scratch for one finished request: whether each entry is its node's first, and path order.
  private readonly hopFirst = new Uint8Array(TRACE_HOPS);
  private readonly hopOrder = new Int32Array(TRACE_HOPS);
  private orderStamp = new Int32Array(0);
  private orderStampNow = 0;

  constructor(
    readonly design: Design,
    options: SimulationOptions = {},
  ) {
    const scenario = design.scenario;
    this.seed = (options.seed ?? scenario?.seed ?? 1) >>> 0;
    this.durationMs = Math.max(0, (options.durationS ?? scenario?.durationS ?? 60) * 1000);
    this.warmupMs = Math.min(
      this.durationMs,
      Math.max(0, (options.warmupS ?? scenario?.warmupS ?? 0) * 1000),
    );
    this.maxEvents = positiveOr(options.maxEvents, DEFAULT_MAX_EVENTS);
    this.maxWallMs = positiveOr(options.maxWallMs, Infinity);
    this.maxCallsInFlight = positiveOr(options.maxCallsInFlight, DEFAULT_MAX_CALLS_IN_FLIGHT);
    this.maxQueuedEvents = positiveOr(options.maxQueuedEvents, DEFAULT_MAX_QUEUED_EVENTS);
    this.wallClock = options.now ?? (() => Date.now());

    design.nodes.forEach((node, index) => {
      const spec = CATALOG[node.kind];
      if (!spec) throw new Error(`Unknown component kind "${node.kind}" for node "${node.id}".`);
      const params = resolveParams(spec.params, node.params ?? {});
      const runtime = new NodeRuntime(index, node.id, node.kind, KIND_CODES[node.kind], params, this.seed);
      this.nodes.push(runtime);
      this.nodeIndex.set(node.id, index);
    });
    const edgeCount = design.edges.length;
    this.edgeFrom = new Int32Array(edgeCount);
    this.edgeTo = new Int32Array(edgeCount);
    this.edgeLatencyMs = new Float64Array(edgeCount);
    this.edgeAsync = new Uint8Array(edgeCount);
    this.edgeFilter = new Uint8Array(edgeCount);
    this.edgeWeight = new Float64Array(edgeCount);
    this.edgeCut = new Uint8Array(edgeCount);
    this.edgeSent = new Float64Array(edgeCount);
    this.edgeFailed = new Float64Array(edgeCount);
    this.edgeTickSnapshot = new Float64Array(edgeCount * 2);
    this.edgeLastWindow = new Float64Array(edgeCount * 2);
    design.edges.forEach((edge, e) => {
      const from = this.nodeIndex.get(edge.from);
      const to = this.nodeIndex.get(edge.to);
      if (from === undefined || to === undefined)
        throw new Error(`Edge "${edge.id}" connects a node that does not exist.`);
      this.edgeIds.push(edge.id);
      this.edgeIndex.set(edge.id, e);
      this.edgeFrom[e] = from;
      this.edgeTo[e] = to;
      this.applyEdgeParams(e, edge.params ?? {});
    });
    // One FIFO delay line per edge and direction, plus a delay line and a timeout line per node.
    this.lines = Array.from({ length: edgeCount * 2 + this.nodes.length * 2 }, () => new DelayLine());

    let keySpace = 1;
    for (const node of this.nodes)
      if (kinds.originatesRequests(node.kindCode)) {
        this.userPopulation = Math.max(1, node.numberParam('users'));
        keySpace = Math.max(keySpace, node.numberParam('keys'));
      }
    this.keySpace = keySpace;
    this.versions = new KeyNumbers(keySpace);
    this.traceStamp = new Int32Array(this.nodes.length);
    this.orderStamp = new Int32Array(this.nodes.length);
    for (let i = 0; i < this.nodes.length; i++) this.passThrough.push(null);
    this.universal = new Uint8Array(this.nodes.length).fill(1);
    this.queueKind = Uint8Array.from(this.nodes, (n) => kinds.hopTimeSplit(n.kindCode));
    this.universalCount = this.nodes.length;
    for (const node of this.nodes) this.applyNodeParams(node, true);
    this.wireRoutes();
    this.noteKeyReaders();
    for (const node of this.nodes) this.startNode(node);

    // Seconds → ms rounded to the microsecond: 4.06 s is 4060 ms, not 4059.9999999999995, so a
    // step saved from a live chaos action at t ms replays at exactly t.
    scenario?.events?.forEach((event) => this.chaosAt(Math.round(event.atS * 1e6) / 1000, event));
    this.schedule(BUCKET_MS, EV_TICK, 0, 0);
    if (this.warmupMs > 0) this.schedule(this.warmupMs, EV_WARMUP_END, 0, 0);
    else this.endWarmup();
  }

  // ————————————————————————————— setup —————————————————————————————

  private applyEdgeParams(e: number, params: Params): void {
    const resolved = resolveParams(EDGE_PARAMS, params);
    this.edgeLatencyMs[e] = Number(resolved.latencyMs);
    this.edgeAsync[e] =
      resolved.async === true || kinds.buffersMessages(this.nodes[this.edgeTo[e]].kindCode) ? 1 : 0;
    this.edgeFilter[e] = resolved.filter === 'reads' ? 1 : resolved.filter === 'writes' ? 2 : 0;
    this.edgeWeight[e] = Number(resolved.weight);
  }

  /**
   * Breaker state is indexed by edge id, so it costs 13 bytes × edges per node: only nodes with a
   * breaker (breakerThreshold > 0, which guards every use) get it. `fresh` after the edges change.
   */
  private allocateBreakers(node: NodeRuntime, fresh: boolean): void {
    const size = node.breakerThreshold > 0 ? this.edgeIds.length : 0;
    if (!fresh && node.breakerOpen.length === size) return;
    node.breakerFailures = new Int32Array(size);
    node.breakerOpenUntilMs = new Float64Array(size);
    node.breakerOpen = new Uint8Array(size);
  }

  /** Reads the resolved parameters into the node's hot-path fields (at start and on hot edits). */
  private applyNodeParams(node: NodeRuntime, initial: boolean): void {
    const kind = node.kindCode;
    kinds.readParams(node);
    this.allocateBreakers(node, false);
    kinds.configureServiceTimes(node);
    const instances = kinds.instanceCountOf(node);
    if (initial) {
      node.instanceCount = 0;
      node.resizeInstances(instances);
    } else if (instances !== node.instanceCount) this.resizeNode(node, instances);
    const workersTotal = kinds.hasWorkers(kind) ? node.workers * node.instanceCount : 0;
    node.workersArea -= (workersTotal - node.workersTotal) * this.now;
    node.workersTotal = workersTotal;
    kinds.configure(this, node, initial);
  }

  private wireRoutes(): void {
    for (const node of this.nodes) {
      node.outEdges = [];
      node.upstreamQueues = [];
      node.consumerEdges = [];
    }
    for (let e = 0; e < this.edgeIds.length; e++) {
      const from = this.nodes[this.edgeFrom[e]];
      const to = this.nodes[this.edgeTo[e]];
      if (kinds.buffersMessages(from.kindCode)) {
        // A queue's outgoing edges lead to its consumers, which pull.
        from.consumerEdges.push(e);
        to.upstreamQueues.push(from.index);
        continue;
      }
      from.outEdges.push(e);
    }
    for (const node of this.nodes) {
      const reads = node.outEdges.filter((e) => this.edgeFilter[e] !== 2);
      const writes = node.outEdges.filter((e) => this.edgeFilter[e] !== 1);
      node.readEdges = Int32Array.from(reads);
      node.writeEdges = Int32Array.from(writes);
      const cumulative = (edges: number[]) => {
        let sum = 0;
        return Float64Array.from(edges, (e) => (sum += this.edgeWeight[e]));
      };
      node.readWeights = cumulative(reads);
      node.writeWeights = cumulative(writes);
      this.allocateBreakers(node, true);
      kinds.routesWired(this, node);
    }
  }

  /** Which request fields some component reads (a balancer's algorithm or a limiter's scope can change live). */
  private noteKeyReaders(): void {
    this.keysMatter = this.nodes.some((n) => kinds.readsKeys(n.kindCode));
    this.usersMatter = this.nodes.some((n) => kinds.readsUsers(n));
  }

  private startNode(node: NodeRuntime): void {
    kinds.start(this, node);
  }

  // ————————————————————————————— scheduling —————————————————————————————

  schedule(timeMs: number, type: number, a: number, b: number): void {
    if (timeMs <= this.now) this.scheduleNow(type, a, b);
    else this.pushEvent(timeMs, this.sequence++, type, a, b);
  }

  private scheduleNow(type: number, a: number, b: number): void {
    this.sequence++;
    let capacity = this.immediateType.length;
    if (this.immediateCount === capacity) {
      const grow = (old: Int32Array) => {
        const next = new Int32Array(capacity * 2);
        for (let i = 0; i < this.immediateCount; i++)
          next[i] = old[(this.immediateHead + i) & (capacity - 1)];
        return next;
      };
      this.immediateType = grow(this.immediateType);
      this.immediateA = grow(this.immediateA);
      this.immediateB = grow(this.immediateB);
      this.immediateHead = 0;
      capacity *= 2;
    }
    const slot = (this.immediateHead + this.immediateCount++) & (capacity - 1);
    this.immediateType[slot] = type;
    this.immediateA[slot] = a;
    this.immediateB[slot] = b;
  }

  private pushEvent(timeMs: number, seq: number, type: number, a: number, b: number): void {
    if (this.topPending) {
      this.topPending = false;
      this.heap.replaceTop(timeMs, seq, type, a, b);
    } else this.heap.push(timeMs, seq, type, a, b);
  }

  /**
   * Schedules through a FIFO delay line when the time keeps the line in order (the usual case
   * for a constant delay); otherwise straight into the heap. Same total order either way.
   */
  scheduleOnLine(line: number, timeMs: number, type: number, a: number, b: number): void {
    if (timeMs <= this.now) {
      this.scheduleNow(type, a, b);
      return;
    }
    const delayLine = this.lines[line];
    const seq = this.sequence++;
    const length = delayLine.length;
    if (length === 0) {
      delayLine.append(timeMs, seq, type, a, b);
      this.pushEvent(timeMs, seq, EV_LINE, line, 0);
    } else if (timeMs >= delayLine.tailTime()) {
      if (length >= delayLine.compactAt) this.compactLine(delayLine);
      delayLine.append(timeMs, seq, type, a, b);
    } else this.pushEvent(timeMs, seq, type, a, b);
  }

  /**
   * Drops finished calls' timeouts from behind a line's head (long timeouts would otherwise pile
   * up for their whole duration); the head stays, since a heap event refers to it.
   */
  private compactLine(line: DelayLine): void {
    const length = line.length;
    const mask = line.mask;
    const head = line.head;
    const { time, seq, type, a, b } = line;
    let kept = 1;
    for (let k = 1; k < length; k++) {
      const from = (head + k) & mask;
      if (type[from] === EV_TIMEOUT && this.timeoutIsStale(a[from], b[from])) continue;
      const to = (head + kept) & mask;
      time[to] = time[from];
      seq[to] = seq[from];
      type[to] = type[from];
      a[to] = a[from];
      b[to] = b[from];
      kept++;
    }
    line.length = kept;
    line.compactAt = Math.max(1024, kept * 2);
  }

  forwardLine(edge: number): number {
    return edge * 2;
  }
  backLine(edge: number): number {
    return edge * 2 + 1;
  }
  delayLine(node: number): number {
    return this.edgeIds.length * 2 + node * 2;
  }
  timeoutLine(node: number): number {
    return this.edgeIds.length * 2 + node * 2 + 1;
  }

  // ————————————————————————————— the event loop —————————————————————————————

  get simTimeMs(): number {
    return this.now;
  }

  get done(): boolean {
    return this.now >= this.durationMs || this.truncated !== null;
  }

  /** Calls alive now (the memory guard's measure). */
  get callsInFlight(): number {
    return this.pool.inUse;
  }

  /** Events waiting in the event list now: the heap and the zero-delay queue. */
  get queuedEvents(): number {
    return this.heap.size + this.immediateCount;
  }

  /** Which limit, if any, the run is over (checked every LIMIT_CHECK_EVERY_EVENTS events). */
  private limitReached(wallStartedMs: number): TruncationReason | null {
    if (this.pool.inUse > this.maxCallsInFlight || this.queuedEvents > this.maxQueuedEvents)
      return 'memoryLimit';
    if (this.maxWallMs !== Infinity && this.wallMs + (this.wallClock() - wallStartedMs) > this.maxWallMs)
      return 'wallClockLimit';
    return null;
  }

  private truncate(reason: TruncationReason): void {
    const at = `at ${formatAmount(this.now / 1000)} s of ${formatAmount(this.durationMs / 1000)} s simulated`;
    const events = this.eventsProcessed.toLocaleString('en-US');
    let limit: number;
    let message: string;
    if (reason === 'eventLimit') {
      limit = this.maxEvents;
      message = `stopped after ${events} events (the run's event limit) ${at}`;
    } else if (reason === 'wallClockLimit') {
      limit = this.maxWallMs;
      message = `stopped after ${formatAmount(this.wallMs / 1000)} s of wall time (the run's limit is ${formatAmount(this.maxWallMs / 1000)} s) ${at}, ${events} events`;
    } else if (this.pool.inUse > this.maxCallsInFlight) {
      limit = this.maxCallsInFlight;
      message = `stopped by the memory guard: ${this.pool.inUse.toLocaleString('en-US')} calls in flight at once (a request's visit to a node; the limit is ${limit.toLocaleString('en-US')}) ${at}`;
    } else {
      limit = this.maxQueuedEvents;
      message = `stopped by the memory guard: ${this.queuedEvents.toLocaleString('en-US')} events waiting in the event list (the limit is ${limit.toLocaleString('en-US')}) ${at}`;
    }
    this.truncated = { reason, atSimMs: this.now, limit, message };
    this.addLog('truncated', 'run', { reason, limit });
  }

  /**
   * Processes events up to simTimeMs (capped at the run's duration) or until maxEvents have been
   * processed, whichever comes first: a host time-slices by passing a small maxEvents.
   */
  runUntil(simTimeMs: number, maxEvents = Infinity): void {
    if (this.truncated) return;
    const wallStartedMs = this.wallClock();
    const endMs = Math.min(simTimeMs, this.durationMs);
    const heap = this.heap;
    // The run's own event limit bounds the slice too.
    const sliceEvents = Math.min(maxEvents, Math.max(0, this.maxEvents - this.eventsProcessed));
    // One comparison per event covers both the slice's end and the next limit check. Checks fall
    // on whole multiples of LIMIT_CHECK_EVERY_EVENTS of the run's events, however it is sliced,
    // so the memory guard stops a run at the same event every time.
    let stopAt = Math.min(sliceEvents, this.nextLimitCheckAt - this.eventsProcessed);
    let processed = 0;
    let exhausted = true;
    let limit: TruncationReason | null = null;
    for (;;) {
      const immediate = this.immediateCount > 0 && (heap.size === 0 || heap.time[0] > this.now);
      if (!immediate && (heap.size === 0 || heap.time[0] > endMs)) break;
      if (processed >= stopAt) {
        if (this.eventsProcessed + processed >= this.nextLimitCheckAt) {
          this.nextLimitCheckAt += LIMIT_CHECK_EVERY_EVENTS;
          limit = this.limitReached(wallStartedMs);
        }
        if (limit === null && processed >= sliceEvents && this.eventsProcessed + processed >= this.maxEvents)
          limit = 'eventLimit';
        if (limit !== null || processed >= sliceEvents) {
          exhausted = false;
          break;
        }
        stopAt = Math.min(sliceEvents, this.nextLimitCheckAt - this.eventsProcessed);
      }
      processed++;
      if (immediate) {
        // Zero-delay events: every heap event at this same time was scheduled earlier (smaller
        // sequence), so taking these FIFO keeps the exact (time, sequence) order.
        const slot = this.immediateHead;
        this.immediateHead = (slot + 1) & (this.immediateType.length - 1);
        this.immediateCount--;
        this.dispatch(this.immediateType[slot], this.immediateA[slot], this.immediateB[slot]);
        continue;
      }
      this.now = heap.time[0];
      const type = heap.type[0];
      const a = heap.a[0];
      const b = heap.b[0];
      // The event stays at the top while it runs; the first event it schedules takes its place.
      this.topPending = true;
      this.dispatch(type, a, b);
      if (this.topPending) {
        this.topPending = false;
        heap.pop();
      }
      // The zero-delay events it caused, right away while nothing in the heap is due now (the
      // same order the checks above give, without going round them for each).
      while (this.immediateCount > 0 && processed < stopAt && (heap.size === 0 || heap.time[0] > this.now)) {
        processed++;
        const slot = this.immediateHead;
        this.immediateHead = (slot + 1) & (this.immediateType.length - 1);
        this.immediateCount--;
        this.dispatch(this.immediateType[slot], this.immediateA[slot], this.immediateB[slot]);
      }
    }
    this.eventsProcessed += processed;
    if (exhausted && endMs > this.now) this.now = endMs;
    this.wallMs += this.wallClock() - wallStartedMs;
    if (limit) this.truncate(limit);
  }

  /** Runs to the end of the scenario. */
  run(): void {
    this.runUntil(this.durationMs);
  }

  private dispatch(type: number, a: number, b: number): void {
    switch (type) {
      case EV_LINE:
        this.advanceLine(a);
        break;
      // An event acts only on the call it was scheduled for (same generation) in the state it was
      // scheduled in: a call failed meanwhile (its instance was killed) ignores it.
      case EV_TRANSIT:
        if (this.isAt(a, b, S_TRANSIT)) this.arrive(a);
        break;
      case EV_RESPONSE:
        if (this.isAt(a, b, S_RESPONDING)) this.deliverResponse(a);
        break;
      case EV_SERVICE_DONE:
        if (this.isAt(a, b, S_IN_SERVICE) && !this.parkIfHung(a)) kinds.serviceDone(this, a);
        break;
      case EV_DELAY_DONE:
        if (this.isAt(a, b, S_DELAY) && !this.parkIfHung(a)) this.delayDone(a);
        break;
      case EV_TIMEOUT:
        this.timeout(a, b);
        break;
      case EV_RETRY:
        if ((this.isAt(a, b, S_RETRY_WAIT) || this.isAt(a, b, S_ROOT_BACKOFF)) && !this.parkIfHung(a))
          this.retry(a);
        break;
      case EV_CHAOS:
        this.applyChaos(this.chaosCommands[a]);
        break;
      case EV_TICK:
        this.tick();
        break;
      case EV_WARMUP_END:
        this.endWarmup();
        break;
      default:
        kinds.kindEvent(this, type, a, b);
    }
  }

  private isAt(c: number, generation: number, state: number): boolean {
    return this.pool.generation[c] === generation && this.pool.state[c] === state;
  }

  private advanceLine(index: number): void {
    const line = this.lines[index];
    const head = line.head;
    const type = line.type[head];
    const a = line.a[head];
    const b = line.b[head];
    line.shift();
    // Timeouts whose call already finished are dropped here without touching the heap.
    while (line.length > 0) {
      const next = line.head;
      if (line.type[next] === EV_TIMEOUT && this.timeoutIsStale(line.a[next], line.b[next])) {
        line.shift();
        continue;
      }
      this.pushEvent(line.time[next], line.seq[next], EV_LINE, index, 0);
      break;
    }
    this.dispatch(type, a, b);
  }

  // ————————————————————————————— calls —————————————————————————————

  /** A new call record for a request that starts at a client (or a background write). */
  newCall(node: number, instance: number, operation: number, key: number, user: number): number {
    const pool = this.pool;
    const c = pool.allocate();
    pool.node[c] = node;
    pool.instance[c] = instance;
    pool.edge[c] = -1;
    pool.operation[c] = operation;
    pool.key[c] = key;
    pool.user[c] = user;
    pool.hops[c] = 0;
    pool.arriveMs[c] = this.now;
    return c;
  }

  /**
   * Sends a call from `from` over edge e. Synchronous: the caller waits for it (child of from).
   * Async edges (and detached sends) make a call nobody waits for. Returns the new call.
   * forcedInstance: the instance a load balancer or queue chose (-1: the receiving node routes).
   * delayMs: work the sender does before the call leaves (a proxy's fixed overhead rides on the
   * transit instead of costing an event of its own).
   */
  sendCall(from: number, e: number, forcedInstance: number, detached: boolean, delayMs = 0): number {
    const pool = this.pool;
    if (pool.inUse >= MAX_LIVE_CALLS) {
      // A runaway design (say, async fan-out in a cycle): refuse more work instead of exhausting
      // memory. The call is lost on the wire; a waiting caller times out.
      this.overloadDrops++;
      if (this.overloadDrops === 1)
        this.addLog('overload', this.nodes[this.edgeTo[e]].id, { liveCalls: pool.inUse });
      const lost = pool.allocate();
      pool.state[lost] = S_LOST;
      pool.node[lost] = this.edgeTo[e];
      pool.edge[lost] = e;
      if (detached || this.edgeAsync[e] === 1) pool.release(lost);
      else {
        pool.parent[lost] = from;
        pool.parentGeneration[lost] = pool.generation[from];
        pool.child[from] = lost;
        pool.sentMs[from] = this.now + delayMs;
      }
      return lost;
    }
    const c = pool.allocate();
    const isDetached = detached || this.edgeAsync[e] === 1;
    pool.node[c] = this.edgeTo[e];
    pool.instance[c] = forcedInstance;
    pool.edge[c] = e;
    pool.operation[c] = pool.operation[from];
    pool.key[c] = pool.key[from];
    pool.user[c] = pool.user[from];
    pool.hops[c] = Math.min(255, pool.hops[from] + 1);
    if (!isDetached) {
      pool.parent[c] = from;
      pool.parentGeneration[c] = pool.generation[from];
      pool.child[from] = c;
      // The sender's own work (a proxy's overhead) ends when the call leaves.
      pool.sentMs[from] = this.now + delayMs;
      pool.trace[c] = pool.trace[from];
    }
    this.edgeSent[e]++;
    if (this.edgeCut[e] === 1) {
      if (isDetached) pool.release(c);
      else pool.state[c] = S_LOST;
      return c;
    }
    pool.state[c] = S_TRANSIT;
    this.scheduleOnLine(
      this.forwardLine(e),
      this.now + delayMs + this.edgeLatencyMs[e],
      EV_TRANSIT,
      c,
      pool.generation[c],
    );
    return c;
  }

  /** A call reaches its node (its instance is chosen now unless a balancer chose it). */
  private arrive(c: number): void {
    const pool = this.pool;
    const e = pool.edge[c];
    if (e >= 0 && this.edgeCut[e] === 1) {
      // The partition began while it was on the wire.
      if (pool.parent[c] >= 0) pool.state[c] = S_LOST;
      else pool.release(c);
      return;
    }
    const node = this.nodes[pool.node[c]];
    let instance = pool.instance[c];
    if (instance < 0 || instance >= node.instanceCount) {
      instance = this.routeInstance(node, c);
      pool.instance[c] = instance;
    }
    this.countArrival(node, instance);
    pool.arriveMs[c] = this.now;
    if (pool.hops[c] > HOP_LIMIT) {
      this.finishCall(c, false, R_LOOP, true);
      return;
    }
    const state = node.instanceState[instance];
    if (state === I_DEAD) {
      kinds.arriveAtDeadInstance(this, node, c);
      return;
    }
    if (state === I_HUNG) {
      // A black hole: it sits here and the caller times out.
      pool.state[c] = S_PARKED;
      return;
    }
    kinds.arrive(this, node, c);
  }

  /** Which instance serves a call that no balancer placed. */
  private routeInstance(node: NodeRuntime, c: number): number {
    return kinds.routeInstance(this, node, c);
  }

  /**
   * A call is done at its node: count it, then send the response back over its edge (or drop
   * the record when nobody waits). `originated`: the failure started here (not downstream).
   */
  finishCall(c: number, ok: boolean, reason: number, originated: boolean): void {
    const pool = this.pool;
    const node = this.nodes[pool.node[c]];
    this.countDeparture(node, c, ok, reason, originated);
    // The call has answered: its sentMs now holds when (the hop entry reads it, trace.ts).
    pool.sentMs[c] = this.now;
    if (!ok && originated && pool.trace[c] >= 0) this.traceOrigin(pool.trace[c], node.index, reason);
    if (pool.flags[c] & F_AT_MOST_ONCE && !ok && reason === R_UNAVAILABLE) {
      // Work on an at-most-once message died with its consumer: the message is gone.
      const source = pool.tag[c];
      if (source >= 0) this.nodes[source].counters[C_MESSAGES_LOST]++;
    }
    const parent = pool.parent[c];
    if (parent < 0) {
      pool.release(c);
      return;
    }
    const e = pool.edge[c];
    pool.result[c] = ok ? 0 : 1 + reason;
    if (e < 0) {
      pool.release(c);
      return;
    }
    if (this.edgeCut[e] === 1) {
      pool.state[c] = S_LOST;
      pool.flags[c] |= F_ANSWERED;
      return;
    }
    pool.state[c] = S_RESPONDING;
    this.scheduleOnLine(
      this.backLine(e),
      this.now + this.edgeLatencyMs[e],
      EV_RESPONSE,
      c,
      pool.generation[c],
    );
  }

  /** A response arrives back at the caller. */
  private deliverResponse(c: number): void {
    const pool = this.pool;
    const e = pool.edge[c];
    if (this.edgeCut[e] === 1) {
      pool.state[c] = S_LOST;
      pool.flags[c] |= F_ANSWERED;
      return;
    }
    const parent = pool.parent[c];
    const result = pool.result[c];
    const version = pool.version[c];
    if (parent < 0 || pool.generation[parent] !== pool.parentGeneration[c] || pool.child[parent] !== c) {
      pool.release(c);
      return;
    }
    pool.child[parent] = -1;
    if (pool.trace[c] >= 0) this.traceDelivered(c, pool.trace[c], parent);
    pool.release(c);
    if (result !== 0) this.edgeFailed[e]++;
    if (this.parkIfHung(parent)) return;
    this.childResponse(parent, result === 0, result === 0 ? 0 : result - 1, version);
  }

  private timeoutIsStale(c: number, generation: number): boolean {
    const pool = this.pool;
    if (pool.generation[c] !== generation || pool.state[c] === S_FREE) return true;
    const parent = pool.parent[c];
    return parent < 0 || pool.child[parent] !== c || pool.generation[parent] !== pool.parentGeneration[c];
  }

  /** The caller's timeout on a downstream call fired before the response came back. */
  private timeout(c: number, generation: number): void {
    if (this.timeoutIsStale(c, generation)) return;
    const pool = this.pool;
    const parent = pool.parent[c];
    if (pool.trace[parent] >= 0) this.traceInterrupted(parent, c);
    pool.child[parent] = -1;
    const e = pool.edge[c];
    if (e >= 0) this.edgeFailed[e]++;
    this.orphan(c);
    if (this.parkIfHung(parent)) return;
    this.childResponse(parent, false, R_TIMEOUT, 0);
  }

  /**
   * The caller gave up on c. A server keeps working on it (that wasted work is what makes retry
   * storms metastable); a proxy waiting on its own downstream call abandons it, so no record is
   * left waiting for a response that can never matter.
   */
  orphan(c: number): void {
    const pool = this.pool;
    if (pool.trace[c] >= 0) this.traceDetach(c);
    pool.parent[c] = -1;
    pool.flags[c] |= F_ORPHAN;
    const state = pool.state[c];
    if (state === S_LOST) {
      pool.release(c);
      return;
    }
    const node = this.nodes[pool.node[c]];
    if (kinds.isProxy(node.kindCode) && (state === S_DOWNSTREAM || state === S_DELAY)) {
      const grandchild = pool.child[c];
      pool.child[c] = -1;
      kinds.abandon(this, node, c);
      this.countDeparture(this.nodes[pool.node[c]], c, false, R_TIMEOUT, false);
      pool.release(c);
      if (grandchild >= 0) this.orphan(grandchild);
    }
  }

  /** Routes a downstream response (or failure) to what the waiting call's node does next. */
  private childResponse(c: number, ok: boolean, reason: number, version: number): void {
    const pool = this.pool;
    const node = this.nodes[pool.node[c]];
    pool.downstreamMs[c] += this.now - pool.sentMs[c];
    kinds.childResponse(this, node, c, ok, reason, version);
  }

  private delayDone(c: number): void {
    kinds.delayDone(this, this.nodes[this.pool.node[c]], c);
  }

  private retry(c: number): void {
    const node = this.nodes[this.pool.node[c]];
    kinds.retry(this, node, c);
  }

  /** Events for a call inside a hung instance go nowhere: the call stays stuck there. */
  private parkIfHung(c: number): boolean {
    if (this.hungInstances === 0) return false;
    const pool = this.pool;
    const node = this.nodes[pool.node[c]];
    const instance = pool.instance[c];
    if (instance >= 0 && instance < node.instanceCount && node.instanceState[instance] === I_HUNG) {
      pool.state[c] = S_PARKED;
      return true;
    }
    return false;
  }

  /** Picks one of several edges by weight (clients, gateways, caches to their origin). */
  pickWeighted(node: NodeRuntime, edges: Int32Array, cumulativeWeights: Float64Array): number {
    const n = edges.length;
    if (n === 0) return -1;
    if (n === 1) return edges[0];
    const total = cumulativeWeights[n - 1];
    if (!(total > 0)) return edges[node.rng.below(n)];
    const x = node.rng.next() * total;
    for (let i = 0; i < n; i++) if (x < cumulativeWeights[i]) return edges[i];
    return edges[n - 1];
  }

  matchingEdges(node: NodeRuntime, operation: number): Int32Array {
    return operation === OP_READ ? node.readEdges : node.writeEdges;
  }
  matchingWeights(node: NodeRuntime, operation: number): Float64Array {
    return operation === OP_READ ? node.readWeights : node.writeWeights;
  }

  // ————————————————————————————— request traces (explainSlowest) —————————————————————————————

  /**
   * A client request starts: trace it? The first TRACE_ALL_REQUESTS requests after warm-up all
   * are; after that one in TRACE_SAMPLE_EVERY, picked by a hash of the request's number (not by
   * position: round-robin routing would align with a fixed stride), and weighted by that factor,
   * so the tail's means stay unbiased while a long run costs a sixteenth as much.
   */
  beginTrace(c: number): void {
    const n = ++this.requestsTraceable;
    let weight = 1;
    if (n > TRACE_ALL_REQUESTS) {
      if ((mix32(n) & (TRACE_SAMPLE_EVERY - 1)) !== 0) {
        this.pool.trace[c] = -1;
        return;
      }
      weight = TRACE_SAMPLE_EVERY;
    }
    const t = this.traces.allocate();
    this.pool.trace[c] = t;
    if (t >= 0) this.traces.weight[t] = weight;
  }

  // On the hot path a traced call costs two writes (its trace when sent, its finish time when it
  // answers) and one hop entry when its response reaches the caller, computed from the call's own
  // record: the caller's sentMs is still the call's departure then (a caller waits for one call
  // at a time), and a finished call's sentMs (unused once it has answered) holds its finish time.
  // A call still attached to its caller belongs to a live request: a caller that stops waiting
  // detaches the call and everything below it (traceDetach), so no generation checks are needed.

  /** The response reached the waiting caller: the hop's entry, from the call's own record. */
  private traceDelivered(c: number, t: number, parent: number): void {
    const traces = this.traces;
    const k = traces.hopCount[t];
    if (k >= TRACE_HOPS) {
      traces.truncated[t] = 1;
      return;
    }
    traces.hopCount[t] = k + 1;
    const pool = this.pool;
    const node = pool.node[c];
    const arriveMs = pool.arriveMs[c];
    const responseMs = pool.sentMs[c] - arriveMs;
    const departMs = pool.sentMs[parent];
    const downstreamMs = pool.downstreamMs[c];
    const startMs = pool.startMs[c];
    let queueMs = 0;
    const queueKind = this.queueKind[node];
    if (queueKind !== kinds.HOP_NO_QUEUE) {
      // Waiting for a worker; a call that never got one waited the whole time. A service's time
      // beyond its service time and its calls is retry backoff: waiting too. (A database's is
      // waiting for replication acknowledgements: part of the write, so service.)
      queueMs = startMs >= 0 ? startMs - arriveMs : responseMs;
      if (startMs >= 0 && queueKind === kinds.HOP_SERVICE)
        queueMs = responseMs - pool.serviceMs[c] - downstreamMs;
    }
    const hop = t * TRACE_HOPS + k;
    traces.hopNode[hop] = node;
    traces.hopDepartMs[hop] = departMs;
    traces.hopDepth[hop] = pool.hops[c];
    traces.hopQueueMs[hop] = queueMs;
    traces.hopServiceMs[hop] = responseMs - queueMs - downstreamMs;
    traces.hopNetworkMs[hop] = this.now - departMs - responseMs;
  }

  /** Where a failure started (the latest one in the request wins: earlier ones were retried). */
  private traceOrigin(t: number, node: number, reason: number): void {
    const traces = this.traces;
    traces.originNode[t] = node;
    traces.originReason[t] = reason;
    traces.originMs[t] = this.now;
  }

  /**
   * The caller stopped waiting for c (a timeout): entries for c and the calls below it, from
   * where each one is now; the deepest of them is where the request got stuck (the origin).
   */
  private traceInterrupted(parent: number, c: number): void {
    const pool = this.pool;
    const t = pool.trace[parent];
    let x = c;
    let caller = parent;
    for (let depth = 0; depth <= HOP_LIMIT + 1; depth++) {
      if (pool.trace[x] === t) this.interruptedHop(t, x, caller);
      const child = pool.child[x];
      if (child < 0 || pool.parent[child] !== x || pool.parentGeneration[child] !== pool.generation[x]) break;
      caller = x;
      x = child;
    }
    this.traceOrigin(t, pool.node[x], R_TIMEOUT);
  }

  private interruptedHop(t: number, x: number, caller: number): void {
    const traces = this.traces;
    const k = traces.hopCount[t];
    if (k >= TRACE_HOPS) {
      traces.truncated[t] = 1;
      return;
    }
    traces.hopCount[t] = k + 1;
    const hop = t * TRACE_HOPS + k;
    const pool = this.pool;
    const departMs = pool.sentMs[caller];
    const callState = pool.state[x];
    traces.hopNode[hop] = pool.node[x];
    traces.hopDepartMs[hop] = departMs;
    traces.hopDepth[hop] = pool.hops[x];
    if (callState === S_RESPONDING || (callState === S_LOST && (pool.flags[x] & F_ANSWERED) !== 0)) {
      // It had answered; the response was on its way back (or lost on a cut edge).
      const arriveMs = pool.arriveMs[x];
      const responseMs = pool.sentMs[x] - arriveMs;
      const startMs = pool.startMs[x];
      const queueMs =
        this.nodes[pool.node[x]].workersTotal > 0 ? (startMs >= 0 ? startMs - arriveMs : responseMs) : 0;
      traces.hopQueueMs[hop] = queueMs;
      traces.hopServiceMs[hop] = responseMs - queueMs - pool.downstreamMs[x];
      traces.hopNetworkMs[hop] = this.now - departMs - responseMs;
      return;
    }
    if (callState === S_TRANSIT || callState === S_LOST) {
      // Still on the wire, or dropped by a cut edge: all of it is network.
      traces.hopQueueMs[hop] = 0;
      traces.hopServiceMs[hop] = 0;
      traces.hopNetworkMs[hop] = Math.max(0, this.now - departMs);
      return;
    }
    const arriveMs = pool.arriveMs[x];
    const atNodeMs = this.now - arriveMs;
    const startMs = pool.startMs[x];
    let downstreamMs = pool.downstreamMs[x];
    if (pool.child[x] >= 0) downstreamMs += Math.max(0, this.now - pool.sentMs[x]);
    const ownMs = atNodeMs - downstreamMs;
    const node = this.nodes[pool.node[x]];
    let queueMs = 0;
    if (node.workersTotal > 0) {
      queueMs = startMs >= 0 ? startMs - arriveMs : atNodeMs;
      if (startMs >= 0 && kinds.startsServiceHop(node.kindCode))
        queueMs = ownMs - Math.min(ownMs - queueMs, pool.serviceMs[x]);
    }
    traces.hopQueueMs[hop] = queueMs;
    traces.hopServiceMs[hop] = ownMs - queueMs;
    traces.hopNetworkMs[hop] = arriveMs - departMs;
  }

  /**
   * Nobody waits for c any more: it and the calls below it leave the request's trace (the
   * caller's own time covers what they spent, or the timeout already closed their entries).
   */
  private traceDetach(c: number): void {
    const pool = this.pool;
    let x = c;
    for (let depth = 0; depth <= HOP_LIMIT + 1 && x >= 0; depth++) {
      pool.trace[x] = -1;
      const child = pool.child[x];
      if (child < 0 || pool.parent[child] !== x || pool.parentGeneration[child] !== pool.generation[x]) break;
      x = child;
    }
  }

  /** A client request is over: fold its trace into the tail tables, then free it. */
  traceRequestEnd(c: number, ok: boolean, reason: number, originated: boolean, latencyMs: number): void {
    const pool = this.pool;
    const t = pool.trace[c];
    if (t < 0) return;
    const traces = this.traces;
    if (this.warmedUp) this.accountTrace(pool.node[c], t, ok, reason, originated, latencyMs);
    traces.release(t);
    pool.trace[c] = -1;
  }

  private accountTrace(
    root: number,
    t: number,
    ok: boolean,
    reason: number,
    originated: boolean,
    latencyMs: number,
  ): void {
    const traces = this.traces;
    const hops = traces.hopCount[t];
    const base = t * TRACE_HOPS;
    const universal = this.universal;
    // The distinct nodes the request passed through, in first-visit order (the client first).
    const stamp = ++this.traceStampNow;
    const seen = this.traceStamp;
    const first = this.hopFirst;
    seen[root] = stamp;
    let universalSeen = universal[root];
    for (let k = 0; k < hops; k++) {
      const n = traces.hopNode[base + k];
      if (seen[n] === stamp) first[k] = 0;
      else {
        seen[n] = stamp;
        first[k] = 1;
        universalSeen += universal[n];
      }
    }
    if (universalSeen < this.universalCount) this.splitMissed(stamp);
    const weight = traces.weight[t];
    if (!ok) {
      let origin = traces.originNode[t];
      let why = traces.originReason[t];
      let atMs = traces.originMs[t];
      if (originated || origin < 0) {
        origin = root;
        why = reason;
        atMs = this.now;
      }
      this.slowest.addFailure(origin, why, atMs, weight);
      if (universal[root] === 0) this.passingThrough(root).table.addFailure(origin, why, atMs, weight);
      for (let k = 0; k < hops; k++) {
        const n = traces.hopNode[base + k];
        if (first[k] === 1 && universal[n] === 0)
          this.passingThrough(n).table.addFailure(origin, why, atMs, weight);
      }
      return;
    }
    const complete = traces.truncated[t] === 0;
    if (complete && latencyMs >= this.slowestThresholdMs) this.addTail(this.slowest, root, t, latencyMs);
    if (universal[root] === 0) this.addPassThrough(root, root, t, latencyMs, complete);
    for (let k = 0; k < hops; k++) {
      const n = traces.hopNode[base + k];
      if (first[k] === 1 && universal[n] === 0) this.addPassThrough(n, root, t, latencyMs, complete);
    }
  }

  private addPassThrough(node: number, root: number, t: number, latencyMs: number, complete: boolean): void {
    const through = this.passingThrough(node);
    through.latency.recordWeighted(latencyMs, this.traces.weight[t]);
    if (complete && latencyMs >= through.thresholdMs) this.addTail(through.table, root, t, latencyMs);
  }

  /** A request missed some nodes every earlier request passed through: they get their own tail. */
  private splitMissed(stamp: number): void {
    for (let n = 0; n < this.nodes.length; n++) {
      if (this.universal[n] === 0 || this.traceStamp[n] === stamp) continue;
      this.universal[n] = 0;
      this.universalCount--;
      const through = this.passingThrough(n);
      through.latency.reset();
      through.latency.merge(this.endToEnd);
      through.latency.merge(this.endToEndWindow);
      through.thresholdMs = this.slowestThresholdMs;
      through.table.copyFrom(this.slowest);
    }
  }

  private passingThrough(node: number): PassThrough {
    return (this.passThrough[node] ??= new PassThrough());
  }

  private addTail(table: TailTable, root: number, t: number, latencyMs: number): void {
    const traces = this.traces;
    const hops = traces.hopCount[t];
    const base = t * TRACE_HOPS;
    // Path order: entries were written as responses came back; a call leaves before the calls
    // it makes, so departure time (then depth, for zero-latency hops) is first-visit order.
    const order = this.hopOrder;
    for (let k = 0; k < hops; k++) {
      const departMs = traces.hopDepartMs[base + k];
      const depth = traces.hopDepth[base + k];
      let j = k;
      while (j > 0) {
        const prev = base + order[j - 1];
        const prevMs = traces.hopDepartMs[prev];
        if (prevMs < departMs || (prevMs === departMs && traces.hopDepth[prev] <= depth)) break;
        order[j] = order[j - 1];
        j--;
      }
      order[j] = k;
    }
    const weight = traces.weight[t];
    table.samples++;
    table.weight += weight;
    table.endToEndSumMs += weight * latencyMs;
    const stamp = ++this.orderStampNow;
    const seen = this.orderStamp;
    let position = 1;
    let accounted = 0;
    for (let j = 0; j < hops; j++) {
      const e = base + order[j];
      const n = traces.hopNode[e];
      const slot = table.slot(n);
      const queueMs = traces.hopQueueMs[e];
      const serviceMs = traces.hopServiceMs[e];
      const networkMs = traces.hopNetworkMs[e];
      table.queueMs[slot] += weight * queueMs;
      table.serviceMs[slot] += weight * serviceMs;
      table.networkMs[slot] += weight * networkMs;
      table.visits[slot] += weight;
      if (seen[n] !== stamp) {
        seen[n] = stamp;
        table.positionSum[slot] += weight * position++;
        table.present[slot] += weight;
      }
      accounted += queueMs + serviceMs + networkMs;
    }
    // The client's own time: backing off between retries (waiting, so queueing).
    const slot = table.slot(root);
    table.queueMs[slot] += weight * (latencyMs - accounted);
    table.visits[slot] += weight;
    table.present[slot] += weight;
  }

  /** Tail thresholds: the running end-to-end p99, overall and per node passed through. */
  private refreshTailThresholds(): void {
    if (!this.warmedUp) return;
    // Once there are many samples the p99 moves slowly: every 10 s is enough.
    if (this.endToEnd.count > 100 * TAIL_MIN_SAMPLES && Math.round(this.now / BUCKET_MS) % 10 !== 0) return;
    if (this.endToEnd.count >= TAIL_MIN_SAMPLES) this.slowestThresholdMs = this.endToEnd.quantile(0.99);
    for (let n = 0; n < this.passThrough.length; n++) {
      const through = this.passThrough[n];
      if (through && this.universal[n] === 0 && through.latency.count >= TAIL_MIN_SAMPLES)
        through.thresholdMs = through.latency.quantile(0.99);
    }
  }

  // ————————————————————————————— metrics bookkeeping —————————————————————————————

  // Time integrals of the levels (busy workers, waiting, at the node, available workers) without
  // work at every change: a level L that changes by δ at time t keeps area −= δ·t, so that
  // ∫₀ᵀ L dt = area + L(T)·T (each unit adds its departure time and subtracts its arrival time).
  // A change costs one multiply-add; touch() writes the integrals into the counters when read.
  changeBusy(node: NodeRuntime, delta: number): void {
    node.busyTotal += delta;
    node.busyArea -= delta * this.now;
  }
  changeQueued(node: NodeRuntime, delta: number): void {
    node.queuedTotal += delta;
    node.queuedArea -= delta * this.now;
  }
  setQueued(node: NodeRuntime, level: number): void {
    this.changeQueued(node, level - node.queuedTotal);
  }

  /** Brings the node's time integrals in its counters up to now (before reading them). */
  touch(node: NodeRuntime): void {
    const now = this.now;
    const counters = node.counters;
    counters[C_BUSY_INTEGRAL] = node.busyArea + node.busyTotal * now;
    counters[C_QUEUE_INTEGRAL] = node.queuedArea + node.queuedTotal * now;
    counters[C_IN_NODE_INTEGRAL] = node.inNodeArea + node.inNode * now;
    counters[C_CAPACITY_INTEGRAL] = node.workersArea + node.workersTotal * now;
  }

  /** Records a new queue length high-water mark. */
  noteQueued(node: NodeRuntime): void {
    if (node.queuedTotal > node.maxQueuedSinceWarmup) node.maxQueuedSinceWarmup = node.queuedTotal;
    if (node.queuedTotal > node.maxQueuedInWindow) node.maxQueuedInWindow = node.queuedTotal;
  }

  countArrival(node: NodeRuntime, instance: number): void {
    node.inNode++;
    node.inNodeArea -= this.now;
    node.counters[C_ARRIVALS]++;
    node.instanceCounters[instance * INSTANCE_COUNTERS + IC_ARRIVALS]++;
  }

  countDeparture(node: NodeRuntime, c: number, ok: boolean, reason: number, originated: boolean): void {
    const pool = this.pool;
    node.inNode--;
    node.inNodeArea += this.now;
    const counters = node.counters;
    const instance = pool.instance[c];
    const responseMs = this.now - pool.arriveMs[c];
    if (ok) {
      counters[C_COMPLETED]++;
      if (instance >= 0 && instance < node.instanceCount)
        node.instanceCounters[instance * INSTANCE_COUNTERS + IC_COMPLETED]++;
    } else {
      counters[C_FAILED + reason]++;
      if (instance >= 0 && instance < node.instanceCount)
        node.instanceCounters[instance * INSTANCE_COUNTERS + IC_FAILED]++;
      if (originated) {
        counters[C_ORIGINATED + reason]++;
        if (node.firstFailureMs < 0 && this.warmedUp) node.firstFailureMs = this.now;
      }
    }
    counters[C_RESPONSE_SUM] += responseMs;
    counters[C_RESPONSE_COUNT]++;
    counters[C_SERVICE_SUM] += pool.serviceMs[c];
    counters[C_DOWNSTREAM_SUM] += pool.downstreamMs[c];
    node.windowLatency.record(responseMs); // folded into node.latency every bucket
    if (responseMs >= node.tailThresholdMs) {
      // The slowest 1% at this node: where did their time go? (explain())
      counters[C_TAIL_COUNT]++;
      counters[C_TAIL_WAIT] += pool.startMs[c] >= 0 ? pool.startMs[c] - pool.arriveMs[c] : 0;
      counters[C_TAIL_SERVICE] += pool.serviceMs[c];
      counters[C_TAIL_DOWNSTREAM] += pool.downstreamMs[c];
    }
  }

  /** A client request is over: end-to-end accounting. */
  countRequestEnd(ok: boolean, reason: number, latencyMs: number): void {
    if (ok) {
      this.globalCounters[G_COMPLETED]++;
      this.endToEndWindow.record(latencyMs); // folded into endToEnd every bucket
    } else this.globalCounters[G_FAILED + reason]++;
  }

  addLog(type: LogType, target: string, fields: Record<string, number | string> = {}): void {
    if (this.log.length >= LOG_LIMIT) {
      this.logDropped++;
      return;
    }
    this.log.push({ t: this.now, type, target, ...fields } as LogEntry);
  }

  address(node: NodeRuntime, instance: number): string {
    return `${node.id}:${instance}`;
  }

  private endWarmup(): void {
    this.warmedUp = true;
    for (const node of this.nodes) {
      this.touch(node);
      const counters = node.counters;
      // Requests still in flight count as arrivals, so arrivals = completed + failed + in flight.
      const inFlight = counters[C_ARRIVALS] - counters[C_COMPLETED] - this.sumFailed(counters);
      node.warmupSnapshot.set(counters);
      node.warmupSnapshot[C_ARRIVALS] -= inFlight;
      node.latency.reset();
      // The window gauges are live: the second in progress keeps its samples for its gauges and
      // series (set aside, merged back at the tick), only the run totals start afresh.
      if (node.windowLatency.count > 0) {
        node.warmupCarry = node.windowLatency;
        node.windowLatency = new LatencyHistogram();
      }
      node.maxQueuedSinceWarmup = node.queuedTotal;
      node.oldestAgeMaxSinceWarmup = 0;
      node.firstFailureMs = -1;
    }
    const inFlightRequests =
      this.globalCounters[G_REQUESTS] -
      this.globalCounters[G_COMPLETED] -
      this.sumGlobalFailed(this.globalCounters);
    this.globalWarmupSnapshot.set(this.globalCounters);
    this.globalWarmupSnapshot[G_REQUESTS] -= inFlightRequests;
    this.endToEnd.reset();
    if (this.endToEndWindow.count > 0) {
      this.endToEndWarmupCarry = this.endToEndWindow;
      this.endToEndWindow = new LatencyHistogram();
    }
    this.slowest.reset();
    this.slowestThresholdMs = Infinity;
    this.requestsTraceable = 0;
    // Every node's pass-through set is empty again, hence equal to the whole design's.
    this.universal.fill(1);
    this.universalCount = this.nodes.length;
  }

  sumFailed(counters: Float64Array, base = C_FAILED): number {
    let sum = 0;
    for (let r = 0; r < FAILURE_REASONS.length; r++) sum += counters[base + r];
    return sum;
  }
  sumGlobalFailed(counters: Float64Array): number {
    return this.sumFailed(counters, G_FAILED);
  }

  /** Every second of sim time: close the metrics bucket, refresh gauges, check the SLO. */
  private tick(): void {
    for (const node of this.nodes) {
      this.touch(node);
      kinds.tick(this, node);
      // The window just closed becomes the last window (its percentiles are read on demand by
      // gauges); the older one is emptied to collect the next second. Run totals first: samples
      // from before warm-up ended join the closed window only after.
      const closed = node.windowLatency;
      node.latency.merge(closed);
      if (node.warmupCarry) {
        closed.merge(node.warmupCarry);
        node.warmupCarry = null;
      }
      node.series.add(
        node.counters,
        node.tickSnapshot,
        closed,
        node.maxQueuedInWindow,
        node.oldestAgeMaxInWindow,
        BUCKET_MS,
      );
      for (let i = 0; i < node.counters.length; i++)
        node.lastWindow[i] = node.counters[i] - node.tickSnapshot[i];
      node.tickSnapshot.set(node.counters);
      node.windowLatency = node.lastWindowLatency;
      node.windowLatency.reset();
      node.lastWindowLatency = closed;
      // The tail threshold (running p99) is refreshed every 10 s of sim time: it moves slowly.
      if (node.latency.count >= 100 && Math.round(this.now / BUCKET_MS) % 10 === 1)
        node.tailThresholdMs = node.latency.quantile(0.99);
      node.maxQueuedInWindow = node.queuedTotal;
      node.oldestAgeMaxInWindow = 0;
      for (let i = 0; i < node.instanceCount * INSTANCE_COUNTERS; i++) {
        node.instanceLastWindow[i] = node.instanceCounters[i] - node.instanceTickSnapshot[i];
        node.instanceTickSnapshot[i] = node.instanceCounters[i];
      }
    }
    for (let e = 0; e < this.edgeIds.length; e++) {
      this.edgeLastWindow[2 * e] = this.edgeSent[e] - this.edgeTickSnapshot[2 * e];
      this.edgeLastWindow[2 * e + 1] = this.edgeFailed[e] - this.edgeTickSnapshot[2 * e + 1];
      this.edgeTickSnapshot[2 * e] = this.edgeSent[e];
      this.edgeTickSnapshot[2 * e + 1] = this.edgeFailed[e];
    }
    for (let i = 0; i < GLOBAL_COUNTERS; i++) {
      this.globalLastWindow[i] = this.globalCounters[i] - this.globalTickSnapshot[i];
      this.globalTickSnapshot[i] = this.globalCounters[i];
    }
    const closed = this.endToEndWindow;
    this.endToEnd.merge(closed);
    if (this.endToEndWarmupCarry) {
      closed.merge(this.endToEndWarmupCarry);
      this.endToEndWarmupCarry = null;
    }
    this.endToEndWindow = this.endToEndLastWindow;
    this.endToEndWindow.reset();
    this.endToEndLastWindow = closed;
    this.checkSlo();
    this.refreshTailThresholds();
    if (this.now + BUCKET_MS <= this.durationMs + BUCKET_MS)
      this.schedule(this.now + BUCKET_MS, EV_TICK, 0, 0);
  }

  private checkSlo(): void {
    const slo = this.design.slo;
    if (!slo || !this.warmedUp) return;
    const completed = this.globalLastWindow[G_COMPLETED];
    const failed = this.sumGlobalFailed(this.globalLastWindow);
    const errorRate = completed + failed > 0 ? failed / (completed + failed) : 0;
    // p99 ≤ max: the percentile is only needed when the slowest request broke the target.
    const window = this.endToEndLastWindow;
    const p99Ms = completed > 0 && window.maxMs > slo.p99Ms ? window.quantile(0.99) : 0;
    const breached = p99Ms > slo.p99Ms || errorRate > slo.maxErrorRate;
    if (breached && !this.sloBreached) {
      // With nothing completed in the second there is no p99 to report (every request failed or
      // is still waiting): the entry says so with completed 0 rather than claiming 0 ms.
      const fields: Record<string, number> = {};
      if (completed > 0) fields.p99Ms = round(window.quantile(0.99), 3);
      fields.errorRate = round(errorRate, 5);
      fields.throughputRps = completed / (BUCKET_MS / 1000);
      fields.completed = completed;
      this.addLog('sloBreach', 'slo', fields);
    }
    this.sloBreached = breached;
  }

  // ————————————————————————————— chaos —————————————————————————————

  /** Schedules a chaos command at a sim time (scenario events; live chaos uses now). */
  chaosAt(timeMs: number, command: ChaosCommand): void {
    this.chaosCommands.push({ ...command });
    this.schedule(Math.max(timeMs, this.now), EV_CHAOS, this.chaosCommands.length - 1, 0);
  }

  /** Live chaos: applied at the current sim time, in event order. */
  chaos(command: ChaosCommand): void {
    this.chaosAt(this.now, command);
  }

  /** Resolves a chaos target: an edge id, a node id, or `nodeId:i`. */
  resolveTarget(target: string): { edge: number } | { node: NodeRuntime; instances: number[] } | null {
    const edge = this.edgeIndex.get(target);
    if (edge !== undefined) return { edge };
    const nodeIndex = this.nodeIndex.get(target);
    if (nodeIndex !== undefined) {
      const node = this.nodes[nodeIndex];
      return { node, instances: Array.from({ length: node.instanceCount }, (_, i) => i) };
    }
    const colon = target.lastIndexOf(':');
    if (colon > 0) {
      const owner = this.nodeIndex.get(target.slice(0, colon));
      const instance = Number(target.slice(colon + 1));
      if (
        owner !== undefined &&
        Number.isInteger(instance) &&
        instance >= 0 &&
        instance < this.nodes[owner].instanceCount
      )
        return { node: this.nodes[owner], instances: [instance] };
    }
    return null;
  }

  private applyChaos(command: PendingChaos): void {
    const resolved = this.resolveTarget(command.target);
    const fields: Record<string, number | string> = {};
    if (command.factor !== undefined) fields.factor = command.factor;
    if (command.durationS !== undefined && !command.revert) fields.durationS = command.durationS;
    if (!resolved) {
      this.addLog(command.action, command.target, { ...fields, ignored: 'unknown target' });
      return;
    }
    this.addLog(command.action, command.target, fields);
    const revertAfter = (action: ChaosAction, extra: Partial<ChaosCommand> = {}) => {
      if (command.durationS !== undefined && command.durationS > 0 && !command.revert) {
        this.chaosCommands.push({ action, target: command.target, revert: true, ...extra });
        this.schedule(this.now + command.durationS * 1000, EV_CHAOS, this.chaosCommands.length - 1, 0);
      }
    };
    if ('edge' in resolved) {
      if (command.action === 'cut') {
        this.edgeCut[resolved.edge] = 1;
        revertAfter('heal');
      } else if (command.action === 'heal') this.edgeCut[resolved.edge] = 0;
      return;
    }
    const { node, instances } = resolved;
    switch (command.action) {
      case 'kill':
        for (const i of instances) this.killInstance(node, i);
        revertAfter('restart');
        break;
      case 'hang':
        for (const i of instances)
          if (node.instanceState[i] === I_UP) {
            node.instanceState[i] = I_HUNG;
            this.hungInstances++;
          }
        revertAfter('restart');
        break;
      case 'restart':
        for (const i of instances) this.restartInstance(node, i);
        break;
      case 'slow':
        for (const i of instances) node.slowFactor[i] = command.factor ?? 2;
        revertAfter('slow', { factor: 1 });
        break;
      case 'spike': {
        const clients = kinds.originatesRequests(node.kindCode)
          ? [node]
          : this.nodes.filter((n) => kinds.originatesRequests(n.kindCode));
        for (const c of clients) kinds.spike(this, c, command.factor ?? 2);
        revertAfter('spike', { factor: 1 });
        break;
      }
      case 'flush':
        for (const i of instances) kinds.flushInstance(this, node, i);
        break;
      case 'cut':
      case 'heal':
        break;
    }
  }

  /** Every call held by an instance (queued, in service, waiting downstream, stuck). */
  private callsAt(node: NodeRuntime, instance: number): number[] {
    const pool = this.pool;
    const found: number[] = [];
    for (let c = 0; c < pool.highWater; c++) {
      const state = pool.state[c];
      if (state === S_FREE || state === S_TRANSIT || state === S_RESPONDING || state === S_LOST) continue;
      if (pool.node[c] === node.index && pool.instance[c] === instance) found.push(c);
    }
    return found;
  }

  /** Fails everything an instance holds (its connections reset) and empties its queues. */
  dropInstanceWork(node: NodeRuntime, instance: number): void {
    const pool = this.pool;
    kinds.dropWork(this, node);
    for (const c of this.callsAt(node, instance)) {
      if (pool.state[c] === S_FREE) continue; // released by an earlier cascade
      const child = pool.child[c];
      if (child >= 0) {
        pool.child[c] = -1;
        this.orphan(child);
      }
      kinds.abandon(this, node, c);
      if (kinds.originatesRequests(node.kindCode)) continue;
      this.finishCall(c, false, R_UNAVAILABLE, true);
    }
    this.changeBusy(node, -node.busy[instance]);
    this.changeQueued(node, -node.waiting[instance].length);
    node.busy[instance] = 0;
    node.reserved[instance] = 0;
    node.inFlight[instance] = 0;
    node.waiting[instance].clear();
  }

  killInstance(node: NodeRuntime, instance: number): void {
    if (node.instanceState[instance] === I_DEAD) return;
    if (node.instanceState[instance] === I_HUNG) this.hungInstances--;
    node.instanceState[instance] = I_DEAD;
    this.dropInstanceWork(node, instance);
    kinds.instanceKilled(this, node, instance);
  }

  restartInstance(node: NodeRuntime, instance: number): void {
    const state = node.instanceState[instance];
    if (state === I_UP) return;
    if (state === I_HUNG) {
      this.hungInstances--;
      this.dropInstanceWork(node, instance);
      kinds.instanceReset(this, node, instance);
    }
    node.instanceState[instance] = I_UP;
    node.slowFactor[instance] = 1;
    kinds.instanceRestarted(this, node, instance);
  }

  // ————————————————————————————— hot edits —————————————————————————————

  /**
   * Changes parameters of a node or an edge while the run goes on (more instances, a bigger
   * cache, a different timeout…). Returns an error message when the edit cannot be applied live.
   */
  editParams(id: string, params: Params): string | null {
    const e = this.edgeIndex.get(id);
    if (e !== undefined) {
      const edge = this.design.edges[e];
      edge.params = { ...edge.params, ...params };
      const wasFilter = this.edgeFilter[e];
      const wasWeight = this.edgeWeight[e];
      this.applyEdgeParams(e, edge.params);
      if (wasFilter !== this.edgeFilter[e] || wasWeight !== this.edgeWeight[e]) this.wireRoutes();
      return null;
    }
    const index = this.nodeIndex.get(id);
    if (index === undefined) return `No node or edge "${id}".`;
    const node = this.nodes[index];
    const designNode = this.design.nodes[index];
    const refusal = kinds.liveEditRefusal(node, params);
    if (refusal !== null) return refusal;
    designNode.params = { ...designNode.params, ...params };
    node.params = resolveParams(
      CATALOG[node.kind as keyof typeof CATALOG].params,
      designNode.params,
    ) as Record<string, ParamValue>;
    kinds.reshape(this, node);
    const hadWriteBack = kinds.writesBack(node);
    this.applyNodeParams(node, false);
    this.noteKeyReaders();
    if (!hadWriteBack && kinds.writesBack(node))
      this.schedule(this.now + node.numberParam('writeBackFlushMs'), EV_FLUSH, node.index, 0);
    // A bigger pool may start queued work right away.
    if (kinds.hasWorkers(node.kindCode))
      for (let i = 0; i < node.instanceCount; i++) kinds.fillWorkers(this, node, i);
    return null;
  }

  private resizeNode(node: NodeRuntime, count: number): void {
    for (let i = count; i < node.instanceCount; i++) this.dropInstanceWork(node, i);
    node.resizeInstances(count);
    this.layoutVersion++;
    kinds.resized(this, node);
    kinds.targetsChanged(this, node);
  }
}

export { S_DELAY, S_DOWNSTREAM };
