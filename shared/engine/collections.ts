// Small allocation-free containers over typed arrays, used on the hot path.
import { mix32 } from './rng';

/** A growable FIFO of integers (request ids waiting at an instance, messages in a queue). */
export class IntFifo {
  items = new Int32Array(16);
  head = 0;
  length = 0;

  private grow(): void {
    const next = new Int32Array(this.items.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = this.items[(this.head + i) & (this.items.length - 1)];
    this.items = next;
    this.head = 0;
  }

  push(value: number): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length++) & (this.items.length - 1)] = value;
  }

  /** Puts a value back at the front (a message made visible again keeps its place). */
  unshift(value: number): void {
    if (this.length === this.items.length) this.grow();
    this.head = (this.head - 1) & (this.items.length - 1);
    this.items[this.head] = value;
    this.length++;
  }

  shift(): number {
    const value = this.items[this.head];
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return value;
  }

  peek(): number {
    return this.items[this.head];
  }

  at(index: number): number {
    return this.items[(this.head + index) & (this.items.length - 1)];
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }
}

/**
 * Open-addressing hash map from non-negative integer keys to integer slots, linear probing with
 * backward-shift deletion (no tombstones, so it never degrades). -1 means absent.
 */
export class IntMap {
  keys: Int32Array;
  values: Int32Array;
  mask: number;
  size = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Int32Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get(key: number): number {
    const keys = this.keys;
    let i = mix32(key) & this.mask;
    for (;;) {
      const k = keys[i];
      if (k === key) return this.values[i];
      if (k === -1) return -1;
      i = (i + 1) & this.mask;
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    const keys = this.keys;
    let i = mix32(key) & this.mask;
    for (;;) {
      const k = keys[i];
      if (k === key) {
        this.values[i] = value;
        return;
      }
      if (k === -1) {
        keys[i] = key;
        this.values[i] = value;
        this.size++;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  delete(key: number): void {
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let i = mix32(key) & mask;
    for (;;) {
      const k = keys[i];
      if (k === -1) return;
      if (k === key) break;
      i = (i + 1) & mask;
    }
    // Backward-shift: pull later entries of the probe run into the hole.
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j];
      if (k === -1) break;
      const home = mix32(k) & mask;
      const distanceHole = (hole - home) & mask;
      const distanceJ = (j - home) & mask;
      if (distanceHole < distanceJ) {
        keys[hole] = k;
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = -1;
    this.size--;
  }

  clear(): void {
    this.keys.fill(-1);
    this.size = 0;
  }

  private rehash(capacity: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== -1) this.set(oldKeys[i], oldValues[i]);
  }
}

/** Key spaces up to this size get a dense array up front (8 bytes a key). */
export const DENSE_KEYS_LIMIT = 1 << 21;

/**
 * A number per key (written keys' versions, log positions). Keys below the dense size live in a
 * preallocated array, so memory is set when the run starts and does not grow as more keys get
 * written; larger key spaces fall back to a map that grows with the keys actually written.
 */
export class KeyNumbers {
  private readonly dense: Float64Array;
  private readonly index = new IntMap(16);
  private values = new Float64Array(16);
  private count = 0;

  constructor(keySpace = 0) {
    this.dense = new Float64Array(keySpace <= DENSE_KEYS_LIMIT ? keySpace : 0);
  }

  get(key: number): number {
    if (key < this.dense.length) return this.dense[key];
    const slot = this.index.get(key);
    return slot < 0 ? 0 : this.values[slot];
  }

  set(key: number, value: number): void {
    if (key < this.dense.length) {
      this.dense[key] = value;
      return;
    }
    let slot = this.index.get(key);
    if (slot < 0) {
      if (this.count === this.values.length) {
        const next = new Float64Array(this.values.length * 2);
        next.set(this.values);
        this.values = next;
      }
      slot = this.count++;
      this.index.set(key, slot);
    }
    this.values[slot] = value;
  }

  /** Adds one and returns the new value. */
  increment(key: number): number {
    const value = this.get(key) + 1;
    this.set(key, value);
    return value;
  }
}
