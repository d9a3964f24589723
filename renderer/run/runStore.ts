// The live run as React sees it (zustand): status, times, speeds, the latest per-second sample,
// the whole run's history (downsampled so memory stays flat) and the event log. Updated at most
// once per worker frame (≤ 30 Hz). The per-frame typed-array gauges for the canvas live in
// `liveFrame` (not React state): the canvas reads them from its animation loop.
import { create } from 'zustand';
import type { GaugeLayoutMessage, RunSpeed } from '../worker/protocol';
import type { GlobalGauges, RunLogEntry, RunSample, RunStatus } from './types';

/** History keeps at most this many samples; past it, the older half merges pairwise. */
export const HISTORY_LIMIT = 1_200;

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
  /** The whole run, one sample per second (older ones merged; `spanS` says how many seconds). */
  history: RunSample[];
  log: RunLogEntry[];
  /** Null follows the live run; a time (s) shows the sample there (set by scrubbing). */
  cursorS: number | null;
  /** The instance clicked on the canvas (`nodeId:i`), if any: chaos keys and menus target it. */
  selectedInstance: string | null;
  /** Why the design could not run, when it could not. */
  problem: string | null;
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
  history: [],
  log: [],
  cursorS: null,
  selectedInstance: null,
  problem: null,
  setCursor: (cursorS) => set({ cursorS }),
  selectInstance: (selectedInstance) => set({ selectedInstance }),
  sampleAt: (tS) => sampleAt(get().history, tS),
}));

export function sampleAt(history: RunSample[], tS: number): RunSample | null {
  if (history.length === 0) return null;
  // Sample tS covers (tS - spanS, tS]: find the first sample ending at or after tS.
  let low = 0;
  let high = history.length - 1;
  if (tS >= history[high].tS) return history[high];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (history[mid].tS >= tS) high = mid;
    else low = mid + 1;
  }
  return history[low];
}

/** Appends samples; past the limit, the older half merges pairwise (its resolution halves). */
export function appendHistory(
  history: RunSample[],
  samples: RunSample[],
  limit = HISTORY_LIMIT,
): RunSample[] {
  let next = history.concat(samples);
  while (next.length > limit) {
    const half = Math.floor(next.length / 2);
    const merged: RunSample[] = [];
    for (let i = 0; i + 1 < half; i += 2) merged.push(mergeSamples(next[i], next[i + 1]));
    if (half % 2 === 1) merged.push(next[half - 1]);
    next = merged.concat(next.slice(half));
  }
  return next;
}

const average = (a: number, b: number, wa: number, wb: number) => (a * wa + b * wb) / (wa + wb);

/** One sample for two neighbours: rates and gauges averaged by span, the later state kept. */
export function mergeSamples(a: RunSample, b: RunSample): RunSample {
  const wa = a.spanS ?? 1;
  const wb = b.spanS ?? 1;
  const mergeRecord = <T extends object>(x: T | undefined, y: T): T => {
    if (!x) return y;
    const out = { ...y } as Record<string, unknown>;
    for (const [key, value] of Object.entries(y)) {
      const other = (x as Record<string, unknown>)[key];
      if (typeof value === 'number' && typeof other === 'number') out[key] = average(other, value, wa, wb);
    }
    return out as T;
  };
  const nodes: RunSample['nodes'] = {};
  for (const id of Object.keys(b.nodes)) nodes[id] = mergeRecord(a.nodes[id], b.nodes[id]);
  const global: GlobalGauges = {
    ...mergeRecord(a.global, b.global),
    errorsByReason: mergeRecord(a.global.errorsByReason, b.global.errorsByReason),
    // A merged second fails the SLO if either part did.
    sloPass: a.global.sloPass && b.global.sloPass,
  };
  const edges: NonNullable<RunSample['edges']> = {};
  for (const id of Object.keys(b.edges ?? {})) edges[id] = mergeRecord(a.edges?.[id], b.edges![id]);
  return { tS: b.tS, global, nodes, instances: b.instances, edges, spanS: wa + wb };
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
