// The contract between the live run (worker host + run store, renderer/run and renderer/worker)
// and what shows it (canvas live layer, metrics dock, timeline, automation). Plain data only.
import type { SlowestRequestsExplanation } from '../../shared/engine/index';
import type { NodeGauges } from '../../shared/kinds/gauges';
import type { GlobalGauges as EngineGlobalGauges } from '../../shared/engine/gauges';

export type RunStatus = 'idle' | 'running' | 'paused' | 'done';

/** Failure reasons, as in the engine and the CLI JSON. */
export { FAILURE_REASONS, type FailureReason } from '../../shared/engine/constants';

/** Latest gauges of one node (what `window.__backpressure.metrics(nodeId)` returns). */
/** Latest gauges of one node: declared once in shared/kinds/gauges.ts (common ones plus its kind's). */
export type { NodeGauges };

/** Latest gauges of one edge (connection). */
export interface EdgeGauges {
  throughputRps: number;
  errorRate: number;
  cut: boolean;
  /** Each direction's link (requests forward, responses back): its sending time over the last
   *  second (0 when its bandwidth is unbounded) and Mbit/s on the wire. Absent in old samples. */
  forwardUtilization?: number;
  backUtilization?: number;
  forwardMbps?: number;
  backMbps?: number;
}

export type InstanceState = 'alive' | 'dead' | 'hung' | 'slow';

export interface InstanceGauges {
  state: InstanceState;
  leader?: boolean;
  /** A database copy cut off from the rest of its shard by a partition. */
  partitioned?: boolean;
  utilization: number;
  queueDepth: number;
  throughputRps?: number;
}

/** The engine's end-to-end gauges of one second, plus the run so far the worker adds. */
export interface GlobalGauges extends EngineGlobalGauges {
  /** The run so far (cumulative after warm-up, as the CLI's `global`): what the SLO badge judges. */
  run?: RunSoFar;
}

/** The whole run up to a sample's time, from the engine's `results()` (same numbers as the CLI). */
export interface RunSoFar {
  /** Warm-up over: these are the measured seconds only (the CLI's verdict). */
  warmedUp: boolean;
  throughputRps: number;
  /** NaN when nothing has completed yet. */
  p99Ms: number;
  errorRate: number;
  pass: boolean;
}

/** One sample per simulated second (the history the dock charts and the timeline scrubs). */
export interface RunSample {
  tS: number;
  global: GlobalGauges;
  nodes: Record<string, NodeGauges>;
  instances: Record<string, InstanceGauges[]>;
  edges?: Record<string, EdgeGauges>;
  /** Seconds this sample covers: 1, or more once old samples were merged to keep memory flat. */
  spanS?: number;
}

/** An event log entry, as in the CLI JSON: { t (ms), type, target, ...fields } (shared/engine/log.ts). */
export type { LogEntry, LogType } from '../../shared/engine/log';

/** The engine's `explainSlowest(nodeId?)`: the slowest 1% of end-to-end requests (all, or those
 *  through nodeId), their mean time per hop, and where failures started. */
export type SlowestRequests = SlowestRequestsExplanation;
