// Caching theory: an LRU cache under Zipf popularity must match Che's approximation.
import { describe, expect, it } from 'vitest';
import { runDesign } from './index';
import { design, edge, node } from '../testing/designs';

/** Che's approximation of the LRU hit rate for independent requests with popularity p. */
function cheHitRate(keys: number, alpha: number, capacity: number): number {
  const weights = new Float64Array(keys);
  let total = 0;
  for (let i = 0; i < keys; i++) total += weights[i] = Math.pow(i + 1, -alpha);
  for (let i = 0; i < keys; i++) weights[i] /= total;
  const filled = (t: number) => {
    let sum = 0;
    for (let i = 0; i < keys; i++) sum += 1 - Math.exp(-weights[i] * t);
    return sum;
  };
  let low = 0;
  let high = 1;
  while (filled(high) < capacity) high *= 2;
  for (let k = 0; k < 100; k++) {
    const middle = (low + high) / 2;
    if (filled(middle) < capacity) low = middle;
    else high = middle;
  }
  let hit = 0;
  for (let i = 0; i < keys; i++) hit += weights[i] * (1 - Math.exp(-weights[i] * low));
  return hit;
}

function lruRun(alpha: number, capacity: number, keys: number) {
  return runDesign(
    design(
      [
        node('client', 'client', {
          rps: 1000,
          readRatio: 1,
          keys,
          keyDistribution: 'zipf',
          zipfAlpha: alpha,
        }),
        node('cache', 'cache', { capacity, eviction: 'lru', hitTimeMs: 0 }),
        node('db', 'database', { readTimeMs: 0.05, workers: 64 }),
      ],
      [edge('client', 'cache', { latencyMs: 0 }), edge('cache', 'db', { latencyMs: 0 })],
      { durationS: 220, warmupS: 20, seed: 5 },
    ),
  ).nodes.cache.cache!.hitRate;
}

describe('cache fidelity', () => {
  it("LRU under Zipf(0.8) matches Che's approximation within 2 points of hit rate", () => {
    const theory = cheHitRate(20_000, 0.8, 1000);
    expect(Math.abs(lruRun(0.8, 1000, 20_000) - theory)).toBeLessThan(0.02);
  });

  it("LRU under Zipf(1.1) matches Che's approximation within 2 points of hit rate", () => {
    const theory = cheHitRate(50_000, 1.1, 500);
    expect(Math.abs(lruRun(1.1, 500, 50_000) - theory)).toBeLessThan(0.02);
  });
});
