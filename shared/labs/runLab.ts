// The headless lab runner: a learner who follows every step. For each step in order it performs
// the step's actions and its "Show me" actions on one live engine (as the app does: chaos now or
// `afterS` later, parameter edits through the hot-edit path, loadVariant restarting the run from
// the variant), then runs simulated time a second at a time, sampling the gauges as the app does
// (sampleFromGauges), until the step's check passes or its budget ends. Compare checks run the
// variants to the end with runDesign at the lab's seed. Deterministic per seed.
import type { Design, ScenarioEvent } from '../document/types';
import { createSimulation, runDesign, type SimulationHandle } from '../engine/index';
import { formatNumber } from '../format';
import { checkWindowS, compareChecks, evaluateCheck, sampleFromGauges } from './checks';
import { variantDesign } from './labDesign';
import type { CheckResult, Lab, LabAction, LabSample, LabStep } from './types';

export interface LabStepResult {
  id: string;
  state: CheckResult['state'];
  detail: string;
  /** The run's simulated clock when the step settled (a variant load restarts it at 0). */
  simTimeS: number;
}

export interface LabRunResult {
  passed: boolean;
  steps: LabStepResult[];
}

export interface RunLabOptions {
  /** Simulated seconds a step waits for its check beyond the check's window (default 60). */
  graceS?: number;
  /** Events one engine run may process (the engine's run budget). */
  maxEvents?: number;
}

/** The seed a lab's runs use: its own, else its design's. */
export const labSeed = (lab: Lab, base: Design): number => lab.seed ?? base.scenario.seed;

/** Default wait beyond a check's own window before a check that never held fails. */
export const STEP_GRACE_S = 60;

interface LiveRun {
  sim: SimulationHandle;
  design: Design;
  samples: LabSample[];
  pendingChaos: { atMs: number; event: Omit<ScenarioEvent, 'atS'> }[];
}

/** Runs the whole lab on its base design (already resolved: resolveLabDesign / parseLab). */
export function runLab(lab: Lab, base: Design, options: RunLabOptions = {}): LabRunResult {
  const seed = labSeed(lab, base);
  const graceS = options.graceS ?? STEP_GRACE_S;
  const start = (design: Design): LiveRun => ({
    sim: createSimulation(design, { seed, maxEvents: options.maxEvents }),
    design: JSON.parse(JSON.stringify(design)) as Design,
    samples: [],
    pendingChaos: [],
  });
  let live = start(base);
  const results: LabStepResult[] = [];
  const totalsCache = new Map<string, unknown>();

  const perform = (actions: readonly LabAction[], reachedMs: number): string | null => {
    for (const action of actions) {
      switch (action.do) {
        case 'loadVariant':
          live = start(variantDesign(lab, base, action.variant));
          reachedMs = 0;
          break;
        case 'setParams': {
          const refusal = live.sim.editParams(action.target, action.params);
          if (refusal) return `could not set ${action.target}'s parameters live: ${refusal}`;
          const item =
            live.design.nodes.find((node) => node.id === action.target) ??
            live.design.edges.find((edge) => edge.id === action.target);
          if (item) item.params = { ...item.params, ...action.params };
          break;
        }
        case 'setSlo':
          live.design.slo = { ...live.design.slo, ...action.slo };
          break;
        case 'chaos':
          if (action.afterS)
            live.pendingChaos.push({ atMs: reachedMs + action.afterS * 1000, event: action.event });
          else live.sim.chaos(action.event);
          break;
        // Run, pause, speed, selection and camera change nothing a check reads.
        default:
          break;
      }
    }
    return null;
  };

  /** One simulated second (chaos due inside it applied at its time), then a sample. */
  const advance = () => {
    const nextMs = (Math.floor(live.sim.simTimeMs / 1000) + 1) * 1000;
    live.pendingChaos.sort((a, b) => a.atMs - b.atMs);
    while (live.pendingChaos.length > 0 && live.pendingChaos[0].atMs <= nextMs) {
      const due = live.pendingChaos.shift()!;
      live.sim.runUntil(due.atMs);
      live.sim.chaos(due.event);
    }
    live.sim.runUntil(nextMs);
    live.samples.push(sampleFromGauges(live.sim.gaugeLayout(), live.sim.gauges(), live.sim.globalGauges()));
  };

  const observe = (variantTotals: Record<string, unknown>) => ({
    design: live.design,
    samples: live.samples,
    log: live.sim.log,
    variantTotals,
  });

  for (const step of lab.steps) {
    const reachedMs = live.sim.simTimeMs;
    const problem = perform([...(step.actions ?? []), ...(step.showMe ?? [])], reachedMs);
    const sinceMs = live.sim.simTimeMs;
    if (problem) {
      results.push({ id: step.id, state: 'fail', detail: problem, simTimeS: sinceMs / 1000 });
      continue;
    }
    if (!step.check) {
      results.push({ id: step.id, state: 'pass', detail: 'no check', simTimeS: sinceMs / 1000 });
      continue;
    }
    const variantTotals = runComparisons(lab, base, step, seed, totalsCache, options.maxEvents);
    results.push(settle(step, sinceMs, variantTotals, graceS));
  }
  return { passed: results.every((result) => result.state === 'pass'), steps: results };

  function settle(step: LabStep, sinceMs: number, variantTotals: Record<string, unknown>, grace: number) {
    const check = step.check!;
    const budgetMs = sinceMs + (step.maxS ?? checkWindowS(check) + grace) * 1000;
    let result = evaluateCheck(check, observe(variantTotals), sinceMs);
    while (result.state === 'pending' && live.sim.simTimeMs < budgetMs && !live.sim.done) {
      advance();
      result = evaluateCheck(check, observe(variantTotals), sinceMs);
    }
    const simTimeS = live.sim.simTimeMs / 1000;
    if (result.state !== 'pending')
      return { id: step.id, state: result.state, detail: result.detail, simTimeS };
    const why = live.sim.done
      ? `the run ended at ${formatNumber(simTimeS)} s (the design's scenario.durationS)`
      : `not within ${formatNumber((budgetMs - sinceMs) / 1000)} s`;
    return { id: step.id, state: 'fail' as const, detail: `${result.detail} (${why})`, simTimeS };
  }
}

