// One cache instance's contents: a key → slot hash map plus slot arrays, with O(1) eviction for
// every policy and no allocation per operation (arrays grow by doubling up to the capacity).
//   lru:    one recency list; a hit moves the slot to the tail; evict the head.
//   fifo:   the same list in insertion order; hits do not move; evict the head.
//   lfu:    frequency groups in a list (lowest first), each a recency list of its slots; a hit
//           moves the slot to the next group (O(1), Shah/Mitra/Matani); evict the lowest group's head.
//   random: evict a uniformly random slot (all slots are in use whenever we evict).
// LFU is in-cache LFU: a key's count lives with its entry and is forgotten when it leaves.
// TTL expiry is eager: entries with a finite expiry sit in an expiry queue in fill order (with
// one TTL, that is expiry order), and `purgeExpired` drops the expired ones from its head before
// anything is filled, so an expired entry never holds capacity a live one needs. `lookup` checks
// expiry too (a lookup between purges). Refills and removals leave stale queue entries, skipped
// by stamp and compacted away when they outnumber the live ones.
import { IntFifo, IntMap } from '../../engine/collections';
import type { Rng } from '../../engine/rng';

export type EvictionPolicy = 'lru' | 'lfu' | 'fifo' | 'random';

/** Slots allocated when the cache is made (it still grows to its capacity beyond this). */
const PREALLOCATE_LIMIT = 1 << 21;

export class CacheStore {
  private readonly map: IntMap;
  key = new Int32Array(0);
  version = new Float64Array(0);
  expiresAtMs = new Float64Array(0);
  dirty = new Uint8Array(0);
  private previous = new Int32Array(0);
  private next = new Int32Array(0);
  private group = new Int32Array(0);
  // LFU frequency groups (indexed like slots: there are never more groups than slots + 1).
  private groupFrequency = new Float64Array(0);
  private groupHead = new Int32Array(0);
  private groupTail = new Int32Array(0);
  private groupPrevious = new Int32Array(0);
  private groupNext = new Int32Array(0);
  private freeGroups: number[] = [];
  private firstGroup = -1;
  // The recency/insertion list (lru, fifo).
  private listHead = -1;
  private listTail = -1;
  private allocated = 0;
  private used = 0;
  private freeSlots: number[] = [];
  /** Dirty slots in the order they became dirty (write-back flush order); entries re-checked on use. */
  readonly dirtySlots = new IntFifo();
  dirtyCount = 0;
  // Expiry queue: (slot, fill stamp) in fill order; an entry is current while the slot's stamp matches.
  private readonly expirySlots = new IntFifo();
  private readonly expiryStamps = new IntFifo();
  private stamp = new Int32Array(0);
  private stamps = 0;
  /** Dirty (write-back) keys that expired in the last purge: the cache writes them back. */
  readonly expiredDirtyKeys: number[] = [];

  /** expectedKeys: the key space; slots for min(capacity, keys) are allocated up front. */
  constructor(
    public capacity: number,
    public policy: EvictionPolicy,
    expectedKeys = 1024,
  ) {
    const slots = Math.max(16, Math.min(capacity, expectedKeys, PREALLOCATE_LIMIT));
    this.map = new IntMap(slots);
    this.growTo(slots);
  }

  get size(): number {
    return this.used;
  }

  private growTo(slots: number): void {
    const grow32 = (old: Int32Array) => {
      const a = new Int32Array(slots);
      a.set(old);
      return a;
    };
    const grow64 = (old: Float64Array) => {
      const a = new Float64Array(slots);
      a.set(old);
      return a;
    };
    this.key = grow32(this.key);
    this.version = grow64(this.version);
    this.expiresAtMs = grow64(this.expiresAtMs);
    this.stamp = grow32(this.stamp);
    const dirty = new Uint8Array(slots);
    dirty.set(this.dirty);
    this.dirty = dirty;
    this.previous = grow32(this.previous);
    this.next = grow32(this.next);
    this.group = grow32(this.group);
    // A bump makes the new group before the old one empties: up to one group more than slots.
    const groups = slots + 1;
    const growGroups32 = (old: Int32Array) => {
      const a = new Int32Array(groups);
      a.set(old);
      return a;
    };
    const oldGroups = this.groupHead.length;
    const frequency = new Float64Array(groups);
    frequency.set(this.groupFrequency);
    this.groupFrequency = frequency;
    this.groupHead = growGroups32(this.groupHead);
    this.groupTail = growGroups32(this.groupTail);
    this.groupPrevious = growGroups32(this.groupPrevious);
    this.groupNext = growGroups32(this.groupNext);
    for (let g = groups - 1; g >= oldGroups; g--) this.freeGroups.push(g);
    this.allocated = slots;
  }

