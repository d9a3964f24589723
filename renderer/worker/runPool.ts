// A pool of Web Workers that runs analysis tasks (sweep points, compare replications) in parallel:
// one worker per core (`navigator.hardwareConcurrency`), each given the next task as soon as it
// answers — the most offered work first (dispatchOrder), so the heaviest point does not start last
// and leave the other cores idle — and results stream in as they finish. Every task is deterministic by its seed, so the
// answers do not depend on how many workers ran them or in which order they finished; `runPool`
// hands them back in task order. Cancel terminates the workers at once (a run in progress is not
// waited for).
import { dispatchOrder, type RunSummary, type RunTask } from '../../shared/analysis/runs';
import type { RunTimeline } from '../../shared/analysis/runTask';
import type { SlowestRequestsExplanation } from '../../shared/engine/results';

export interface PoolRequest {
  index: number;
  task: RunTask;
  /** Also record the run second by second (runTaskTimeline) … */
  timeline?: boolean;
  /** … or explain its slowest requests (runTaskExplained). */
  explain?: boolean;
}
export type PoolReply =
  | { index: number; summary: RunSummary; timeline?: RunTimeline; explanation?: SlowestRequestsExplanation }
  | { index: number; problem: string };

/** The part of a Worker the pool uses (a fake in unit tests). */
export interface PoolWorker {
  postMessage(message: PoolRequest): void;
  onmessage: ((event: MessageEvent<PoolReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface PoolOptions {
  /** Workers at once; default one per core, never more than the tasks. */
  jobs?: number;
  createWorker?: () => PoolWorker;
  /** Each finished task, in the order they finish (with its timeline when asked for). */
  onResult?: (
    index: number,
    summary: RunSummary,
    extra: { timeline?: RunTimeline; explanation?: SlowestRequestsExplanation },
  ) => void;
  /** Tasks to record second by second (the compare view's first replication). */
  timelineFor?: (index: number) => boolean;
  /** Tasks whose slowest requests to explain (replications of a run, for Why). */
  explain?: boolean;
  signal?: AbortSignal;
}

/** A run that was cancelled before all its tasks finished. */
export class PoolCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export const defaultJobs = (): number =>
  Math.max(1, Math.min(16, typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1));

const createRunWorker = (): PoolWorker =>
  new Worker(new URL('./runTaskWorker.ts', import.meta.url), { type: 'module' }) as unknown as PoolWorker;

/** Runs the tasks and resolves with their summaries in task order. */
export function runPool(tasks: readonly RunTask[], options: PoolOptions = {}): Promise<RunSummary[]> {
  const { createWorker = createRunWorker, onResult, signal, timelineFor, explain } = options;
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), tasks.length));
  const results: (RunSummary | undefined)[] = new Array(tasks.length);
  return new Promise<RunSummary[]>((resolve, reject) => {
    if (tasks.length === 0) return resolve([]);
    if (signal?.aborted) return reject(new PoolCancelled());
    const workers: PoolWorker[] = [];
    const order = dispatchOrder(tasks);
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) worker.terminate();
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => finish(() => reject(new PoolCancelled()));
    signal?.addEventListener('abort', onAbort);
    const give = (worker: PoolWorker) => {
      if (next >= tasks.length) return;
      const index = order[next++];
      worker.postMessage({
        index,
        task: tasks[index],
        ...(timelineFor?.(index) ? { timeline: true } : {}),
        ...(explain ? { explain: true } : {}),
      });
    };
    for (let j = 0; j < jobs; j++) {
      const worker = createWorker();
      workers.push(worker);
      worker.onmessage = (event) => {
        if (settled) return;
        const reply = event.data;
        if ('problem' in reply) return finish(() => reject(new Error(reply.problem)));
        results[reply.index] = reply.summary;
        done++;
        try {
          onResult?.(reply.index, reply.summary, {
            timeline: reply.timeline,
            explanation: reply.explanation,
          });
        } catch (error) {
          return finish(() => reject(error instanceof Error ? error : new Error(String(error))));
        }
        if (done === tasks.length) finish(() => resolve(results as RunSummary[]));
        else give(worker);
      };
      worker.onerror = (event) => {
        event.preventDefault?.();
        finish(() => reject(new Error(`a simulation worker failed: ${event.message || 'no message'}`)));
      };
      give(worker);
    }
  });
}
