// A worker thread of the compare/sweep pool (workerPool.ts): runs each task it is sent and posts
// back its summary. Bundled to dist/cli/runWorker.cjs next to the CLI by scripts/build-cli.mjs.
import { parentPort } from 'node:worker_threads';
import type { RunTask } from '../analysis/runs';
import { runTask } from '../analysis/runTask';

parentPort!.on('message', ({ index, task }: { index: number; task: RunTask }) => {
  try {
    parentPort!.postMessage({ index, summary: runTask(task) });
  } catch (error) {
    parentPort!.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
});
