// A client's request deadline (timeoutMs: the whole request, retries and backoff included) and
// its optional per-attempt timeout (attemptTimeoutMs). Measured through Little's law at the
// client: its time-averaged requests in flight L over its arrival rate λ is the mean request
// lifetime W = L / λ, exact for any mix of outcomes.
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { design, edge, node } from '../../testing/designs';

const DURATION_S = 30;
const WARMUP_S = 5;

/** Requests to a server that never answers (hung from the start): every attempt times out. */
function againstHungServer(client: Record<string, number>) {
  const result = runDesign(
    design(
      [
        node('users', 'client', { rps: 500, retries: 2, retryBackoffMs: 100, readRatio: 1, ...client }),
        node('svc', 'service', { workers: 4, serviceTimeMs: 1 }),
      ],
      [edge('users', 'svc', { latencyMs: 0 })],
      { durationS: DURATION_S, warmupS: WARMUP_S, events: [{ atS: 0, action: 'hang', target: 'svc' }] },
    ),
  );
  const users = result.nodes.users;
  return {
    // W = L / λ, with λ = requests over the measured window.
    lifetimeMs: users.meanInSystem / (result.global.requests / ((DURATION_S - WARMUP_S) * 1000)),
    attemptsPerRequest: result.nodes.svc.arrivals / result.global.requests,
    timeouts: result.global.errors.timeout,
    failed: result.global.failed,
  };
}

describe('client request deadline', () => {
  it('timeoutMs bounds the whole request: 200 ms with 2 retries of 100 ms backoff ends at 200 ms, after one attempt', () => {
    // Per attempt (the old reading) it would be 200 + 100 + 200 + 200 + 200 = 900 ms.
    const run = againstHungServer({ timeoutMs: 200 });
    expect(run.lifetimeMs).toBeGreaterThan(198);
    expect(run.lifetimeMs).toBeLessThan(202);
    expect(run.attemptsPerRequest).toBeCloseTo(1, 2);
    expect(run.timeouts).toBe(run.failed);
  });

  it('attemptTimeoutMs times out each attempt; retries run while the deadline allows', () => {
    // Attempts at 0 (gives up at 50), 150 (at 200), 400 (at 450): three attempts, 450 ms.
    const roomy = againstHungServer({ timeoutMs: 1000, attemptTimeoutMs: 50 });
    expect(roomy.lifetimeMs).toBeGreaterThan(448);
    expect(roomy.lifetimeMs).toBeLessThan(452);
    expect(roomy.attemptsPerRequest).toBeCloseTo(3, 1);
    // With a 300 ms deadline the third attempt (due at 400 ms) is never made: two, 200 ms.
    const tight = againstHungServer({ timeoutMs: 300, attemptTimeoutMs: 50 });
    expect(tight.lifetimeMs).toBeGreaterThan(198);
    expect(tight.lifetimeMs).toBeLessThan(202);
    expect(tight.attemptsPerRequest).toBeCloseTo(2, 1);
    // An attempt timeout longer than the deadline is capped by it.
    const capped = againstHungServer({ timeoutMs: 120, attemptTimeoutMs: 500 });
    expect(capped.lifetimeMs).toBeGreaterThan(118);
    expect(capped.lifetimeMs).toBeLessThan(122);
  });
});
