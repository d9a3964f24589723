// The one place the dock reads the live run from: the run store (renderer/run/runStore.ts) and the
// run client (renderer/run/runClient.ts) written by the live-run feature. Everything else in
// renderer/dock goes through these names, so the dock depends on the run contract
// (renderer/run/types.ts), not on how the run store is built.
import { useRunStore, type RunState } from '../run/runStore';
import { runClient } from '../run/runClient';
import type { LogEntry, SlowestRequests } from '../run/types';
import type { NodeTotalsRow } from './nodeTotals';

export type DockRunState = RunState;

export const useDockRun = useRunStore;

/** null = follow the live run; a time (s) = the dock, charts and canvas show that sample. */
export function setCursorS(cursorS: number | null): void {
  useRunStore.getState().setCursor(cursorS);
}

/** Is this log entry a chaos action (kill, cut, spike …) that can become a scenario step? */
export function isChaosEntry(entry: LogEntry): boolean {
  return runClient.isChaosEntry(entry);
}

/** Appends a chaos log entry to the design's scenario (one undo step, with a notice). */
export function saveAsScenarioStep(entry: LogEntry): boolean {
  return runClient.saveAsScenarioStep(entry);
}

/** The slowest 1% of requests (through nodeId, or all) as the engine explains them; null before a run. */
export function explainSlowest(nodeId: string | null): Promise<SlowestRequests | null> {
  return runClient.explainSlowest(nodeId);
}

/** The engine's run totals per node (CLI JSON `nodes`), after warm-up; null before a run. */
export async function nodeTotals(): Promise<Record<string, NodeTotalsRow> | null> {
  const results = (await runClient.results()) as { nodes?: Record<string, NodeTotalsRow> } | null;
  return results?.nodes ?? null;
}
