// Blob storage: slow, very parallel. Behaviour: the serving model (../common/serving.ts).
import { instances, int, num } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';

const CAPS = capabilities({ queues: true, isTerminal: true, readsKeys: true });

export const objectStoreKind = {
  kind: 'objectStore',
  label: 'Object Store',
  description: 'Blob storage (S3-like): slow, durable, very parallel.',
  placeKey: 'o',
  icon: 'objectStore.svg',
  params: {
    instances: instances(),
    readTimeMs: num('Read time', 30, 0, 600_000, 'ms', 'Mean time to read an object.', { group: 'Timing' }),
    writeTimeMs: num('Write time', 60, 0, 600_000, 'ms', 'Mean time to write an object.', {
      group: 'Timing',
    }),
    workers: int('Workers', 256, 1, 100_000, 'requests', 'Requests one instance serves at the same time.', {
      group: 'Capacity',
    }),
    objectKB: num(
      'Object size',
      0,
      0,
      10_000_000,
      'KB',
      'Size of one object: a read sends it back, a write uploads it; it moves over edges with a bandwidth (1 MB at 100 Mbit/s: 80 ms). 0: the caller’s request and response sizes.',
      { group: 'Objects' },
    ),
    queueCapacity: int(
      'Queue capacity',
      undefined,
      0,
      10_000_000,
      'requests',
      'Requests that may wait per instance. Left out: unbounded.',
      { optional: true, group: 'Capacity' },
    ),
  },
  gauges: [],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'objectStore'>;
