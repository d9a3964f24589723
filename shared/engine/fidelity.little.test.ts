// Little's law (L = λW) must hold on every node of a multi-tier design, for the whole node
// (requests held vs departures × time held) and for its waiting line (queue vs wait).
import { describe, expect, it } from 'vitest';
import { runDesign } from './index';
import { template } from '../testing/templates';

describe("Little's law", () => {
  it.each([
    ['three-tier', 400, 5],
    ['six-tier-reference', 40, 8],
    ['failover-lab', 300, 3],
  ] as const)(
    'holds within 2 percent on every node of the %s template (L = λW, %s s)',
    (name, durationS, nodes) => {
      const result = runDesign(template(name), { durationS, warmupS: 20 });
      const measuredS = (result.simTimeMs - 20_000) / 1000;
      let checked = 0;
      for (const [id, n] of Object.entries(result.nodes)) {
        const departuresPerMs = (n.completed + n.failed) / (measuredS * 1000);
        const expectedL = departuresPerMs * n.meanResponseMs;
        if (expectedL < 0.05) continue; // too little traffic to measure
        expect(Math.abs(n.meanInSystem - expectedL) / expectedL, `node ${id}`).toBeLessThan(0.02);
        checked++;
      }
      // Every node of the design was checked.
      expect(checked).toBe(nodes);
    },
  );

  it('holds within 2% for the waiting line of a busy server (Lq = λ Wq)', () => {
    const result = runDesign(template('mm1'), { durationS: 1500, warmupS: 20 });
    const server = result.nodes.server;
    const measuredMs = result.simTimeMs - 20_000;
    const startsPerMs = server.arrivals / measuredMs;
    const expected = startsPerMs * server.meanWaitMs;
    expect(Math.abs(server.meanQueueDepth - expected) / expected).toBeLessThan(0.02);
  });
});