  /** The slot holding key, or -1 (a hit refreshes recency/frequency; an expired entry is dropped). */
  lookup(key: number, nowMs: number): number {
    const slot = this.map.get(key);
    if (slot < 0) return -1;
    if (this.expiresAtMs[slot] <= nowMs) {
      this.removeSlot(slot);
      return -1;
    }
    if (this.policy === 'lru') {
      this.unlink(slot);
      this.append(slot);
    } else if (this.policy === 'lfu') this.bumpFrequency(slot);
    return slot;
  }

  /** The slot of key without touching recency, or -1. */
  find(key: number): number {
    return this.map.get(key);
  }

  /**
   * Stores key (replacing it if present). When the cache is full the policy picks a victim; if
   * the victim was dirty its key and version are left in evictedKey/evictedVersion for flushing.
   */
  evictedKey = -1;
  evictedVersion = 0;
  insert(key: number, version: number, expiresAtMs: number, dirty: boolean, rng: Rng): number {
    this.evictedKey = -1;
    let slot = this.map.get(key);
    if (slot >= 0) {
      if (this.policy === 'lru') {
        this.unlink(slot);
        this.append(slot);
      } else if (this.policy === 'lfu') this.bumpFrequency(slot);
    } else {
      if (this.used >= this.capacity) this.evictOne(rng);
      if (this.freeSlots.length > 0) slot = this.freeSlots.pop()!;
      else {
        if (this.used >= this.allocated)
          this.growTo(Math.min(this.capacity, Math.max(1024, this.allocated * 2)));
        slot = this.used;
      }
      this.used++;
      this.map.set(key, slot);
      this.key[slot] = key;
      this.dirty[slot] = 0;
      if (this.policy === 'lfu') this.insertFrequencyOne(slot);
      else this.append(slot);
    }
    this.version[slot] = version;
    this.expiresAtMs[slot] = expiresAtMs;
    if (expiresAtMs !== Infinity) this.queueExpiry(slot);
    if (dirty && this.dirty[slot] === 0) {
      this.dirty[slot] = 1;
      this.dirtyCount++;
      this.dirtySlots.push(slot);
    }
    return slot;
  }

  /**
   * Drops every entry that has expired by nowMs (eager expiry: before a fill, so expired entries
   * never take capacity from live ones). Dirty ones go to expiredDirtyKeys for writing back.
   */
  purgeExpired(nowMs: number): void {
    // Only when there is something to clear: setting an array's length is a runtime call, and this
    // runs on every lookup.
    if (this.expiredDirtyKeys.length > 0) this.expiredDirtyKeys.length = 0;
    const slots = this.expirySlots;
    while (slots.length > 0) {
      const slot = slots.peek();
      if (this.isQueuedEntry(slot, this.expiryStamps.peek())) {
        if (this.expiresAtMs[slot] > nowMs) return;
        if (this.dirty[slot] === 1) this.expiredDirtyKeys.push(this.key[slot]);
        this.removeSlot(slot);
      }
      slots.shift();
      this.expiryStamps.shift();
    }
  }

  /** After a live TTL change the queue is put back in expiry order (rare: an edit). */
  sortExpiries(): void {
    const live: number[] = [];
    while (this.expirySlots.length > 0) {
      const slot = this.expirySlots.shift();
      if (this.isQueuedEntry(slot, this.expiryStamps.shift())) live.push(slot);
    }
    live.sort((a, b) => this.expiresAtMs[a] - this.expiresAtMs[b] || this.stamp[a] - this.stamp[b]);
    for (const slot of live) {
      this.expirySlots.push(slot);
      this.expiryStamps.push(this.stamp[slot]);
    }
  }

  private isQueuedEntry(slot: number, stamp: number): boolean {
    return this.stamp[slot] === stamp && this.map.get(this.key[slot]) === slot;
  }

  private queueExpiry(slot: number): void {
    this.stamps = (this.stamps + 1) | 0 || 1;
    this.stamp[slot] = this.stamps;
    // Stale entries (refilled or removed slots) are compacted away once they dominate.
    if (this.expirySlots.length >= 2 * this.used + 1024) {
      const length = this.expirySlots.length;
      for (let k = 0; k < length; k++) {
        const s = this.expirySlots.shift();
        const stamp = this.expiryStamps.shift();
        if (this.isQueuedEntry(s, stamp)) {
          this.expirySlots.push(s);
          this.expiryStamps.push(stamp);
        }
      }
    }
    this.expirySlots.push(slot);
    this.expiryStamps.push(this.stamps);
  }

  remove(key: number): void {
    const slot = this.map.get(key);
    if (slot >= 0) this.removeSlot(slot);
  }

