// The engine's data structures: event order, histograms, Zipf sampling, eviction policies,
// consistent hashing.
import { describe, expect, it } from 'vitest';
import { CacheStore } from '../kinds/cache/cacheStore';
import { IntMap } from './collections';
import { EventHeap } from './heap';
import { HashRing, ringMovedFraction } from './hashRing';
import { LatencyHistogram } from './histogram';
import { Rng } from './rng';
import { ZipfSampler } from './zipf';

describe('event heap', () => {
  it('pops in (time, sequence) order, including ties and replaceTop', () => {
    const heap = new EventHeap();
    const rng = new Rng(1, 'heap');
    const expected: [number, number][] = [];
    for (let seq = 0; seq < 5000; seq++) {
      const time = Math.floor(rng.next() * 100);
      heap.push(time, seq, 0, seq, 0);
      expected.push([time, seq]);
    }
    heap.replaceTop(50, 5000, 0, 5000, 0);
    expected.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expected.shift();
    expected.push([50, 5000]);
    expected.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const popped: [number, number][] = [];
    while (heap.size > 0) {
      popped.push([heap.time[0], heap.seq[0]]);
      heap.pop();
    }
    expect(popped).toEqual(expected);
  });
});

describe('latency histogram', () => {
  // Buckets are up to 12.5% wide (8 per power of two); interpolating inside the bucket puts a
  // percentile within 2% of the exact quantile of the distribution.
  it('quantiles of uniform 0–100 ms are within 2% of the exact ones', () => {
    const histogram = new LatencyHistogram();
    const rng = new Rng(2, 'hist');
    for (let i = 0; i < 100_000; i++) histogram.record(rng.next() * 100);
    for (const q of [0.5, 0.95, 0.99])
      expect(Math.abs(histogram.quantile(q) - q * 100) / (q * 100)).toBeLessThan(0.02);
  });

  it('quantiles of an exponential (mean 10 ms) are within 2% of −10 ln(1 − q)', () => {
    const histogram = new LatencyHistogram();
    const rng = new Rng(3, 'hist');
    for (let i = 0; i < 200_000; i++) histogram.record(rng.exponential(10));
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = -10 * Math.log(1 - q);
      expect(Math.abs(histogram.quantile(q) - exact) / exact, `q ${q}`).toBeLessThan(0.02);
    }
  });
});

describe('Zipf sampler (rejection-inversion)', () => {
  it('matches Zipf probabilities for the top ranks, and handles 10^9 keys without memory', () => {
    const keys = 1000;
    const alpha = 1;
    let h = 0;
    for (let k = 1; k <= keys; k++) h += Math.pow(k, -alpha);
    const sampler = new ZipfSampler(keys, alpha);
    const rng = new Rng(3, 'zipf');
    const counts = new Float64Array(keys);
    const n = 200_000;
    for (let i = 0; i < n; i++) counts[sampler.sample(rng)]++;
    for (const rank of [0, 1, 9]) {
      const expected = Math.pow(rank + 1, -alpha) / h;
      expect(Math.abs(counts[rank] / n - expected) / expected).toBeLessThan(0.05);
    }
    const huge = new ZipfSampler(1_000_000_000, 0.99);
    for (let i = 0; i < 1000; i++) {
      const key = huge.sample(rng);
      expect(key).toBeGreaterThanOrEqual(0);
      expect(key).toBeLessThan(1_000_000_000);
    }
  });
});

