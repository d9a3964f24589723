// Token bucket in front of a service: excess requests are throttled. Behaviour: sim.ts (also the gateway's).
import { instances, int, num, oneOf, proxyPoolParams, type ParamSpecs } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';
import { THROTTLED } from '../gauges';

/** Workers per instance: 64 × a 2 ms gateway overhead is 32,000 req/s an instance. */
const LIMITER_WORKERS = 64;

/** The token bucket, overhead and worker pool the gateway shares. */
export const limiterParams = (overheadMs: number, rate: number | undefined): ParamSpecs => ({
  instances: instances(),
  ...proxyPoolParams(LIMITER_WORKERS, 'overhead'),
  rate: num('Rate', rate, 0, 10_000_000, 'req/s', 'Token bucket refill rate. Left out: no limit.', {
    optional: true,
    group: 'Rate limit',
  }),
  burst: int(
    'Burst',
    100,
    1,
    10_000_000,
    'requests',
    'Token bucket size: requests allowed at once above the rate.',
    { group: 'Rate limit' },
  ),
  scope: oneOf(
    'Scope',
    ['perUser', 'global'],
    'global',
    'One bucket per user id, or one bucket for everyone.',
    { group: 'Rate limit' },
  ),
  overheadMs: num(
    'Overhead',
    overheadMs,
    0,
    60_000,
    'ms',
    'Work done on each request (auth, TLS, parsing), holding a worker.',
    { group: 'Timing' },
  ),
});

const CAPS = capabilities({ queues: true, isProxy: true, throttles: true });

export const rateLimiterKind = {
  kind: 'rateLimiter',
  label: 'Rate Limiter',
  description: 'Token bucket: excess requests are throttled; its workers bound its throughput.',
  placeKey: 't',
  icon: 'rateLimiter.svg',
  params: limiterParams(0.2, 1000),
  gauges: [THROTTLED],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'rateLimiter'>;
