// Exact replay of a live session: the recorded commands applied at the same point of the event
// sequence (events processed and sim time) give bit-identical results. See ./README.md.
import type { CliJson } from '../../shared/engine/index';
import { EngineRun } from './engineAdapter';
import type { RunRecording } from './protocol';

/** Runs a fresh simulation to exactly where each recorded command applied, applies it, and so on. */
export function replayRecording(recording: RunRecording): EngineRun {
  const run = new EngineRun(recording.design, recording.options);
  const advanceTo = (event: number, simTimeMs: number) => {
    // Stops either after the same number of events or at the same sim time, whichever the live
    // session hit (a slice ends on an event budget or on its target time).
    while (run.eventsProcessed < event) {
      const before = run.eventsProcessed;
      run.runUntil(simTimeMs, event - run.eventsProcessed);
      if (run.eventsProcessed === before) break;
    }
    if (run.simTimeMs < simTimeMs) run.runUntil(simTimeMs, 0);
  };
  for (const recorded of recording.commands) {
    advanceTo(recorded.atEvent, recorded.simTimeMs);
    const command = recorded.command;
    if (command.type === 'chaos') run.chaos(command.chaos);
    else run.editParams(command.id, command.params);
  }
  advanceTo(recording.endEvent, recording.endSimTimeMs);
  return run;
}

/** A short hash of the run totals (wall time excluded): equal fingerprints, identical runs. */
export function fingerprintOf(results: CliJson): string {
  const { wallMs: _wallMs, ...deterministic } = results;
  const text = JSON.stringify(deterministic);
  // FNV-1a, two independent 32-bit lanes.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
