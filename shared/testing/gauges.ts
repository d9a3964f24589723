// Live gauges for unit tests: every common field (shared/kinds/gauges.ts) at 0 unless given, so a
// test names only the values it is about and a new common gauge never breaks a fixture.
import { COMMON_NODE_GAUGES, type NodeGauges } from '../kinds/gauges';

export function nodeGauges(overrides: Partial<NodeGauges> = {}): NodeGauges {
  const gauges = Object.fromEntries(COMMON_NODE_GAUGES.map((spec) => [spec.field, 0])) as NodeGauges;
  return Object.assign(gauges, overrides);
}
