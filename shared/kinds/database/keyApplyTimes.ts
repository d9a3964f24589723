// Leaderless copies apply writes per key, not in one log order: a write to key k on a copy is
// applied at max(its own arrival there, the apply time of k's previous version there). So a
// write never waits behind other keys' writes, and versions of one key still apply in order.
//
// For every (key, copy) this keeps the newest version known applied and the versions still on
// their way (their log sequence numbers and apply times, oldest first, in one shared entry pool
// with a free list). Copies are numbered within their shard (instance % copies per shard): a key
// lives in one shard, so (key, copy) names one instance. A copy that resynced (restarted, or a
// partition healed) holds every version up to the shard position it resynced to.
import { IntMap } from '../../engine/collections';

/** Key spaces × copies up to this many (key, copy) slots get dense arrays up front (16 bytes each). */
export const DENSE_SLOTS_LIMIT = 1 << 21;

export class KeyApplyTimes {
  /** Copies per shard: the width of a key's row. */
  readonly copies: number;
  /** Keys below this have their row at their own index; others get rows from a map as written. */
  private readonly denseKeys: number;
  private readonly rowOfKey = new IntMap(16);
  private rows: number;
  // Per (key, copy) slot: the newest version known applied, and its pending list (entry indexes,
  // 0 = none).
  private applied: Float64Array;
  private head: Int32Array;
  private tail: Int32Array;
  // Pending versions: entry 0 is unused so that 0 means "no entry".
  private entryLsn = new Float64Array(64);
  private entryApplyMs = new Float64Array(64);
  private entryNext = new Int32Array(64);
  private entriesUsed = 1;
  private freeEntry = 0;
  /** Per instance: the shard position its last resync brought it to. */
  private resyncLsn: Float64Array;

  constructor(keySpace: number, copiesPerShard: number, instances: number) {
    this.copies = copiesPerShard;
    this.denseKeys = keySpace * copiesPerShard <= DENSE_SLOTS_LIMIT ? keySpace : 0;
    this.rows = this.denseKeys;
    const slots = (this.denseKeys + 16) * copiesPerShard;
    this.applied = new Float64Array(slots);
    this.head = new Int32Array(slots);
    this.tail = new Int32Array(slots);
    this.resyncLsn = new Float64Array(instances);
  }

  /**
   * Sends version `lsn` of `key` to `instance`, arriving at `arrivalMs`; returns when it is
   * applied there (after the key's previous version on that copy, never before its arrival).
   */
  send(key: number, instance: number, lsn: number, arrivalMs: number, nowMs: number): number {
    const slot = this.slotOf(key, instance, true);
    this.advance(slot, instance, nowMs);
    const last = this.tail[slot];
    const applyMs = last !== 0 && this.entryApplyMs[last] > arrivalMs ? this.entryApplyMs[last] : arrivalMs;
    const entry = this.newEntry();
    this.entryLsn[entry] = lsn;
    this.entryApplyMs[entry] = applyMs;
    this.entryNext[entry] = 0;
    if (last !== 0) this.entryNext[last] = entry;
    else this.head[slot] = entry;
    this.tail[slot] = entry;
    return applyMs;
  }

  /** The newest version of `key` applied on `instance` by nowMs (a shard log position). */
  appliedLsn(key: number, instance: number, nowMs: number): number {
    const resync = this.resyncLsn[instance];
    const slot = this.slotOf(key, instance, false);
    if (slot < 0) return resync;
    this.advance(slot, instance, nowMs);
    const applied = this.applied[slot];
    return applied > resync ? applied : resync;
  }

  /** The copy caught up with its shard up to `lsn` (every version so far is applied there). */
  resync(instance: number, lsn: number): void {
    this.resyncLsn[instance] = lsn;
  }

  /** Applies the slot's pending versions due by nowMs (and drops those a resync covered). */
  private advance(slot: number, instance: number, nowMs: number): void {
    const resync = this.resyncLsn[instance];
    let entry = this.head[slot];
    while (entry !== 0 && (this.entryApplyMs[entry] <= nowMs || this.entryLsn[entry] <= resync)) {
      if (this.entryLsn[entry] > this.applied[slot]) this.applied[slot] = this.entryLsn[entry];
      const next = this.entryNext[entry];
      this.entryNext[entry] = this.freeEntry;
      this.freeEntry = entry;
      entry = next;
    }
    this.head[slot] = entry;
    if (entry === 0) this.tail[slot] = 0;
  }

  private slotOf(key: number, instance: number, create: boolean): number {
    const copy = instance % this.copies;
    if (key < this.denseKeys) return key * this.copies + copy;
    let row = this.rowOfKey.get(key);
    if (row < 0) {
      if (!create) return -1;
      row = this.rows++;
      this.rowOfKey.set(key, row);
      if (this.rows * this.copies > this.applied.length) this.growRows();
    }
    return row * this.copies + copy;
  }

  private growRows(): void {
    const size = this.applied.length * 2;
    const applied = new Float64Array(size);
    const head = new Int32Array(size);
    const tail = new Int32Array(size);
    applied.set(this.applied);
    head.set(this.head);
    tail.set(this.tail);
    this.applied = applied;
    this.head = head;
    this.tail = tail;
  }

  private newEntry(): number {
    if (this.freeEntry !== 0) {
      const entry = this.freeEntry;
      this.freeEntry = this.entryNext[entry];
      return entry;
    }
    if (this.entriesUsed === this.entryLsn.length) {
      const size = this.entryLsn.length * 2;
      const lsn = new Float64Array(size);
      const applyMs = new Float64Array(size);
      const next = new Int32Array(size);
      lsn.set(this.entryLsn);
      applyMs.set(this.entryApplyMs);
      next.set(this.entryNext);
      this.entryLsn = lsn;
      this.entryApplyMs = applyMs;
      this.entryNext = next;
    }
    return this.entriesUsed++;
  }
}
