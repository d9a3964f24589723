// Background consumer pulling from a queue. Behaviour: the serving model (../common/serving.ts).
import { callerParams, serverParams } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';

const CAPS = capabilities({ queues: true, consumesMessages: true });

export const workerKind = {
  kind: 'worker',
  label: 'Worker',
  description: 'Background consumer: pulls messages from a queue.',
  placeKey: 'w',
  icon: 'worker.svg',
  params: { ...serverParams(50), ...callerParams },
  gauges: [],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'worker'>;
