// The sweep's pool and model without a browser: the pool hands summaries back in task order
// whatever order its workers finish in (so 1 and 2 jobs give the same sweep), Cancel and a failing
// task reject, and the model offers the design's numeric parameters, a default range, the complete
// points of a sparse result array and the analysis core's messages in the panel's words.
import { describe, expect, it } from 'vitest';
import { mmcDesign, webTierDesign } from '../../shared/testing/designs';
import { planSweep, summarizeSweep, type SweepSpec } from '../../shared/analysis/sweep';
import { runTask } from '../../shared/analysis/runTask';
import type { RunSummary } from '../../shared/analysis/runs';
import { PoolCancelled, runPool, type PoolReply, type PoolRequest, type PoolWorker } from '../worker/runPool';
import {
  completePoints,
  defaultRange,
  defaultSweepParam,
  inPanelWords,
  partialSweep,
  sweepableParams,
  timeLeftText,
  sloLimitSentence,
} from './sweepModel';
import { buildSweepReport } from './sweepReport';
import { formatMs, formatNumber } from '../../shared/format';

/** A worker that runs the task in this thread after a delay that depends on the task (so finishing order shuffles). */
function fakeWorker(log: number[], failOn?: number): PoolWorker {
  const worker: PoolWorker = {
    onmessage: null,
    onerror: null,
    postMessage({ index, task }: PoolRequest) {
      setTimeout(
        () => {
          log.push(index);
          const reply: PoolReply =
            index === failOn
              ? { index, problem: 'the design is too big' }
              : { index, summary: runTask(task) };
          worker.onmessage?.({ data: reply } as MessageEvent<PoolReply>);
        },
        index % 2 === 0 ? 25 : 0, // even tasks take longer
      );
    },
    terminate() {
      worker.onmessage = null;
    },
  };
  return worker;
}

const mm1 = mmcDesign({ lambdaRps: 50, serviceTimeMs: 10, servers: 1, durationS: 5 });
const spec = (over: Partial<SweepSpec> = {}): SweepSpec => ({
  param: 'client.rps',
  from: 20,
  to: 80,
  steps: 4,
  seeds: 2,
  baseSeed: 1,
  durationS: 5,
  warmupS: 0,
  maxEvents: 1e8,
  ...over,
});

describe('run pool', () => {
  it('returns summaries in task order, the same with 1 and 2 jobs, and reports each as it finishes', async () => {
    const plan = planSweep(mm1, spec());
    const order: number[] = [];
    const streamed: number[] = [];
    const one = await runPool(plan.tasks, { jobs: 1, createWorker: () => fakeWorker([]) });
    const two = await runPool(plan.tasks, {
      jobs: 2,
      createWorker: () => fakeWorker(order),
      onResult: (index) => streamed.push(index),
    });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(streamed.sort((a, b) => a - b)).toEqual(plan.tasks.map((_, i) => i));
    expect(order).not.toEqual([...order].sort((a, b) => a - b)); // they did finish out of order
    const sweep = (runs: RunSummary[]) => JSON.stringify(summarizeSweep(mm1, spec(), plan, runs));
    expect(sweep(two)).toBe(sweep(one));
  });

  it('rejects with PoolCancelled on abort and with the message of a failing task', async () => {
    const plan = planSweep(mm1, spec());
    const controller = new AbortController();
    const cancelled = runPool(plan.tasks, {
      jobs: 2,
      createWorker: () => fakeWorker([]),
      signal: controller.signal,
    });
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(PoolCancelled);
    await expect(runPool(plan.tasks, { jobs: 2, createWorker: () => fakeWorker([], 3) })).rejects.toThrow(
      'the design is too big',
    );
  });
});

describe('sweep model', () => {
  it("offers every numeric parameter, defaulting to the first client's load", () => {
    const design = webTierDesign(400);
    const params = sweepableParams(design);
    expect(params.map((param) => param.path)).toContain('api.instances');
    expect(params.map((param) => param.path)).toContain('users->lb.latencyMs');
    expect(params.find((param) => param.path === 'users.rps')).toMatchObject({
      label: 'Users · Rate',
      current: 400,
    });
    expect(params.every((param) => param.spec.type === 'number')).toBe(true);
    expect(defaultSweepParam(design, params)?.path).toBe('users.rps');
    const closed = webTierDesign(400);
    closed.nodes[0].params = { ...closed.nodes[0].params, mode: 'closed', users: 50 };
    expect(defaultSweepParam(closed, sweepableParams(closed))?.path).toBe('users.users');
  });

  it('ranges from a quarter to twice the current value, inside the parameter range', () => {
    const params = sweepableParams(webTierDesign(400));
    expect(defaultRange(params.find((param) => param.path === 'users.rps')!)).toEqual({ from: 100, to: 800 });
    const instances = params.find((param) => param.path === 'api.instances')!;
    expect(defaultRange(instances)).toEqual({ from: 1, to: 4 });
  });

  it('counts a point complete only when all its replications are in (sparse arrays included)', () => {
    const plan = planSweep(mm1, spec());
    const finished: (RunSummary | undefined)[] = new Array(plan.tasks.length);
    finished[2] = runTask(plan.tasks[2]);
    expect(completePoints(plan, finished)).toEqual([]);
    finished[3] = runTask(plan.tasks[3]);
    expect(completePoints(plan, finished)).toEqual([1]);
    const partial = partialSweep(mm1, spec(), plan, finished)!;
    expect(partial.points.map((point) => point.value)).toEqual([40]);
  });

  it("says the core's messages with the panel's field names, and the time left from the pace so far", () => {
    expect(inPanelWords('--from (5) must not be greater than --to (2)')).toBe(
      'From (5) must not be greater than To (2)',
    );
    expect(inPanelWords('--steps must be a whole number ≥ 2')).toBe('Points must be a whole number ≥ 2');
    expect(timeLeftText(0, 10, 1000)).toBeNull();
    expect(timeLeftText(5, 10, 10_000)).toBe('about 10 s left');
    expect(timeLeftText(1, 20, 10_000)).toBe('about 3 min left');
  });
});

describe('sweep report', () => {
  it("holds the panel's verdict and each point's numbers as the analysis core computed them", () => {
    const s = spec({ seeds: 2 });
    const plan = planSweep(mm1, s);
    const result = summarizeSweep(mm1, s, plan, plan.tasks.map(runTask));
    const report = buildSweepReport({
      design: mm1,
      spec: s,
      result,
      charts: [{ title: 'Latency', image: null }],
      designImage: null,
      generatedAt: new Date('2026-12-07T12:00:00Z'),
      appVersion: '0.1.0',
    });
    const verdict = report.sections.find((section) => section.heading === 'Verdict')!;
    expect(verdict.blocks[0]).toEqual({ type: 'paragraph', text: sloLimitSentence(result) });
    const table = report.sections.find((section) => section.heading === 'Points')!.blocks[0];
    if (table.type !== 'table') throw new Error('the points section is a table');
    expect(table.rows).toHaveLength(result.points.length);
    result.points.forEach((point, p) => {
      expect(table.rows[p][0]).toBe(formatNumber(point.value));
      expect(table.rows[p][5]).toBe(
        `${formatMs(point.latencyMs.p99.mean)} ± ${formatMs(point.latencyMs.p99.halfWidth)}`,
      );
      expect(table.rows[p][8]).toEqual(
        point.withinSlo ? { text: '✓ meets', tone: 'pass' } : { text: '✕ fails', tone: 'fail' },
      );
    });
    expect(report.meta?.[0].value).toBe(
      `${result.points.filter((point) => point.withinSlo).length} of ${result.points.length} points`,
    );
  });
});
