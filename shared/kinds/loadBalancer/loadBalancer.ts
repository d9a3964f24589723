// Spreads requests over every downstream instance, with health checks. Behaviour: sim.ts.
import { instances, int, num, oneOf, proxyPoolParams } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';

const CAPS = capabilities({ queues: true, isProxy: true });

export const loadBalancerKind = {
  kind: 'loadBalancer',
  label: 'Load Balancer',
  description: 'Spreads requests over every downstream instance; its workers bound its throughput.',
  placeKey: 'l',
  icon: 'loadBalancer.svg',
  params: {
    instances: instances(),
    ...proxyPoolParams(64, 'overhead'),
    algorithm: oneOf(
      'Algorithm',
      ['roundRobin', 'random', 'leastConnections', 'hash', 'consistentHash'],
      'roundRobin',
      'How a target is chosen; hash algorithms use the user id.',
      { group: 'Balancing' },
    ),
    virtualNodes: int(
      'Virtual nodes',
      100,
      1,
      10_000,
      'per target',
      'Consistent hashing: points per target on the ring.',
      { relevantWhen: { param: 'algorithm', oneOf: ['consistentHash'] }, group: 'Balancing' },
    ),
    healthCheckMs: num(
      'Health check interval',
      1000,
      10,
      3_600_000,
      'ms',
      'How often each target is probed.',
      { group: 'Health checks' },
    ),
    unhealthyAfter: int(
      'Unhealthy after',
      3,
      1,
      100,
      'checks',
      'Failed checks in a row before a target is taken out.',
      { group: 'Health checks' },
    ),
    healthyAfter: int(
      'Healthy after',
      2,
      1,
      100,
      'checks',
      'Passed checks in a row before a target is put back.',
      { group: 'Health checks' },
    ),
    maxConnections: int(
      'Max connections',
      undefined,
      1,
      10_000_000,
      'connections',
      'Requests in flight through the balancer; more are rejected. Left out: unbounded.',
      { optional: true, group: 'Capacity' },
    ),
    overheadMs: num(
      'Overhead',
      0.1,
      0,
      60_000,
      'ms',
      'Work the balancer does on each request, holding a worker.',
      {
        group: 'Timing',
      },
    ),
  },
  gauges: [],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'loadBalancer'>;
