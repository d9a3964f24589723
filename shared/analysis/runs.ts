// One run of a sweep or a comparison: a task (plain data: a design and its run settings, so it
// crosses to a worker thread as it is) and its summary (the CLI's JSON without the log and the
// wall time, so it depends on the task alone). A runner runs a list of tasks and returns their
// summaries in the tasks' order, however many at a time: that is what makes 1 job and N jobs give
// the same answer.
import type { Design } from '../document/types';
import { runDesign, type CliJson } from '../engine/index';

/** Bad input to a sweep or a comparison (a parameter path, a range, a design too big): exit 2. */
export class AnalysisError extends Error {}

export interface RunTask {
  design: Design;
  seed: number;
  durationS: number;
  warmupS: number;
  maxEvents: number;
  /** Wall time the run may take (the engine's Date.now clock); unbounded when left out. */
  maxWallMs?: number;
}

/** A run's totals without what varies from run to run of the same task (wall time) or is bulky (log). */
export type RunSummary = Omit<CliJson, 'log' | 'wallMs'> & {
  /** Seconds the totals cover (after warm-up). */
  measuredS: number;
  /** Client requests started per second after warm-up: the load actually offered. */
  offeredRps: number;
};

/** Results may later carry the busiest instance's utilisation; prefer it when present. */
export function runTask(task: RunTask): RunSummary {
  const result = runDesign(task.design, {
    seed: task.seed,
    durationS: task.durationS,
    warmupS: task.warmupS,
    maxEvents: task.maxEvents,
    maxWallMs: task.maxWallMs,
  });
  const { log: _log, wallMs: _wallMs, ...totals } = result;
  const afterWarmupS = (result.simTimeMs - task.warmupS * 1000) / 1000;
  // A run stopped before its warm-up ended reports totals from the start.
  const measuredS = afterWarmupS > 0 ? afterWarmupS : result.simTimeMs / 1000;
  return { ...totals, measuredS, offeredRps: measuredS > 0 ? result.global.requests / measuredS : 0 };
}

/** Runs tasks and returns their summaries in task order. */
export type TaskRunner = (tasks: readonly RunTask[]) => Promise<RunSummary[]>;

/** One after another in this thread (1 job; also what a worker thread runs per task). */
export const runInProcess: TaskRunner = async (tasks) => tasks.map(runTask);

/** Replication r runs at seed base + r: the same seeds at every point and for both designs. */
export const replicationSeeds = (baseSeed: number, seeds: number): number[] =>
  Array.from({ length: seeds }, (_, r) => (baseSeed + r) >>> 0);
