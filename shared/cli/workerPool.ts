// Runs compare/sweep tasks on worker threads (node:worker_threads), one task per worker at a
// time, the next task to whichever worker is free, the most offered work first (dispatchOrder). Summaries go back to their task's index, so
// the order of completion never shows in the answer: 1 job and N jobs give the same result.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { dispatchOrder, type RunSummary, type RunTask } from '../analysis/runs';

type Reply = { index: number; summary?: RunSummary; error?: string };

/** A runner over `jobs` workers running `workerFile` (runWorker.cjs); null when the file is missing. */
export function workerPoolRunner(
  workerFile: string,
): ((tasks: readonly RunTask[], jobs: number) => Promise<RunSummary[]>) | null {
  if (!existsSync(workerFile)) return null;
  return (tasks, jobs) =>
    new Promise((resolve, reject) => {
      const results = new Array<RunSummary>(tasks.length);
      const workers: Worker[] = [];
      const order = dispatchOrder(tasks);
      let next = 0;
      let done = 0;
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        for (const worker of workers) void worker.terminate();
        if (error) reject(error);
        else resolve(results);
      };
      if (tasks.length === 0) return finish();
      const feed = (worker: Worker) => {
        if (next < tasks.length) {
          const index = order[next++];
          worker.postMessage({ index, task: tasks[index] });
        }
      };
      for (let w = 0; w < Math.min(jobs, tasks.length); w++) {
        const worker = new Worker(workerFile);
        workers.push(worker);
        worker.on('message', (reply: Reply) => {
          if (reply.error !== undefined) return finish(new Error(reply.error));
          results[reply.index] = reply.summary!;
          if (++done === tasks.length) finish();
          else feed(worker);
        });
        worker.on('error', (error) => finish(error));
        worker.on('exit', (code) => {
          if (!settled) finish(new Error(`a worker thread exited (code ${code}) before its runs were done`));
        });
        feed(worker);
      }
    });
}
