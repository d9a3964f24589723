// API/app server: workers, a queue, downstream calls. Behaviour: the serving model (../common/serving.ts).
import { callerParams, serverParams } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';

const CAPS = capabilities({ queues: true, consumesMessages: true });

export const serviceKind = {
  kind: 'service',
  label: 'Service',
  description: 'API/app server: workers, a queue, downstream calls.',
  placeKey: 's',
  icon: 'service.svg',
  params: { ...serverParams(10), ...callerParams },
  gauges: [],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'service'>;
