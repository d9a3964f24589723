// The future event list: a binary min-heap on (time, sequence) held in parallel typed arrays.
// An event is five numbers (time, seq, type, a, b); no object or closure is made per event.

export class EventHeap {
  time = new Float64Array(1024);
  seq = new Float64Array(1024);
  type = new Int32Array(1024);
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  size = 0;

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

  /** Removes the earliest event (read it at index 0 first); the caller checks size > 0 first. */
  pop(): void {
    const last = --this.size;
    // The last event fills the hole at the top: the same sift-down as replaceTop, over one fewer.
    if (last > 0)
      this.replaceTop(this.time[last], this.seq[last], this.type[last], this.a[last], this.b[last]);
  }
}

/**
 * A delay line: a FIFO queue for delays that are constant per line (an edge's latency, a client's
 * timeout, a balancer's overhead). Entries leave in the order they entered, so only the line's
 * head needs a heap entry: the heap stays small and cancelled timeouts are skipped without ever
 * touching it. Entries keep their own (time, seq), so the total event order is exactly what a
 * heap of every event would give. Capacity is a power of two (positions wrap with a mask).
 */
export class DelayLine {
  time = new Float64Array(16);
  seq = new Float64Array(16);
  type = new Int32Array(16);
  a = new Int32Array(16);
  b = new Int32Array(16);
  head = 0;
  length = 0;
  mask = 15;
  /** Length at which finished timeouts are compacted out (see Simulation.compactLine). */
  compactAt = 1024;

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const time = new Float64Array(capacity);
    const seq = new Float64Array(capacity);
    const type = new Int32Array(capacity);
    const a = new Int32Array(capacity);
    const b = new Int32Array(capacity);
    for (let i = 0; i < this.length; i++) {
      const from = (this.head + i) & this.mask;
      time[i] = this.time[from];
      seq[i] = this.seq[from];
      type[i] = this.type[from];
      a[i] = this.a[from];
      b[i] = this.b[from];
    }
    this.time = time;
    this.seq = seq;
    this.type = type;
    this.a = a;
    this.b = b;
    this.head = 0;
    this.mask = capacity - 1;
  }

  tailTime(): number {
    return this.length === 0 ? -Infinity : this.time[(this.head + this.length - 1) & this.mask];
  }

  append(time: number, seq: number, type: number, a: number, b: number): void {
    if (this.length > this.mask) this.grow();
    const slot = (this.head + this.length++) & this.mask;
    this.time[slot] = time;
    this.seq[slot] = seq;
    this.type[slot] = type;
    this.a[slot] = a;
    this.b[slot] = b;
  }

  shift(): void {
    this.head = (this.head + 1) & this.mask;
    this.length--;
  }
}
