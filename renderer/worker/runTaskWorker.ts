// The worker entry of the run pool: runs one analysis task at a time (a design, a seed, a window —
// `shared/analysis/runs.ts`) and posts its summary back with the task's index. A bad task posts
// its message, never a stack trace.
import { runTask, runTaskExplained, runTaskTimeline } from '../../shared/analysis/runTask';
import type { PoolReply, PoolRequest } from './runPool';

self.onmessage = (event: MessageEvent<PoolRequest>) => {
  const { index, task, timeline, explain } = event.data;
  let reply: PoolReply;
  try {
    reply = timeline
      ? { index, ...runTaskTimeline(task) }
      : explain
        ? { index, ...runTaskExplained(task) }
        : { index, summary: runTask(task) };
  } catch (error) {
    reply = { index, problem: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
