// The live run as React sees it (zustand): status, times, speeds, the latest per-second sample,
// the whole run's history (typed-array columns from a fixed budget, so memory stays flat) and the
// event log. Updated at most
// once per worker frame (≤ 30 Hz). The per-frame typed-array gauges for the canvas live in
// `liveFrame` (not React state): the canvas reads them from its animation loop.
import { create } from 'zustand';
import type { GaugeLayoutMessage, RunSpeed } from '../worker/protocol';
import { RunHistory } from './runHistory';
import type { LogEntry, RunSample, RunStatus } from './types';

export interface RunState {
  status: RunStatus;
  /** A run of the current document exists (since Run, Step or chaos; until another document). */
  loaded: boolean;
  simTimeMs: number;
  /** Asked speed: a multiple of real time, or as fast as possible. */
  speed: RunSpeed;
  /** Simulated ms per wall ms over the last second (0 when not running). */
  achievedSpeed: number;
  eventsPerS: number;
  eventsProcessed: number;
  durationS: number;
  warmupS: number;
  seed: number;
  latest: RunSample | null;
  /** The whole run as typed-array columns (`runHistory.ts`): one sample per second until its
   *  budget is full, then merged in place (`spanS` says how many seconds a sample covers). Mutable:
   *  `historyVersion` changes whenever it does. */
  history: RunHistory;
  historyVersion: number;
  log: LogEntry[];
  /** Null follows the live run; a time (s) shows the sample there (set by scrubbing). */
  cursorS: number | null;
  /** The instance clicked on the canvas (`nodeId:i`), if any: chaos keys and menus target it. */
  selectedInstance: string | null;
  /** Why the design could not run, when it could not. */
  problem: string | null;
  /** Why the last run ended without finishing (the simulation crashed or stopped responding);
   *  null once a new run starts. */
  crash: string | null;
  setCursor: (cursorS: number | null) => void;
  selectInstance: (address: string | null) => void;
  /** The sample covering tS (the last one starting at or before it), or null. */
  sampleAt: (tS: number) => RunSample | null;
}

export const useRunStore = create<RunState>()((set, get) => ({
  status: 'idle',
  loaded: false,
  simTimeMs: 0,
  speed: 1,
  achievedSpeed: 0,
  eventsPerS: 0,
  eventsProcessed: 0,
  durationS: 60,
  warmupS: 5,
  seed: 1,
  latest: null,
  history: new RunHistory(),
  historyVersion: 0,
  log: [],
  cursorS: null,
  selectedInstance: null,
  problem: null,
  crash: null,
  setCursor: (cursorS) => set({ cursorS }),
  selectInstance: (selectedInstance) => set({ selectedInstance }),
  sampleAt: (tS) => get().history.sampleAt(tS),
}));

/** Appends a frame's samples to the history and says which version readers should see. */
export function appendSamples(history: RunHistory, samples: readonly RunSample[]): number {
  for (const sample of samples) history.append(sample);
  return history.version;
}

/** The latest frame's gauges as typed arrays, for the canvas animation loop (never React state). */
export const liveFrame: {
  layout: GaugeLayoutMessage | null;
  nodes: Float64Array;
  instances: Float64Array;
  edges: Float64Array;
  /** Bumped on every frame, so readers can tell a new one arrived. */
  version: number;
} = {
  layout: null,
  nodes: new Float64Array(0),
  instances: new Float64Array(0),
  edges: new Float64Array(0),
  version: 0,
};
