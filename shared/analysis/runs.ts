// One run of a sweep or a comparison: a task (plain data: a design and its run settings, so it
// crosses to a worker thread as it is) and its summary (the CLI's JSON without the log and the
// wall time, so it depends on the task alone). A runner runs a list of tasks and returns their
// summaries in the tasks' order, however many at a time: that is what makes 1 job and N jobs give
// the same answer. Running a task (the engine) is in ./runTask.ts, so planning and summarising
// (this file, sweep.ts, compare.ts) can run where the engine is not loaded (the app's main thread).
import type { Design } from '../document/types';
import { nodeParams } from '../document/catalog';
import type { CliJson } from '../engine/index';

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

/** Runs tasks and returns their summaries in task order. */
export type TaskRunner = (tasks: readonly RunTask[]) => Promise<RunSummary[]>;

/** Replication r runs at seed base + r: the same seeds at every point and for both designs. */
export const replicationSeeds = (baseSeed: number, seeds: number): number[] =>
  Array.from({ length: seeds }, (_, r) => (baseSeed + r) >>> 0);

/** Requests a task's clients offer over its simulated seconds: a run's events grow with it. */
function offeredRequests(task: RunTask): number {
  let rps = 0;
  for (const node of task.design.nodes) {
    if (node.kind !== 'client') continue;
    const params = nodeParams(node);
    rps +=
      params.mode === 'closed'
        ? Number(params.users) / (Math.max(Number(params.thinkTimeMs), 1) / 1000)
        : Number(params.rps);
  }
  return rps * task.durationS;
}

/**
 * The order a worker pool starts tasks in: the most offered work first (longest-processing-time
 * first), so a sweep's heaviest point — its highest load — does not start last and leave the other
 * workers idle at the end. Ties keep task order. Results still go back to each task's index, so
 * the order never shows in the answer.
 */
export function dispatchOrder(tasks: readonly RunTask[]): number[] {
  const work = tasks.map(offeredRequests);
  return tasks.map((_task, index) => index).sort((a, b) => work[b] - work[a] || a - b);
}
