// The open lab as React sees it: which lab, which step, whether the caption is shown, the live
// check's result, the gallery. Plain state; what acts on the design and the run is labSession.ts.
import { create } from 'zustand';
import type { Design } from '../../shared/document/types';
import type { CheckResult, Lab } from '../../shared/labs/types';
import type { LabComparison } from './labComparisons';
import { readProgress, type LabProgress } from './labProgress';

export interface OpenLab {
  lab: Lab;
  /** The lab's base design (template resolved), what variants apply to. */
  baseDesign: Design;
}

export interface LabState {
  open: OpenLab | null;
  stepIndex: number;
  /** The design as the current step left it when reached (after its actions): "Reset step" restores it. */
  stepDesign: Design | null;
  /** Sim time (ms) the current step was reached at: its check reads the run from here. */
  stepStartMs: number;
  captionHidden: boolean;
  /** The current step's check, evaluated each simulated second (null: the step has none). */
  check: CheckResult | null;
  /** The current step's comparison runs (null: its check compares nothing). */
  comparison: LabComparison | null;
  progress: LabProgress;
  galleryOpen: boolean;
}

export const useLabStore = create<LabState>()(() => ({
  open: null,
  stepIndex: 0,
  stepDesign: null,
  stepStartMs: 0,
  captionHidden: false,
  check: null,
  comparison: null,
  progress: readProgress(),
  galleryOpen: false,
}));

export const currentStep = (state: LabState) => state.open?.lab.steps[state.stepIndex] ?? null;
