// The interviewer's fault remote, as pure transitions on the saved interview: a fault fired now or
// armed as a surprise — at a simulated time of the candidate's run or at a time on the interview
// clock. The candidate's window asks `dueFaults` on every run frame and clock tick, fires what is
// due through the live run's chaos, and records when (`markFired`); until then nothing of an armed
// fault is shown to the candidate.
import { isReplicated } from '../document/catalog';
import type { ChaosAction, Design } from '../document/types';
import type { InterviewFault, InterviewState } from './state';

export type FaultAction = InterviewFault['action'];

/** What each remote button does, and what it can be aimed at. */
export const FAULT_ACTIONS: readonly {
  id: FaultAction;
  label: string;
  /** nodes: any node; clients: traffic sources; edges: connections; replicated: a replicated database. */
  targets: 'nodes' | 'clients' | 'edges' | 'replicated';
  factor?: number;
  durationS?: number;
}[] = [
  { id: 'kill', label: 'Kill', targets: 'nodes' },
  { id: 'hang', label: 'Hang', targets: 'nodes' },
  { id: 'slow', label: 'Slow', targets: 'nodes', factor: 10 },
  { id: 'partition', label: 'Partition', targets: 'replicated' },
  { id: 'spike', label: 'Traffic spike', targets: 'clients', factor: 3, durationS: 30 },
  { id: 'cut', label: 'Cut connection', targets: 'edges' },
];

export const faultActionInfo = (action: FaultAction) => FAULT_ACTIONS.find((info) => info.id === action)!;

/** When a fault fires: now, at a simulated time of the run, or at a time on the interview clock. */
export type FaultWhen =
  { clock: 'now' } | { clock: 'run'; atSimMs: number } | { clock: 'interview'; atMs: number };

export interface FaultRequest {
  action: FaultAction;
  target: string;
  factor?: number;
  durationS?: number;
  when: FaultWhen;
}

/** A fault the remote can aim at: a node or a connection of the candidate's design. */
export interface FaultTarget {
  id: string;
  label: string;
  /** A node's kind, or "edge". */
  kind: string;
  /** A database with copies (what a partition can cut). */
  replicated?: boolean;
}

/** Every node and connection of a design, as the remote (and a slide's chaos) can aim at them. */
export function faultTargets(design: Design): FaultTarget[] {
  const label = (id: string) => design.nodes.find((node) => node.id === id)?.label ?? id;
  return [
    ...design.nodes.map((node) => ({
      id: node.id,
      label: node.label,
      kind: node.kind,
      ...(isReplicated(node) ? { replicated: true } : {}),
    })),
    ...design.edges.map((edge) => ({
      id: edge.id,
      label: `${label(edge.from)} → ${label(edge.to)}`,
      kind: 'edge',
    })),
  ];
}

export const targetsFor = (action: FaultAction, targets: readonly FaultTarget[]): FaultTarget[] => {
  const wanted = faultActionInfo(action).targets;
  return targets.filter((target) =>
    wanted === 'edges'
      ? target.kind === 'edge'
      : wanted === 'clients'
        ? target.kind === 'client'
        : wanted === 'replicated'
          ? Boolean(target.replicated)
          : target.kind !== 'edge',
  );
};

/** Why the remote cannot send this fault, in its words; null when it can. */
export function faultRequestProblem(request: FaultRequest, targets: readonly FaultTarget[]): string | null {
  const info = faultActionInfo(request.action);
  if (!targetsFor(request.action, targets).some((target) => target.id === request.target))
    return `${info.label} needs ${
      info.targets === 'edges'
        ? 'a connection'
        : info.targets === 'clients'
          ? 'a client'
          : info.targets === 'replicated'
            ? 'a replicated database'
            : 'a node'
    } of the candidate's design.`;
  if (request.factor !== undefined && !(request.factor > 0)) return 'The factor must be a positive number.';
  if (request.durationS !== undefined && !(request.durationS >= 0))
    return 'The duration must be a number of seconds ≥ 0.';
  return null;
}

