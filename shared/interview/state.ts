// The interview saved in a design file (`design.interview`, optional: a file without it opens as
// before). Plain data; the clock is stored as elapsed milliseconds up to a checkpoint so a session
// restored after a crash resumes paused where it was, not with the hours it was closed counted in.
import '../document/zodConfig';
import { z } from 'zod';
import { PHASE_IDS, type PhaseId } from './phases';
import { DEFAULT_REQUIREMENTS, type Requirements } from './requirements';
import { DEFAULT_ASSUMPTIONS, type EstimateAssumptions } from './estimator';

export const RUBRIC_CRITERIA = [
  { id: 'requirements', label: 'Requirements' },
  { id: 'estimation', label: 'Estimation' },
  { id: 'components', label: 'Components' },
  { id: 'tradeOffs', label: 'Trade-offs' },
  { id: 'failureHandling', label: 'Failure handling' },
  { id: 'communication', label: 'Communication' },
] as const;
export type RubricCriterion = (typeof RUBRIC_CRITERIA)[number]['id'];
export const RUBRIC_SCORES = [1, 2, 3, 4] as const;

export interface RubricEntry {
  /** 1 (not yet) … 4 (strong); null until the interviewer scores it. */
  score: number | null;
  comment: string;
}

/** A phase as it was lived: when (on the interview clock) it began and ended. */
export interface PhaseVisit {
  phase: PhaseId;
  startMs: number;
  endMs: number | null;
}

/** A fault the interviewer triggered now or armed for a time on the interview clock. */
export interface InterviewFault {
  id: string;
  action: 'kill' | 'hang' | 'slow' | 'partition' | 'spike' | 'cut';
  target: string;
  factor?: number;
  durationS?: number;
  /** Interview-clock time to fire at (armed surprise), or null for "now". */
  armedAtMs: number | null;
  /**
   * Simulated time of the candidate's run to fire at (armed surprise on the run clock), or null.
   * Optional in the file: faults saved before it existed have neither and fired "now".
   */
  armedAtSimMs?: number | null;
  /** Interview-clock time it fired, and the simulated time of the run it hit. */
  firedAtMs: number | null;
  firedAtSimMs: number | null;
  /** Why it could not fire (no run, unknown target …), in the remote's words. */
  problem: string | null;
}

export interface InterviewState {
  id: string;
  /** The problem as the candidate reads it. */
  prompt: string;
  /** The template the design started from, or "blank". */
  problem: string;
  lengthMin: number;
  /** Elapsed interview time at `checkpointAtMs` (wall clock), and whether the clock runs. */
  elapsedMs: number;
  running: boolean;
  checkpointAtMs: number;
  phase: PhaseId;
  visits: PhaseVisit[];
  notes: Partial<Record<PhaseId, string>>;
  rubric: Partial<Record<RubricCriterion, RubricEntry>>;
  /** Whether the debrief includes the rubric and the notes. */
  shareRubric: boolean;
  requirements: Requirements;
  assumptions: EstimateAssumptions;
  faults: InterviewFault[];
  endedAtMs: number | null;
}

const text = (max: number) => z.string().max(max);
const phaseId = z.enum(PHASE_IDS);
const nonNegative = z.number().min(0).max(1e12);
/** A wall-clock time (ms since 1970). */
const epochMs = z.number().min(0).max(1e14);

const requirementsSchema = z.object({
  concurrentUsers: z.number().min(0).max(1e9),
  loadModel: z.enum(['thinkTime', 'perMinute']),
  requestsPerUserPerMinute: z.number().min(0).max(1e6),
  thinkTimeMs: z.number().min(0).max(1e8),
  expectedResponseMs: z.number().min(0).max(1e8),
  readPercent: z.number().min(0).max(100),
  requestKB: z.number().min(0).max(1e6),
  responseKB: z.number().min(0).max(1e6),
  p99Ms: z.number().positive().max(1e9),
  availabilityPercent: z.number().min(0).max(100),
  dataGB: z.number().min(0).max(1e12),
  growthPercent: z.number().min(0).max(1e6),
  growthMonths: z.number().positive().max(1200),
});

const assumptionsSchema = z.object({
  targetUtilizationPercent: z.number().positive().max(100),
  cacheHitPercent: z.record(z.string(), z.number().min(0).max(100)).default({}),
});

