// A queue hands a message to a consumer's worker and the worker is set aside for it until it is
// served: over a delivery edge of latency d the worker is held for d + S per message. The
// utilization law (U = λ · hold time / c) must see that time, or the consumer looks idle while
// its queue grows.
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { design, edge, node } from '../../testing/designs';

function consumer(deliveryMs: number) {
  const result = runDesign(
    design(
      [
        node('users', 'client', { rps: 250, readRatio: 0 }),
        node('q', 'queue', {}),
        node('w', 'worker', { workers: 1, serviceTimeMs: 2 }),
      ],
      [edge('users', 'q', { latencyMs: 0 }), edge('q', 'w', { latencyMs: deliveryMs })],
      { durationS: 60, warmupS: 5 },
    ),
  );
  return result.nodes.w;
}

describe('queue delivery to a consumer', () => {
  it('a worker held across a 1 ms delivery edge counts as busy: U = λ(S + d)/c = 250/s × 3 ms = 0.75', () => {
    expect(consumer(0).utilization).toBeCloseTo(0.5, 1);
    const held = consumer(1);
    expect(held.utilization).toBeGreaterThan(0.735);
    expect(held.utilization).toBeLessThan(0.765);
  });
});
