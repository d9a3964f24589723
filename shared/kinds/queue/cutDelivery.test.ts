// A delivery lost on a cut edge must give its consumer's worker back: the worker was set aside
// for a message that will never arrive.
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { design, edge, node } from '../../testing/designs';

describe('queue delivery over a cut edge', () => {
  it('after the delivery edge is cut and healed, the consumer keeps consuming (its worker is not held forever)', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', { rps: 100, readRatio: 0 }),
          node('q', 'queue', { visibilityTimeoutMs: 1000 }),
          node('w', 'worker', { workers: 1, serviceTimeMs: 2 }),
        ],
        [edge('users', 'q', { latencyMs: 0 }), edge('q', 'w', { latencyMs: 5 }, 'delivery')],
        {
          durationS: 40,
          warmupS: 20,
          events: [{ atS: 5, action: 'cut', target: 'delivery', durationS: 2 }],
        },
      ),
    );
    // Well after the heal the worker serves the whole 100/s (utilization law: 100 × 7 ms = 0.7
    // with the 5 ms delivery held), and the queue is drained.
    expect(result.nodes.w.throughputRps).toBeGreaterThan(95);
    expect(result.nodes.w.utilization).toBeLessThan(0.8);
    expect(result.nodes.q.meanQueueDepth).toBeLessThan(5);
  });
});
