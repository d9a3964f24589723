// Edge cache close to users: a cache (../cache/sim.ts) with edge defaults.
import { cacheParams } from '../cache/cache';
import { capabilities, countView, type KindSpec } from '../kindSpec';
import { HIT_RATE, STALE_READS } from '../gauges';

const CAPS = capabilities({ queues: true, isProxy: true, cachesKeys: true, readsKeys: true });

export const cdnKind = {
  kind: 'cdn',
  label: 'CDN',
  description: 'Edge cache close to users, in front of an origin.',
  placeKey: 'n',
  icon: 'cdn.svg',
  params: cacheParams(100_000, 5, 60_000, 512),
  gauges: [HIT_RATE, STALE_READS],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'cdn'>;
