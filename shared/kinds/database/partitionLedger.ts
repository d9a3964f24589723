// What each side of a database partition wrote, per key, while the partition lasts: the time of
// its last write (the last-writer-wins clock), how many of its writes were acknowledged, and the
// log position of its newest acknowledged write. A key written on both sides has diverged (a
// conflict); on heal the side with the later write wins and the other side's acknowledged writes
// to that key are overwritten (lost updates). Only keys written during a partition take a row.
import { IntMap } from '../../engine/collections';

export class PartitionLedger {
  private rowOfKey = new IntMap(64);
  private rows = 0;
  /** Per row, two sides each: [side 0, side 1]. */
  private lastWriteMs = new Float64Array(128);
  private acknowledged = new Float64Array(128);
  private lastAckedLsn = new Float64Array(128);
  private diverged = new Uint8Array(64);

  /** A write committed on `side`; true when it makes the key diverge (first write on a second side). */
  commit(key: number, side: number, nowMs: number): boolean {
    const row = this.rowOf(key);
    this.lastWriteMs[2 * row + side] = nowMs;
    if (this.diverged[row] === 0 && this.lastWriteMs[2 * row + 1 - side] > -Infinity) {
      this.diverged[row] = 1;
      return true;
    }
    return false;
  }

  /** A write committed on `side` was acknowledged. */
  acknowledge(key: number, side: number, lsn: number): void {
    const row = this.rowOf(key);
    this.acknowledged[2 * row + side]++;
    if (lsn > this.lastAckedLsn[2 * row + side]) this.lastAckedLsn[2 * row + side] = lsn;
  }

  /** The side whose acknowledged write of `key` is the newest during the partition, or -1. */
  newestAcknowledgedSide(key: number): number {
    const row = this.rowOfKey.get(key);
    if (row < 0) return -1;
    const zero = this.lastAckedLsn[2 * row];
    const one = this.lastAckedLsn[2 * row + 1];
    if (zero === 0 && one === 0) return -1;
    return one > zero ? 1 : 0;
  }

  /** Last writer wins, key by key: the diverged keys and the acknowledged writes overwritten. */
  reconcile(): { conflicts: number; lostUpdates: number } {
    let conflicts = 0;
    let lostUpdates = 0;
    for (let row = 0; row < this.rows; row++) {
      if (this.diverged[row] === 0) continue;
      conflicts++;
      const loser = this.lastWriteMs[2 * row + 1] > this.lastWriteMs[2 * row] ? 0 : 1;
      lostUpdates += this.acknowledged[2 * row + loser];
    }
    return { conflicts, lostUpdates };
  }

  private rowOf(key: number): number {
    let row = this.rowOfKey.get(key);
    if (row >= 0) return row;
    row = this.rows++;
    if (row === this.diverged.length) this.grow();
    this.rowOfKey.set(key, row);
    this.lastWriteMs[2 * row] = -Infinity;
    this.lastWriteMs[2 * row + 1] = -Infinity;
    return row;
  }

  private grow(): void {
    const size = this.diverged.length * 2;
    const diverged = new Uint8Array(size);
    diverged.set(this.diverged);
    this.diverged = diverged;
    const two = (old: Float64Array) => {
      const next = new Float64Array(2 * size);
      next.set(old);
      return next;
    };
    this.lastWriteMs = two(this.lastWriteMs);
    this.acknowledged = two(this.acknowledged);
    this.lastAckedLsn = two(this.lastAckedLsn);
  }
}
