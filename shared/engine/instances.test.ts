// Per-instance truth: a node's totals average over its instances, which hides the saturated one.
// The utilization law holds per instance: U_i = λ_i · S / c_i.
import { describe, expect, it } from 'vitest';
import { runDesign } from './index';
import { design, edge, node } from '../testing/designs';

describe('per-instance results', () => {
  it('a database leader at 0.9 shows as the hottest instance while the node (3 copies) reads 0.3', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', { rps: 180, readRatio: 0, keyDistribution: 'uniform' }),
          node('db', 'database', { workers: 1, writeTimeMs: 5, replicas: 2, replication: 'async' }),
        ],
        [edge('users', 'db', { latencyMs: 0 })],
        { durationS: 120, warmupS: 10 },
      ),
    );
    const db = result.nodes.db;
    expect(db.utilization).toBeGreaterThan(0.28);
    expect(db.utilization).toBeLessThan(0.32);
    expect(db.perInstance).toHaveLength(3);
    const leader = db.perInstance.find((row) => row.role === 'leader')!;
    // λ S / c = 180/s × 5 ms / 1 = 0.9.
    expect(leader.utilization).toBeGreaterThan(0.87);
    expect(leader.utilization).toBeLessThan(0.93);
    expect(db.utilizationMax).toBe(leader.utilization);
    expect(db.utilizationMaxInstance).toBe(leader.address);
    expect(leader.shard).toBe(0);
    expect(leader.arrivals).toBe(db.arrivals);
    // M/M/1 at ρ = 0.9: L_q = ρ²/(1−ρ) = 8.1 (within sampling noise of a 110 s run).
    expect(leader.meanQueueDepth).toBeGreaterThan(5.5);
    expect(leader.meanQueueDepth).toBeLessThan(11);
    expect(leader.p99Ms).toBeGreaterThan(0);
    for (const follower of db.perInstance.filter((row) => row.role === 'follower')) {
      expect(follower.utilization).toBe(0);
      expect(follower.p99Ms).toBeNull();
    }
  });

  it('a hot shard: one of two shards taking most keys reads hotter than the node', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', {
            rps: 300,
            readRatio: 1,
            keys: 1000,
            keyDistribution: 'zipf',
            zipfAlpha: 1.2,
          }),
          node('db', 'database', { workers: 1, readTimeMs: 2, shards: 2 }),
        ],
        [edge('users', 'db', { latencyMs: 0 })],
        { durationS: 60, warmupS: 5 },
      ),
    );
    const db = result.nodes.db;
    const [a, b] = db.perInstance;
    expect(a.shard).toBe(0);
    expect(b.shard).toBe(1);
    // The busier shard's utilization, by the utilization law, and the node's is their mean.
    expect(db.utilizationMax).toBeGreaterThan(db.utilization * 1.1);
    expect((a.utilization + b.utilization) / 2).toBeCloseTo(db.utilization, 2);
    expect(a.arrivals + b.arrivals).toBe(db.arrivals);
  });
});
