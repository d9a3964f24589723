// Closed-mode users (SPEC "Client"): a user sends, waits for the response, thinks, sends again.
// The user population is a closed queueing network, checked against exact mean value analysis.
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { closedLoopDesign, design, node } from '../../testing/designs';
import { meanValueAnalysis, relativeError } from '../../testing/theory';

describe('closed-mode users', () => {
  // Z = 0 and S = 0.4 ms: the server never idles, so MVA gives X = 1/S = 2,500/s for every N
  // (and R = N·S). A user is not held to any fixed request rate of its own.
  for (const users of [1, 2, 5]) {
    it(`${users} user(s) with zero think time and a 0.4 ms server match exact MVA (X = min(N/(S+Z), 1/S) = 2,500/s) within 3%`, () => {
      const theory = meanValueAnalysis(users, 0.4, 0);
      const result = runDesign(
        closedLoopDesign({
          users,
          serviceTimeMs: 0.4,
          thinkTimeMs: 0,
          durationS: 120,
          warmupS: 5,
          seed: 3 + users,
        }),
      );
      expect(relativeError(result.nodes.server.throughputRps, theory.throughputRps)).toBeLessThan(0.03);
      expect(relativeError(result.nodes.server.meanResponseMs, theory.responseMs)).toBeLessThan(0.03);
      expect(relativeError(result.global.throughputRps, theory.throughputRps)).toBeLessThan(0.03);
    });
  }

  it('a user whose requests fail at once (nothing connected) still advances time: one attempt per ms, not a loop at one instant', () => {
    const result = runDesign(
      design([node('users', 'client', { mode: 'closed', users: 3, thinkTimeMs: 0 })], [], { durationS: 2 }),
    );
    // 3 users × 2,000 ms at one refused request per ms each.
    expect(result.global.requests).toBeGreaterThan(5_900);
    expect(result.global.requests).toBeLessThanOrEqual(6_003);
    expect(result.global.errors.unavailable).toBe(result.global.requests - result.global.inFlight);
  });
});
