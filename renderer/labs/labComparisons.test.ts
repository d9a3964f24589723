/// <reference types="vite/client" />
// A step's comparison check in the app: the variants it names run in the run pool (here a worker
// that runs the real engine in this thread) at the lab's seed, so the app's totals are the ones
// `lab check` computes headless (the engine is deterministic per seed), and the check then holds.
// A step reached again finds its runs done; a step without comparisons runs nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { runTask } from '../../shared/analysis/runTask';
import { evaluateCheck } from '../../shared/labs/checks';
import { comparisonRuns, labSeed, runComparisons } from '../../shared/labs/runLab';
import { parseLab } from '../../shared/labs/schema';
import type { PoolReply, PoolRequest, PoolWorker } from '../worker/runPool';
import { labPoolOptions, startStepComparisons } from './labComparisons';
import { useLabStore } from './labStore';
import cachingLab from '../../assets/labs/caching.bplab?raw';

let tasksRun = 0;
function engineWorker(): PoolWorker {
  const worker: PoolWorker = {
    onmessage: null,
    onerror: null,
    postMessage({ index, task }: PoolRequest) {
      tasksRun++;
      setTimeout(() =>
        worker.onmessage?.({ data: { index, summary: runTask(task) } } as MessageEvent<PoolReply>),
      );
    },
    terminate() {
      worker.onmessage = null;
    },
  };
  return worker;
}
labPoolOptions.createWorker = engineWorker;
labPoolOptions.jobs = 1;

const parsed = parseLab(cachingLab);
if (!parsed.ok) throw new Error('caching.bplab does not parse');
const { lab, design: base } = parsed;
const stepAt = (id: string) => lab.steps.findIndex((step) => step.id === id);

const reach = (id: string) => {
  useLabStore.setState({ open: { lab, baseDesign: base! }, stepIndex: stepAt(id) });
  startStepComparisons();
};
const settled = () =>
  new Promise<void>((resolve) => {
    const check = () =>
      useLabStore.getState().comparison?.status === 'running' ? setTimeout(check, 5) : resolve();
    check();
  });

afterEach(() => useLabStore.setState({ open: null, comparison: null }));

describe('lab comparisons in the app', () => {
  it('runs the variants a comparison check names and agrees with lab check', async () => {
    const step = lab.steps[stepAt('uniform')];
    reach('uniform');
    expect(useLabStore.getState().comparison).toMatchObject({ status: 'running', runsDone: 0, runsTotal: 2 });
    await settled();
    const { comparison } = useLabStore.getState();
    expect(comparison).toMatchObject({ status: 'done', runsDone: 2, stepId: 'uniform' });
    expect(Object.keys(comparison!.totals).sort()).toEqual(['uniform20', 'zipf20']);

    const headless = runComparisons(lab, base!, step, labSeed(lab, base!), new Map(), undefined) as Record<
      string,
      { global: unknown; nodes: unknown }
    >;
    for (const variant of ['uniform20', 'zipf20']) {
      expect(comparison!.totals[variant].global).toEqual(headless[variant].global);
      expect(comparison!.totals[variant].nodes).toEqual(headless[variant].nodes);
    }
    const result = evaluateCheck(
      step.check!,
      { design: base!, samples: [], log: [], variantTotals: comparison!.totals },
      0,
    );
    expect(result.state).toBe('pass');
  }, 60_000);

  it('finds the runs done when the step is reached again, and runs nothing for a step without comparisons', async () => {
    reach('uniform');
    await settled();
    const before = tasksRun;
    reach('zipf');
    expect(useLabStore.getState().comparison).toBeNull();
    reach('uniform');
    expect(useLabStore.getState().comparison).toMatchObject({ status: 'done', runsDone: 2 });
    expect(tasksRun).toBe(before);
    expect(comparisonRuns(lab, base!, lab.steps[stepAt('zipf')])).toEqual([]);
  }, 60_000);
});
