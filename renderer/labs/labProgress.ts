// Progress through the labs: which steps of each lab the learner has done, kept in the app's own
// storage (localStorage: the browser's origin storage, the desktop app's user-data folder), like
// the UI preferences. Not part of any design file. Unknown or broken entries are dropped on read.
export const PROGRESS_KEY = 'backpressure.labProgress';

/** Lab id → ids of the steps done (in the order they were done). */
export type LabProgress = Record<string, string[]>;

/** Keeps only lab ids mapped to lists of step-id strings: a hand-edited or old entry never breaks the gallery. */
export function cleanProgress(value: unknown): LabProgress {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const progress: LabProgress = {};
  for (const [labId, steps] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(steps)) continue;
    const ids = [...new Set(steps.filter((step): step is string => typeof step === 'string'))];
    if (ids.length > 0) progress[labId] = ids;
  }
  return progress;
}

export function readProgress(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): LabProgress {
  try {
    return cleanProgress(JSON.parse(storage!.getItem(PROGRESS_KEY) ?? 'null'));
  } catch {
    return {};
  }
}

/** The progress with one more step done (unchanged when it already was). */
export function withStepDone(progress: LabProgress, labId: string, stepId: string): LabProgress {
  const done = progress[labId] ?? [];
  if (done.includes(stepId)) return progress;
  return { ...progress, [labId]: [...done, stepId] };
}

export function writeProgress(
  progress: LabProgress,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage!.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Storage full or blocked: progress is a convenience, the lab still works without it.
  }
}

/** Done steps of a lab that it still has (a lab edited since may have dropped some). */
export function doneStepCount(progress: LabProgress, labId: string, stepIds: readonly string[]): number {
  const done = new Set(progress[labId] ?? []);
  return stepIds.filter((id) => done.has(id)).length;
}
