// The lab file (assets/labs/*.bplab): a design, what it teaches, and ordered steps whose checks
// are data (evaluated by shared/labs/checks.ts, the one function the app and the CLI share). This
// file is the contract between the lab engine (shared/labs), the CLI (`backpressure lab check`)
// and the player (renderer/labs): extend it compatibly, never rename.
import type { Design, Params, ScenarioEvent, Slo } from '../document/types';

export const LAB_FORMAT = 'backpressure.lab';
export const LAB_VERSION = 1;

export type LabLevel = 'beginner' | 'intermediate' | 'advanced';
/** A concept lab, a capacity-fundamentals lab, or a classic interview design walked in 5 phases. */
export type LabKind = 'concept' | 'fundamentals' | 'interview';

/** The numbers an interview design starts from (the requirements card). */
export interface LabRequirements {
  concurrentUsers?: number;
  requestsPerSecond?: number;
  readShare?: number;
  p99Ms?: number;
  maxErrorRate?: number;
  /** Traffic growth the design must survive, e.g. 1.2 for "+20% in six months". */
  growthFactor?: number;
  /** Anything else, one line each ("10 M short URLs a month"). */
  notes?: string[];
}

/** Edits that turn the lab's design into a variant (applied in order on a copy of it). */
export type DesignEdit =
  /** A node's or edge's parameters (merged over what it has). */
  | { set: string; params: Params }
  | { slo: Partial<Slo> }
  /** Scenario events added (chaos at a time, as the design file has them). */
  | { events: ScenarioEvent[] };

export type LabAction =
  /** Replace the open design with the lab's design plus a variant's edits (none: the base). */
  | { do: 'loadVariant'; variant?: string }
  | { do: 'setParams'; target: string; params: Params }
  | { do: 'setSlo'; slo: Partial<Slo> }
  | { do: 'run' }
  | { do: 'pause' }
  | { do: 'setSpeed'; speed: number }
  /** Chaos now, or `afterS` simulated seconds after the step was reached (kill, partition, spike…). */
  | { do: 'chaos'; event: Omit<ScenarioEvent, 'atS'>; afterS?: number }
  | { do: 'select'; nodes: string[] }
  | { do: 'zoomTo'; nodes: string[] };

export type CompareOp = '>=' | '<=' | '>' | '<' | '==';

/**
 * A metric by name: `global.<field>` (throughputRps, p50Ms, p95Ms, p99Ms, errorRate, or
 * `errors.<reason>` per second) or `<nodeId>.<field>` (any node gauge field: utilization, hitRate,
 * queueDepth, lostWrites, conflicts, …). A value may name the SLO: `slo.p99Ms`, `slo.maxErrorRate`,
 * `slo.minThroughputRps`.
 */
export type MetricName = string;
export type CheckValue = number | `slo.${keyof Slo}`;

export type LabCheck =
  /** The metric compared with the value held in every 1 s sample of the last `overS` seconds
   *  (default 1) of the run since the step was reached. */
  | { metric: MetricName; op: CompareOp; value: CheckValue; overS?: number; label?: string }
  /** A log entry of this type (on this node, or an instance of it) since the step was reached,
   *  optionally only after an entry of type `after`. */
  | { log: string; node?: string; after?: string; label?: string }
  /** A run total (the CLI JSON's node or global field, e.g. `db.db.lostWrites`, `global.errorRate`)
   *  of a headless run of each variant, compared: a op b × factor (default 1). */
  | {
      compare: { a?: string; b?: string };
      metric: MetricName;
      /** b's run total read from this path instead (default `metric`): two nodes of one run
       *  compared, e.g. REST's client latency against GraphQL's. */
      metricB?: MetricName;
      op: CompareOp;
      factor?: number;
      durationS?: number;
      label?: string;
    }
  /** A parameter of the open design (a learner's edit), e.g. cache capacity >= 20000. */
  | { param: string; target: string; op: CompareOp; value: number | string | boolean; label?: string }
  | { all: LabCheck[]; label?: string }
  | { any: LabCheck[]; label?: string };

export interface LabStep {
  id: string;
  /** Plain text; node ids written as {nodeId} are shown as the node's label and highlighted. */
  caption: string;
  /** Nodes highlighted (the first gets the callout arrow). Default: those the caption names. */
  nodes?: string[];
  /** Nodes the camera zooms to when the step is reached. */
  focus?: string[];
  /** Performed when the step is reached ("Show me" performs them again, plus `showMe`). */
  actions?: LabAction[];
  /** What the learner should do. */
  task?: string;
  /** What "Show me" does for a learner who is stuck on the task (the task's answer). */
  showMe?: LabAction[];
  check?: LabCheck;
  /** Simulated seconds the headless check waits for this step's check to hold before it fails
   *  (default: the check's window + 60 s). */
  maxS?: number;
  /** Interview labs: which of the five phases this step belongs to. */
  phase?: 'requirements' | 'components' | 'design' | 'tradeoffs' | 'summary';
}

export interface Lab {
  format: typeof LAB_FORMAT;
  version: number;
  id: string;
  title: string;
  concept: string;
  kind: LabKind;
  level: LabLevel;
  minutes: number;
  /** What you will learn, one line each. */
  learn: string[];
  /** Interview designs: the one-paragraph brief and the requirements card. */
  brief?: string;
  requirements?: LabRequirements;
  /** The design inline, or a template from assets/templates by name. */
  design: Design | { template: string };
  variants?: Record<string, DesignEdit[]>;
  /** Seed and run length the headless check uses (default: the design's scenario). */
  seed?: number;
  /** Overrides the design's scenario.durationS (resolveLabDesign applies it): how long the lab's
   *  run may go on, in the app and headless, e.g. for a template with a short scenario. */
  durationS?: number;
  steps: LabStep[];
}

/** What is wrong with a lab file: where (a JSON path, "steps[2].check.op") and why. */
export interface LabProblem {
  path: string;
  message: string;
}

/** The result of one check against what a run showed. */
export interface CheckResult {
  state: 'pass' | 'fail' | 'pending';
  /** What was measured, in words: "hit rate 83% ≥ 80% for 5 s". */
  detail: string;
}

/** One 1 s sample of the live gauges, by name: what checks read (the app builds it from the
 *  worker's gauges each simulated second; the CLI from the engine's). */
export interface LabSample {
  simTimeMs: number;
  /** GlobalGauges' numeric fields, plus `errors.<reason>`. */
  global: Record<string, number>;
  /** Node id → its node gauge fields. */
  nodes: Record<string, Record<string, number>>;
}

/** What a run showed, as the one check function reads it. */
export interface LabObservation {
  design: Design;
  samples: readonly LabSample[];
  log: readonly { t: number; type: string; target: string }[];
  /** Run totals (CLI JSON) of the variants a `compare` check names, keyed by variant ('' = base). */
  variantTotals?: Readonly<Record<string, unknown>>;
}
