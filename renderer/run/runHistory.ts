// The whole run's history as columns of typed arrays, allocated once from a memory budget, so the
// main thread's memory is flat from the first simulated second however long the run goes. One
// column per gauge (global, per node, per instance slot, per edge); time as Float64, gauges as
// Float32. When full, neighbours merge pairwise in place and the resolution doubles (every sample
// then covers `resolutionS` seconds; newer seconds fold into the last sample until it does).
// How each gauge folds (peak, mean, worst, latest) is `FOLD` below: the one policy, also used by the
// dock's charts when they fold the history into their points.
import {
  FAILURE_REASONS,
  type EdgeGauges,
  type FailureReason,
  type GlobalGauges,
  type InstanceGauges,
  type InstanceState,
  type NodeGauges,
  type RunSample,
  type RunSoFar,
} from './types';
import { NODE_GAUGES, type GaugeFold } from '../../shared/kinds/gauges';

/** How a run of samples folds into one: peaks for latency, queues, errors and lag; means for rates. */
export type FoldMode = GaugeFold;

/** Global gauge columns; failures by reason are `errors:<reason>`. */
export type GlobalField =
  | 'throughputRps'
  | 'p50Ms'
  | 'p95Ms'
  | 'p99Ms'
  | 'errorRate'
  | 'sloPass'
  | 'completed'
  | `errors:${FailureReason}`
  | `run:${keyof RunSoFar}`;

export type InstanceField = 'state' | 'leader' | 'utilization' | 'queueDepth' | 'throughputRps';
export type EdgeField =
  | 'throughputRps'
  | 'errorRate'
  | 'cut'
  | 'forwardUtilization'
  | 'backUtilization'
  | 'forwardMbps'
  | 'backMbps';

/** The one fold policy for every gauge the history keeps (the dock's charts use it too). */
export const FOLD = {
  global: {
    throughputRps: 'mean',
    p50Ms: 'max',
    p95Ms: 'max',
    p99Ms: 'max',
    errorRate: 'max',
    // A merged stretch fails the SLO if any second in it did.
    sloPass: 'min',
    ...Object.fromEntries(FAILURE_REASONS.map((reason) => [`errors:${reason}`, 'max'])),
    completed: 'mean',
    // The run so far is cumulative: a merged stretch ends where its last second does.
    'run:warmedUp': 'last',
    'run:throughputRps': 'last',
    'run:p99Ms': 'last',
    'run:errorRate': 'last',
    'run:pass': 'last',
  } as Record<GlobalField, FoldMode>,
  // Declared with each gauge (shared/kinds/gauges.ts): peaks for latency, queues and lag, means
  // for rates, the worst moment for instances up, the latest for cumulative counts.
  node: Object.fromEntries(NODE_GAUGES.map((spec) => [spec.field, spec.fold])) as Record<
    keyof NodeGauges,
    FoldMode
  >,
  instance: {
    state: 'last',
    leader: 'last',
    utilization: 'mean',
    queueDepth: 'max',
    throughputRps: 'mean',
  } as Record<InstanceField, FoldMode>,
  // A link's utilisation and Mbit/s are rates over the second: means, like throughput.
  edge: {
    throughputRps: 'mean',
    errorRate: 'max',
    cut: 'last',
    forwardUtilization: 'mean',
    backUtilization: 'mean',
    forwardMbps: 'mean',
    backMbps: 'mean',
  } as Record<EdgeField, FoldMode>,
} as const;

const GLOBAL_FIELDS = Object.keys(FOLD.global) as GlobalField[];
const INSTANCE_FIELDS = Object.keys(FOLD.instance) as InstanceField[];
const EDGE_FIELDS = Object.keys(FOLD.edge) as EdgeField[];
const STATE_CODES: InstanceState[] = ['alive', 'dead', 'hung', 'slow'];
/** Global gauges are the first columns of every layout, in GLOBAL_FIELDS order. */
const GLOBAL_COLUMN = Object.fromEntries(GLOBAL_FIELDS.map((field, c) => [field, c])) as Record<
  GlobalField,
  number
