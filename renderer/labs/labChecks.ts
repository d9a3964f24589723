// The live check: each simulated second of the run (the worker's per-second samples, as the run
// history keeps them) becomes a LabSample through the lab engine's own sampleFromGauges, and the
// step's check is evaluated by evaluateCheck — the one function the CLI's `lab check` uses too.
// Also fires the chaos a step scheduled at +S simulated seconds.
import type { GaugeLayout, Gauges } from '../../shared/engine/gauges';
import { evaluateCheck, sampleFromGauges } from '../../shared/labs/checks';
import type { LabSample } from '../../shared/labs/types';
import { runClient } from '../run/runClient';
import { liveFrame, useRunStore } from '../run/runStore';
import type { RunSample } from '../run/types';
import { useDesignStore } from '../store/designStore';
import { markCurrentStepDone, takeDueChaos } from './labSession';
import { currentStep, useLabStore } from './labStore';

/**
 * A per-second RunSample (node gauges by name) as the engine's typed gauges in the live layout's
 * field order, then sampleFromGauges. A field the sample does not carry reads NaN (no data), never 0.
 */
export function labSampleOf(sample: RunSample, layout: GaugeLayout): LabSample {
  const fields = layout.nodeFields;
  const nodes = new Float64Array(layout.nodeIds.length * fields.length).fill(Number.NaN);
  layout.nodeIds.forEach((nodeId, n) => {
    const values = sample.nodes[nodeId] as unknown as Record<string, number> | undefined;
    if (!values) return;
    for (let f = 0; f < fields.length; f++) {
      const value = values[fields[f]];
      if (typeof value === 'number') nodes[n * fields.length + f] = value;
    }
  });
  const gauges: Gauges = {
    simTimeMs: sample.tS * 1000,
    layoutVersion: layout.version,
    nodes,
    instances: new Float64Array(0),
    edges: new Float64Array(0),
  };
  return sampleFromGauges(layout, gauges, sample.global);
}

/** Converted samples by second, kept while the same run's history grows. */
let converted = new Map<number, LabSample>();
let convertedHistory: unknown = null;

function samplesSince(sinceMs: number): LabSample[] {
  const { history } = useRunStore.getState();
  const layout = liveFrame.layout;
  if (!layout) return [];
  if (convertedHistory !== history || (history.lastS() ?? -1) < Math.max(-1, ...converted.keys())) {
    converted = new Map();
    convertedHistory = history;
  }
  const times = history.timesS();
  const out: LabSample[] = [];
  for (let index = history.indexAt(sinceMs / 1000); index >= 0 && index < times.length; index++) {
    const tS = times[index];
    if (tS * 1000 < sinceMs) continue;
    let sample = converted.get(tS);
    if (!sample) {
      sample = labSampleOf(history.sample(index), layout);
      converted.set(tS, sample);
    }
    out.push(sample);
  }
  return out;
}

/** Evaluates the current step's check against the run since the step was reached. */
export function evaluateCurrentStep(): void {
  const state = useLabStore.getState();
  const step = currentStep(state);
  if (!step?.check) {
    if (state.check !== null) useLabStore.setState({ check: null });
    return;
  }
  const run = useRunStore.getState();
  // The run restarted (reset, a structural edit) since the step was reached: read it from its start.
  if (run.simTimeMs < state.stepStartMs) useLabStore.setState({ stepStartMs: 0 });
  const sinceMs = Math.min(state.stepStartMs, run.simTimeMs);
  const result = evaluateCheck(
    step.check,
    {
      design: useDesignStore.getState().design,
      samples: samplesSince(sinceMs),
      log: run.log.filter((entry) => entry.t >= sinceMs),
      variantTotals: state.comparison?.stepId === step.id ? state.comparison.totals : undefined,
    },
    sinceMs,
  );
  const previous = useLabStore.getState().check;
  // Once the check has held the mark stays ticked (the step is done) until the step is reached
  // again or reset; the run wandering back past the line later does not undo the lesson.
  if (previous?.state === 'pass') return;
  if (previous?.state !== result.state || previous.detail !== result.detail)
    useLabStore.setState({ check: result });
  if (result.state === 'pass') markCurrentStepDone();
}

function fireScheduledChaos(): void {
  const due = takeDueChaos(useRunStore.getState().simTimeMs, useLabStore.getState().stepStartMs);
  for (const entry of due) runClient.chaos({ ...entry.action.event });
}

/** Watches the run (each new second) and the design (a learner's parameter edit) while a lab is open. */
export function installLabChecks(): () => void {
  let lastSecond = -1;
  let lastLog = 0;
  const unsubscribeRun = useRunStore.subscribe((run) => {
    if (!useLabStore.getState().open) return;
    fireScheduledChaos();
    const second = run.history.lastS() ?? -1;
    if (second === lastSecond && run.log.length === lastLog) return;
    lastSecond = second;
    lastLog = run.log.length;
    evaluateCurrentStep();
  });
  const unsubscribeDesign = useDesignStore.subscribe((state, before) => {
    if (state.design !== before.design && useLabStore.getState().open) evaluateCurrentStep();
  });
  const unsubscribeLab = useLabStore.subscribe((state, before) => {
    if (
      state.stepIndex !== before.stepIndex ||
      state.open !== before.open ||
      state.stepStartMs !== before.stepStartMs ||
      state.comparison !== before.comparison
    )
      evaluateCurrentStep();
  });
  return () => {
    unsubscribeRun();
    unsubscribeDesign();
    unsubscribeLab();
  };
}
