import { describe, expect, it } from 'vitest';
import { runDesign } from './index';
import { mmcDesign } from './testing/designs';

/** Erlang C: probability of waiting, mean wait Wq and mean queue length Lq of an M/M/c queue. */
function erlangC(lambdaPerMs: number, muPerMs: number, c: number) {
  const a = lambdaPerMs / muPerMs;
  const rho = a / c;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - rho); // a^c / c! / (1 - rho)
  const probabilityWait = last / (sum + last);
  const waitMs = probabilityWait / (c * muPerMs - lambdaPerMs);
  return { waitMs, queueLength: lambdaPerMs * waitMs, rho };
}

const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(tolerance);

describe('queueing theory', () => {
  it('M/M/1 at rho = 0.8 matches Erlang C (= Pollaczek–Khinchine for c = 1) within 5%', () => {
    // λ = 80/s, 1/μ = 10 ms → ρ = 0.8; ~2.4·10^5 customers after warm-up.
    const result = runDesign(
      mmcDesign({ lambdaRps: 80, serviceTimeMs: 10, servers: 1, durationS: 3000, warmupS: 100 }),
    );
    const theory = erlangC(0.08, 0.1, 1);
    const server = result.nodes.server;
    within(server.meanWaitMs, theory.waitMs, 0.05);
    within(server.meanQueueDepth, theory.queueLength, 0.05);
    within(server.utilization, theory.rho, 0.02);
  });
});
