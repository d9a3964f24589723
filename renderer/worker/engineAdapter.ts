// The engine as the worker host uses it: the engine's own handle API (runUntil, chaos, editParams,
// gauges, log, results, explain) plus the few things its handle does not expose yet — end-to-end
// gauges per 1 s window (throughput, p50/p95/p99, errors by reason, SLO) — read from the
// simulation's public state. When the engine's handle grows `globalGauges()`, use that instead.
import type { Design, Params } from '../../shared/document/types';
import { Simulation, type ChaosCommand } from '../../shared/engine/index';
import { gaugeLayout, gauges, type GaugeLayout, type Gauges } from '../../shared/engine/gauges';
import { explain, results, type CliJson } from '../../shared/engine/results';
import { G_COMPLETED, G_FAILED } from '../../shared/engine/simulation';
import { HISTOGRAM_BUCKETS, quantileOf } from '../../shared/engine/histogram';
import { FAILURE_REASONS, type FailureReason, type GlobalGauges } from '../run/types';
import type { RunOptions } from './protocol';

export class EngineRun {
  readonly sim: Simulation;
  /** End-to-end latency counts at the previous sample, to take the last window's percentiles. */
  private readonly previousCounts = new Float64Array(HISTOGRAM_BUCKETS);
  private previousTotal = 0;
  wallMs = 0;

  constructor(design: Design, options: RunOptions) {
    // The engine mutates params on hot edits: keep the caller's document untouched.
    this.sim = new Simulation(JSON.parse(JSON.stringify(design)) as Design, options);
  }

  get simTimeMs(): number {
    return this.sim.now;
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
  get layoutVersion(): number {
    return this.sim.layoutVersion;
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
    return gaugeLayout(this.sim);
  }
  gauges(): Gauges {
    return gauges(this.sim);
  }
  logLength(): number {
    return this.sim.log.length;
  }
  logSince(index: number) {
    return this.sim.log.slice(index);
  }
  results(): CliJson {
    return results(this.sim, this.wallMs);
  }
  explain(nodeId: string | null) {
    return explain(this.sim, nodeId ?? undefined);
  }

  /** End-to-end gauges of the last complete 1 s window (call once per simulated second). */
  globalGauges(): GlobalGauges {
    const sim = this.sim;
    const window = sim.globalLastWindow;
    const completed = window[G_COMPLETED];
    const errorsByReason = {} as Record<FailureReason, number>;
    let failed = 0;
    FAILURE_REASONS.forEach((reason, r) => {
      errorsByReason[reason] = window[G_FAILED + r];
      failed += window[G_FAILED + r];
    });
    const ended = completed + failed;
    const errorRate = ended > 0 ? failed / ended : 0;
    // The engine merges each window into its run histogram at the tick: the difference from the
    // previous sample is the last window (the run histogram restarts once, when warm-up ends).
    const histogram = sim.endToEnd;
    const restarted = histogram.count < this.previousTotal;
    const counts = new Float64Array(HISTOGRAM_BUCKETS);
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++)
      counts[i] = histogram.counts[i] - (restarted ? 0 : this.previousCounts[i]);
    const total = histogram.count - (restarted ? 0 : this.previousTotal);
    this.previousCounts.set(histogram.counts);
    this.previousTotal = histogram.count;
    const p99Ms = sim.globalLastWindowP99Ms;
    const slo = sim.design.slo;
    const sloPass = !slo
      ? true
      : (completed === 0 || p99Ms <= slo.p99Ms) &&
        errorRate <= slo.maxErrorRate &&
        (!sim.warmedUp || completed >= slo.minThroughputRps);
    return {
      throughputRps: completed,
      p50Ms: quantileOf(counts, 0, total, 0.5),
      p95Ms: quantileOf(counts, 0, total, 0.95),
      p99Ms,
      errorRate,
      errorsByReason,
      sloPass,
    };
  }
}
