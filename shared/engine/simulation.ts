// The simulation core: the run's state (fields), its construction, the event loop (runUntil) and
// the dispatch of events. The jobs it delegates are free functions taking the simulation, one
// module each: scheduling.ts (the event list), calls.ts (a call's trip over an edge and back),
// observation.ts (counters, warm-up, the 1 s tick, the log), tracing.ts (explainSlowest's
// traces), chaos.ts, hotEdits.ts (parameters into the runtime, live edits). What a node does with
// a call lives in shared/kinds/<kind>/, reached through shared/kinds/dispatch.ts; no kind is
// named here.
import { CATALOG, resolveParams } from '../document/catalog';
import type { Design, Params } from '../document/types';
import * as kinds from '../kinds/dispatch';
import { KIND_CODES } from '../kinds/index';
import * as calls from './calls';
import type { ChaosCommand, PendingChaos } from './chaos';
import * as chaos from './chaos';
import { KeyNumbers } from './collections';
import {
  BUCKET_MS,
  EV_CHAOS,
  EV_DELAY_DONE,
  EV_LINE,
  EV_RESPONSE,
  EV_RETRY,
  EV_SERVICE_DONE,
  EV_TICK,
  EV_TIMEOUT,
  EV_TRANSIT,
  EV_WARMUP_END,
  GLOBAL_COUNTERS,
  G_COMPLETED,
  G_FAILED,
  G_REQUESTS,
  S_DELAY,
  S_IN_SERVICE,
  S_LANE_BACKOFF,
  S_RESPONDING,
  S_RETRY_WAIT,
  S_ROOT_BACKOFF,
  S_TRANSIT,
} from './constants';
import { DelayLine, EventHeap } from './heap';
import { LatencyHistogram } from './histogram';
import * as hotEdits from './hotEdits';
import {
  DEFAULT_MAX_CALLS_IN_FLIGHT,
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_QUEUED_EVENTS,
  LIMIT_CHECK_EVERY_EVENTS,
  formatAmount,
  type RunTruncation,
  type TruncationReason,
} from './limits';
import type { LogEntry, LogType } from './log';
import { C_FAILED } from './metrics';
import { NodeRuntime } from './nodeRuntime';
import * as observation from './observation';
import { Links } from './payloads';
import { CallPool } from './pool';
import * as scheduling from './scheduling';
import { PassThrough, TRACE_HOPS, TailTable, TraceStore } from './trace';
import * as tracing from './tracing';

