// Token bucket in front of a service: excess requests are throttled. Behaviour: sim.ts (also the gateway's).
import { instances, int, num, oneOf, type ParamSpecs } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';
import { THROTTLED } from '../gauges';

/** The token bucket and overhead the gateway shares. */
export const limiterParams = (overheadMs: number, rate: number | undefined): ParamSpecs => ({
  instances: instances(),
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
    'Time added to each request (auth, TLS, parsing).',
    { group: 'Timing' },
  ),
});

const CAPS = capabilities({ isProxy: true, throttles: true });

export const rateLimiterKind = {
  kind: 'rateLimiter',
  label: 'Rate Limiter',
  description: 'Token bucket: excess requests are throttled.',
  placeKey: 't',
  icon: 'rateLimiter.svg',
  params: limiterParams(0.2, 1000),
  gauges: [THROTTLED],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'rateLimiter'>;
