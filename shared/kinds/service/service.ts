// API/app server: workers, a queue, downstream calls. Behaviour: the serving model (../common/serving.ts).
import { callerParams, flag, serverParams } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';

const CAPS = capabilities({ queues: true, consumesMessages: true });

export const serviceKind = {
  kind: 'service',
  label: 'Service',
  description: 'API/app server: workers, a queue, downstream calls.',
  placeKey: 's',
  icon: 'service.svg',
  params: {
    ...serverParams(10),
    ...callerParams,
    graphqlBatching: flag(
      'GraphQL batching',
      false,
      'A GraphQL query for N resources: without batching the resolver calls each downstream edge once per resource (the N+1 problem: N database calls per query); with batching (a DataLoader) once for all N.',
      { group: 'Downstream calls' },
    ),
  },
  gauges: [],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'service'>;
