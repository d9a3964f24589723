// Failure behaviour: detection, failover, rebalancing, delivery guarantees (SPEC "Fidelity").
import { describe, expect, it } from 'vitest';
import { createSimulation, runDesign } from './index';
import { design, edge, node } from '../testing/designs';
import { template } from '../testing/templates';

function rebalanceAfterKill(algorithm: 'hash' | 'consistentHash', targets: number) {
  const result = runDesign(
    design(
      [
        node('users', 'client', { rps: 200, users: 10_000 }),
        node('lb', 'loadBalancer', { algorithm, healthCheckMs: 1000, unhealthyAfter: 3, virtualNodes: 200 }),
        node('svc', 'service', { instances: targets, workers: 8, serviceTimeMs: 2 }),
      ],
      [edge('users', 'lb'), edge('lb', 'svc')],
      { durationS: 20, events: [{ atS: 5.5, action: 'kill', target: 'svc:2' }] },
    ),
  );
  return result.log;
}

describe('load balancing and detection', () => {
  it('removing one of N targets moves about (N-1)/N of users under modulo hashing and about 1/N under consistent hashing', () => {
    const n = 5;
    const modulo = rebalanceAfterKill('hash', n).find((e) => e.type === 'rebalance')!;
    const ring = rebalanceAfterKill('consistentHash', n).find((e) => e.type === 'rebalance')!;
    expect(Math.abs(Number(modulo.movedFraction) - (n - 1) / n)).toBeLessThan(0.05);
    expect(Math.abs(Number(ring.movedFraction) - 1 / n)).toBeLessThan(0.06);
  });

  it('a load balancer detects a dead target within (unhealthyAfter - 1) to unhealthyAfter health-check intervals', () => {
    const log = rebalanceAfterKill('hash', 4);
    const detected = log.find((e) => e.type === 'detected' && e.target === 'svc:2')!;
    const delayMs = detected.t - 5500;
    expect(delayMs).toBeGreaterThanOrEqual(2 * 1000);
    expect(delayMs).toBeLessThanOrEqual(3 * 1000);
  });

  it('a dead target keeps getting traffic until it is detected (its requests fail as unavailable)', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', { rps: 400 }),
          node('lb', 'loadBalancer', { healthCheckMs: 2000, unhealthyAfter: 3 }),
          node('svc', 'service', { instances: 4, workers: 8, serviceTimeMs: 2 }),
        ],
        [edge('users', 'lb'), edge('lb', 'svc')],
        { durationS: 30, events: [{ atS: 10, action: 'kill', target: 'svc:1' }] },
      ),
    );
    // Round-robin over 4 targets for 4–6 s before detection: about a quarter of 400/s fails.
    const unavailable = result.global.errors.unavailable;
    expect(unavailable).toBeGreaterThan(0.25 * 400 * 4 * 0.8);
    expect(unavailable).toBeLessThan(0.25 * 400 * 6 * 1.2);
  });

  it('a database detects a dead leader after failoverAfter missed heartbeats, then promotes after electionMs', () => {
    const result = runDesign(template('failover-lab'), { durationS: 30 });
    const kill = result.log.find((e) => e.type === 'kill')!;
    const detected = result.log.find((e) => e.type === 'detected')!;
    const promoted = result.log.find((e) => e.type === 'promoted')!;
    const heartbeatMs = 500;
    const missedBeats = 3;
    expect(detected.t - kill.t).toBeGreaterThanOrEqual((missedBeats - 1) * heartbeatMs);
    expect(detected.t - kill.t).toBeLessThanOrEqual(missedBeats * heartbeatMs);
    expect(promoted.t - detected.t).toBe(1000);
    expect(promoted.target).not.toBe('db:0');
    expect(promoted.shard).toBe(0);
  });
});