  markClean(slot: number): void {
    if (this.dirty[slot] === 1) {
      this.dirty[slot] = 0;
      this.dirtyCount--;
    }
  }

  /** Empties the instance (a kill or a flush); returns how many dirty entries were dropped. */
  clear(): number {
    const lostDirty = this.dirtyCount;
    this.map.clear();
    this.freeSlots.length = 0;
    this.freeGroups.length = 0;
    for (let g = this.groupHead.length - 1; g >= 0; g--) this.freeGroups.push(g);
    this.dirty.fill(0);
    this.dirtyCount = 0;
    this.dirtySlots.clear();
    this.expirySlots.clear();
    this.expiryStamps.clear();
    this.used = 0;
    this.listHead = this.listTail = -1;
    this.firstGroup = -1;
    return lostDirty;
  }

  /** Shrinks or grows the capacity live; extra entries are evicted by the policy. */
  resize(capacity: number, rng: Rng): void {
    this.capacity = capacity;
    while (this.used > capacity) this.evictOne(rng);
  }

  private evictOne(rng: Rng): void {
    let victim: number;
    if (this.policy === 'random') {
      // Slots are dense when the cache is full (nothing free), so any index is in use.
      do victim = rng.below(this.allocated);
      while (this.map.get(this.key[victim]) !== victim);
    } else if (this.policy === 'lfu') victim = this.groupHead[this.firstGroup];
    else victim = this.listHead;
    if (this.dirty[victim] === 1) {
      this.evictedKey = this.key[victim];
      this.evictedVersion = this.version[victim];
    }
    this.removeSlot(victim);
  }

  private removeSlot(slot: number): void {
    this.map.delete(this.key[slot]);
    this.stamp[slot] = 0;
    this.markClean(slot);
    if (this.policy === 'lfu') this.unlinkFromGroup(slot);
    else this.unlink(slot);
    this.used--;
    this.freeSlots.push(slot);
  }

  // — recency / insertion list —
  private append(slot: number): void {
    this.previous[slot] = this.listTail;
    this.next[slot] = -1;
    if (this.listTail >= 0) this.next[this.listTail] = slot;
    else this.listHead = slot;
    this.listTail = slot;
  }

  private unlink(slot: number): void {
    const before = this.previous[slot];
    const after = this.next[slot];
    if (before >= 0) this.next[before] = after;
    else this.listHead = after;
    if (after >= 0) this.previous[after] = before;
    else this.listTail = before;
  }

  // — LFU frequency groups —
  private newGroup(frequency: number, after: number): number {
    const g = this.freeGroups.pop()!;
    this.groupFrequency[g] = frequency;
    this.groupHead[g] = this.groupTail[g] = -1;
    this.groupPrevious[g] = after;
    const following = after >= 0 ? this.groupNext[after] : this.firstGroup;
    this.groupNext[g] = following;
    if (following >= 0) this.groupPrevious[following] = g;
    if (after >= 0) this.groupNext[after] = g;
    else this.firstGroup = g;
    return g;
  }

  private appendToGroup(slot: number, g: number): void {
    this.group[slot] = g;
    this.previous[slot] = this.groupTail[g];
    this.next[slot] = -1;
    if (this.groupTail[g] >= 0) this.next[this.groupTail[g]] = slot;
    else this.groupHead[g] = slot;
    this.groupTail[g] = slot;
  }

  private unlinkFromGroup(slot: number): void {
    const g = this.group[slot];
    const before = this.previous[slot];
    const after = this.next[slot];
    if (before >= 0) this.next[before] = after;
    else this.groupHead[g] = after;
    if (after >= 0) this.previous[after] = before;
    else this.groupTail[g] = before;
    if (this.groupHead[g] < 0) {
      const gp = this.groupPrevious[g];
      const gn = this.groupNext[g];
      if (gp >= 0) this.groupNext[gp] = gn;
      else this.firstGroup = gn;
      if (gn >= 0) this.groupPrevious[gn] = gp;
      this.freeGroups.push(g);
    }
  }

  private insertFrequencyOne(slot: number): void {
    let g = this.firstGroup;
    if (g < 0 || this.groupFrequency[g] !== 1) g = this.newGroup(1, -1);
    this.appendToGroup(slot, g);
  }

  private bumpFrequency(slot: number): void {
    const g = this.group[slot];
    const frequency = this.groupFrequency[g] + 1;
    let target = this.groupNext[g];
    if (target < 0 || this.groupFrequency[target] !== frequency) target = this.newGroup(frequency, g);
    this.unlinkFromGroup(slot);
    this.appendToGroup(slot, target);
  }
}
