// Messages between the run client (main thread, renderer/run) and the simulation worker. Plain
// structured-cloneable data; gauges travel as transferable Float64Arrays.
import type { Design, Params } from '../../shared/document/types';
import type { ChaosCommand, GaugeLayout } from '../../shared/engine/index';
import type { GlobalGauges, LogEntry, RunSample, RunStatus } from '../run/types';

export type RunSpeed = number | 'max';

export interface RunOptions {
  seed: number;
  durationS: number;
  warmupS: number;
  /**
   * Events the run may process (default the engine's DEFAULT_MAX_EVENTS): a design estimated
   * above it is refused at load, a run that reaches it stops as truncated. Part of the options so
   * a replay stops where the live run did.
   */
  maxEvents?: number;
}

/** A command that changed the simulation, with the exact point it applied (see ./README.md). */
export interface RecordedCommand {
  /** Events the simulation had processed when the command applied. */
  atEvent: number;
  simTimeMs: number;
  command: { type: 'chaos'; chaos: ChaosCommand } | { type: 'edit'; id: string; params: Params };
}

export interface RunRecording {
  design: Design;
  options: RunOptions;
  commands: RecordedCommand[];
  /** Where the live session stood when the recording was taken. */
  endEvent: number;
  endSimTimeMs: number;
}

export type ToWorker =
  | { type: 'load'; runId: number; design: Design; options: RunOptions }
  | { type: 'start' }
  | { type: 'pause' }
  /** Advance one simulated second (from a pause), then pause. */
  | { type: 'step' }
  | { type: 'speed'; speed: RunSpeed }
  | { type: 'chaos'; chaos: ChaosCommand }
  | { type: 'edit'; id: string; params: Params }
  | { type: 'request'; requestId: number; what: 'explainSlowest'; nodeId: string | null }
  | { type: 'request'; requestId: number; what: 'results' | 'recording' | 'fingerprint' }
  | { type: 'request'; requestId: number; what: 'replayFingerprint'; recording: RunRecording };

/**
 * Automation only (`__backpressure.crashSimulation`): the worker's next slice throws instead of
 * running, as an exception in the engine would. Handled by the worker entry, never by SimHost.
 */
export interface WorkerTestFault {
  type: 'testFault';
  fault: 'throwInSlice';
  message: string;
}

/** The engine's gauge layout, sent once per layout version. */
export type GaugeLayoutMessage = GaugeLayout;

export interface FrameMessage {
  type: 'frame';
  runId: number;
  status: RunStatus;
  simTimeMs: number;
  durationMs: number;
  eventsProcessed: number;
  /** Simulated ms per wall ms over the last second of running. */
  achievedSpeed: number;
  eventsPerS: number;
  /** Sent with the first frame and whenever instance counts change. */
  layout?: GaugeLayoutMessage;
  nodes: Float64Array;
  instances: Float64Array;
  edges: Float64Array;
  global: GlobalGauges | null;
  /** Per-second samples completed since the previous frame. */
  samples: RunSample[];
  /** Log entries added since the previous frame. */
  log: LogEntry[];
}

export type FromWorker =
  | FrameMessage
  | { type: 'reply'; requestId: number; value: unknown; error?: string }
  | { type: 'notice'; runId: number; text: string; tone: 'info' | 'warning' | 'error' };
