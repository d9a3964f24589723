// Typed-array gauges (engine layout) → the plain records of the run contract (renderer/run/types).
// Used for the per-second RunSamples in the worker and for the live frame on the main thread.
import type { EdgeGauges, InstanceGauges, InstanceState, NodeGauges } from '../run/types';
import type { GaugeLayoutMessage } from './protocol';
import { CATALOG, type ComponentKind } from '../../shared/document/catalog';
import { COMMON_NODE_GAUGES } from '../../shared/kinds/gauges';

export interface GaugeArrays {
  nodes: Float64Array;
  instances: Float64Array;
  edges: Float64Array;
}

/** Field positions looked up by name, so a new engine field never shifts what we read. */
export class GaugeReader {
  private readonly node: Record<string, number>;
  private readonly instance: Record<string, number>;
  private readonly edge: Record<string, number>;

  constructor(
    readonly layout: GaugeLayoutMessage,
    private readonly kinds: Map<string, ComponentKind>,
  ) {
    const index = (fields: readonly string[]) => Object.fromEntries(fields.map((field, i) => [field, i]));
    this.node = index(layout.nodeFields);
    this.instance = index(layout.instanceFields);
    this.edge = index(layout.edgeFields);
  }

  nodeGauges(arrays: GaugeArrays, n: number): NodeGauges {
    const NF = this.layout.nodeFields.length;
    const base = n * NF;
    const value = (field: string) => {
      const f = this.node[field];
      return f === undefined ? 0 : arrays.nodes[base + f];
    };
    const kind = this.kinds.get(this.layout.nodeIds[n]);
    const gauges = {} as NodeGauges;
    for (const spec of COMMON_NODE_GAUGES) gauges[spec.field] = value(spec.field);
    if (kind) for (const spec of CATALOG[kind].gauges) gauges[spec.field] = value(spec.field);
    // Nothing completed at this node in the last second: no latency to show (a gap, not 0 ms).
    if (!(gauges.throughputRps > 0)) {
      gauges.p99Ms = Number.NaN;
      gauges.p50Ms = Number.NaN;
      gauges.meanResponseMs = Number.NaN;
    }
    if (kind && CATALOG[kind].capabilities.buffersMessages) {
      // A message queue's waiting messages are its depth (held by its one instance).
      const first = this.layout.instanceOffset[n];
      const IF = this.layout.instanceFields.length;
      const depthField = this.instance.queueDepth;
      if (depthField !== undefined && this.layout.instanceCount[n] > 0)
        gauges.queueDepth = Math.max(gauges.queueDepth, arrays.instances[first * IF + depthField]);
    }
    return gauges;
  }

  instanceGauges(arrays: GaugeArrays, n: number): InstanceGauges[] {
    const IF = this.layout.instanceFields.length;
    const out: InstanceGauges[] = [];
    const first = this.layout.instanceOffset[n];
    for (let i = 0; i < this.layout.instanceCount[n]; i++) {
      const base = (first + i) * IF;
      const value = (field: string) => {
        const f = this.instance[field];
        return f === undefined ? 0 : arrays.instances[base + f];
      };
      const code = value('state');
      const slowFactor = value('slowFactor');
      const state: InstanceState =
        code === 1 ? 'dead' : code === 2 ? 'hung' : slowFactor > 1 ? 'slow' : 'alive';
      const gauges: InstanceGauges = {
        state,
        utilization: value('utilization'),
        queueDepth: value('queueDepth'),
        throughputRps: value('throughputRps'),
      };
      if (value('leader') === 1) gauges.leader = true;
      if (value('partitioned') === 1) gauges.partitioned = true;
      out.push(gauges);
    }
    return out;
  }

  edgeGauges(arrays: GaugeArrays, e: number): EdgeGauges {
    const EF = this.layout.edgeFields.length;
    const base = e * EF;
    const value = (field: string) => {
      const f = this.edge[field];
      return f === undefined ? 0 : arrays.edges[base + f];
    };
    return {
      throughputRps: value('throughputRps'),
      errorRate: value('errorRate'),
      cut: value('cut') === 1,
      forwardUtilization: value('forwardUtilization'),
      backUtilization: value('backUtilization'),
      forwardMbps: value('forwardMbps'),
      backMbps: value('backMbps'),
    };
  }

  records(arrays: GaugeArrays) {
    const nodes: Record<string, NodeGauges> = {};
    const instances: Record<string, InstanceGauges[]> = {};
    const edges: Record<string, EdgeGauges> = {};
    this.layout.nodeIds.forEach((id, n) => {
      nodes[id] = this.nodeGauges(arrays, n);
      instances[id] = this.instanceGauges(arrays, n);
    });
    this.layout.edgeIds.forEach((id, e) => (edges[id] = this.edgeGauges(arrays, e)));
    return { nodes, instances, edges };
  }
}