>;

/** Default memory for one run's history (the columns; a few KB of bookkeeping aside). */
export const HISTORY_BUDGET_BYTES = 16 * 1024 * 1024;
/** Fewest samples kept (a 5,000-node design still keeps ten minutes at 1 s). */
export const MIN_CAPACITY = 600;
/** Most samples kept: four hours at 1 s. */
export const MAX_CAPACITY = 14_400;

/** Which gauges have a column: node ids with their fields, instance slots per node, edge ids. */
interface Layout {
  nodes: Map<string, (keyof NodeGauges)[]>;
  instanceSlots: Map<string, number>;
  edges: string[];
}

const NAN_FLOAT32 = Number.NaN;

export class RunHistory {
  /** Samples held (each covers `spanS` seconds ending at `tS`). */
  count = 0;
  /** Seconds one full sample covers now: 1 until the first downsampling, then doubling. */
  resolutionS = 1;
  capacity = 0;
  /** Rows per column: the capacity plus one scratch row for folding the newest second in. */
  private stride = 1;
  /** Bumped on every change, so readers (and cached materialized samples) can tell. */
  version = 0;
  private layout: Layout = { nodes: new Map(), instanceSlots: new Map(), edges: [] };
  /** Column key → column number. */
  private columns = new Map<string, number>();
  /** The same columns by node and field, instance slot (first of its consecutive columns), edge. */
  private nodeColumns = new Map<string, Map<string, number>>();
  private instanceColumns = new Map<string, number[]>();
  private edgeColumns = new Map<string, number>();
  private folds: FoldMode[] = [];
  private times = new Float64Array(0);
  private spans = new Float32Array(0);
  private values = new Float32Array(0);
  private cached: { version: number; index: number; sample: RunSample } | null = null;

  constructor(readonly budgetBytes = HISTORY_BUDGET_BYTES) {
    this.allocate(this.layout);
  }

  /** Bytes held by the columns (constant for a layout: allocated up front). */
  get byteLength(): number {
    return this.times.byteLength + this.spans.byteLength + this.values.byteLength;
  }

  /** Bytes one sample takes with the current layout. */
  get bytesPerSample(): number {
    return bytesPerSampleFor(this.folds.length);
  }

  /** Forgets every sample (a new run), keeping the allocation. */
  clear(): void {
    this.count = 0;
    this.resolutionS = 1;
    this.version++;
  }

  /** End time (s) of the oldest sample (the earliest a cursor shows), or null. */
  firstS(): number | null {
    return this.count > 0 ? this.times[0] : null;
  }

  /** End time (s) of the newest sample, or null. */
  lastS(): number | null {
    return this.count > 0 ? this.times[this.count - 1] : null;
  }

  /** End time (s) of every sample, oldest first (a view: valid until the next append). */
  timesS(): Float64Array {
    return this.times.subarray(0, this.count);
  }

  /** Seconds each sample covers (a view). */
  spansS(): Float32Array {
    return this.spans.subarray(0, this.count);
  }

  /**
   * One gauge over the whole history (a view, no copy; NaN where the gauge did not exist): a global
   * field, or a node field with its node id. Null when the history has no such column.
   */
  series(field: GlobalField | keyof NodeGauges, nodeId?: string): Float32Array | null {
    const column = this.columns.get(nodeId === undefined ? `g|${field}` : `n|${nodeId}|${field}`);
    if (column === undefined) return null;
    const start = column * this.stride;
    return this.values.subarray(start, start + this.count);
  }

  /** How a gauge folds (the one policy, `FOLD`). */
  static foldOf(field: GlobalField | keyof NodeGauges, nodeId?: string): FoldMode {
    return nodeId === undefined
      ? FOLD.global[field as GlobalField]
      : (FOLD.node[field as keyof NodeGauges] ?? 'mean');
  }