describe('replication and failover', () => {
  it('async replication loses acknowledged writes on failover; sync replication loses none', () => {
    const asyncRun = runDesign(template('failover-lab'), { durationS: 30 });
    const syncDesign = template('failover-lab');
    syncDesign.nodes.find((n) => n.id === 'db')!.params.replication = 'sync';
    const syncRun = runDesign(syncDesign, { durationS: 30 });
    expect(asyncRun.nodes.db.db!.lostWrites).toBeGreaterThan(0);
    expect(asyncRun.log.some((e) => e.type === 'lostWrites' && Number(e.count) > 0)).toBe(true);
    expect(syncRun.nodes.db.db!.failovers).toBe(1);
    expect(syncRun.nodes.db.db!.lostWrites).toBe(0);
  });

  it('semi-synchronous replication loses no acknowledged write when the most up-to-date follower is promoted', () => {
    const semi = template('failover-lab');
    semi.nodes.find((n) => n.id === 'db')!.params.replication = 'semisync';
    const result = runDesign(semi, { durationS: 30 });
    expect(result.nodes.db.db!.failovers).toBe(1);
    expect(result.nodes.db.db!.lostWrites).toBe(0);
  });

  it('writes to a shard without a leader are refused as unavailable until promotion; the old leader rejoins as follower', () => {
    const sim = createSimulation(template('failover-lab'), { durationS: 60 });
    sim.runUntil(21_100); // detected at 21 s, election until 22 s
    const before = sim.results().nodes.db.errors.unavailable;
    sim.runUntil(21_900);
    expect(sim.results().nodes.db.errors.unavailable).toBeGreaterThan(before);
    sim.run();
    const layout = sim.gaugeLayout();
    const gauges = sim.gauges();
    const leaderField = layout.instanceFields.indexOf('leader');
    const dbRow = layout.instanceOffset[layout.nodeIds.indexOf('db')];
    const leaders = [0, 1, 2].map(
      (i) => gauges.instances[(dbRow + i) * layout.instanceFields.length + leaderField],
    );
    expect(leaders[0]).toBe(0); // restarted at 40 s: a follower now
    expect(leaders.filter((x) => x === 1)).toHaveLength(1);
  });

  it('the old leader restarted at 40 s logs that it recovered, rejoining its shard as a follower', () => {
    const result = runDesign(template('failover-lab'), { durationS: 60 });
    const recovered = result.log.filter((e) => e.type === 'recovered' && e.target === 'db:0');
    expect(recovered).toEqual([
      { t: 40_000, type: 'recovered', target: 'db:0', role: 'follower', shard: 0, by: 'db' },
    ]);
    // In order: killed, detected, a follower promoted, restarted, recovered.
    const order = result.log
      .filter(
        (e) =>
          e.target.startsWith('db') &&
          ['kill', 'detected', 'promoted', 'restart', 'recovered'].includes(e.type),
      )
      .map((e) => e.type);
    expect(order).toEqual(['kill', 'detected', 'promoted', 'restart', 'recovered']);
  });

  it('a database leader back from a hang shorter than detection logs that it recovered as the leader', () => {
    const designed = template('failover-lab');
    designed.scenario!.events = [{ atS: 20, action: 'hang', target: 'db:0', durationS: 0.1 }];
    const result = runDesign(designed, { durationS: 25 });
    const recovered = result.log.filter((e) => e.type === 'recovered');
    expect(recovered).toEqual([
      { t: 20_100, type: 'recovered', target: 'db:0', role: 'leader', shard: 0, by: 'db' },
    ]);
    expect(result.log.some((e) => e.type === 'promoted')).toBe(false);
  });

  it('follower reads see stale data while replication lags', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', { rps: 500, readRatio: 0.5, keys: 50, keyDistribution: 'uniform' }),
          node('db', 'database', { replicas: 2, readFrom: 'followers', replicationLagMs: 200 }),
        ],
        [edge('users', 'db')],
        { durationS: 20, warmupS: 2 },
      ),
    );
    expect(result.nodes.db.db!.staleReads).toBeGreaterThan(100);
    expect(result.nodes.db.db!.replicationLagMsMean).toBeGreaterThan(150);
  });
});

