// Running one analysis task on the engine (in this thread, a worker thread or a Web Worker).
import { runDesign } from '../engine/index';
import type { RunSummary, RunTask, TaskRunner } from './runs';

/** Runs the task's design and keeps its totals. */
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

/** One after another in this thread (1 job; also what a worker thread runs per task). */
export const runInProcess: TaskRunner = async (tasks) => tasks.map(runTask);