  /** The index of the sample covering tS: the first ending at or after it (the last past the end). */
  indexAt(tS: number): number {
    if (this.count === 0) return -1;
    let low = 0;
    let high = this.count - 1;
    if (tS >= this.times[high]) return high;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.times[mid] >= tS) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** The sample covering tS, materialized (with its `spanS`), or null before the first sample. */
  sampleAt(tS: number): RunSample | null {
    const index = this.indexAt(tS);
    return index < 0 ? null : this.sample(index);
  }

  /** Sample `index` as the run contract's RunSample (the last one asked is cached). */
  sample(index: number): RunSample {
    if (this.cached && this.cached.version === this.version && this.cached.index === index)
      return this.cached.sample;
    const value = (column: number) => this.values[column * this.stride + index];
    const globalValue = (field: GlobalField) => value(this.columns.get(`g|${field}`)!);
    const errorsByReason = Object.fromEntries(
      FAILURE_REASONS.map((reason) => [reason, globalValue(`errors:${reason}`)]),
    ) as Record<FailureReason, number>;
    const global: GlobalGauges = {
      throughputRps: globalValue('throughputRps'),
      p50Ms: globalValue('p50Ms'),
      p95Ms: globalValue('p95Ms'),
      p99Ms: globalValue('p99Ms'),
      errorRate: globalValue('errorRate'),
      errorsByReason,
      sloPass: globalValue('sloPass') >= 1,
      completed: globalValue('completed'),
    };
    const runPass = globalValue('run:pass');
    if (!Number.isNaN(runPass))
      global.run = {
        warmedUp: globalValue('run:warmedUp') >= 1,
        throughputRps: globalValue('run:throughputRps'),
        p99Ms: globalValue('run:p99Ms'),
        errorRate: globalValue('run:errorRate'),
        pass: runPass >= 1,
      };
    const nodes: Record<string, NodeGauges> = {};
    const instances: Record<string, InstanceGauges[]> = {};
    for (const [nodeId, fields] of this.layout.nodes) {
      const gauges: Record<string, number> = {};
      let any = false;
      for (const field of fields) {
        const v = value(this.columns.get(`n|${nodeId}|${field}`)!);
        if (!Number.isNaN(v)) {
          gauges[field] = v;
          any = true;
        }
      }
      if (any) nodes[nodeId] = gauges as unknown as NodeGauges;
      const slots = this.layout.instanceSlots.get(nodeId) ?? 0;
      const list: InstanceGauges[] = [];
      for (let slot = 0; slot < slots; slot++) {
        const at = (field: InstanceField) => value(this.columns.get(`i|${nodeId}|${slot}|${field}`)!);
        const code = at('state');
        if (Number.isNaN(code)) continue;
        const instance: InstanceGauges = {
          state: STATE_CODES[code] ?? 'alive',
          utilization: at('utilization'),
          queueDepth: at('queueDepth'),
        };
        const throughput = at('throughputRps');
        if (!Number.isNaN(throughput)) instance.throughputRps = throughput;
        if (at('leader') >= 1) instance.leader = true;
        list.push(instance);
      }
      if (any || slots > 0) instances[nodeId] = list;
    }
    const edges: Record<string, EdgeGauges> = {};
    for (const edgeId of this.layout.edges) {
      const at = (field: EdgeField) => value(this.columns.get(`e|${edgeId}|${field}`)!);
      const throughput = at('throughputRps');
      if (Number.isNaN(throughput)) continue;
      edges[edgeId] = {
        throughputRps: throughput,
        errorRate: at('errorRate'),
        cut: at('cut') >= 1,
        forwardUtilization: at('forwardUtilization'),
        backUtilization: at('backUtilization'),
        forwardMbps: at('forwardMbps'),
        backMbps: at('backMbps'),
      };
    }
    const sample: RunSample = {
      tS: this.times[index],
      global,
      nodes,
      instances,
      edges,
      spanS: this.spans[index],
    };
    this.cached = { version: this.version, index, sample };
    return sample;
  }

