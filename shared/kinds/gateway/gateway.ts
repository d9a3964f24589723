// Edge entry: a per-request overhead (auth, TLS) served by a worker pool, and an optional token
// bucket; behaves as a rate limiter (../rateLimiter/sim.ts) with other defaults.
import { limiterParams } from '../rateLimiter/rateLimiter';
import { capabilities, countView, type KindSpec } from '../kindSpec';
import { THROTTLED } from '../gauges';

const CAPS = capabilities({ queues: true, isProxy: true, throttles: true });

export const gatewayKind = {
  kind: 'gateway',
  label: 'API Gateway',
  description: 'Edge entry: auth and TLS cost worker time (it saturates), optional rate limit.',
  placeKey: 'g',
  icon: 'gateway.svg',
  params: limiterParams(2, undefined),
  gauges: [THROTTLED],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'gateway'>;
