// An unindexed read scans the rows of its shard only: with `rows` split over `shards`, a scan
// costs readTimeMs + rows / shards / scanRowsPerMs. At low load (ρ ≈ 0.02) the mean response is
// that service time.
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { design, edge, node } from '../../testing/designs';

function scanResponseMs(shards: number): number {
  const result = runDesign(
    design(
      [
        node('users', 'client', { rps: 20, readRatio: 1, keyDistribution: 'uniform', keys: 10_000 }),
        node('db', 'database', {
          shards,
          workers: 8,
          readTimeMs: 2,
          indexed: false,
          rows: 1_000_000,
          scanRowsPerMs: 100_000,
        }),
      ],
      [edge('users', 'db', { latencyMs: 0 })],
      { durationS: 300, warmupS: 5 },
    ),
  );
  return result.nodes.db.meanResponseMs;
}

describe('unindexed scans and sharding', () => {
  it('4 shards scan a quarter of the rows each: 2 + 10/4 = 4.5 ms instead of 2 + 10 = 12 ms', () => {
    expect(scanResponseMs(1)).toBeGreaterThan(11.4);
    expect(scanResponseMs(1)).toBeLessThan(12.6);
    const sharded = scanResponseMs(4);
    expect(sharded).toBeGreaterThan(4.25);
    expect(sharded).toBeLessThan(4.75);
  });
});

describe('database query time distribution', () => {
  // One connection, 5 ms reads at 160/s: ρ = 0.8. Pollaczek–Khinchine: Wq = ρ S (1 + cv²) / (2(1 − ρ)),
  // so a constant query time (M/D/1) waits 10 ms and an exponential one (M/M/1) 20 ms.
  const meanWaitMs = (serviceDist: 'exp' | 'const') =>
    runDesign(
      design(
        [
          node('users', 'client', { rps: 160, readRatio: 1, keyDistribution: 'uniform' }),
          node('db', 'database', { workers: 1, readTimeMs: 5, serviceDist }),
        ],
        [edge('users', 'db', { latencyMs: 0 })],
        { durationS: 600, warmupS: 20 },
      ),
    ).nodes.db.meanWaitMs;

  it('serviceDist const queues like M/D/1 (Wq = 10 ms), exp like M/M/1 (Wq = 20 ms)', () => {
    const constant = meanWaitMs('const');
    expect(constant).toBeGreaterThan(9);
    expect(constant).toBeLessThan(11);
    const exponential = meanWaitMs('exp');
    expect(exponential).toBeGreaterThan(18);
    expect(exponential).toBeLessThan(22);
  });
});
