// What a lab does to the app: open it (its design as a new untitled document), reach a step
// (perform its actions, remember the design it starts from, zoom to its focus), Show me, Reset
// step, Next/Back, close. Every action goes through the stores and the run client the UI's own
// commands use; a parameter goes through the inspector's check (validateParam) first, so a value
// the inspector would refuse never enters the store.
import { validateParam } from '../../shared/document/schema';
import { isComponentKind } from '../../shared/document/schema';
import type { Design, Params } from '../../shared/document/types';
import { compareChecks } from '../../shared/labs/checks';
import { variantDesign } from '../../shared/labs/labDesign';
import { keepBaseline, openComparePanel, useCompareStore } from '../compare/compareStore';
import type { LabAction, LabStep } from '../../shared/labs/types';
import { canvasController } from '../canvas/controller';
import { openDesignAsNew } from '../files/fileFlows';
import { runClient } from '../run/runClient';
import { useRunStore } from '../run/runStore';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { cancelStepComparisons, startStepComparisons } from './labComparisons';
import { writeProgress, withStepDone } from './labProgress';
import { bundledLabs, type LabEntry } from './labLibrary';
import { currentStep, useLabStore, type OpenLab } from './labStore';

/** Chaos a step asked for at +S simulated seconds: fired by the check loop (labChecks.ts). */
export interface ScheduledChaos {
  afterS: number;
  action: Extract<LabAction, { do: 'chaos' }>;
}
let scheduled: ScheduledChaos[] = [];
export const clearScheduledChaos = () => {
  scheduled = [];
};
/** Takes the scheduled chaos that is due at `nowMs` (the step was reached at `stepStartMs`). */
export function takeDueChaos(nowMs: number, stepStartMs: number): ScheduledChaos[] {
  const due = scheduled.filter((entry) => nowMs >= stepStartMs + entry.afterS * 1000);
  if (due.length > 0) scheduled = scheduled.filter((entry) => !due.includes(entry));
  return due;
}

const design = () => useDesignStore.getState().design;
const notice = (text: string) => useUiStore.getState().showNotice({ text, tone: 'warning' });

/** Replaces the document's content in one undo step (a variant, a reset): the file identity stays. */
function replaceContent(label: string, next: Design): void {
  useDesignStore.getState().change(label, (draft) => {
    draft.meta = next.meta;
    draft.nodes = next.nodes;
    draft.edges = next.edges;
    draft.notes = next.notes;
    draft.slo = next.slo;
    draft.scenario = next.scenario;
  });
}

/** The first problem a parameter edit would have (as the inspector words it), or null. */
export function paramsProblem(target: string, params: Params, onto: Design): string | null {
  const node = onto.nodes.find((candidate) => candidate.id === target);
  const edge = node ? undefined : onto.edges.find((candidate) => candidate.id === target);
  if (!node && !edge) return `there is no node or connection “${target}”`;
  const kind = node ? node.kind : 'edge';
  if (node && !isComponentKind(kind)) return `${target} has an unknown kind`;
  for (const [name, value] of Object.entries(params)) {
    const problem = validateParam(kind as Parameters<typeof validateParam>[0], name, value);
    if (problem) return `${node?.label ?? target} ${name}: ${problem}`;
  }
  return null;
}

function setParams(target: string, params: Params): void {
  const problem = paramsProblem(target, params, design());
  if (problem) {
    notice(`The lab could not set ${problem}. Nothing was changed.`);
    return;
  }
  const node = design().nodes.find((candidate) => candidate.id === target);
  useDesignStore.getState().change(`Set parameters of ${node?.label ?? target}`, (draft) => {
    const item = draft.nodes.find((c) => c.id === target) ?? draft.edges.find((c) => c.id === target);
    if (item) Object.assign(item.params, params);
  });
}

