// One analysis at a time per panel (sweep, compare, repeat over seeds): its tasks in the run
// pool, superseded by the next start or by Cancel. Results and the ending reach the panel only
// while its job is the current one, so a cancelled or replaced job never writes over a newer one.
import type { RunSummary, RunTask } from '../../shared/analysis/runs';
import { PoolCancelled, runPool, type PoolOptions } from './runPool';

export interface AnalysisJobHandlers {
  /** Each finished task while the job is current (in the order they finish). */
  onResult?: PoolOptions['onResult'];
  /** Every task finished: the summaries in task order. */
  onDone: (runs: RunSummary[]) => void;
  /** Cancelled (problem null), or failed with the reason in the panel's words. */
  onStopped: (status: 'cancelled' | 'failed', problem: string | null) => void;
}

export interface AnalysisJobs {
  /** Cancels the current job, then runs these tasks as the new current one. */
  start(
    tasks: readonly RunTask[],
    options: Omit<PoolOptions, 'signal' | 'onResult'>,
    handlers: AnalysisJobHandlers,
  ): Promise<void>;
  cancel(): void;
}

/** `what` names the analysis in a failure: "The sweep stopped: …". */
export function analysisJobs(what: string): AnalysisJobs {
  let controller: AbortController | null = null;
  const cancel = () => controller?.abort();
  return {
    cancel,
    async start(tasks, options, { onResult, onDone, onStopped }) {
      cancel();
      const own = new AbortController();
      controller = own;
      const current = () => controller === own;
      try {
        const runs = await runPool(tasks, {
          ...options,
          signal: own.signal,
          onResult: (index, summary, extra) => {
            if (current()) onResult?.(index, summary, extra);
          },
        });
        if (current()) onDone(runs);
      } catch (error) {
        if (!current()) return;
        if (error instanceof PoolCancelled) onStopped('cancelled', null);
        else
          onStopped('failed', `${what} stopped: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        if (current()) controller = null;
      }
    },
  };
}
