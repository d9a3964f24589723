// Request traces for "where does the slowest 1% spend its time" (Simulation.explainSlowest).
//
// A traced client request gets one entry per synchronous call it made down the graph (a hop),
// written when the call's response reaches its caller. A hop's time splits exactly:
//   queueingMs  arrival at the node → start of service (waiting for a worker), plus a service's
//               retry backoff (waiting too);
//   serviceMs   the rest of the node's own time: service time, proxy overhead, cache lookup,
//               replication acknowledgements (its response time minus queueing minus the round
//               trips of its own downstream calls);
//   networkMs   the edge's latency both ways (departure → arrival, response leaves → arrives).
// A node's downstream round trips are exactly the totals of its children's entries, so a
// request's entries add up to its end-to-end latency; the client's own time between attempts
// (retry backoff) is a hop of the client. Path order is departure order (a call leaves before
// the calls it makes). A call its caller gave up on (timeout) gets its entry then, from where it
// was (still queued, in service, waiting downstream, on the wire), and so do the calls below it;
// a call whose caller died gets none (the caller's own time covers it).
//
// Cost and memory: the first TRACE_ALL_REQUESTS requests after warm-up are all traced; after
// that one in TRACE_SAMPLE_EVERY (by a hash of the request number), weighted by that factor, so
// the means stay unbiased (Horvitz–Thompson) and a long run costs a sixteenth as much. Traces
// live in struct-of-arrays slots reused through a free list, at most MAX_TRACES at once; totals
// are per node, and per "passed through" node a small table. Nothing is allocated per event.
import { LatencyHistogram } from './histogram';

/** Hops recorded per request; a request making more calls than this is left out of the tail. */
export const TRACE_HOPS = 32;
/** Requests traced at once (bounded memory under a retry storm). */
export const MAX_TRACES = 1 << 16;

export class TraceStore {
  capacity = 0;
  private highWater = 0;
  private freeList = new Int32Array(0);
  private freeCount = 0;
  generation = new Int32Array(0);
  hopCount = new Int32Array(0);
  truncated = new Uint8Array(0);
  /** Requests this trace stands for (1, or the sampling factor once requests are sampled). */
  weight = new Float64Array(0);
  /** Where the request's latest failure started (-1: none yet), why, and when. */
  originNode = new Int32Array(0);
  originReason = new Int32Array(0);
  originMs = new Float64Array(0);
  // Hop entries: trace t, hop k is index t * TRACE_HOPS + k.
  hopNode = new Int32Array(0);
  /** The call's hop count from the client (orders zero-latency hops that leave together). */
  hopDepth = new Uint8Array(0);
  /** When the call left its caller. */
  hopDepartMs = new Float64Array(0);
  hopQueueMs = new Float64Array(0);
  hopServiceMs = new Float64Array(0);
  hopNetworkMs = new Float64Array(0);

  constructor(initialCapacity = 64) {
    this.grow(initialCapacity);
  }

  private grow(capacity: number): void {
    const i32 = (old: Int32Array, n: number) => {
      const next = new Int32Array(n);
      next.set(old);
      return next;
    };
    const u8 = (old: Uint8Array, n: number) => {
      const next = new Uint8Array(n);
      next.set(old);
      return next;
    };
    const f64 = (old: Float64Array, n: number) => {
      const next = new Float64Array(n);
      next.set(old);
      return next;
    };
    const hops = capacity * TRACE_HOPS;
    this.generation = i32(this.generation, capacity);
    this.hopCount = i32(this.hopCount, capacity);
    this.truncated = u8(this.truncated, capacity);
    this.weight = f64(this.weight, capacity);
    this.originNode = i32(this.originNode, capacity);
    this.originReason = i32(this.originReason, capacity);
    this.originMs = f64(this.originMs, capacity);
    this.hopNode = i32(this.hopNode, hops);
    this.hopDepth = u8(this.hopDepth, hops);
    this.hopDepartMs = f64(this.hopDepartMs, hops);
    this.hopQueueMs = f64(this.hopQueueMs, hops);
    this.hopServiceMs = f64(this.hopServiceMs, hops);
    this.hopNetworkMs = f64(this.hopNetworkMs, hops);
    const freeList = new Int32Array(capacity);
    freeList.set(this.freeList.subarray(0, this.freeCount));
    this.freeList = freeList;
    this.capacity = capacity;
  }

  /** The next hop entry of trace t (its index in the hop arrays), or -1 when the trace is full
   *  (then it is marked truncated: its breakdown covers only the hops it kept). */
  addHop(t: number): number {
    const k = this.hopCount[t];
    if (k >= TRACE_HOPS) {
      this.truncated[t] = 1;
      return -1;
    }
    this.hopCount[t] = k + 1;
    return t * TRACE_HOPS + k;
  }

