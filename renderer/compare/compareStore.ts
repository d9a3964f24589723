// The compare view's state: design A (kept when the user duplicated the open design as a variant;
// the open design is B), the form (seeds, seconds), one comparison at a time run in the shared
// pool of Web Workers — both designs at the same seeds (common random numbers), the first seed of
// each recorded second by second for the synchronised timeline — its progress, the difference
// table and the scrub cursor shared by both timelines.
import { create } from 'zustand';
import type { Design } from '../../shared/document/types';
import { DEFAULT_MAX_EVENTS } from '../../shared/engine/limits';
import { AnalysisError } from '../../shared/analysis/runs';
import type { RunTimeline } from '../../shared/analysis/runTask';
import {
  planCompare,
  summarizeCompare,
  type CompareResult,
  type CompareSpec,
} from '../../shared/analysis/compare';
import { analysisJobs } from '../worker/analysisJob';
import type { PoolOptions } from '../worker/runPool';
import { inPanelWords } from '../sweep/sweepModel';

export interface CompareForm {
  seeds: string;
  durationS: string;
}

export type CompareStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

interface CompareState {
  /** Design A: what the open design was when it was duplicated as a variant. */
  baseline: Design | null;
  open: boolean;
  form: CompareForm;
  status: CompareStatus;
  problem: string | null;
  /** The designs as they were when the comparison started. */
  designs: { a: Design; b: Design } | null;
  tasksDone: number;
  tasksTotal: number;
  result: CompareResult | null;
  timelines: { a: RunTimeline | null; b: RunTimeline | null };
  /** The second both timelines show (null: the end). */
  cursorS: number | null;
}

export const COMPARE_DEFAULTS: CompareForm = { seeds: '3', durationS: '30' };

const IDLE = {
  status: 'idle' as CompareStatus,
  problem: null,
  designs: null,
  tasksDone: 0,
  tasksTotal: 0,
  result: null,
  timelines: { a: null, b: null },
  cursorS: null,
};

export const useCompareStore = create<CompareState>(() => ({
  baseline: null,
  open: false,
  form: COMPARE_DEFAULTS,
  ...IDLE,
}));

/** Test seam: the pool's worker factory and job count. */
export const comparePoolOptions: Pick<PoolOptions, 'createWorker' | 'jobs'> = {};
const jobs = analysisJobs('The comparison');

const number = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()));

export function compareSpecFromForm(b: Design, form: CompareForm): CompareSpec {
  const seeds = number(form.seeds);
  const durationS = number(form.durationS);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 20)
    throw new AnalysisError(`Seeds must be a whole number from 1 to 20 (got "${form.seeds}")`);
  if (!Number.isFinite(durationS) || durationS <= 0 || durationS > 3600)
    throw new AnalysisError(`Seconds must be a number from 1 to 3,600 (got "${form.durationS}")`);
  return {
    seeds,
    baseSeed: b.scenario.seed,
    durationS,
    warmupS: Math.min(b.scenario.warmupS, durationS / 2),
    maxEvents: DEFAULT_MAX_EVENTS,
  };
}

export function keepBaseline(design: Design): void {
  cancelCompare();
  useCompareStore.setState({ baseline: structuredClone(design), ...IDLE });
}

export const openComparePanel = () => useCompareStore.setState({ open: true });
export const closeComparePanel = () => useCompareStore.setState({ open: false });
export const setCompareCursor = (cursorS: number | null) => useCompareStore.setState({ cursorS });

export function cancelCompare(): void {
  jobs.cancel();
}

/** Runs A (the baseline) and B (the open design) at the same seeds; a bad form only sets `problem`. */
export async function startCompare(b: Design, form: CompareForm): Promise<void> {
  const a = useCompareStore.getState().baseline;
  if (!a) return;
  cancelCompare();
  let spec: CompareSpec;
  let plan: ReturnType<typeof planCompare>;
  try {
    spec = compareSpecFromForm(b, form);
    plan = planCompare(a, b, spec);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    useCompareStore.setState({ ...IDLE, form, problem: inPanelWords(message) });
    return;
  }
  const n = plan.seeds.length;
  // Tasks are A's seeds then B's: index 0 and n are the first seed of each.
  const timelines: CompareState['timelines'] = { a: null, b: null };
  let done = 0;
  useCompareStore.setState({
    ...IDLE,
    form,
    status: 'running',
    designs: { a, b: structuredClone(b) },
    tasksTotal: plan.tasks.length,
  });
  await jobs.start(
    plan.tasks,
    { ...comparePoolOptions, timelineFor: (index) => index === 0 || index === n },
    {
      onResult: (index, _summary, { timeline }) => {
        done++;
        if (timeline) timelines[index === 0 ? 'a' : 'b'] = timeline;
        useCompareStore.setState({ tasksDone: done, timelines: { ...timelines } });
      },
      onDone: (runs) =>
        useCompareStore.setState({
          status: 'done',
          result: summarizeCompare(a, b, spec, plan.seeds, runs.slice(0, n), runs.slice(n)),
        }),
      onStopped: (status, problem) => useCompareStore.setState(problem ? { status, problem } : { status }),
    },
  );
}