describe('cache eviction policies', () => {
  const rng = new Rng(4, 'cache');
  it('LRU evicts the least recently used key', () => {
    const store = new CacheStore(3, 'lru');
    for (const key of [1, 2, 3]) store.insert(key, 0, Infinity, false, rng);
    store.lookup(1, 0);
    store.insert(4, 0, Infinity, false, rng);
    expect(store.find(2)).toBe(-1);
    expect([1, 3, 4].every((k) => store.find(k) >= 0)).toBe(true);
  });
  it('FIFO evicts the oldest insertion even if it was just read', () => {
    const store = new CacheStore(3, 'fifo');
    for (const key of [1, 2, 3]) store.insert(key, 0, Infinity, false, rng);
    store.lookup(1, 0);
    store.insert(4, 0, Infinity, false, rng);
    expect(store.find(1)).toBe(-1);
  });
  it('LFU evicts the least frequently used key (ties: least recent)', () => {
    const store = new CacheStore(3, 'lfu');
    for (const key of [1, 2, 3]) store.insert(key, 0, Infinity, false, rng);
    store.lookup(1, 0);
    store.lookup(1, 0);
    store.lookup(3, 0);
    store.insert(4, 0, Infinity, false, rng);
    expect(store.find(2)).toBe(-1);
    store.insert(5, 0, Infinity, false, rng); // 4 (freq 1) goes next
    expect(store.find(4)).toBe(-1);
    expect(store.find(1) >= 0 && store.find(3) >= 0 && store.find(5) >= 0).toBe(true);
  });
  it('random eviction keeps the size at capacity; TTL expires entries; dirty victims are reported', () => {
    const store = new CacheStore(100, 'random');
    for (let key = 0; key < 1000; key++) store.insert(key, 0, Infinity, false, rng);
    expect(store.size).toBe(100);
    const ttl = new CacheStore(10, 'lru');
    ttl.insert(7, 1, 50, false, rng);
    expect(ttl.lookup(7, 49)).toBeGreaterThanOrEqual(0);
    expect(ttl.lookup(7, 50)).toBe(-1);
    const dirty = new CacheStore(1, 'lru');
    dirty.insert(1, 3, Infinity, true, rng);
    dirty.insert(2, 0, Infinity, false, rng);
    expect(dirty.evictedKey).toBe(1);
    expect(dirty.evictedVersion).toBe(3);
    dirty.insert(9, 0, Infinity, true, rng);
    expect(dirty.clear()).toBe(1);
  });
  it('holds up under a long random workload for every policy (map and lists stay consistent)', () => {
    for (const policy of ['lru', 'lfu', 'fifo', 'random'] as const) {
      const store = new CacheStore(500, policy);
      for (let i = 0; i < 50_000; i++) {
        const key = rng.below(2000);
        const r = rng.next();
        if (r < 0.6) {
          if (store.lookup(key, i) < 0) store.insert(key, i, i + 5000, r < 0.1, rng);
        } else if (r < 0.9) store.insert(key, i, i + 5000, r < 0.7, rng);
        else store.remove(key);
        expect(store.size).toBeLessThanOrEqual(500);
      }
    }
  });
});

describe('integer map', () => {
  it('agrees with a Map under inserts and deletes (backward-shift deletion)', () => {
    const map = new IntMap();
    const reference = new Map<number, number>();
    const rng = new Rng(5, 'map');
    for (let i = 0; i < 20_000; i++) {
      const key = rng.below(3000);
      if (rng.next() < 0.6) {
        map.set(key, i);
        reference.set(key, i);
      } else {
        map.delete(key);
        reference.delete(key);
      }
    }
    for (let key = 0; key < 3000; key++) expect(map.get(key)).toBe(reference.get(key) ?? -1);
  });
});

describe('consistent hashing', () => {
  it('moves about 1/N of the key space when one of N owners leaves, and nothing else', () => {
    const before = new HashRing([1, 2, 3, 4, 5, 6, 7, 8], 200);
    const after = new HashRing([1, 2, 3, 4, 5, 6, 8], 200);
    const moved = ringMovedFraction(before, after);
    expect(Math.abs(moved - 1 / 8)).toBeLessThan(0.03);
    // Keys that moved all belonged to the removed owner.
    for (let key = 0; key < 10_000; key++) {
      const owner = before.ownerOf(key);
      if (owner !== 7) expect(after.ownerOf(key)).toBe(owner);
    }
  });
});

describe('exponential sampling (ziggurat)', () => {
  it('has mean 1, variance 1 and the exponential tail P(X > 3) = e^-3', () => {
    const rng = new Rng(6, 'exp');
    const n = 400_000;
    let sum = 0;
    let squares = 0;
    let beyond3 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.exponential(1);
      sum += x;
      squares += x * x;
      if (x > 3) beyond3++;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(squares / n - mean * mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(beyond3 / n - Math.exp(-3)) / Math.exp(-3)).toBeLessThan(0.03);
  });
});
