// The engine as the worker host uses it: a thin wrapper over the engine's public handle
// (`createSimulation`), so the host never reaches into the simulation's internals.
import type { Design, Params } from '../../shared/document/types';
import {
  createSimulation,
  runBudgetProblem,
  type ChaosCommand,
  type CliJson,
  type GaugeLayout,
  type Gauges,
  type RunTruncation,
  type SimulationHandle,
} from '../../shared/engine/index';
import type { GlobalGauges, RunSoFar, SlowestRequests } from '../run/types';
import type { RunOptions } from './protocol';

/**
 * Events one simulated second may cost in the app (about 2–5 s of one core). An app run is
 * time-sliced, pausable at any moment and may be long (a day at 100 rps, watched at Max), so it is
 * bounded by its rate, not its total: a second that would take minutes (client rps 1e7: a typo) is
 * refused before it starts, naming the parameter.
 */
export const APP_MAX_EVENTS_PER_SIM_S = 20_000_000;

/** Why the design is too big to run in the app, naming the parameter; null when it fits. */
export function runTooBigProblem(design: Design): string | null {
  return runBudgetProblem(design, { durationS: 1, maxEvents: APP_MAX_EVENTS_PER_SIM_S, perSimSecond: true });
}

export class EngineRun {
  private readonly sim: SimulationHandle;

  constructor(design: Design, options: RunOptions) {
    // createSimulation copies the design: hot edits never touch the caller's document.
    // No total event cap unless the recording carries one: the run stops when the user stops it,
    // and the engine's memory guard bounds what it holds.
    this.sim = createSimulation(design, { ...options, maxEvents: options.maxEvents ?? Infinity });
  }

  get simTimeMs(): number {
    return this.sim.simTimeMs;
  }
  get durationMs(): number {
    return this.sim.durationMs;
  }
  get eventsProcessed(): number {
    return this.sim.eventsProcessed;
  }
  get done(): boolean {
    return this.sim.done;
  }
  /** Set when the run stopped at a limit (events, memory) before its end: it is done then. */
  get truncated(): RunTruncation | null {
    return this.sim.truncated;
  }

  runUntil(simTimeMs: number, maxEvents: number): void {
    this.sim.runUntil(simTimeMs, maxEvents);
  }
  chaos(command: ChaosCommand): void {
    this.sim.chaos(command);
  }
  editParams(id: string, params: Params): string | null {
    return this.sim.editParams(id, params);
  }
  layout(): GaugeLayout {
    return this.sim.gaugeLayout();
  }
  /** Fresh arrays each call (the host transfers them to the main thread). */
  gauges(): Gauges {
    return this.sim.gauges();
  }
  logSince(index: number) {
    return this.sim.logSince(index);
  }
  results(): CliJson {
    return this.sim.results();
  }
  /** The slowest 1% of end-to-end requests (through nodeId, or all): time per hop, failure origins. */
  explainSlowest(nodeId: string | null): SlowestRequests {
    return this.sim.explainSlowest(nodeId ?? undefined);
  }
  /** End-to-end gauges of the last complete 1 s window (throughput, p50/p95/p99, errors, SLO). */
  globalGauges(): GlobalGauges {
    return this.sim.globalGauges();
  }
  /** The run so far as the CLI judges it (after warm-up): the SLO badge's verdict, not one second's. */
  runSoFar(): RunSoFar {
    const global = this.sim.runTotals();
    const ended = global.completed + global.failed;
    return {
      warmedUp: this.sim.simTimeMs >= this.sim.warmupMs,
      throughputRps: global.throughputRps,
      p99Ms: global.latencyMs.p99 ?? Number.NaN, // null: nothing completed (no data)
      errorRate: ended > 0 ? global.errorRate : 0,
      pass: global.slo?.pass ?? true,
    };
  }
}
