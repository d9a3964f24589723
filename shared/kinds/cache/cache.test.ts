// Cache TTL and capacity. TTL is counted from the fill (hits do not extend it) and expiry is
// eager: an expired entry stops using capacity at once, so it never pushes out a live one. For a
// key requested as a Poisson stream at rate λ, the cached periods (T after each miss) and the
// first request after each form a renewal process: λT hits per miss, hit rate λT / (1 + λT).
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { Rng } from '../../engine/rng';
import { design, edge, node } from '../../testing/designs';
import { CacheStore } from './cacheStore';

/** Poisson reads over `keys` uniform keys → cache (instant lookups) → an instant origin. */
function ttlRun(options: {
  rps: number;
  keys: number;
  ttlMs: number;
  capacity: number;
  durationS: number;
  eviction?: string;
  seed?: number;
}) {
  return runDesign(
    design(
      [
        node('client', 'client', {
          rps: options.rps,
          readRatio: 1,
          keys: options.keys,
          keyDistribution: 'uniform',
          timeoutMs: 3_600_000,
        }),
        node('cache', 'cache', {
          capacity: options.capacity,
          ttlMs: options.ttlMs,
          eviction: options.eviction ?? 'lru',
          hitTimeMs: 0,
        }),
        node('origin', 'service', { serviceTimeMs: 0, serviceDist: 'const', workers: 1000 }),
      ],
      [edge('client', 'cache', { latencyMs: 0 }), edge('cache', 'origin', { latencyMs: 0 })],
      { durationS: options.durationS, warmupS: 10, seed: options.seed ?? 3 },
    ),
  ).nodes.cache;
}

/** Renewal theory: the TTL hit rate of one key requested at rate λ (per ms), TTL T (ms). */
const renewalHitRate = (lambdaPerMs: number, ttlMs: number) =>
  (lambdaPerMs * ttlMs) / (1 + lambdaPerMs * ttlMs);

describe('cache TTL', () => {
  it('one key, Poisson requests at λ = 100/s, TTL 50 ms: hit rate λT/(1+λT) = 5/6 within 1 point (renewal theory)', () => {
    const cache = ttlRun({ rps: 100, keys: 1, ttlMs: 50, capacity: 1, durationS: 1000 });
    expect(Math.abs(cache.cache!.hitRate - renewalHitRate(0.1, 50))).toBeLessThan(0.01);
  });

  it('1,000 uniform keys at 2/s each, TTL 300 ms, capacity above the key space: λT/(1+λT) = 0.375 per key within 1 point', () => {
    const cache = ttlRun({ rps: 2000, keys: 1000, ttlMs: 300, capacity: 1000, durationS: 150 });
    expect(Math.abs(cache.cache!.hitRate - renewalHitRate(0.002, 300))).toBeLessThan(0.01);
  });

  for (const eviction of ['lru', 'lfu', 'random']) {
    it(`expired entries use no capacity (${eviction}): room for the ~500 live of 1,000 keys (λT = 1) keeps λT/(1+λT) = 0.5 within 1 point`, () => {
      // Capacity 600 is six standard deviations above the live count (mean 500, sd ≈ 16); were
      // expiry lazy, expired keys would hold slots and the policy would push out live ones.
      const cache = ttlRun({
        rps: 2000,
        keys: 1000,
        ttlMs: 500,
        capacity: 600,
        durationS: 150,
        eviction,
        seed: 4,
      });
      expect(Math.abs(cache.cache!.hitRate - 0.5)).toBeLessThan(0.01);
    });
  }

  it('a store purges an expired entry before evicting a live one by policy (LRU would pick the live one)', () => {
    const store = new CacheStore(2, 'lru');
    const rng = new Rng(1, 'test');
    store.insert(1, 1, 10, false, rng); // key 1 filled at 0, TTL 10
    store.insert(2, 1, 11, false, rng); // key 2 filled at 1
    expect(store.lookup(1, 5)).toBeGreaterThanOrEqual(0); // key 1 is now the most recent
    store.purgeExpired(10.5); // key 1 has expired
    store.insert(3, 1, 20.5, false, rng);
    expect(store.lookup(2, 10.7)).toBeGreaterThanOrEqual(0);
    expect(store.lookup(3, 10.7)).toBeGreaterThanOrEqual(0);
    expect(store.size).toBe(2);
  });
});

describe('cache workers', () => {
  it('a cache node saturates at workers / lookup time: 2 workers × 1 ms serve 2,000 req/s of 3,000 offered', () => {
    const result = runDesign(
      design(
        [
          node('client', 'client', { rps: 3000, readRatio: 1, keys: 10, keyDistribution: 'uniform' }),
          node('cache', 'cache', { workers: 2, hitTimeMs: 1, queueCapacity: 10 }),
          node('origin', 'service', { serviceTimeMs: 1 }),
        ],
        [edge('client', 'cache'), edge('cache', 'origin')],
        { durationS: 20, warmupS: 2 },
      ),
    );
    expect(Math.abs(result.nodes.cache.throughputRps - 2000) / 2000).toBeLessThan(0.01);
    expect(result.global.errors.rejected).toBeGreaterThan(0);
  });
});
