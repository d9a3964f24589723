// In-memory key cache in front of an origin. Behaviour: sim.ts, store.ts.
import { instances, int, num, oneOf, proxyPoolParams, type ParamSpecs } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';
import { HIT_RATE, STALE_READS } from '../gauges';

/** A cache's parameters; the CDN has the same with edge defaults. */
export const cacheParams = (
  capacity: number,
  hitTimeMs: number,
  ttlMs: number | undefined,
  workers: number,
): ParamSpecs => ({
  instances: instances(),
  ...proxyPoolParams(workers, 'lookup time'),
  capacity: int('Capacity', capacity, 1, 100_000_000, 'keys', 'Keys one instance holds before it evicts.', {
    group: 'Capacity',
  }),
  eviction: oneOf(
    'Eviction',
    ['lru', 'lfu', 'fifo', 'random'],
    'lru',
    'Which key leaves when the cache is full: least recently used, in-cache least frequently used (a key’s count is forgotten when it leaves), first in, or random.',
    { group: 'Caching' },
  ),
  ttlMs: num(
    'TTL',
    ttlMs,
    1,
    86_400_000,
    'ms',
    'An entry expires this long after it was filled (hits do not extend it) and frees its space at once. Left out: never.',
    { optional: true, group: 'Caching' },
  ),
  mode: oneOf(
    'Mode',
    ['cacheAside', 'readThrough', 'writeThrough', 'writeBack'],
    'cacheAside',
    'How writes and misses reach the origin.',
    { group: 'Caching' },
  ),
  hitTimeMs: num(
    'Hit time',
    hitTimeMs,
    0,
    60_000,
    'ms',
    'Time to look a key up (and answer a hit), holding a worker.',
    {
      group: 'Timing',
    },
  ),
  writeBackFlushMs: num(
    'Write-back flush',
    1000,
    1,
    3_600_000,
    'ms',
    'Write-back mode: how often dirty keys are flushed to the origin.',
    { relevantWhen: { param: 'mode', oneOf: ['writeBack'] }, group: 'Caching' },
  ),
});

const CAPS = capabilities({ queues: true, isProxy: true, cachesKeys: true, readsKeys: true });

export const cacheKind = {
  kind: 'cache',
  label: 'Cache',
  description: 'In-memory key cache in front of an origin.',
  placeKey: 'h',
  icon: 'cache.svg',
  params: cacheParams(10_000, 0.5, undefined, 64),
  gauges: [HIT_RATE, STALE_READS],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'cache'>;
