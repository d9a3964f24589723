// Edge cache close to users: a cache (../cache/sim.ts) with edge defaults.
import { cacheParams } from '../cache/cache';
import { capabilities, countView, type KindSpec } from '../kindSpec';

const CAPS = capabilities({ isProxy: true, cachesKeys: true, readsKeys: true });

export const cdnKind = {
  kind: 'cdn',
  label: 'CDN',
  description: 'Edge cache close to users, in front of an origin.',
  placeKey: 'n',
  icon: 'cdn.svg',
  params: cacheParams(100_000, 5, 60_000),
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'cdn'>;