  /** Adds one sample (normally one simulated second); downsamples in place when full. */
  append(sample: RunSample): void {
    if (!this.fits(sample)) this.relayout(sample);
    const span = sample.spanS ?? 1;
    if (!this.lastIsPartial() && this.count >= this.capacity) this.downsample();
    if (this.lastIsPartial()) {
      // Below the current resolution: the newest second folds into the last sample (through the
      // scratch row past the capacity).
      const last = this.count - 1;
      this.write(this.capacity, sample);
      this.foldInto(last, this.capacity, this.spans[last], span);
      this.times[last] = sample.tS;
      this.spans[last] += span;
    } else {
      this.write(this.count, sample);
      this.times[this.count] = sample.tS;
      this.spans[this.count] = span;
      this.count++;
    }
    this.version++;
  }

  private lastIsPartial(): boolean {
    return this.count > 0 && this.spans[this.count - 1] < this.resolutionS;
  }

  /** Merges neighbours pairwise into the first half, in place: half the samples, twice the span. */
  downsample(): void {
    const pairs = Math.floor(this.count / 2);
    for (let p = 0; p < pairs; p++) {
      const a = 2 * p;
      const b = a + 1;
      this.foldInto(a, b, this.spans[a], this.spans[b]);
      this.moveSample(a, p);
      this.times[p] = this.times[b];
      this.spans[p] = this.spans[a] + this.spans[b];
    }
    if (this.count % 2 === 1) {
      this.moveSample(this.count - 1, pairs);
      this.times[pairs] = this.times[this.count - 1];
      this.spans[pairs] = this.spans[this.count - 1];
    }
    this.count = Math.ceil(this.count / 2);
    this.resolutionS *= 2;
    this.version++;
  }

  // ---- inside ----

  /** Folds sample `b` into sample `a` (values only), weighting means by their spans. */
  private foldInto(a: number, b: number, spanA: number, spanB: number): void {
    const stride = this.stride;
    const values = this.values;
    for (let c = 0; c < this.folds.length; c++) {
      const base = c * stride;
      const x = values[base + a];
      const y = values[base + b];
      if (Number.isNaN(y)) continue;
      if (Number.isNaN(x)) {
        values[base + a] = y;
        continue;
      }
      switch (this.folds[c]) {
        case 'mean':
          values[base + a] = (x * spanA + y * spanB) / (spanA + spanB);
          break;
        case 'max':
          if (y > x) values[base + a] = y;
          break;
        case 'min':
          if (y < x) values[base + a] = y;
          break;
        case 'last':
          values[base + a] = y;
          break;
      }
    }
  }

  private moveSample(from: number, to: number): void {
    if (from === to) return;
    const stride = this.stride;
    for (let c = 0; c < this.folds.length; c++) this.values[c * stride + to] = this.values[c * stride + from];
  }

