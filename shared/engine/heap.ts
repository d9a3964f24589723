// The future event list: a binary min-heap on (time, sequence) held in parallel typed arrays.
// An event is five numbers (time, seq, type, a, b); no object or closure is made per event.

export class EventHeap {
  time = new Float64Array(1024);
  seq = new Float64Array(1024);
  type = new Int32Array(1024);
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  size = 0;

  // The event last taken by pop().
  topTime = 0;
  topSeq = 0;
  topType = 0;
  topA = 0;
  topB = 0;

  private grow(): void {
    const capacity = this.time.length * 2;
    const grow64 = (old: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    const grow32 = (old: Int32Array) => {
      const next = new Int32Array(capacity);
      next.set(old);
      return next;
    };
    this.time = grow64(this.time);
    this.seq = grow64(this.seq);
    this.type = grow32(this.type);
    this.a = grow32(this.a);
    this.b = grow32(this.b);
  }

  push(time: number, seq: number, type: number, a: number, b: number): void {
    if (this.size === this.time.length) this.grow();
    const times = this.time;
    const seqs = this.seq;
    let hole = this.size++;
    // Sift the hole up, moving parents down, then drop the event in.
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && seqs[parent] < seq)) break;
      times[hole] = parentTime;
      seqs[hole] = seqs[parent];
      this.type[hole] = this.type[parent];
      this.a[hole] = this.a[parent];
      this.b[hole] = this.b[parent];
      hole = parent;
    }
    times[hole] = time;
    seqs[hole] = seq;
    this.type[hole] = type;
    this.a[hole] = a;
    this.b[hole] = b;
  }

  /**
   * Replaces the earliest event with a new one (pop + push with a single sift-down): the event
   * being processed usually schedules its successor, so this halves the heap work.
   */
  replaceTop(time: number, seq: number, type: number, a: number, b: number): void {
    const times = this.time;
    const seqs = this.seq;
    const types = this.type;
    const as = this.a;
    const bs = this.b;
    const size = this.size;
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        (times[right] < times[child] || (times[right] === times[child] && seqs[right] < seqs[child]))
      )
        child = right;
      if (time < times[child] || (time === times[child] && seq < seqs[child])) break;
      times[hole] = times[child];
      seqs[hole] = seqs[child];
      types[hole] = types[child];
      as[hole] = as[child];
      bs[hole] = bs[child];
      hole = child;
    }
    times[hole] = time;
    seqs[hole] = seq;
    types[hole] = type;
    as[hole] = a;
    bs[hole] = b;
  }

  /** Removes the earliest event into top*; the caller checks size > 0 first. */
  pop(): void {
    const times = this.time;
    const seqs = this.seq;
    const types = this.type;
    const as = this.a;
    const bs = this.b;
    this.topTime = times[0];
    this.topSeq = seqs[0];
    this.topType = types[0];
    this.topA = as[0];
    this.topB = bs[0];
    const last = --this.size;
    if (last === 0) return;
    const time = times[last];
    const seq = seqs[last];
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        (times[right] < times[child] || (times[right] === times[child] && seqs[right] < seqs[child]))
      )
        child = right;
      if (time < times[child] || (time === times[child] && seq < seqs[child])) break;
      times[hole] = times[child];
      seqs[hole] = seqs[child];
      types[hole] = types[child];
      as[hole] = as[child];
      bs[hole] = bs[child];
      hole = child;
    }
    times[hole] = time;
    seqs[hole] = seq;
    types[hole] = types[last];
    as[hole] = as[last];
    bs[hole] = bs[last];
  }
}

/**
 * Delay lines: FIFO queues for delays that are constant per line (an edge's latency, a client's
 * timeout, a balancer's overhead). Entries leave in the order they entered, so only each line's
 * head needs a heap entry: the heap stays small and cancelled timeouts are skipped without ever
 * touching it. Entries keep their own (time, seq), so the total event order is exactly what a
 * heap of every event would give.
 */
export class DelayLines {
  head: Int32Array;
  length: Int32Array;
  capacity: Int32Array;
  time: Float64Array[] = [];
  seq: Float64Array[] = [];
  type: Int32Array[] = [];
  a: Int32Array[] = [];
  b: Int32Array[] = [];

  // Capacities are powers of two, so ring positions wrap with a mask.
  constructor(lineCount: number) {
    this.head = new Int32Array(lineCount);
    this.length = new Int32Array(lineCount);
    this.capacity = new Int32Array(lineCount);
    for (let i = 0; i < lineCount; i++) this.allocate(i, 16);
  }

  private allocate(line: number, capacity: number): void {
    this.time[line] = new Float64Array(capacity);
    this.seq[line] = new Float64Array(capacity);
    this.type[line] = new Int32Array(capacity);
    this.a[line] = new Int32Array(capacity);
    this.b[line] = new Int32Array(capacity);
    this.capacity[line] = capacity;
  }

  private grow(line: number): void {
    const oldCapacity = this.capacity[line];
    const head = this.head[line];
    const length = this.length[line];
    const oldTime = this.time[line];
    const oldSeq = this.seq[line];
    const oldType = this.type[line];
    const oldA = this.a[line];
    const oldB = this.b[line];
    this.allocate(line, oldCapacity * 2);
    for (let i = 0; i < length; i++) {
      const from = (head + i) & (oldCapacity - 1);
      this.time[line][i] = oldTime[from];
      this.seq[line][i] = oldSeq[from];
      this.type[line][i] = oldType[from];
      this.a[line][i] = oldA[from];
      this.b[line][i] = oldB[from];
    }
    this.head[line] = 0;
  }

  tailTime(line: number): number {
    const length = this.length[line];
    if (length === 0) return -Infinity;
    return this.time[line][(this.head[line] + length - 1) & (this.capacity[line] - 1)];
  }

  append(line: number, time: number, seq: number, type: number, a: number, b: number): void {
    if (this.length[line] === this.capacity[line]) this.grow(line);
    const slot = (this.head[line] + this.length[line]++) & (this.capacity[line] - 1);
    this.time[line][slot] = time;
    this.seq[line][slot] = seq;
    this.type[line][slot] = type;
    this.a[line][slot] = a;
    this.b[line][slot] = b;
  }

  shift(line: number): void {
    this.head[line] = (this.head[line] + 1) & (this.capacity[line] - 1);
    this.length[line]--;
  }
}
