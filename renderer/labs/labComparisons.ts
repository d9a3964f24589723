// A step's comparison checks ("uniform keys: hit rate under half of Zipf's") in the app: the
// variants they name run in the background in the run pool (Web Workers, one per core) at the
// lab's seed for the check's window — the same runs `lab check` makes with `comparisonRuns` — and
// their totals become the check's `variantTotals`. Runs are kept per lab, so Back and Next do not
// run a variant twice; leaving the step cancels what it still runs.
import { DEFAULT_MAX_EVENTS } from '../../shared/engine/limits';
import type { RunSummary, RunTask } from '../../shared/analysis/runs';
import { comparisonRuns, labSeed } from '../../shared/labs/runLab';
import { analysisJobs } from '../worker/analysisJob';
import type { PoolOptions } from '../worker/runPool';
import { currentStep, useLabStore, type OpenLab } from './labStore';

export interface LabComparison {
  stepId: string;
  status: 'running' | 'done' | 'failed';
  runsDone: number;
  runsTotal: number;
  /** Variant name → its run's totals, as each run finishes. */
  totals: Record<string, RunSummary>;
  problem: string | null;
}

/** Test seam: the pool's worker factory and job count. */
export const labPoolOptions: Pick<PoolOptions, 'createWorker' | 'jobs'> = {};
const jobs = analysisJobs('The lab’s comparison');

/** Finished runs by run key, for the lab they belong to. */
let cache: { lab: OpenLab['lab'] | null; runs: Map<string, RunSummary> } = { lab: null, runs: new Map() };

/** Starts (or finds finished) the current step's comparison runs; null when the step has none. */
export function startStepComparisons(): void {
  jobs.cancel();
  const state = useLabStore.getState();
  const step = currentStep(state);
  if (!state.open || !step) return void useLabStore.setState({ comparison: null });
  const { lab, baseDesign } = state.open;
  if (cache.lab !== lab) cache = { lab, runs: new Map() };
  const runs = comparisonRuns(lab, baseDesign, step);
  if (runs.length === 0) return void useLabStore.setState({ comparison: null });
  const totals: Record<string, RunSummary> = {};
  const missing = runs.filter((run) => {
    const finished = cache.runs.get(run.key);
    if (finished) totals[run.variant] = finished;
    return !finished;
  });
  const comparison: LabComparison = {
    stepId: step.id,
    status: missing.length === 0 ? 'done' : 'running',
    runsDone: runs.length - missing.length,
    runsTotal: runs.length,
    totals,
    problem: null,
  };
  useLabStore.setState({ comparison });
  if (missing.length === 0) return;
  const seed = labSeed(lab, baseDesign);
  const tasks: RunTask[] = missing.map((run) => ({
    design: run.design,
    seed,
    durationS: run.durationS,
    warmupS: run.warmupS,
    maxEvents: DEFAULT_MAX_EVENTS,
  }));
  const ownCache = cache;
  const update = (change: Partial<LabComparison>) => {
    const now = useLabStore.getState().comparison;
    if (now?.stepId === step.id) useLabStore.setState({ comparison: { ...now, ...change } });
  };
  void jobs.start(tasks, labPoolOptions, {
    onResult: (index, summary) => {
      const run = missing[index];
      ownCache.runs.set(run.key, summary);
      const now = useLabStore.getState().comparison;
      if (now?.stepId !== step.id) return;
      update({ runsDone: now.runsDone + 1, totals: { ...now.totals, [run.variant]: summary } });
    },
    onDone: () => update({ status: 'done' }),
    onStopped: (status, problem) => {
      if (status === 'failed') update({ status: 'failed', problem });
    },
  });
}

export const cancelStepComparisons = () => jobs.cancel();
