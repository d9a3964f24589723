// Whether a recording is under way (the indicator and the command read it). Not the document:
// never in undo history, never saved.
import { create } from 'zustand';

export interface RecordingState {
  status: 'idle' | 'recording' | 'saving';
  /** Wall-clock ms when recording started (the indicator's elapsed time). */
  startedAtMs: number | null;
  /** Video bytes so far. */
  bytes: number;
  set: (partial: Partial<Omit<RecordingState, 'set'>>) => void;
}

export const useRecordingStore = create<RecordingState>()((set) => ({
  status: 'idle',
  startedAtMs: null,
  bytes: 0,
  set: (partial) => set(partial),
}));