/** The interview with the fault added (fired "now" or armed); `id` names it in the file. */
export function addFault(state: InterviewState, request: FaultRequest, id: string): InterviewState {
  const fault: InterviewFault = {
    id,
    action: request.action,
    target: request.target,
    ...(request.factor !== undefined ? { factor: request.factor } : {}),
    ...(request.durationS !== undefined ? { durationS: request.durationS } : {}),
    armedAtMs: request.when.clock === 'interview' ? request.when.atMs : null,
    armedAtSimMs: request.when.clock === 'run' ? request.when.atSimMs : null,
    firedAtMs: null,
    firedAtSimMs: null,
    problem: null,
  };
  return { ...state, faults: [...state.faults, fault] };
}

/** Still waiting to fire (armed, not fired, not refused). */
export const isPending = (fault: InterviewFault) => fault.firedAtMs === null && fault.problem === null;

export const isArmed = (fault: InterviewFault) =>
  fault.armedAtMs !== null || (fault.armedAtSimMs ?? null) !== null;

export interface FaultClocks {
  /** Elapsed interview time now. */
  interviewMs: number;
  /** Simulated time of the candidate's run, or null when no run is loaded. */
  simTimeMs: number | null;
}

/**
 * The faults whose time has come: a "now" fault at once, a run-clock surprise once the run has
 * reached its time, an interview-clock surprise once the clock has — and only while a run is
 * loaded (a fault has nothing to hit without one; it waits for the next run).
 */
export function dueFaults(state: InterviewState, clocks: FaultClocks): InterviewFault[] {
  if (clocks.simTimeMs === null) return [];
  const simTimeMs = clocks.simTimeMs;
  return state.faults.filter((fault) => {
    if (!isPending(fault)) return false;
    const atSimMs = fault.armedAtSimMs ?? null;
    if (atSimMs !== null) return simTimeMs >= atSimMs;
    if (fault.armedAtMs !== null) return clocks.interviewMs >= fault.armedAtMs;
    return true;
  });
}

export function markFired(state: InterviewState, faultId: string, clocks: FaultClocks): InterviewState {
  return {
    ...state,
    faults: state.faults.map((fault) =>
      fault.id === faultId
        ? { ...fault, firedAtMs: clocks.interviewMs, firedAtSimMs: clocks.simTimeMs }
        : fault,
    ),
  };
}

export function markProblem(state: InterviewState, faultId: string, problem: string): InterviewState {
  return {
    ...state,
    faults: state.faults.map((fault) => (fault.id === faultId ? { ...fault, problem } : fault)),
  };
}

/** An armed fault taken back before it fired (fired ones stay: the debrief reports them). */
export function disarmFault(state: InterviewState, faultId: string): InterviewState {
  const faults = state.faults.filter((fault) => !(fault.id === faultId && isPending(fault)));
  return faults.length === state.faults.length ? state : { ...state, faults };
}

/** The live run's chaos command for a fault (the engine's actions carry the same names). */
export function chaosOf(fault: InterviewFault): {
  action: ChaosAction;
  target: string;
  factor?: number;
  durationS?: number;
} {
  return {
    action: fault.action,
    target: fault.target,
    ...(fault.factor !== undefined ? { factor: fault.factor } : {}),
    ...(fault.durationS !== undefined ? { durationS: fault.durationS } : {}),
  };
}

/** "Slow ×10 Orders DB", "Traffic spike ×3 for 30 s Client" — the toast's and the lists' words. */
export function describeFault(
  fault: Pick<InterviewFault, 'action' | 'factor' | 'durationS'>,
  targetLabel: string,
) {
  const info = faultActionInfo(fault.action);
  const factor = fault.factor !== undefined ? ` ×${fault.factor}` : '';
  const duration = fault.durationS ? ` for ${fault.durationS} s` : '';
  return `${info.label}${factor}${duration}: ${targetLabel}`;
}
