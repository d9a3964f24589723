// Buffers messages for pull consumers. Behaviour: sim.ts.
import { int, num, oneOf } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';
import { MESSAGES_IN_FLIGHT, OLDEST_MESSAGE } from '../gauges';

const CAPS = capabilities({ queues: true, buffersMessages: true, instanceCount: () => 1 });

export const queueKind = {
  kind: 'queue',
  label: 'Message Queue',
  description: 'Buffers messages for consumers; at-least or at-most once.',
  placeKey: 'q',
  icon: 'queue.svg',
  params: {
    capacity: int(
      'Capacity',
      undefined,
      1,
      100_000_000,
      'messages',
      'Messages the queue holds; a full queue rejects. Left out: unbounded.',
      { optional: true, group: 'Capacity' },
    ),
    delivery: oneOf(
      'Delivery',
      ['atLeastOnce', 'atMostOnce'],
      'atLeastOnce',
      'At-least-once redelivers after a crash (duplicates); at-most-once may lose messages.',
      { group: 'Delivery' },
    ),
    visibilityTimeoutMs: num(
      'Visibility timeout',
      30_000,
      1,
      86_400_000,
      'ms',
      'A received message not acknowledged within this is delivered again.',
      { group: 'Delivery' },
    ),
    maxReceives: int(
      'Max receives',
      5,
      1,
      1000,
      'receives',
      'Deliveries before a message goes to the dead-letter queue.',
      { group: 'Delivery' },
    ),
  },
  gauges: [OLDEST_MESSAGE, MESSAGES_IN_FLIGHT],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'queue'>;