  /** Writes a sample's gauges into slot `index` (NaN for what it lacks). */
  private write(index: number, sample: RunSample): void {
    const stride = this.stride;
    const values = this.values;
    for (let c = 0; c < this.folds.length; c++) values[c * stride + index] = NAN_FLOAT32;
    const put = (column: number | undefined, v: number | undefined) => {
      if (column === undefined || typeof v !== 'number') return;
      values[column * stride + index] = v;
    };
    // Global columns come first, in GLOBAL_FIELDS order.
    const g = sample.global;
    put(GLOBAL_COLUMN.throughputRps, g.throughputRps);
    put(GLOBAL_COLUMN.p50Ms, g.p50Ms);
    put(GLOBAL_COLUMN.p95Ms, g.p95Ms);
    put(GLOBAL_COLUMN.p99Ms, g.p99Ms);
    put(GLOBAL_COLUMN.errorRate, g.errorRate);
    put(GLOBAL_COLUMN.sloPass, g.sloPass ? 1 : 0);
    put(GLOBAL_COLUMN.completed, g.completed);
    if (g.run) {
      put(GLOBAL_COLUMN['run:warmedUp'], g.run.warmedUp ? 1 : 0);
      put(GLOBAL_COLUMN['run:throughputRps'], g.run.throughputRps);
      put(GLOBAL_COLUMN['run:p99Ms'], g.run.p99Ms);
      put(GLOBAL_COLUMN['run:errorRate'], g.run.errorRate);
      put(GLOBAL_COLUMN['run:pass'], g.run.pass ? 1 : 0);
    }
    for (const reason of FAILURE_REASONS)
      put(GLOBAL_COLUMN[`errors:${reason}`], g.errorsByReason?.[reason] ?? 0);
    for (const nodeId in sample.nodes) {
      const columns = this.nodeColumns.get(nodeId)!;
      const gauges = sample.nodes[nodeId] as unknown as Record<string, number>;
      for (const field in gauges) put(columns.get(field), gauges[field]);
    }
    for (const nodeId in sample.instances) {
      const slots = this.instanceColumns.get(nodeId)!;
      sample.instances[nodeId].forEach((instance, slot) => {
        // A slot's columns are consecutive, in INSTANCE_FIELDS order.
        const first = slots[slot];
        put(first, Math.max(0, STATE_CODES.indexOf(instance.state)));
        put(first + 1, instance.leader ? 1 : 0);
        put(first + 2, instance.utilization);
        put(first + 3, instance.queueDepth);
        put(first + 4, instance.throughputRps);
      });
    }
    const edges = sample.edges ?? {};
    for (const edgeId in edges) {
      // An edge's columns are consecutive, in EDGE_FIELDS order.
      const first = this.edgeColumns.get(edgeId)!;
      const edge = edges[edgeId];
      put(first, edge.throughputRps);
      put(first + 1, edge.errorRate);
      put(first + 2, edge.cut ? 1 : 0);
      put(first + 3, edge.forwardUtilization ?? 0);
      put(first + 4, edge.backUtilization ?? 0);
      put(first + 5, edge.forwardMbps ?? 0);
      put(first + 6, edge.backMbps ?? 0);
    }
  }

  /** Does the layout have a column for everything in this sample? */
  private fits(sample: RunSample): boolean {
    for (const nodeId in sample.nodes) {
      const columns = this.nodeColumns.get(nodeId);
      if (!columns) return false;
      for (const field in sample.nodes[nodeId]) if (!columns.has(field)) return false;
    }
    for (const nodeId in sample.instances)
      if (sample.instances[nodeId].length > (this.instanceColumns.get(nodeId)?.length ?? 0)) return false;
    for (const edgeId in sample.edges ?? {}) if (!this.edgeColumns.has(edgeId)) return false;
    return true;
  }

  /** A new gauge, node, edge or instance appeared (a live edit): columns for it, history kept. */
  private relayout(sample: RunSample): void {
    const nodes = new Map([...this.layout.nodes].map(([id, fields]) => [id, [...fields]]));
    for (const [nodeId, gauges] of Object.entries(sample.nodes)) {
      const fields = nodes.get(nodeId) ?? [];
      for (const field of Object.keys(gauges) as (keyof NodeGauges)[])
        if (!fields.includes(field)) fields.push(field);
      nodes.set(nodeId, fields);
    }
    const instanceSlots = new Map(this.layout.instanceSlots);
    for (const [nodeId, list] of Object.entries(sample.instances))
      instanceSlots.set(nodeId, Math.max(instanceSlots.get(nodeId) ?? 0, list.length));
    const edges = [...this.layout.edges];
    for (const edgeId of Object.keys(sample.edges ?? {})) if (!edges.includes(edgeId)) edges.push(edgeId);
    // Fewer samples fit the budget with more columns: downsample (old layout) until they fit.
    const nextColumns = columnKeys({ nodes, instanceSlots, edges }).length;
    while (this.count > capacityFor(this.budgetBytes, nextColumns)) this.downsample();
    const old = {
      columns: this.columns,
      stride: this.stride,
      values: this.values,
      times: this.times,
      spans: this.spans,
    };
    this.allocate({ nodes, instanceSlots, edges });
    this.values.fill(NAN_FLOAT32);
    for (const [key, from] of old.columns) {
      const to = this.columns.get(key)!;
      this.values.set(
        old.values.subarray(from * old.stride, from * old.stride + this.count),
        to * this.stride,
      );
    }
    this.times.set(old.times.subarray(0, this.count));
    this.spans.set(old.spans.subarray(0, this.count));
    this.version++;
  }

