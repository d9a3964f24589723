// The request pool: every in-flight call (one request's visit to one node) lives in these
// struct-of-arrays slots, reused through a free list. A slot's generation changes when it is
// freed, so an event that refers to an old occupant is recognised as stale and ignored.

export class CallPool {
  capacity = 0;
  /** Slots ever handed out (the scan bound for chaos). */
  highWater = 0;
  private freeList = new Int32Array(0);
  private freeCount = 0;

  generation = new Int32Array(0);
  state = new Uint8Array(0);
  flags = new Uint8Array(0);
  node = new Int32Array(0);
  instance = new Int32Array(0);
  parent = new Int32Array(0);
  parentGeneration = new Int32Array(0);
  /** The edge it arrived over (its response goes back over it), -1 for a client request. */
  edge = new Int32Array(0);
  /** The downstream call it waits for, or -1. */
  child = new Int32Array(0);
  operation = new Uint8Array(0);
  key = new Int32Array(0);
  user = new Int32Array(0);
  hops = new Uint8Array(0);
  /** Downstream step (which matching edge is next) or, for a message, how often it was received. */
  step = new Int32Array(0);
  attempt = new Int32Array(0);
  /** 0 ok, 1 + reason when failed (set when its response leaves). */
  result = new Uint8Array(0);
  /** Helper integer: the queue a consumer's message came from, a database shard, a balancer target. */
  tag = new Int32Array(0);
  arriveMs = new Float64Array(0);
  startMs = new Float64Array(0);
  sentMs = new Float64Array(0);
  serviceMs = new Float64Array(0);
  downstreamMs = new Float64Array(0);
  /** Data version carried by a response (stale-read accounting). */
  version = new Float64Array(0);
  /** Helper float: a message's visibility deadline, a write's log sequence number. */
  aux = new Float64Array(0);
  /** The client request's trace this call belongs to (-1: not traced) and the call's hop entry
   *  (-1: not traced). See trace.ts. */
  trace = new Int32Array(0);
  /** Payload sizes (KB, JSON size) of its request and of one response, and how many resources it
   *  stands for (a GraphQL page: several). Written only while the design moves payloads. */
  requestKB = new Float64Array(0);
  responseKB = new Float64Array(0);
  resources = new Int32Array(0);

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  private grow(capacity: number): void {
    const old = this.capacity;
    const copy = <T extends Int32Array | Uint8Array | Float64Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array as never);
      return next;
    };
    const i32 = (n: number) => new Int32Array(n);
    const u8 = (n: number) => new Uint8Array(n);
    const f64 = (n: number) => new Float64Array(n);
    this.generation = copy(this.generation, i32);
    this.state = copy(this.state, u8);
    this.flags = copy(this.flags, u8);
    this.node = copy(this.node, i32);
    this.instance = copy(this.instance, i32);
    this.parent = copy(this.parent, i32);
    this.parentGeneration = copy(this.parentGeneration, i32);
    this.edge = copy(this.edge, i32);
    this.child = copy(this.child, i32);
    this.operation = copy(this.operation, u8);
    this.key = copy(this.key, i32);
    this.user = copy(this.user, i32);
    this.hops = copy(this.hops, u8);
    this.step = copy(this.step, i32);
    this.attempt = copy(this.attempt, i32);
    this.result = copy(this.result, u8);
    this.tag = copy(this.tag, i32);
    this.arriveMs = copy(this.arriveMs, f64);
    this.startMs = copy(this.startMs, f64);
    this.sentMs = copy(this.sentMs, f64);
    this.serviceMs = copy(this.serviceMs, f64);
    this.downstreamMs = copy(this.downstreamMs, f64);
    this.version = copy(this.version, f64);
    this.aux = copy(this.aux, f64);
    this.trace = copy(this.trace, i32);
    this.requestKB = copy(this.requestKB, f64);
    this.responseKB = copy(this.responseKB, f64);
    this.resources = copy(this.resources, i32);
    const freeList = new Int32Array(capacity);
    freeList.set(this.freeList.subarray(0, this.freeCount));
    this.freeList = freeList;
    this.capacity = capacity;
    void old;
  }

  allocate(): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeList[--this.freeCount];
    else {
      if (this.highWater === this.capacity) this.grow(this.capacity * 2);
      slot = this.highWater++;
    }
    this.flags[slot] = 0;
    this.child[slot] = -1;
    this.parent[slot] = -1;
    this.step[slot] = 0;
    this.attempt[slot] = 0;
    this.result[slot] = 0;
    this.tag[slot] = -1;
    this.serviceMs[slot] = 0;
    this.downstreamMs[slot] = 0;
    this.startMs[slot] = -1;
    this.version[slot] = 0;
    this.trace[slot] = -1;
    return slot;
  }

  release(slot: number): void {
    this.generation[slot] = (this.generation[slot] + 1) | 0;
    this.state[slot] = 0;
    this.freeList[this.freeCount++] = slot;
  }

  get inUse(): number {
    return this.highWater - this.freeCount;
  }
}