export const interviewSchema = z.object({
  id: text(200),
  prompt: text(20_000),
  problem: text(500),
  lengthMin: z.number().positive().max(600),
  elapsedMs: nonNegative,
  running: z.boolean(),
  checkpointAtMs: epochMs,
  phase: phaseId,
  visits: z
    .array(z.object({ phase: phaseId, startMs: nonNegative, endMs: nonNegative.nullable() }))
    .max(10_000),
  notes: z.partialRecord(phaseId, text(100_000)).default({}),
  rubric: z
    .partialRecord(
      z.enum(RUBRIC_CRITERIA.map((criterion) => criterion.id) as [RubricCriterion, ...RubricCriterion[]]),
      z.object({ score: z.number().int().min(1).max(4).nullable(), comment: text(20_000) }),
    )
    .default({}),
  shareRubric: z.boolean().default(false),
  requirements: requirementsSchema.default({ ...DEFAULT_REQUIREMENTS }),
  assumptions: assumptionsSchema.default({ ...DEFAULT_ASSUMPTIONS, cacheHitPercent: {} }),
  faults: z
    .array(
      z.object({
        id: text(200),
        action: z.enum(['kill', 'hang', 'slow', 'partition', 'spike', 'cut']),
        target: text(2_000),
        factor: z.number().positive().max(1e6).optional(),
        durationS: z.number().min(0).max(1e7).optional(),
        armedAtMs: nonNegative.nullable(),
        armedAtSimMs: nonNegative.nullable().optional(),
        firedAtMs: nonNegative.nullable(),
        firedAtSimMs: nonNegative.nullable(),
        problem: text(2_000).nullable(),
      }),
    )
    .max(1_000)
    .default([]),
  endedAtMs: nonNegative.nullable().default(null),
});

export const isPhaseId = (value: unknown): value is PhaseId =>
  typeof value === 'string' && (PHASE_IDS as readonly string[]).includes(value);

export interface NewInterview {
  id: string;
  prompt: string;
  problem: string;
  lengthMin: number;
  nowMs: number;
}

/** A fresh interview at 0:00 in the first phase, clock running. */
export function newInterview({ id, prompt, problem, lengthMin, nowMs }: NewInterview): InterviewState {
  return {
    id,
    prompt,
    problem,
    lengthMin,
    elapsedMs: 0,
    running: true,
    checkpointAtMs: nowMs,
    phase: PHASE_IDS[0],
    visits: [{ phase: PHASE_IDS[0], startMs: 0, endMs: null }],
    notes: {},
    rubric: {},
    shareRubric: false,
    requirements: { ...DEFAULT_REQUIREMENTS },
    assumptions: { ...DEFAULT_ASSUMPTIONS, cacheHitPercent: {} },
    faults: [],
    endedAtMs: null,
  };
}

/** Elapsed interview time now (the clock stands still while paused or ended). */
export function elapsedAt(state: InterviewState, nowMs: number): number {
  if (!state.running || state.endedAtMs !== null) return state.elapsedMs;
  return state.elapsedMs + Math.max(0, nowMs - state.checkpointAtMs);
}

/** The same interview with its clock folded into `elapsedMs` at `nowMs`. */
export function checkpoint(state: InterviewState, nowMs: number): InterviewState {
  return { ...state, elapsedMs: elapsedAt(state, nowMs), checkpointAtMs: nowMs };
}

export function pause(state: InterviewState, nowMs: number): InterviewState {
  return { ...checkpoint(state, nowMs), running: false };
}

export function resume(state: InterviewState, nowMs: number): InterviewState {
  if (state.endedAtMs !== null) return state;
  return { ...checkpoint(state, nowMs), running: true };
}

/** Moves to a phase (skipping forward or back): the open visit ends, a new one begins. */
export function goToPhase(state: InterviewState, phase: PhaseId, nowMs: number): InterviewState {
  const at = checkpoint(state, nowMs);
  if (at.phase === phase || at.endedAtMs !== null) return at;
  const visits = at.visits.map((visit) => (visit.endMs === null ? { ...visit, endMs: at.elapsedMs } : visit));
  return { ...at, phase, visits: [...visits, { phase, startMs: at.elapsedMs, endMs: null }] };
}

/** The next phase, or null in the last one. */
export function nextPhase(phase: PhaseId): PhaseId | null {
  const index = PHASE_IDS.indexOf(phase);
  return index >= 0 && index < PHASE_IDS.length - 1 ? PHASE_IDS[index + 1] : null;
}

export function endInterview(state: InterviewState, nowMs: number): InterviewState {
  const at = pause(state, nowMs);
  return {
    ...at,
    endedAtMs: at.elapsedMs,
    visits: at.visits.map((visit) => (visit.endMs === null ? { ...visit, endMs: at.elapsedMs } : visit)),
  };
}

/** Time spent in each phase so far (a phase visited twice adds up), the open visit up to `elapsedMs`. */
export function phaseSpentMs(state: InterviewState, elapsedMs: number): Record<PhaseId, number> {
  const spent = Object.fromEntries(PHASE_IDS.map((id) => [id, 0])) as Record<PhaseId, number>;
  for (const visit of state.visits)
    spent[visit.phase] += Math.max(0, (visit.endMs ?? elapsedMs) - visit.startMs);
  return spent;
}

export type { Requirements, EstimateAssumptions, PhaseId };