/** One run a step's compare checks need: a variant (`''` the lab's own design) for a window. */
export interface ComparisonRun {
  /** The variant's name in the checks (`''` the base) — its totals' key in `variantTotals`. */
  variant: string;
  /** Variant and window: one run per key, shared by checks that ask for the same. */
  key: string;
  design: Design;
  durationS: number;
  warmupS: number;
}

/** The runs a step's compare checks name, each once, in the order the checks name them. */
export function comparisonRuns(lab: Lab, base: Design, step: LabStep): ComparisonRun[] {
  const runs = new Map<string, ComparisonRun>();
  for (const check of step.check ? compareChecks(step.check) : []) {
    for (const variant of [check.compare.a ?? '', check.compare.b ?? '']) {
      const key = `${variant}\u0000${check.durationS ?? ''}`;
      if (runs.has(key)) continue;
      const design = variantDesign(lab, base, variant || undefined);
      const durationS = check.durationS ?? design.scenario.durationS;
      const warmupS = design.scenario.warmupS < durationS ? design.scenario.warmupS : durationS / 10;
      runs.set(key, { variant, key, design, durationS, warmupS });
    }
  }
  return [...runs.values()];
}

/** Run totals of each variant a step's compare checks name, at the lab's seed (cached by run):
 *  the observation's `variantTotals`. The app's player runs the same `comparisonRuns` in its pool. */
export function runComparisons(
  lab: Lab,
  base: Design,
  step: LabStep,
  seed: number,
  cache: Map<string, unknown>,
  maxEvents: number | undefined,
): Record<string, unknown> {
  const totals: Record<string, unknown> = {};
  for (const run of comparisonRuns(lab, base, step)) {
    if (!cache.has(run.key))
      cache.set(
        run.key,
        runDesign(run.design, { seed, durationS: run.durationS, warmupS: run.warmupS, maxEvents }),
      );
    totals[run.variant] = cache.get(run.key);
  }
  return totals;
}