  /** A fresh trace, or -1 when MAX_TRACES are in use. */
  allocate(): number {
    let t: number;
    if (this.freeCount > 0) t = this.freeList[--this.freeCount];
    else {
      if (this.highWater === this.capacity) {
        if (this.capacity >= MAX_TRACES) return -1;
        this.grow(Math.min(MAX_TRACES, this.capacity * 2));
      }
      t = this.highWater++;
    }
    this.hopCount[t] = 0;
    this.truncated[t] = 0;
    this.originNode[t] = -1;
    return t;
  }

  release(t: number): void {
    this.generation[t] = (this.generation[t] + 1) | 0;
    this.freeList[this.freeCount++] = t;
  }
}

/**
 * Tail totals for one scope (the whole design, or the requests that passed through one node):
 * per hop node the summed queueing, service and network time, visits and path position.
 */
export class TailTable {
  /** Tail requests analysed, and the requests they stand for (sums below are weighted). */
  samples = 0;
  weight = 0;
  endToEndSumMs = 0;
  size = 0;
  node = new Int32Array(8);
  queueMs = new Float64Array(8);
  serviceMs = new Float64Array(8);
  networkMs = new Float64Array(8);
  visits = new Float64Array(8);
  /** Sum over tail requests of the node's first-visit position (path order across requests). */
  positionSum = new Float64Array(8);
  present = new Float64Array(8);
  // Failures by (origin node, reason).
  failureSize = 0;
  failureNode = new Int32Array(8);
  failureReason = new Int32Array(8);
  failureCount = new Float64Array(8);
  failureFirstMs = new Float64Array(8);

  slot(node: number): number {
    for (let k = 0; k < this.size; k++) if (this.node[k] === node) return k;
    if (this.size === this.node.length) {
      const n = this.size * 2;
      this.node = grown32(this.node, n);
      this.queueMs = grown64(this.queueMs, n);
      this.serviceMs = grown64(this.serviceMs, n);
      this.networkMs = grown64(this.networkMs, n);
      this.visits = grown64(this.visits, n);
      this.positionSum = grown64(this.positionSum, n);
      this.present = grown64(this.present, n);
    }
    const k = this.size++;
    this.node[k] = node;
    this.queueMs[k] = 0;
    this.serviceMs[k] = 0;
    this.networkMs[k] = 0;
    this.visits[k] = 0;
    this.positionSum[k] = 0;
    this.present[k] = 0;
    return k;
  }

  addFailure(node: number, reason: number, atMs: number, weight: number): void {
    let k = 0;
    while (k < this.failureSize && (this.failureNode[k] !== node || this.failureReason[k] !== reason)) k++;
    if (k === this.failureSize) {
      if (k === this.failureNode.length) {
        const n = k * 2;
        this.failureNode = grown32(this.failureNode, n);
        this.failureReason = grown32(this.failureReason, n);
        this.failureCount = grown64(this.failureCount, n);
        this.failureFirstMs = grown64(this.failureFirstMs, n);
      }
      this.failureSize++;
      this.failureNode[k] = node;
      this.failureReason[k] = reason;
      this.failureCount[k] = 0;
      this.failureFirstMs[k] = atMs;
    }
    this.failureCount[k] += weight;
    if (atMs < this.failureFirstMs[k]) this.failureFirstMs[k] = atMs;
  }

  /** Becomes a copy of another table (a node splitting off the whole design's tail). */
  copyFrom(other: TailTable): void {
    this.samples = other.samples;
    this.weight = other.weight;
    this.endToEndSumMs = other.endToEndSumMs;
    this.size = other.size;
    this.node = other.node.slice();
    this.queueMs = other.queueMs.slice();
    this.serviceMs = other.serviceMs.slice();
    this.networkMs = other.networkMs.slice();
    this.visits = other.visits.slice();
    this.positionSum = other.positionSum.slice();
    this.present = other.present.slice();
    this.failureSize = other.failureSize;
    this.failureNode = other.failureNode.slice();
    this.failureReason = other.failureReason.slice();
    this.failureCount = other.failureCount.slice();
    this.failureFirstMs = other.failureFirstMs.slice();
  }

  reset(): void {
    this.samples = 0;
    this.weight = 0;
    this.endToEndSumMs = 0;
    this.size = 0;
    this.failureSize = 0;
  }
}

function grown32(old: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(n);
  next.set(old);
  return next;
}
function grown64(old: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(n);
  next.set(old);
  return next;
}

/** Per node: the end-to-end latencies of the requests that passed through it, and its tail. */
export class PassThrough {
  readonly latency = new LatencyHistogram();
  thresholdMs = Infinity;
  readonly table = new TailTable();
}
