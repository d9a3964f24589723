// The five phases of the framework interview guides teach, each with its suggested share of the
// time, and the plan they make for an interview of a given length.

export const PHASE_IDS = ['requirements', 'components', 'design', 'tradeOffs', 'summary'] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

export interface PhaseInfo {
  id: PhaseId;
  label: string;
  /** Suggested share of the interview (the shares add up to 1). */
  share: number;
  hint: string;
}

export const PHASES: readonly PhaseInfo[] = [
  {
    id: 'requirements',
    label: 'Define the problem',
    share: 0.15,
    hint: 'Requirements and numbers: users, load, read/write mix, latency, availability, data and growth.',
  },
  {
    id: 'components',
    label: 'Key components',
    share: 0.15,
    hint: 'The building blocks and a first estimate of what each tier must carry.',
  },
  {
    id: 'design',
    label: 'Design the system',
    share: 0.4,
    hint: 'Draw it, wire it, run it: show the claims hold at today’s load and after growth.',
  },
  {
    id: 'tradeOffs',
    label: 'Trade-offs',
    share: 0.2,
    hint: 'What each choice costs, what fails and how the design behaves when it does.',
  },
  { id: 'summary', label: 'Summary', share: 0.1, hint: 'Recap the design, the numbers and what comes next.' },
];

export const phaseInfo = (id: PhaseId): PhaseInfo => PHASES.find((phase) => phase.id === id)!;

export const INTERVIEW_LENGTHS_MIN = [45, 60] as const;
export const MAX_INTERVIEW_MIN = 600;

export interface PlannedPhase extends PhaseInfo {
  /** Planned start and length on the interview clock. */
  startMs: number;
  plannedMs: number;
}

/** Each phase's planned slot: its share of the length, one after another. */
export function planPhases(lengthMin: number): PlannedPhase[] {
  const totalMs = lengthMin * 60_000;
  let startMs = 0;
  return PHASES.map((phase) => {
    const plannedMs = Math.round(totalMs * phase.share);
    const planned = { ...phase, startMs, plannedMs };
    startMs += plannedMs;
    return planned;
  });
}

/** Why a length is not usable, or null: a whole or decimal number of minutes from 1 to 600. */
export function lengthProblem(text: string): string | null {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value))
    return `Length must be a number of minutes (got "${text}")`;
  if (value < 1 || value > MAX_INTERVIEW_MIN)
    return `Length must be from 1 to ${MAX_INTERVIEW_MIN} minutes (got ${value})`;
  return null;
}

/** 754_000 → "12:34"; 3_754_000 → "1:02:34". Negative times read with a minus. */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const totalS = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(totalS / 3600);
  const minutes = Math.floor((totalS % 3600) / 60);
  const seconds = totalS % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${sign}${hours}:${two(minutes)}:${two(seconds)}` : `${sign}${minutes}:${two(seconds)}`;
}