/** Performs one step action now (a delayed chaos is scheduled instead). */
export function performAction(action: LabAction, open: OpenLab): void {
  switch (action.do) {
    case 'loadVariant':
      replaceContent(
        action.variant ? `Load variant “${action.variant}”` : 'Load the lab’s design',
        variantDesign(open.lab, open.baseDesign, action.variant),
      );
      return;
    case 'setParams':
      setParams(action.target, action.params);
      return;
    case 'setSlo':
      useDesignStore.getState().change('Set SLO', (draft) => {
        Object.assign(draft.slo, action.slo);
      });
      return;
    case 'run':
      if (useRunStore.getState().status !== 'running') runClient.start();
      return;
    case 'pause':
      runClient.pause();
      return;
    case 'setSpeed':
      runClient.setSpeed(action.speed);
      return;
    case 'chaos':
      if (action.afterS && action.afterS > 0) scheduled.push({ afterS: action.afterS, action });
      else runClient.chaos({ ...action.event });
      return;
    case 'select':
      useDesignStore.getState().setSelection({ nodes: action.nodes.filter(nodeExists) });
      return;
    case 'zoomTo':
      canvasController.zoomToNodes(action.nodes);
      return;
  }
}

const nodeExists = (id: string) => design().nodes.some((node) => node.id === id);

function performActions(actions: readonly LabAction[] | undefined, open: OpenLab): void {
  for (const action of actions ?? []) performAction(action, open);
}

/** Nodes a step is about: its own list, else the {nodeId}s its caption names (that exist). */
export function stepNodes(step: LabStep, onto: Design): string[] {
  const named = step.nodes ?? [...step.caption.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]);
  const ids = new Set(onto.nodes.map((node) => node.id));
  return [...new Set(named)].filter((id) => ids.has(id));
}

/** The caption with {nodeId} written as the node's label. */
export function captionText(step: LabStep, onto: Design): string {
  return step.caption.replace(/\{([^{}]+)\}/g, (whole, id: string) => {
    const node = onto.nodes.find((candidate) => candidate.id === id);
    return node ? node.label : id;
  });
}

/**
 * Shows a lab's step beside the open design without loading the lab's design or performing the
 * step's actions (a slide that carries a lab step: the presenter's design stays; the check reads
 * the live run, and Show me performs the actions if asked). False when the lab or step is unknown.
 */
export function attachLabStep(labId: string, stepId: string): boolean {
  const entry = bundledLabs().find((candidate) => candidate.ok && candidate.lab.id === labId);
  if (!entry?.ok) return false;
  const index = entry.lab.steps.findIndex((step) => step.id === stepId);
  if (index < 0) return false;
  const open = useLabStore.getState().open;
  if (open?.lab.id !== labId)
    useLabStore.setState({ open: { lab: entry.lab, baseDesign: entry.design }, galleryOpen: false });
  goToStep(index, { perform: false });
  return true;
}

/**
 * Reaches step `index`: its actions (unless `perform` is false: a slide shows the step beside the
 * presenter's design), then the design it starts from, the time its check reads from, its focus.
 */
export function goToStep(index: number, { perform = true }: { perform?: boolean } = {}): void {
  const state = useLabStore.getState();
  const open = state.open;
  if (!open) return;
  const step = open.lab.steps[index];
  if (!step) return;
  clearScheduledChaos();
  useLabStore.setState({ stepIndex: index, captionHidden: false, check: null });
  startStepComparisons();
  if (perform) performActions(step.actions, open);
  startStepClock();
  canvasController.keptFocus = perform && step.focus && step.focus.length > 0 ? step.focus : null;
  if (canvasController.keptFocus) canvasController.zoomToNodes(canvasController.keptFocus);
}

/** The step's check reads the run from now; Reset step comes back to the design as it is now. */
function startStepClock(): void {
  useLabStore.setState({ stepDesign: design(), stepStartMs: useRunStore.getState().simTimeMs });
}