export type { ChaosCommand };
export { round } from './numbers';
export { GLOBAL_COUNTERS, G_COMPLETED, G_FAILED, G_REQUESTS };

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
  sequence = 0;
  // Events due at the current time, FIFO (zero latency, zero overhead).
  immediateType = new Int32Array(256);
  immediateA = new Int32Array(256);
  immediateB = new Int32Array(256);
  immediateHead = 0;
  immediateCount = 0;
  /** The event being processed is still at the heap's top (see runUntil). */
  topPending = false;
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
  readonly edgeFilter: Uint8Array; // FILTER_* (constants.ts): all, reads, writes, auth
  readonly edgeWeight: Float64Array;
  readonly edgeCut: Uint8Array;
  readonly edgeSent: Float64Array;
  readonly edgeFailed: Float64Array;
  readonly edgeTickSnapshot: Float64Array; // sent, failed per edge
  readonly edgeLastWindow: Float64Array;
  /** Per edge: its protocol's code (shared/document/protocols.ts; 0 none) and its link's ms per KB
   *  (8 / bandwidthMbps; 0 unbounded). */
  readonly edgeProtocol: Uint8Array;
  readonly edgeMsPerKB: Float64Array;
  /** Both directions of every edge as links (payloads.ts). */
  readonly links: Links;
  /** Whether calls carry payload sizes: some edge has a protocol or a bandwidth, or a node sizes
   *  its requests or objects, or a page needs several resources (payloads.ts). */
  payloads = false;

  /** The latest committed version of every written key (stale-read detection). */
  readonly versions: KeyNumbers;
  /**
   * Per node, how a hop's own time splits (kinds.HOP_*): a node without workers has no queue; a
   * station (database, object store) queues for a worker; a service or worker also waits out its
   * retry backoff.
   */
  readonly queueKind: Uint8Array;
  /** Whether any component reads request keys / user ids (clients skip drawing them if not). */
  keysMatter = true;
  usersMatter = true;
  /** The largest client key space (sizes per-key arrays and caches up front). */
  readonly keySpace: number;
  /** Per node: calls in flight when warm-up ended (carried into the measured run, not its arrivals). */
  readonly carriedIn: Float64Array;
  /** Client requests in flight when warm-up ended. */
  requestsCarriedIn = 0;
  readonly globalCounters = new Float64Array(GLOBAL_COUNTERS);
  readonly globalWarmupSnapshot = new Float64Array(GLOBAL_COUNTERS);
  readonly globalTickSnapshot = new Float64Array(GLOBAL_COUNTERS);
  readonly globalLastWindow = new Float64Array(GLOBAL_COUNTERS);
  readonly endToEnd = new LatencyHistogram();
  /** End-to-end latencies of the current 1 s bucket, and of the last complete one. */
  endToEndWindow = new LatencyHistogram();
  endToEndLastWindow = new LatencyHistogram();
  /** The current window's end-to-end samples from before warm-up ended (see endWarmup). */
  endToEndWarmupCarry: LatencyHistogram | null = null;
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
  readonly chaosCommands: PendingChaos[] = [];
  /** Users behind every client (the population hash load balancing spreads). */
  userPopulation = 10_000;
  layoutVersion = 0;

  // Request traces (explainSlowest): see trace.ts.
  readonly traces = new TraceStore();
  /** Client requests since warm-up (for trace sampling). */
  requestsTraceable = 0;
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
  universalCount = 0;
  traceStamp = new Int32Array(0);
  traceStampNow = 0;
  // Scratch for one finished request: whether each entry is its node's first, and path order.
  readonly hopFirst = new Uint8Array(TRACE_HOPS);
  readonly hopOrder = new Int32Array(TRACE_HOPS);
  orderStamp = new Int32Array(0);
  orderStampNow = 0;

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
    this.edgeProtocol = new Uint8Array(edgeCount);
    this.edgeMsPerKB = new Float64Array(edgeCount);
    this.links = new Links(edgeCount);
    design.edges.forEach((edge, e) => {
      const from = this.nodeIndex.get(edge.from);
      const to = this.nodeIndex.get(edge.to);
      if (from === undefined || to === undefined)
        throw new Error(`Edge "${edge.id}" connects a node that does not exist.`);
      this.edgeIds.push(edge.id);
      this.edgeIndex.set(edge.id, e);
      this.edgeFrom[e] = from;
      this.edgeTo[e] = to;
      hotEdits.applyEdgeParams(this, e, edge.params ?? {});
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
    this.carriedIn = new Float64Array(this.nodes.length);
    this.traceStamp = new Int32Array(this.nodes.length);
    this.orderStamp = new Int32Array(this.nodes.length);
    for (let i = 0; i < this.nodes.length; i++) this.passThrough.push(null);
    this.universal = new Uint8Array(this.nodes.length).fill(1);
    this.queueKind = Uint8Array.from(this.nodes, (n) => kinds.hopTimeSplit(n.kindCode));
    this.universalCount = this.nodes.length;
    for (const node of this.nodes) hotEdits.applyNodeParams(this, node, true);
    hotEdits.wireRoutes(this);
    hotEdits.noteKeyReaders(this);
    hotEdits.notePayloads(this);
    for (const node of this.nodes) hotEdits.startNode(this, node);

    // Seconds → ms rounded to the microsecond: 4.06 s is 4060 ms, not 4059.9999999999995, so a
    // step saved from a live chaos action at t ms replays at exactly t.
    scenario?.events?.forEach((event) => this.chaosAt(Math.round(event.atS * 1e6) / 1000, event));
    this.schedule(BUCKET_MS, EV_TICK, 0, 0);
    if (this.warmupMs > 0) this.schedule(this.warmupMs, EV_WARMUP_END, 0, 0);
    else observation.endWarmup(this);
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
        if (this.isAt(a, b, S_TRANSIT)) calls.arrive(this, a);
        break;
      case EV_RESPONSE:
        if (this.isAt(a, b, S_RESPONDING)) calls.deliverResponse(this, a);
        break;
      case EV_SERVICE_DONE:
        if (this.isAt(a, b, S_IN_SERVICE) && !calls.parkIfHung(this, a)) kinds.serviceDone(this, a);
        break;
      case EV_DELAY_DONE:
        if (this.isAt(a, b, S_DELAY) && !calls.parkIfHung(this, a)) calls.delayDone(this, a);
        break;
      case EV_TIMEOUT:
        calls.timeout(this, a, b);
        break;
      case EV_RETRY:
        if (
          (this.isAt(a, b, S_RETRY_WAIT) ||
            this.isAt(a, b, S_ROOT_BACKOFF) ||
            this.isAt(a, b, S_LANE_BACKOFF)) &&
          !calls.parkIfHung(this, a)
        )
          calls.retry(this, a);
        break;
      case EV_CHAOS:
        chaos.applyChaos(this, this.chaosCommands[a]);
        break;
      case EV_TICK:
        observation.tick(this);
        break;
      case EV_WARMUP_END:
        observation.endWarmup(this);
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
      if (line.type[next] === EV_TIMEOUT && scheduling.timeoutIsStale(this, line.a[next], line.b[next])) {
        line.shift();
        continue;
      }
      scheduling.pushEvent(this, line.time[next], line.seq[next], EV_LINE, index, 0);
      break;
    }
    this.dispatch(type, a, b);
  }

  // ——— The engine's API for the kinds (and results, gauges, the handle): each forwards to the
  // free function of the module named. ———
  schedule(timeMs: number, type: number, a: number, b: number): void {
    scheduling.schedule(this, timeMs, type, a, b);
  }
  scheduleOnLine(line: number, timeMs: number, type: number, a: number, b: number): void {
    scheduling.scheduleOnLine(this, line, timeMs, type, a, b);
  }
  delayLine(node: number): number {
    return scheduling.delayLine(this, node);
  }
  timeoutLine(node: number): number {
    return scheduling.timeoutLine(this, node);
  }
  newCall(node: number, instance: number, operation: number, key: number, user: number): number {
    return calls.newCall(this, node, instance, operation, key, user);
  }
  sendCall(
    from: number,
    e: number,
    forcedInstance: number,
    detached: boolean,
    delayMs = 0,
    resources = -1,
  ): number {
    return calls.sendCall(this, from, e, forcedInstance, detached, delayMs, resources);
  }
  finishCall(c: number, ok: boolean, reason: number, originated: boolean): void {
    calls.finishCall(this, c, ok, reason, originated);
  }
  orphan(c: number): void {
    calls.orphan(this, c);
  }
  pickWeighted(node: NodeRuntime, edges: Int32Array, cumulativeWeights: Float64Array): number {
    return calls.pickWeighted(this, node, edges, cumulativeWeights);
  }
  matchingEdges(node: NodeRuntime, operation: number): Int32Array {
    return calls.matchingEdges(this, node, operation);
  }
  matchingWeights(node: NodeRuntime, operation: number): Float64Array {
    return calls.matchingWeights(this, node, operation);
  }
  beginTrace(c: number): void {
    tracing.beginTrace(this, c);
  }
  traceRequestEnd(c: number, ok: boolean, reason: number, originated: boolean, latencyMs: number): void {
    tracing.traceRequestEnd(this, c, ok, reason, originated, latencyMs);
  }
  traceDetach(c: number): void {
    tracing.traceDetach(this, c);
  }
  changeBusy(node: NodeRuntime, instance: number, delta: number): void {
    observation.changeBusy(this, node, instance, delta);
  }
  changeQueued(node: NodeRuntime, instance: number, delta: number): void {
    observation.changeQueued(this, node, instance, delta);
  }
  setQueued(node: NodeRuntime, level: number): void {
    observation.setQueued(this, node, level);
  }
  touch(node: NodeRuntime): void {
    observation.touch(this, node);
  }
  noteQueued(node: NodeRuntime): void {
    observation.noteQueued(this, node);
  }
  countArrival(node: NodeRuntime, instance: number): void {
    observation.countArrival(this, node, instance);
  }
  countRequestEnd(ok: boolean, reason: number, latencyMs: number): void {
    observation.countRequestEnd(this, ok, reason, latencyMs);
  }
  addLog(type: LogType, target: string, fields: Record<string, number | string> = {}): void {
    observation.addLog(this, type, target, fields);
  }
  address(node: NodeRuntime, instance: number): string {
    return observation.address(this, node, instance);
  }
  sumFailed(counters: Float64Array, base = C_FAILED): number {
    return observation.sumFailed(this, counters, base);
  }
  sumGlobalFailed(counters: Float64Array): number {
    return observation.sumGlobalFailed(this, counters);
  }
  chaosAt(timeMs: number, command: ChaosCommand): void {
    chaos.chaosAt(this, timeMs, command);
  }
  chaos(command: ChaosCommand): void {
    chaos.chaos(this, command);
  }
  dropInstanceWork(node: NodeRuntime, instance: number): void {
    chaos.dropInstanceWork(this, node, instance);
  }
  editParams(id: string, params: Params): string | null {
    return hotEdits.editParams(this, id, params);
  }
}
