// Live gauges for unit tests: every common field (shared/kinds/gauges.ts) at 0 unless given, so a
// test names only the values it is about and a new common gauge never breaks a fixture.
import { COMMON_NODE_GAUGES, type NodeGaugeField, type NodeGauges } from '../kinds/gauges';
import { FAILURE_REASONS } from '../engine/constants';
import type { GlobalGauges } from '../engine/gauges';
import type { SimulationHandle } from '../engine/index';

export function nodeGauges(overrides: Partial<NodeGauges> = {}): NodeGauges {
  const gauges = Object.fromEntries(COMMON_NODE_GAUGES.map((spec) => [spec.field, 0])) as NodeGauges;
  return Object.assign(gauges, overrides);
}

/** One second's end-to-end gauges: 100 rps completed, no failures, SLO passing, unless given. */
export function globalGauges(overrides: Partial<GlobalGauges> = {}): GlobalGauges {
  const errorsByReason = Object.fromEntries(
    FAILURE_REASONS.map((reason) => [reason, 0]),
  ) as GlobalGauges['errorsByReason'];
  return {
    throughputRps: 100,
    completed: 100,
    p50Ms: 10,
    p95Ms: 20,
    p99Ms: 40,
    errorRate: 0,
    errorsByReason,
    sloPass: true,
    ...overrides,
  };
}

/**
 * Runs a simulation second by second up to `untilS`, reading its gauges after each second as the
 * app's run history does; the accessor returns a node's field per second (index k covers second
 * k to k+1: the window that closed at k+1 s).
 */
export function recordGaugesBySecond(
  sim: SimulationHandle,
  untilS: number,
): (nodeId: string, field: NodeGaugeField) => number[] {
  const layout = sim.gaugeLayout();
  const seconds: Float64Array[] = [];
  for (let t = 1; t <= untilS; t++) {
    sim.runUntil(t * 1000);
    seconds.push(sim.gauges().nodes);
  }
  return (nodeId, field) => {
    const offset =
      layout.nodeIds.indexOf(nodeId) * layout.nodeFields.length + layout.nodeFields.indexOf(field);
    return seconds.map((nodes) => nodes[offset]);
  };
}