describe('leaderless quorums', () => {
  const quorumRun = (w: number, r: number, events: { atS: number; action: 'kill'; target: string }[] = []) =>
    runDesign(
      design(
        [
          node('users', 'client', { rps: 400, readRatio: 0.5, keys: 100, keyDistribution: 'uniform' }),
          node('db', 'database', {
            replicas: 2,
            replication: 'leaderless',
            quorumN: 3,
            quorumW: w,
            quorumR: r,
            replicationLagMs: 100,
          }),
        ],
        [edge('users', 'db')],
        { durationS: 20, warmupS: 2, events },
      ),
    );

  it('R + W > N reads never miss the latest write; R + W ≤ N reads can be stale', () => {
    expect(quorumRun(2, 2).nodes.db.db!.staleReads).toBe(0);
    expect(quorumRun(1, 1).nodes.db.db!.staleReads).toBeGreaterThan(20);
  });

  it('stays available with one copy down (W = R = 2 of 3) and refuses when a quorum is lost', () => {
    const oneDown = quorumRun(2, 2, [{ atS: 5, action: 'kill', target: 'db:1' }]);
    expect(oneDown.global.errorRate).toBeLessThan(0.01);
    const twoDown = quorumRun(2, 2, [
      { atS: 5, action: 'kill', target: 'db:1' },
      { atS: 5, action: 'kill', target: 'db:2' },
    ]);
    expect(twoDown.global.errors.unavailable).toBeGreaterThan(0.9 * 400 * 15);
  });
});

describe('message delivery guarantees', () => {
  function queueRun(delivery: 'atLeastOnce' | 'atMostOnce') {
    return runDesign(
      design(
        [
          node('producer', 'client', { rps: 100, readRatio: 0 }),
          node('jobs', 'queue', { delivery, visibilityTimeoutMs: 2000, maxReceives: 5 }),
          node('worker', 'worker', { instances: 2, workers: 4, serviceTimeMs: 40, serviceDist: 'const' }),
        ],
        [edge('producer', 'jobs', { async: true }), edge('jobs', 'worker')],
        {
          durationS: 40,
          events: [
            { atS: 10, action: 'kill', target: 'worker:0', durationS: 1 },
            { atS: 20, action: 'kill', target: 'worker:1', durationS: 1 },
          ],
        },
      ),
    ).nodes.jobs.queue!;
  }

  it('consumers crashing mid-message: at-least-once redelivers (duplicates, nothing lost), at-most-once loses messages', () => {
    const atLeastOnce = queueRun('atLeastOnce');
    const atMostOnce = queueRun('atMostOnce');
    expect(atLeastOnce.duplicates).toBeGreaterThan(0);
    expect(atLeastOnce.lost).toBe(0);
    expect(atMostOnce.lost).toBeGreaterThan(0);
    expect(atMostOnce.duplicates).toBe(0);
  });
});

describe('run totals after warm-up', () => {
  // Retry amplification is attempts per request: with every attempt timing out and 2 retries it
  // is exactly 3. Calls queued before warm-up ended are carried in, not arrivals of the measured
  // run, or the overloaded server's backlog (≈ 14,500 calls here) would read as extra retries.
  it('arrivals count only calls after warm-up: 2 retries of always-timing-out attempts amplify load exactly 3×', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', {
            rps: 1000,
            timeoutMs: 1000,
            attemptTimeoutMs: 50,
            retries: 2,
            retryBackoffMs: 1,
            readRatio: 1,
          }),
          node('svc', 'service', { workers: 1, serviceTimeMs: 10, serviceDist: 'const' }),
        ],
        [edge('users', 'svc', { latencyMs: 0 })],
        { durationS: 20, warmupS: 5 },
      ),
    );
    const g = result.global;
    const svc = result.nodes.svc;
    expect(svc.carriedIn).toBeGreaterThan(10_000);
    expect(svc.arrivals / g.requests).toBeGreaterThan(2.99);
    expect(svc.arrivals / g.requests).toBeLessThan(3.01);
    // The books balance with what was carried in.
    expect(svc.arrivals + svc.carriedIn).toBe(svc.completed + svc.failed + svc.inFlight);
    expect(g.requests + g.carriedIn).toBe(g.completed + g.failed + g.inFlight);
  });
});
