// Live gauges for unit tests: every common field (shared/kinds/gauges.ts) at 0 unless given, so a
// test names only the values it is about and a new common gauge never breaks a fixture.
import { COMMON_NODE_GAUGES, type NodeGauges } from '../kinds/gauges';
import { FAILURE_REASONS } from '../engine/constants';
import type { GlobalGauges } from '../engine/gauges';

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
