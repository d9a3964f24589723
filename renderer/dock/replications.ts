// "Repeat the run over seeds": the open design run at N seeds (the scenario's seed + r) in the run
// pool, for the SLO verdict with its noise (shared/analysis/replications.ts) and Why over seeds
// (./why.ts). The result belongs to the design revision it ran; an edit makes it stale and the
// dock stops showing it.
import { create } from 'zustand';
import type { Design } from '../../shared/document/types';
import { DEFAULT_MAX_EVENTS } from '../../shared/engine/limits';
import type { SlowestRequestsExplanation } from '../../shared/engine/results';
import { AnalysisError } from '../../shared/analysis/runs';
import {
  planReplications,
  summarizeReplications,
  type ReplicationResult,
} from '../../shared/analysis/replications';
import { registerCommands } from '../commands/registry';
import { useDesignStore } from '../store/designStore';
import { analysisJobs } from '../worker/analysisJob';
import type { PoolOptions } from '../worker/runPool';

export interface ReplicationForm {
  seeds: string;
  durationS: string;
}

interface ReplicationState {
  open: boolean;
  form: ReplicationForm | null;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  problem: string | null;
  tasksDone: number;
  tasksTotal: number;
  /** The design revision the result is for. */
  revision: number;
  result: ReplicationResult | null;
  explanations: SlowestRequestsExplanation[];
}

export const REPLICATION_DEFAULTS = { seeds: 5, maxDurationS: 60 };

export const useReplications = create<ReplicationState>(() => ({
  open: false,
  form: null,
  status: 'idle',
  problem: null,
  tasksDone: 0,
  tasksTotal: 0,
  revision: -1,
  result: null,
  explanations: [],
}));

/** Test seam: the pool's worker factory and job count. */
export const replicationPoolOptions: Pick<PoolOptions, 'createWorker' | 'jobs'> = {};
const jobs = analysisJobs('The runs');

export const cancelReplications = () => jobs.cancel();

/** The result when it is for the design as it is now, else null. */
export function currentReplications(state: ReplicationState, revision: number): ReplicationState | null {
  return state.status === 'done' && state.result && state.revision === revision ? state : null;
}

const number = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()));

export async function startReplications(
  design: Design,
  revision: number,
  form: ReplicationForm,
): Promise<void> {
  cancelReplications();
  let plan: ReturnType<typeof planReplications>;
  try {
    const durationS = number(form.durationS);
    if (!Number.isFinite(durationS) || durationS <= 0 || durationS > 3600)
      throw new AnalysisError(`Seconds must be a number from 1 to 3,600 (got "${form.durationS}")`);
    plan = planReplications(design, {
      seeds: number(form.seeds),
      baseSeed: design.scenario.seed,
      durationS,
      warmupS: Math.min(design.scenario.warmupS, durationS / 2),
      maxEvents: DEFAULT_MAX_EVENTS,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    useReplications.setState({
      form,
      status: 'idle',
      result: null,
      problem: message.replace('--seeds', 'Seeds'),
    });
    return;
  }
  const explanations: SlowestRequestsExplanation[] = new Array(plan.tasks.length);
  let done = 0;
  useReplications.setState({
    form,
    status: 'running',
    problem: null,
    tasksDone: 0,
    tasksTotal: plan.tasks.length,
    result: null,
    explanations: [],
    revision,
  });
  await jobs.start(
    plan.tasks,
    { ...replicationPoolOptions, explain: true },
    {
      onResult: (index, _summary, { explanation }) => {
        if (explanation) explanations[index] = explanation;
        useReplications.setState({ tasksDone: ++done });
      },
      onDone: (runs) =>
        useReplications.setState({
          status: 'done',
          result: summarizeReplications(design, plan.seeds, runs),
          explanations,
        }),
      onStopped: (status, problem) => useReplications.setState(problem ? { status, problem } : { status }),
    },
  );
}

export function registerReplicationCommands(): () => void {
  return registerCommands({
    'analysis.replicate': {
      run: () => {
        const { design } = useDesignStore.getState();
        const { form } = useReplications.getState();
        useReplications.setState({
          open: true,
          form: form ?? {
            seeds: String(REPLICATION_DEFAULTS.seeds),
            durationS: String(Math.min(design.scenario.durationS, REPLICATION_DEFAULTS.maxDurationS)),
          },
        });
      },
      enabled: () => useDesignStore.getState().design.nodes.length > 0,
    },
  });
}
