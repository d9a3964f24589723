// A load balancer is a process too: its overhead holds one of its `workers`, so it can be the
// bottleneck, and its instances can be killed (`lb:0`), so one instance is a single point of failure.
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { design, edge, node } from '../../testing/designs';
import type { ScenarioEvent } from '../../document/types';

function balanced(
  lb: Record<string, number | string>,
  options: { rps?: number; retries?: number; events?: ScenarioEvent[]; durationS?: number } = {},
) {
  return design(
    [
      node('client', 'client', {
        rps: options.rps ?? 500,
        readRatio: 1,
        timeoutMs: 2000,
        retries: options.retries ?? 0,
        retryBackoffMs: 1,
      }),
      node('lb', 'loadBalancer', lb),
      node('api', 'service', { instances: 2, workers: 16, serviceTimeMs: 2 }),
    ],
    [edge('client', 'lb'), edge('lb', 'api')],
    { durationS: options.durationS ?? 20, events: options.events ?? [] },
  );
}

const killFirstBalancerAt5s: ScenarioEvent[] = [{ atS: 5, action: 'kill', target: 'lb:0' }];

describe('load balancer capacity and redundancy', () => {
  it('is the bottleneck when its workers are: 1 worker × 1 ms overhead serves 1,000 req/s of 1,500 offered (c/S)', () => {
    const result = runDesign(balanced({ workers: 1, overheadMs: 1, queueCapacity: 20 }, { rps: 1500 }));
    expect(Math.abs(result.nodes.lb.throughputRps - 1000) / 1000).toBeLessThan(0.01);
    expect(result.nodes.lb.utilization).toBeGreaterThan(0.99);
    expect(result.nodes.api.utilization).toBeLessThan(0.1);
    expect(result.global.errors.rejected).toBeGreaterThan(0.3 * result.global.requests);
  });

  it('one instance is a single point of failure: killing it fails all traffic after the kill, retries or not', () => {
    const result = runDesign(balanced({}, { retries: 2, events: killFirstBalancerAt5s }));
    // 15 of 20 s after the kill: 3/4 of requests fail, refused by the dead balancer.
    expect(result.global.errors.unavailable / result.global.requests).toBeGreaterThan(0.74);
    expect(result.global.completed / result.global.requests).toBeLessThan(0.26);
  });

  it('two instances survive one kill: clients that retry a refused connection reach the other one', () => {
    const result = runDesign(balanced({ instances: 2 }, { retries: 1, events: killFirstBalancerAt5s }));
    expect(result.global.failed).toBe(0);
    expect(result.nodes.lb.throughputRps).toBeGreaterThan(490);
  });

  it('without retries a pair still loses the dead one’s share (clients spread over both, no health checks in front)', () => {
    const result = runDesign(balanced({ instances: 2 }, { events: killFirstBalancerAt5s }));
    // Half the traffic for 15 of 20 s.
    expect(Math.abs(result.global.errors.unavailable / result.global.requests - 0.375)).toBeLessThan(0.02);
  });
});
