// A single-leader copy's replication log: the writes it has been sent and not yet applied, in log
// order (a follower applies the leader's log as one stream), and the log position it has applied.

/** Writes waiting to be applied on one follower: (time it applies, log sequence number), FIFO. */
export class ApplyLog {
  timeMs = new Float64Array(16);
  lsn = new Float64Array(16);
  head = 0;
  length = 0;
  appliedLsn = 0;
  lastApplyMs = 0;

  push(timeMs: number, lsn: number): void {
    if (this.length === this.timeMs.length) {
      const t = new Float64Array(this.length * 2);
      const l = new Float64Array(this.length * 2);
      for (let i = 0; i < this.length; i++) {
        const from = (this.head + i) % this.timeMs.length;
        t[i] = this.timeMs[from];
        l[i] = this.lsn[from];
      }
      this.timeMs = t;
      this.lsn = l;
      this.head = 0;
    }
    const slot = (this.head + this.length++) % this.timeMs.length;
    this.timeMs[slot] = timeMs;
    this.lsn[slot] = lsn;
    this.lastApplyMs = timeMs;
  }

  /** Applies everything due by nowMs and returns the applied log position. */
  advance(nowMs: number): number {
    while (this.length > 0 && this.timeMs[this.head] <= nowMs) {
      this.appliedLsn = this.lsn[this.head];
      this.head = (this.head + 1) % this.timeMs.length;
      this.length--;
    }
    return this.appliedLsn;
  }

  /** Drops pending writes and jumps to a position (a crash, or a resync from the leader). */
  reset(lsn: number, nowMs: number): void {
    this.head = 0;
    this.length = 0;
    this.appliedLsn = lsn;
    this.lastApplyMs = nowMs;
  }
}
