// The engine's public surface. See ./README.md for the architecture.
import type { Design, Params } from '../document/types';
import {
  gaugeLayout,
  gauges,
  globalGauges,
  type GaugeLayout,
  type Gauges,
  type GlobalGauges,
} from './gauges';
import type { RunTruncation } from './limits';
import type { LogEntry } from './log';
import {
  explainSlowest,
  globalResult,
  results,
  type CliJson,
  type SlowestRequestsExplanation,
} from './results';
import { Simulation, type ChaosCommand, type SimulationOptions } from './simulation';

export { FAILURE_REASONS, HOP_LIMIT } from './constants';
export {
  EDGE_GAUGE_FIELDS,
  gaugeLayout,
  gauges,
  globalGauges,
  INSTANCE_GAUGE_FIELDS,
  NODE_GAUGE_FIELDS,
} from './gauges';
export type { GaugeLayout, Gauges, GlobalGauges } from './gauges';
export {
  DEFAULT_MAX_CALLS_IN_FLIGHT,
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_QUEUED_EVENTS,
  estimateRun,
  runBudgetProblem,
} from './limits';
export type { RunEstimate, RunEstimatePart, RunTruncation, TruncationReason } from './limits';
export { isChaosLogType, LOG_LIMIT, LOG_TYPES, type LogEntry, type LogType } from './log';
export { explainSlowest, globalResult, NO_LATENCY, results, sloVerdict } from './results';
export type {
  CliJson,
  ErrorCounts,
  InstanceResult,
  LatencySummary,
  NodeResult,
  SloVerdict,
  SlowestRequestsExplanation,
} from './results';
export type { ChaosCommand, SimulationOptions } from './simulation';

export interface SimulationHandle {
  readonly simTimeMs: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly seed: number;
  readonly eventsProcessed: number;
  readonly done: boolean;
  /** Advance to simTimeMs (capped at the duration) or until maxEvents more events ran. */
  runUntil(simTimeMs: number, maxEvents?: number): void;
  /** Run to the end of the scenario. */
  run(): void;
  /** Live chaos at the current sim time (same as a scenario event). */
  chaos(command: ChaosCommand): void;
  /** Hot parameter edit of a node or edge; returns an error message if it needs a reset. */
  editParams(nodeOrEdgeId: string, params: Params): string | null;
  gaugeLayout(): GaugeLayout;
  gauges(): Gauges;
  /** End-to-end throughput, percentiles, errors and SLO state of the last 1 s bucket. */
  globalGauges(): GlobalGauges;
  /** Event log entries from index on (log entries are never removed, so indexes are stable). */
  logSince(index: number): LogEntry[];
  readonly log: readonly LogEntry[];
  /** Run totals in the CLI's JSON shape. */
  results(): CliJson;
  /** Just the global part of `results()` (no per-node results, no log copy): cheap enough per second. */
  runTotals(): CliJson['global'];
  /**
   * Where the slowest 1% of end-to-end requests (or of those that passed through nodeId) spend
   * their time, hop by hop (queueing, service, network), and where failed requests' failures
   * started.
   */
  explainSlowest(nodeId?: string): SlowestRequestsExplanation;
  /** Wall-clock ms spent inside runUntil so far (by the `now` clock of the options). */
  readonly wallMs: number;
  /** Set when the run stopped at a limit (events, wall time, memory) before its end; then `done`. */
  readonly truncated: RunTruncation | null;
  /** Calls alive now and events waiting now: what the memory guard bounds. */
  readonly callsInFlight: number;
  readonly queuedEvents: number;
}

export function createSimulation(design: Design, options: SimulationOptions = {}): SimulationHandle {
  // The engine mutates params on hot edits; keep the caller's document untouched.
  const sim = new Simulation(structuredCloneDesign(design), options);
  return {
    get simTimeMs() {
      return sim.now;
    },
    get durationMs() {
      return sim.durationMs;
    },
    get warmupMs() {
      return sim.warmupMs;
    },
    get seed() {
      return sim.seed;
    },
    get eventsProcessed() {
      return sim.eventsProcessed;
    },
    get done() {
      return sim.done;
    },
    get log() {
      return sim.log;
    },
    get wallMs() {
      return sim.wallMs;
    },
    get truncated() {
      return sim.truncated;
    },
    get callsInFlight() {
      return sim.callsInFlight;
    },
    get queuedEvents() {
      return sim.queuedEvents;
    },
    runUntil: (simTimeMs: number, maxEvents?: number) => sim.runUntil(simTimeMs, maxEvents),
    run: () => sim.run(),
    chaos: (command) => sim.chaos(command),
    editParams: (id, params) => sim.editParams(id, params),
    gaugeLayout: () => gaugeLayout(sim),
    gauges: () => gauges(sim),
    globalGauges: () => globalGauges(sim),
    logSince: (index) => sim.log.slice(index),
    results: () => results(sim, sim.wallMs),
    runTotals: () => globalResult(sim),
    explainSlowest: (nodeId) => explainSlowest(sim, nodeId),
  };
}

function structuredCloneDesign(design: Design): Design {
  return JSON.parse(JSON.stringify(design)) as Design;
}

/** Runs a design to the end and returns its totals (the CLI and tests use this). */
export function runDesign(design: Design, options: SimulationOptions = {}): CliJson {
  const sim = createSimulation(design, options);
  sim.run();
  return sim.results();
}

export { Simulation };
