// Running one analysis task on the engine (in this thread, a worker thread or a Web Worker).
// `runTaskTimeline` also records, once per simulated second, the end-to-end gauges and each node's
// throughput and utilisation: what the compare view draws against time for both designs.
import {
  createSimulation,
  NODE_GAUGE_FIELDS,
  type CliJson,
  type SlowestRequestsExplanation,
} from '../engine/index';
import type { RunSummary, RunTask, TaskRunner } from './runs';

/** Per simulated second: the last complete 1 s bucket's figures (NaN where nothing completed). */
export interface RunTimeline {
  tS: number[];
  throughputRps: number[];
  p99Ms: number[];
  errorRate: number[];
  nodes: Record<string, { throughputRps: number[]; utilization: number[] }>;
}

function summaryOf(task: RunTask, result: CliJson): RunSummary {
  const { log: _log, wallMs: _wallMs, ...totals } = result;
  const afterWarmupS = (result.simTimeMs - task.warmupS * 1000) / 1000;
  // A run stopped before its warm-up ended reports totals from the start.
  const measuredS = afterWarmupS > 0 ? afterWarmupS : result.simTimeMs / 1000;
  return { ...totals, measuredS, offeredRps: measuredS > 0 ? result.global.requests / measuredS : 0 };
}

const simulationOf = (task: RunTask) =>
  createSimulation(task.design, {
    seed: task.seed,
    durationS: task.durationS,
    warmupS: task.warmupS,
    maxEvents: task.maxEvents,
    maxWallMs: task.maxWallMs,
  });

/** Runs the task's design and keeps its totals. */
export function runTask(task: RunTask): RunSummary {
  const sim = simulationOf(task);
  sim.run();
  return summaryOf(task, sim.results());
}

const THROUGHPUT = NODE_GAUGE_FIELDS.indexOf('throughputRps');
const UTILIZATION = NODE_GAUGE_FIELDS.indexOf('utilization');

/** The same run (identical totals: the engine is deterministic however it is sliced), second by second. */
export function runTaskTimeline(task: RunTask): { summary: RunSummary; timeline: RunTimeline } {
  const sim = simulationOf(task);
  const layout = sim.gaugeLayout();
  const fields = layout.nodeFields.length;
  const timeline: RunTimeline = { tS: [], throughputRps: [], p99Ms: [], errorRate: [], nodes: {} };
  for (const id of layout.nodeIds) timeline.nodes[id] = { throughputRps: [], utilization: [] };
  for (let second = 1; !sim.done; second++) {
    sim.runUntil(second * 1000);
    if (sim.simTimeMs < second * 1000) break; // stopped at a limit
    const global = sim.globalGauges();
    timeline.tS.push(second);
    timeline.throughputRps.push(global.throughputRps);
    timeline.p99Ms.push(global.p99Ms);
    timeline.errorRate.push(global.errorRate);
    const gauges = sim.gauges();
    layout.nodeIds.forEach((id, i) => {
      timeline.nodes[id].throughputRps.push(gauges.nodes[i * fields + THROUGHPUT]);
      timeline.nodes[id].utilization.push(gauges.nodes[i * fields + UTILIZATION]);
    });
  }
  return { summary: summaryOf(task, sim.results()), timeline };
}

/** The run's totals and where the slowest 1% of its requests spent their time (the Why panel's reading). */
export function runTaskExplained(task: RunTask): {
  summary: RunSummary;
  explanation: SlowestRequestsExplanation;
} {
  const sim = simulationOf(task);
  sim.run();
  return { summary: summaryOf(task, sim.results()), explanation: sim.explainSlowest() };
}

/** One after another in this thread (1 job; also what a worker thread runs per task). */
export const runInProcess: TaskRunner = async (tasks) => tasks.map(runTask);