  private foldsFor(columns: Map<string, number>): FoldMode[] {
    const folds: FoldMode[] = new Array<FoldMode>(columns.size);
    for (const [key, c] of columns) folds[c] = foldOfKey(key);
    return folds;
  }

  /** Columns for a layout, and the arrays sized from the budget (plus one scratch row). */
  private allocate(layout: Layout): void {
    const keys = columnKeys(layout);
    const columns = new Map(keys.map((key, c) => [key, c]));
    const capacity = capacityFor(this.budgetBytes, keys.length);
    this.layout = layout;
    this.columns = columns;
    this.nodeColumns = new Map(
      [...layout.nodes].map(([nodeId, fields]) => [
        nodeId,
        new Map(fields.map((field) => [field as string, columns.get(`n|${nodeId}|${field}`)!])),
      ]),
    );
    this.instanceColumns = new Map(
      [...layout.instanceSlots].map(([nodeId, slots]) => [
        nodeId,
        Array.from({ length: slots }, (_, slot) => columns.get(`i|${nodeId}|${slot}|${INSTANCE_FIELDS[0]}`)!),
      ]),
    );
    this.edgeColumns = new Map(
      layout.edges.map((edgeId) => [edgeId, columns.get(`e|${edgeId}|${EDGE_FIELDS[0]}`)!]),
    );
    this.folds = this.foldsFor(columns);
    this.capacity = capacity;
    this.stride = capacity + 1;
    this.times = new Float64Array(this.stride);
    this.spans = new Float32Array(this.stride);
    this.values = new Float32Array(this.stride * keys.length);
  }
}

/** Bytes one sample takes with this many gauge columns (time Float64, span and gauges Float32). */
const bytesPerSampleFor = (columnCount: number) => 8 + 4 + 4 * columnCount;

/** Samples the budget holds: clamp(budget / bytes per sample, MIN_CAPACITY, MAX_CAPACITY). */
export function capacityFor(budgetBytes: number, columnCount: number): number {
  return Math.min(
    MAX_CAPACITY,
    Math.max(MIN_CAPACITY, Math.floor(budgetBytes / bytesPerSampleFor(columnCount))),
  );
}

function columnKeys(layout: Layout): string[] {
  const keys: string[] = [];
  for (const field of GLOBAL_FIELDS) keys.push(`g|${field}`);
  for (const [nodeId, fields] of layout.nodes) for (const field of fields) keys.push(`n|${nodeId}|${field}`);
  for (const [nodeId, slots] of layout.instanceSlots)
    for (let slot = 0; slot < slots; slot++)
      for (const field of INSTANCE_FIELDS) keys.push(`i|${nodeId}|${slot}|${field}`);
  for (const edgeId of layout.edges) for (const field of EDGE_FIELDS) keys.push(`e|${edgeId}|${field}`);
  return keys;
}

/** The fold of a column from its key (`g|field`, `n|node|field`, `i|node|slot|field`, `e|edge|field`). */
function foldOfKey(key: string): FoldMode {
  const parts = key.split('|');
  const field = parts[parts.length - 1];
  switch (parts[0]) {
    case 'g':
      return FOLD.global[field as GlobalField];
    case 'n':
      return FOLD.node[field as keyof NodeGauges] ?? 'mean';
    case 'i':
      return FOLD.instance[field as InstanceField];
    default:
      return FOLD.edge[field as EdgeField];
  }
}
