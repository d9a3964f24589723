// A gateway's auth/TLS overhead is work, not a pure delay: it holds one of `workers` per instance
// (the serving model), so the gateway queues like an M/M/c station and saturates at c/S.
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { design, edge, node } from '../../testing/designs';
import { erlangC, relativeError } from '../../testing/theory';

/** Poisson clients → gateway → a backend fast and wide enough never to matter. */
function gatewayDesign(rps: number, gateway: Record<string, number | string>, durationS: number, seed = 1) {
  return design(
    [
      node('client', 'client', { rps, readRatio: 1, timeoutMs: 3_600_000 }),
      node('gateway', 'gateway', gateway),
      node('backend', 'service', { workers: 10_000, serviceTimeMs: 0.01, serviceDist: 'const' }),
    ],
    [edge('client', 'gateway', { latencyMs: 0 }), edge('gateway', 'backend', { latencyMs: 0 })],
    { durationS, warmupS: 10, seed },
  );
}

describe('gateway capacity', () => {
  it('4 workers with exponential 2 ms auth at rho = 0.8 match Erlang C (M/M/4 mean wait, mean queue length) within 5%', () => {
    // λ = 1,600/s, S = 2 ms, c = 4: ~4.6·10^5 requests after warm-up.
    const result = runDesign(gatewayDesign(1600, { workers: 4, overheadMs: 2, serviceDist: 'exp' }, 300, 5));
    const theory = erlangC(1.6, 0.5, 4);
    const gateway = result.nodes.gateway;
    expect(relativeError(gateway.meanWaitMs, theory.waitMs)).toBeLessThan(0.05);
    expect(relativeError(gateway.meanQueueDepth, theory.queueLength)).toBeLessThan(0.05);
    expect(relativeError(gateway.utilization, theory.rho)).toBeLessThan(0.02);
  });

  it('saturates at instances × workers / overhead: 2 × 4 workers of 2 ms serve 4,000 req/s of 6,000 offered, the rest rejected', () => {
    const result = runDesign(
      gatewayDesign(6000, { instances: 2, workers: 4, overheadMs: 2, queueCapacity: 50 }, 40),
    );
    const gateway = result.nodes.gateway;
    expect(relativeError(gateway.throughputRps, 4000)).toBeLessThan(0.01);
    expect(gateway.utilization).toBeGreaterThan(0.99);
    expect(relativeError(result.global.errors.rejected / 30, 2000)).toBeLessThan(0.03);
  });

  it('auth at the edge costs capacity: the same 2 ms is 2 ms at 100 req/s but queues without bound past 2,000 req/s with 4 workers', () => {
    const light = runDesign(gatewayDesign(100, { workers: 4, overheadMs: 2 }, 30)).nodes.gateway;
    const heavy = runDesign(gatewayDesign(2400, { workers: 4, overheadMs: 2 }, 30)).nodes.gateway;
    expect(light.meanWaitMs).toBeLessThan(0.01);
    expect(light.meanResponseMs).toBeLessThan(2.1);
    // 400 req/s more than it serves, for 30 s: a wait of seconds, growing.
    expect(heavy.throughputRps).toBeLessThan(2001);
    expect(heavy.meanWaitMs).toBeGreaterThan(1000);
  });

  it('the default pool (64 workers) adds no measurable wait to a 2 ms gateway at 10,000 req/s (utilisation λS/c = 0.31)', () => {
    const gateway = runDesign(gatewayDesign(10_000, { overheadMs: 2 }, 20)).nodes.gateway;
    expect(gateway.meanWaitMs).toBeLessThan(0.01);
    expect(relativeError(gateway.utilization, (10_000 * 0.002) / 64)).toBeLessThan(0.03);
  });
});
