// The timeline strip's geometry: where markers sit along the run, and which sim second a pointer
// position scrubs to. Pure, so the drag behaviour is unit-tested without a browser.
import type { LogEntry } from '../run/types';
import type { ScenarioEvent } from '../../shared/document/types';
import { describeLogEntry, type LogTone } from './format';

/** The strip spans the scenario's duration, or longer if the run has gone past it. */
export function timelineSpanS(durationS: number, lastSampleS: number | null): number {
  return Math.max(1, durationS, lastSampleS ?? 0);
}

/** 0..1 along the strip. */
export function fractionOf(tS: number, spanS: number): number {
  return Math.min(1, Math.max(0, tS / spanS));
}

/**
 * The cursor for a pointer at `fraction` of the strip: a time within the samples recorded so far
 * (nobody can scrub into the future), or null before the first sample exists.
 */
export function cursorAtFraction(
  fraction: number,
  spanS: number,
  firstSampleS: number | null,
  lastSampleS: number | null,
): number | null {
  if (firstSampleS === null || lastSampleS === null) return null;
  const tS = Math.min(1, Math.max(0, fraction)) * spanS;
  return Math.min(lastSampleS, Math.max(firstSampleS, Math.round(tS * 10) / 10));
}

export interface TimelineMarker {
  key: string;
  tS: number;
  fraction: number;
  source: 'log' | 'scenario';
  tone: LogTone | 'scenario';
  /** Tooltip and accessible name: "20.0 s · Kill: API 1 killed". */
  title: string;
  /** Index into the log for log markers (clicking selects that entry). */
  logIndex?: number;
}

/** Log markers beyond this many are thinned (keeping the newest) so the strip stays readable. */
export const MAX_LOG_MARKERS = 300;

export function timelineMarkers(
  log: readonly LogEntry[],
  scenarioEvents: readonly ScenarioEvent[],
  spanS: number,
  labelOf: (target: string) => string,
): TimelineMarker[] {
  const markers: TimelineMarker[] = scenarioEvents.map((event, i) => ({
    key: `scenario-${i}`,
    tS: event.atS,
    fraction: fractionOf(event.atS, spanS),
    source: 'scenario',
    tone: 'scenario',
    title: `${event.atS} s · scenario: ${event.action} ${labelOf(event.target)}${event.factor !== undefined ? ` ×${event.factor}` : ''}${event.durationS ? ` for ${event.durationS} s` : ''}`,
  }));
  const start = Math.max(0, log.length - MAX_LOG_MARKERS);
  for (let i = start; i < log.length; i++) {
    const entry = log[i];
    const view = describeLogEntry(entry, labelOf);
    markers.push({
      key: `log-${i}`,
      tS: entry.t / 1000,
      fraction: fractionOf(entry.t / 1000, spanS),
      source: 'log',
      tone: view.tone,
      title: `${(entry.t / 1000).toFixed(1)} s · ${view.title}: ${view.detail}`,
      logIndex: i,
    });
  }
  return markers;
}
