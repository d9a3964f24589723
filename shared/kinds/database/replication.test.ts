// Replication costs against order statistics. A write's service time is a constant 1 ms at low
// utilisation (16 connections, ρ ≤ 0.13), so its response time is 1 ms plus what it waits for:
//  - leaderless (N = 3): the coordinator applies the write at once, the two other copies after a
//    lag L ~ Uniform(0.75 m, 1.25 m) each; acknowledged by the W-th fastest of {0, L1, L2}:
//    W = 1 costs nothing, W = 2 the smaller lag E[min] = low + range/3, W = 3 the larger
//    E[max] = low + 2·range/3 — at any write rate (copies apply per key, not in one log order);
//  - single leader with two followers: each follower's stream lag is uniform on the same range
//    (a telegraph process, streamLag.ts), independent per follower: semisync waits for the first
//    follower (E[min]), sync for both (E[max]); async does not wait and the lag it reports is the
//    configured mean at 5, 500 and 2,000 writes/s (the log order never inflates it).
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { design, edge, node } from '../../testing/designs';
import { relativeError, uniformOrderStatisticMean } from '../../testing/theory';

const LAG_MS = 50;
const LOW_MS = 0.75 * LAG_MS;
const HIGH_MS = 1.25 * LAG_MS;
const WRITE_MS = 1;

function writes(writesPerS: number, params: Record<string, string | number>) {
  // About 1,000 writes at the lowest rate, 60 s at the others.
  const durationS = writesPerS < 50 ? 200 : 60;
  const result = runDesign(
    design(
      [
        node('writers', 'client', {
          rps: writesPerS,
          readRatio: 0,
          keyDistribution: 'uniform',
          keys: 100_000,
          timeoutMs: 60_000,
        }),
        node('db', 'database', {
          writeTimeMs: WRITE_MS,
          serviceDist: 'const',
          workers: 16,
          replicas: 2,
          replicationLagMs: LAG_MS,
          ...params,
        }),
      ],
      [edge('writers', 'db', { latencyMs: 0 })],
      { durationS, warmupS: 2 },
    ),
  );
  return { responseMs: result.nodes.db.meanResponseMs, lagMs: result.nodes.db.db!.replicationLagMsMean };
}

const leaderless = (w: number) => ({ replication: 'leaderless', quorumN: 3, quorumW: w, quorumR: 1 });

describe('leaderless writes apply per key (order statistics of the copies’ lags)', () => {
  it.each([5, 500])(
    'W = 1 costs the local write at %i writes/s (nothing waits behind other keys)',
    (rate) => {
      expect(relativeError(writes(rate, leaderless(1)).responseMs, WRITE_MS)).toBeLessThan(0.02);
    },
  );

  it.each([5, 500])(
    'W = 2 waits for the 2nd fastest copy: 1 ms + E[min of 2 lags] at %i writes/s',
    (rate) => {
      const expected = WRITE_MS + uniformOrderStatisticMean(1, 2, LOW_MS, HIGH_MS);
      expect(relativeError(writes(rate, leaderless(2)).responseMs, expected)).toBeLessThan(0.02);
    },
  );

  it.each([5, 500])(
    'W = 3 waits for the 3rd fastest copy: 1 ms + E[max of 2 lags] at %i writes/s',
    (rate) => {
      const expected = WRITE_MS + uniformOrderStatisticMean(2, 2, LOW_MS, HIGH_MS);
      expect(relativeError(writes(rate, leaderless(3)).responseMs, expected)).toBeLessThan(0.02);
    },
  );
});

describe('single-leader replication keeps its configured lag at any write rate', () => {
  it.each([5, 500, 2000])('async: the mean lag is the configured 50 ms at %i writes/s', (rate) => {
    const run = writes(rate, { replication: 'async' });
    expect(relativeError(run.lagMs, LAG_MS)).toBeLessThan(0.03);
    expect(relativeError(run.responseMs, WRITE_MS)).toBeLessThan(0.02);
  });

  it.each([5, 500, 2000])(
    'semisync waits for the first of two followers: E[min of 2 lags] at %i writes/s',
    (rate) => {
      const expected = WRITE_MS + uniformOrderStatisticMean(1, 2, LOW_MS, HIGH_MS);
      expect(relativeError(writes(rate, { replication: 'semisync' }).responseMs, expected)).toBeLessThan(
        0.03,
      );
    },
  );

  it.each([5, 500, 2000])('sync waits for both followers: E[max of 2 lags] at %i writes/s', (rate) => {
    const expected = WRITE_MS + uniformOrderStatisticMean(2, 2, LOW_MS, HIGH_MS);
    expect(relativeError(writes(rate, { replication: 'sync' }).responseMs, expected)).toBeLessThan(0.03);
  });
});
