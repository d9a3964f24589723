// The live run's part of `window.__backpressure` (SPEC "Automation"): run(), metrics(nodeId),
// log(), chaos(), plus what the run's e2e tests need to prove replay (recording, fingerprints) and
// to prove a crashed worker is survived (crashSimulation, killSimulationWorker).
import { CHAOS_ACTIONS, type ChaosAction } from '../../shared/document/types';
import { extendAutomation } from '../automation';
import { useDesignStore } from '../store/designStore';
import { GaugeReader } from '../worker/samples';
import type { RunRecording } from '../worker/protocol';
import { runClient } from './runClient';
import { liveFrame, useRunStore } from './runStore';
import type { NodeGauges } from './types';

/** The latest gauges of a node: from the newest worker frame, else the newest sample. */
export function latestNodeGauges(nodeId: string): NodeGauges | null {
  const layout = liveFrame.layout;
  if (layout) {
    const n = layout.nodeIds.indexOf(nodeId);
    if (n >= 0) {
      const kinds = new Map(useDesignStore.getState().design.nodes.map((node) => [node.id, node.kind]));
      return new GaugeReader(layout, kinds).nodeGauges(liveFrame, n);
    }
  }
  return useRunStore.getState().latest?.nodes[nodeId] ?? null;
}

/** A chaos command from automation, checked so a typo gets a message naming it. */
export function validateChaos(input: unknown): {
  action: ChaosAction;
  target: string;
  factor?: number;
  durationS?: number;
} {
  if (!input || typeof input !== 'object')
    throw new Error('chaos() takes { action, target, factor?, durationS? }.');
  const { action, target, factor, durationS } = input as Record<string, unknown>;
  if (!CHAOS_ACTIONS.includes(action as ChaosAction))
    throw new Error(`chaos(): action "${String(action)}" is not one of ${CHAOS_ACTIONS.join(', ')}.`);
  const design = useDesignStore.getState().design;
  const known =
    typeof target === 'string' &&
    (design.nodes.some((node) => node.id === target) ||
      design.edges.some((edge) => edge.id === target) ||
      design.nodes.some(
        (node) => target.startsWith(`${node.id}:`) && /^\d+$/.test(target.slice(node.id.length + 1)),
      ));
  if (!known)
    throw new Error(
      `chaos(): target "${String(target)}" is not a node, an instance (node:i) or a connection of this design.`,
    );
  if (factor !== undefined && !(typeof factor === 'number' && factor > 0))
    throw new Error('chaos(): factor must be a positive number.');
  if (durationS !== undefined && !(typeof durationS === 'number' && durationS >= 0))
    throw new Error('chaos(): durationS must be a number of seconds ≥ 0.');
  return {
    action: action as ChaosAction,
    target: target as string,
    ...(factor !== undefined ? { factor: factor as number } : {}),
    ...(durationS !== undefined ? { durationS: durationS as number } : {}),
  };
}

export function installRunAutomation(): () => void {
  extendAutomation({
    run: () => {
      const state = useRunStore.getState();
      return { status: state.status, simTimeMs: state.simTimeMs, speed: state.speed };
    },
    metrics: (nodeId: string) => latestNodeGauges(nodeId),
    log: () => JSON.parse(JSON.stringify(useRunStore.getState().log)),
    chaos: (command: unknown) => runClient.chaos(validateChaos(command)),
    /** Run-store details for tests: achieved speed, events/s, history length, cursor. */
    runState: () => {
      const state = useRunStore.getState();
      return {
        status: state.status,
        simTimeMs: state.simTimeMs,
        speed: state.speed,
        achievedSpeed: state.achievedSpeed,
        eventsPerS: state.eventsPerS,
        historyLength: state.history.count,
        /** Bytes of the history's typed arrays (fixed per run: allocated from its budget up front). */
        historyBytes: state.history.byteLength,
        lastSampleS: state.latest?.tS ?? null,
        selectedInstance: state.selectedInstance,
        cursorS: state.cursorS,
        crash: state.crash,
      };
    },
    setRunSpeed: (speed: number | 'max') => runClient.setSpeed(speed),
    setRunCursor: (cursorS: number | null) => useRunStore.getState().setCursor(cursorS),
    runRecording: () => runClient.recording(),
    runFingerprint: () => runClient.fingerprint(),
    replayFingerprint: (recording: RunRecording) => runClient.replayFingerprint(recording),
    /** Fault injection: the worker's next slice throws (an engine exception); false with no worker. */
    crashSimulation: (message = 'test fault in the simulation') => runClient.injectWorkerFault(message),
    /** Fault injection: the worker is terminated without a word (as on out of memory). */
    killSimulationWorker: () => runClient.killWorkerSilently(),
    setSimulationStallMs: (stallMs: number) => runClient.setStallMs(stallMs),
    saveLastChaosAsStep: () => {
      const last = [...useRunStore.getState().log].reverse().find((entry) => runClient.isChaosEntry(entry));
      return last ? runClient.saveAsScenarioStep(last) : false;
    },
  });
  return () => {};
}
