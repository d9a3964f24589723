// One analysis at a time: a job superseded by a newer start (or cancelled) never reaches its
// handlers again, a cancel ends as 'cancelled', a failing task as 'failed' with the reason named.
import { describe, expect, it } from 'vitest';
import type { RunSummary, RunTask } from '../../shared/analysis/runs';
import { mmcDesign } from '../../shared/testing/designs';
import { analysisJobs } from './analysisJob';
import type { PoolReply, PoolRequest, PoolWorker } from './runPool';

/** Replies after `delayMs` with a summary naming the task's index (or fails on `failOn`). */
function fakeWorker(delayMs: number, failOn?: number): PoolWorker {
  const worker: PoolWorker = {
    onmessage: null,
    onerror: null,
    postMessage({ index }: PoolRequest) {
      setTimeout(() => {
        const reply: PoolReply =
          index === failOn
            ? { index, problem: 'the design is too big' }
            : { index, summary: { index } as unknown as RunSummary };
        worker.onmessage?.({ data: reply } as MessageEvent<PoolReply>);
      }, delayMs);
    },
    terminate() {
      worker.onmessage = null;
    },
  };
  return worker;
}

// Equal loads: the pool starts them in task order (dispatchOrder keeps ties in order).
const task: RunTask = {
  design: mmcDesign({ lambdaRps: 50, serviceTimeMs: 10, servers: 1, durationS: 5 }),
  seed: 1,
  durationS: 5,
  warmupS: 0,
  maxEvents: 1e6,
};
const tasks = (n: number) => Array.from({ length: n }, () => task);

function recorder() {
  const seen: string[] = [];
  return {
    seen,
    handlers: {
      onResult: (index: number) => seen.push(`result ${index}`),
      onDone: (runs: RunSummary[]) => seen.push(`done ${runs.length}`),
      onStopped: (status: string, problem: string | null) => seen.push(`${status} ${problem ?? ''}`.trim()),
    },
  };
}

describe('analysis jobs', () => {
  it('hands every result and then the summaries in task order to the current job', async () => {
    const jobs = analysisJobs('The sweep');
    const { seen, handlers } = recorder();
    await jobs.start(tasks(3), { jobs: 1, createWorker: () => fakeWorker(1) }, handlers);
    expect(seen).toEqual(['result 0', 'result 1', 'result 2', 'done 3']);
  });

  it('a newer start supersedes the running job: the old one reports nothing more, not even its cancel', async () => {
    const jobs = analysisJobs('The sweep');
    const first = recorder();
    const second = recorder();
    const old = jobs.start(tasks(4), { jobs: 1, createWorker: () => fakeWorker(20) }, first.handlers);
    await jobs.start(tasks(2), { jobs: 1, createWorker: () => fakeWorker(1) }, second.handlers);
    await old;
    expect(first.seen).toEqual([]);
    expect(second.seen).toEqual(['result 0', 'result 1', 'done 2']);
  });

  it('cancel ends the current job as cancelled, keeping what finished before it', async () => {
    const jobs = analysisJobs('The sweep');
    const { seen, handlers } = recorder();
    const running = jobs.start(tasks(5), { jobs: 1, createWorker: () => fakeWorker(5) }, handlers);
    await new Promise((resolve) => setTimeout(resolve, 12));
    jobs.cancel();
    await running;
    expect(seen.at(-1)).toBe('cancelled');
    expect(seen.filter((line) => line.startsWith('result')).length).toBeLessThan(5);
    expect(seen).not.toContain('done 5');
  });

  it('a failing task ends the job as failed, naming the analysis and the reason', async () => {
    const jobs = analysisJobs('The comparison');
    const { seen, handlers } = recorder();
    await jobs.start(tasks(3), { jobs: 1, createWorker: () => fakeWorker(1, 1) }, handlers);
    expect(seen.at(-1)).toMatch(/^failed The comparison stopped: .*the design is too big/);
  });
});
