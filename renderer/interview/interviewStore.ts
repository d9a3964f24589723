// The interview lives in the design (`design.interview`), so drafts and files carry it; this module
// is the one way the renderer changes it. Starting an interview and applying the requirements are
// document edits (undo steps); the clock, the phase and the notes are not undo steps (like the
// viewport) but still mark the design modified, so autosave keeps a draft of them.
import { create } from 'zustand';
import type { MeasuredTier } from '../../shared/interview/estimator';
import type { GrowthVerdict } from '../../shared/interview/growth';
import { useDesignStore } from '../store/designStore';
import { checkpoint, newInterview, pause, type InterviewState } from '../../shared/interview/state';

/** Window state of interview mode that is not saved: which dialogs and cards are open. */
interface InterviewUi {
  startDialogOpen: boolean;
  requirementsOpen: boolean;
  estimatorOpen: boolean;
  growthOpen: boolean;
  /** The estimator's last measurement and the last growth check, for the debrief (not saved). */
  lastMeasured: Record<string, MeasuredTier> | null;
  lastGrowth: { factor: number; verdict: GrowthVerdict; why: string } | null;
  /** Refreshes the clock display (once a second while the clock runs). */
  nowMs: number;
}

export const useInterviewUi = create<InterviewUi>(() => ({
  startDialogOpen: false,
  requirementsOpen: false,
  estimatorOpen: false,
  growthOpen: false,
  lastMeasured: null,
  lastGrowth: null,
  nowMs: Date.now(),
}));

export const currentInterview = (): InterviewState | undefined => useDesignStore.getState().design.interview;

export const useInterview = (): InterviewState | undefined =>
  useDesignStore((state) => state.design.interview);

/** The interview this window keeps time for; one arriving from a file or a draft starts paused. */
let timedInterviewId: string | null = null;

/** Changes the interview outside undo history; the design is marked modified (autosaved). */
export function updateInterview(recipe: (state: InterviewState) => InterviewState): void {
  const store = useDesignStore.getState();
  const state = store.design.interview;
  if (!state) return;
  const next = recipe(state);
  if (next === state) return;
  useDesignStore.setState({ design: { ...store.design, interview: next }, revision: store.revision + 1 });
}

export function startInterview(options: { prompt: string; problem: string; lengthMin: number }): void {
  const nowMs = Date.now();
  const state = newInterview({ ...options, id: `interview-${nowMs.toString(36)}`, nowMs });
  timedInterviewId = state.id;
  useDesignStore.getState().change('Start interview', (design) => {
    design.interview = state;
    if (options.prompt.trim() && !design.meta.notes.includes(options.prompt.trim()))
      design.meta.notes = design.meta.notes
        ? `${design.meta.notes}\n\n${options.prompt.trim()}`
        : options.prompt.trim();
  });
  useInterviewUi.setState({ startDialogOpen: false, requirementsOpen: true, nowMs });
}

/** This window takes over the clock (resume after a reload or on another window's open file). */
export function claimClock(): void {
  const state = currentInterview();
  if (state) timedInterviewId = state.id;
}

/**
 * Keeps the clock honest: a running interview that this window did not start (a restored draft, a
 * reopened file) is paused at its last checkpoint, and a running one is checkpointed every 5 s so
 * a crash loses at most that much.
 */
export function installInterviewClock(): () => void {
  const settle = () => {
    const state = currentInterview();
    if (state?.running && state.id !== timedInterviewId)
      updateInterview((current) => ({ ...current, running: false }));
  };
  settle();
  const unsubscribe = useDesignStore.subscribe((state, previous) => {
    if (state.design.interview !== previous.design.interview) settle();
  });
  const tick = setInterval(() => {
    const nowMs = Date.now();
    useInterviewUi.setState({ nowMs });
    const state = currentInterview();
    if (state?.running && state.endedAtMs === null && nowMs - state.checkpointAtMs >= 5_000)
      updateInterview((current) => checkpoint(current, nowMs));
  }, 1_000);
  return () => {
    unsubscribe();
    clearInterval(tick);
  };
}

export const pauseNow = () => updateInterview((state) => pause(state, Date.now()));
