// The two replication structures on their own: per-key apply times (leaderless) and a follower's
// stream lag (single leader).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { DENSE_SLOTS_LIMIT, KeyApplyTimes } from './keyApplyTimes';
import { StreamLags } from './streamLag';

describe('per-key apply times', () => {
  for (const [label, keySpace] of [
    ['dense', 1000],
    ['sparse', DENSE_SLOTS_LIMIT * 4],
  ] as const) {
    it(`${label}: a version waits only for the same key's previous version on that copy`, () => {
      const times = new KeyApplyTimes(keySpace, 3, 3);
      expect(times.send(7, 1, 1, 100, 0)).toBe(100); // key 7, slow
      expect(times.send(8, 1, 2, 10, 0)).toBe(10); // another key: not behind key 7
      expect(times.send(7, 1, 3, 10, 0)).toBe(100); // key 7 again: after its previous version
      expect(times.send(7, 2, 3, 10, 0)).toBe(10); // another copy of key 7: its own order
      expect(times.appliedLsn(7, 1, 50)).toBe(0);
      expect(times.appliedLsn(8, 1, 50)).toBe(2);
      expect(times.appliedLsn(7, 1, 100)).toBe(3);
      expect(times.appliedLsn(9, 1, 100)).toBe(0); // never written
    });

    it(`${label}: a resync brings every version up to its position, pending or not`, () => {
      const times = new KeyApplyTimes(keySpace, 2, 4);
      times.send(5, 3, 4, 1000, 0);
      times.resync(3, 6);
      expect(times.appliedLsn(5, 3, 1)).toBe(6);
      expect(times.send(5, 3, 7, 20, 1)).toBe(20); // the covered version no longer holds it back
      expect(times.appliedLsn(5, 3, 20)).toBe(7);
    });
  }

  it('holds many keys with versions in flight (the entry pool and sparse rows grow)', () => {
    const times = new KeyApplyTimes(DENSE_SLOTS_LIMIT * 4, 3, 3);
    for (let k = 0; k < 5000; k++) times.send(k * 7919, k % 3, k + 1, 10 + k, 0);
    for (let k = 0; k < 5000; k++) expect(times.appliedLsn(k * 7919, k % 3, 10 + k)).toBe(k + 1);
  });
});

describe('a follower stream lag (telegraph process, uniform on the mean ±25%)', () => {
  const meanMs = 40;
  it('is uniform on [0.75, 1.25] × mean at any sampling rate, and never reorders the log', () => {
    for (const gapMs of [0.5, 20, 400]) {
      const lags = new StreamLags(1);
      const rng = new Rng(3, 'lag');
      const arrivals = new Rng(4, 'arrivals');
      let t = 0;
      let lastApplyMs = -Infinity;
      let lowest = Infinity;
      let highest = -Infinity;
      let reordered = 0;
      const quartiles = [0, 0, 0, 0];
      let sum = 0;
      const n = 200_000;
      for (let k = 0; k < n; k++) {
        t += arrivals.exponential(gapMs);
        const lag = lags.lagMs(0, t, meanMs, rng);
        lowest = Math.min(lowest, lag);
        highest = Math.max(highest, lag);
        if (t + lag < lastApplyMs) reordered++;
        lastApplyMs = t + lag;
        sum += lag;
        quartiles[Math.min(3, Math.floor(((lag - 0.75 * meanMs) / (0.5 * meanMs)) * 4))]++;
      }
      expect(lowest).toBeGreaterThanOrEqual(0.75 * meanMs - 1e-9);
      expect(highest).toBeLessThanOrEqual(1.25 * meanMs + 1e-9);
      expect(reordered).toBe(0);
      expect(Math.abs(sum / n / meanMs - 1)).toBeLessThan(0.01);
      for (const q of quartiles) expect(Math.abs(q / n - 0.25)).toBeLessThan(0.02);
    }
  });

  it('a vanishing mean lag (1e-200 ms) is no lag, without stepping through turns', () => {
    const lags = new StreamLags(1);
    const rng = new Rng(1, 'lag');
    expect(lags.lagMs(0, 5, 1e-200, rng)).toBe(0);
    expect(lags.lagMs(0, 1e9, 1e-5, rng)).toBeLessThanOrEqual(1.25e-5);
  });
});