export function nextStep(): void {
  const state = useLabStore.getState();
  const { open, stepIndex } = state;
  if (!open || stepIndex >= open.lab.steps.length - 1) return;
  // A step with nothing to check is done once the learner moves on from it.
  if (!currentStep(state)?.check) markCurrentStepDone();
  goToStep(stepIndex + 1);
  const last = useLabStore.getState();
  if (last.stepIndex === open.lab.steps.length - 1 && !currentStep(last)?.check) markCurrentStepDone();
}

export function previousStep(): void {
  const { open, stepIndex } = useLabStore.getState();
  if (open && stepIndex > 0) goToStep(stepIndex - 1);
}

/** Show me: the step's actions again, then its answer (showMe). */
export function showMe(): void {
  const state = useLabStore.getState();
  const step = currentStep(state);
  if (!state.open || !step) return;
  clearScheduledChaos();
  performActions(step.actions, state.open);
  performActions(step.showMe, state.open);
  if (!step.actions?.some((action) => action.do === 'loadVariant' || action.do === 'run')) return;
  useLabStore.setState({ stepStartMs: useRunStore.getState().simTimeMs });
}

/** Reset step: the design as the step started (one undo step; the learner's edits can be redone). */
export function resetStep(): void {
  const { stepDesign } = useLabStore.getState();
  if (!stepDesign) return;
  replaceContent('Reset lab step', stepDesign);
  useLabStore.setState({ stepStartMs: useRunStore.getState().simTimeMs, check: null });
}

/** The two variants the current step's first comparison of two different designs names, or null. */
export function stepVariantPair(step: LabStep | null): { a: string; b: string; durationS?: number } | null {
  const check = step?.check
    ? compareChecks(step.check).find((c) => (c.compare.a ?? '') !== (c.compare.b ?? ''))
    : undefined;
  if (!check) return null;
  return { a: check.compare.a ?? '', b: check.compare.b ?? '', durationS: check.durationS };
}

const variantWords = (variant: string) => (variant ? `variant “${variant}”` : 'the lab’s design');

/** Opens the step's two variants in the compare view: A kept for comparison, B on the canvas
 *  (one undo step), the window the check compares over; the learner presses Run both. */
export function compareStepVariants(): void {
  const state = useLabStore.getState();
  const pair = stepVariantPair(currentStep(state));
  if (!state.open || !pair) return;
  const { lab, baseDesign } = state.open;
  const titled = (variant: string) => {
    const design = variantDesign(lab, baseDesign, variant || undefined);
    design.meta = { ...design.meta, title: `${lab.title} — ${variantWords(variant)}` };
    return design;
  };
  keepBaseline(titled(pair.a));
  replaceContent(`Load ${variantWords(pair.b)} to compare`, titled(pair.b));
  if (pair.durationS)
    useCompareStore.setState((compare) => ({ form: { ...compare.form, durationS: String(pair.durationS) } }));
  openComparePanel();
}

/** Records the current step as done (its check held), in the app's storage. */
export function markCurrentStepDone(): void {
  const state = useLabStore.getState();
  const step = currentStep(state);
  if (!state.open || !step) return;
  const progress = withStepDone(state.progress, state.open.lab.id, step.id);
  if (progress === state.progress) return;
  useLabStore.setState({ progress });
  writeProgress(progress);
}

/** Opens a lab beside the canvas: its design as a new untitled document, at its first step. */
export async function openLab(entry: Extract<LabEntry, { ok: true }>): Promise<boolean> {
  const opened = await openDesignAsNew(entry.design, `opening the lab “${entry.lab.title}”`);
  if (!opened) return false;
  useLabStore.setState({ open: { lab: entry.lab, baseDesign: entry.design }, galleryOpen: false });
  goToStep(0);
  return true;
}

export function closeLab(): void {
  clearScheduledChaos();
  cancelStepComparisons();
  canvasController.keptFocus = null;
  useLabStore.setState({ open: null, stepIndex: 0, stepDesign: null, check: null, comparison: null });
}
