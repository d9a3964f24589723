// The sweep panel's state: the form, and one sweep at a time — its plan, the summaries as they
// stream in from the run pool, the partial result over the complete points, progress and
// cancel. The design is read when the sweep starts (later edits do not change a running sweep).
import { create } from 'zustand';
import type { Design } from '../../shared/document/types';
import { DEFAULT_MAX_EVENTS } from '../../shared/engine/limits';
import { AnalysisError, type RunSummary } from '../../shared/analysis/runs';
import { planSweep, type SweepPlan, type SweepResult, type SweepSpec } from '../../shared/analysis/sweep';
import { analysisJobs } from '../worker/analysisJob';
import type { PoolOptions } from '../worker/runPool';
import { inPanelWords, partialSweep } from './sweepModel';

export interface SweepForm {
  param: string;
  from: string;
  to: string;
  steps: string;
  seeds: string;
  durationS: string;
}

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

interface SweepState {
  open: boolean;
  form: SweepForm | null;
  status: SweepStatus;
  /** What is wrong with the form or why the sweep failed, in the panel's words. */
  problem: string | null;
  spec: SweepSpec | null;
  plan: SweepPlan | null;
  design: Design | null;
  finished: (RunSummary | undefined)[];
  tasksDone: number;
  startedAtMs: number;
  elapsedMs: number;
  /** Over the points complete so far; the whole sweep once status is done. */
  result: SweepResult | null;
  jobs: number;
}

const IDLE = {
  status: 'idle' as SweepStatus,
  problem: null,
  spec: null,
  plan: null,
  design: null,
  finished: [],
  tasksDone: 0,
  startedAtMs: 0,
  elapsedMs: 0,
  result: null,
  jobs: 0,
};

export const useSweepStore = create<SweepState>(() => ({ open: false, form: null, ...IDLE }));

const jobs = analysisJobs('The sweep');
/** Test seam: the pool's worker factory and job count (automation sets jobs to compare 1 vs N). */
export const sweepPoolOptions: Pick<PoolOptions, 'createWorker' | 'jobs'> = {};

const number = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()));

/** Checks the form against the design and lists the runs; throws an AnalysisError naming the field. */
export function specFromForm(design: Design, form: SweepForm): { spec: SweepSpec; plan: SweepPlan } {
  const durationS = number(form.durationS);
  if (!Number.isFinite(durationS) || durationS <= 0 || durationS > 3600)
    throw new AnalysisError(`Seconds per point must be a number from 1 to 3,600 (got "${form.durationS}")`);
  const spec: SweepSpec = {
    param: form.param,
    from: number(form.from),
    to: number(form.to),
    steps: number(form.steps),
    seeds: number(form.seeds),
    baseSeed: design.scenario.seed,
    durationS,
    warmupS: Math.min(design.scenario.warmupS, durationS / 2),
    maxEvents: DEFAULT_MAX_EVENTS,
  };
  if (spec.steps > 100) throw new AnalysisError(`Points must be at most 100 (got ${spec.steps})`);
  if (spec.seeds > 20) throw new AnalysisError(`Seeds must be at most 20 (got ${spec.seeds})`);
  return { spec, plan: planSweep(design, spec) };
}

export function openSweepPanel(form: SweepForm): void {
  const { status } = useSweepStore.getState();
  useSweepStore.setState(status === 'running' ? { open: true } : { open: true, form });
}

export function closeSweepPanel(): void {
  useSweepStore.setState({ open: false });
}

export function cancelSweep(): void {
  jobs.cancel();
}

/** Starts a sweep of the design as the form says; a bad form only sets `problem`. */
export async function startSweep(design: Design, form: SweepForm): Promise<void> {
  cancelSweep();
  let planned: ReturnType<typeof specFromForm>;
  try {
    planned = specFromForm(design, form);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    useSweepStore.setState({ ...IDLE, form, problem: inPanelWords(message) });
    return;
  }
  const { spec, plan } = planned;
  const startedAtMs = performance.now();
  const finished: (RunSummary | undefined)[] = new Array(plan.tasks.length);
  useSweepStore.setState({
    ...IDLE,
    form,
    status: 'running',
    spec,
    plan,
    design,
    finished,
    startedAtMs,
    jobs: Math.min(plan.tasks.length, sweepPoolOptions.jobs ?? navigator.hardwareConcurrency ?? 1),
  });
  await jobs.start(plan.tasks, sweepPoolOptions, {
    onResult: (index, summary) => {
      finished[index] = summary;
      const { tasksDone } = useSweepStore.getState();
      useSweepStore.setState({
        finished: [...finished],
        tasksDone: tasksDone + 1,
        elapsedMs: performance.now() - startedAtMs,
        result: partialSweep(design, spec, plan, finished),
      });
    },
    onDone: (runs) =>
      useSweepStore.setState({
        status: 'done',
        elapsedMs: performance.now() - startedAtMs,
        result: partialSweep(design, spec, plan, runs),
      }),
    onStopped: (status, problem) => useSweepStore.setState(problem ? { status, problem } : { status }),
  });
}
