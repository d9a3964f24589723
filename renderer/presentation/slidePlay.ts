// What a frame does when it is shown as a slide (`note.slide`, shared/document/schema.ts): its
// chaos — the run starts if it is not running and each event fires `atS` simulated seconds after
// the slide was shown (a run that restarts counts again from its start) — and its lab step, shown
// beside the slide without touching the design (renderer/labs attachLabStep). Leaving the slide or
// the presentation drops what has not fired yet.
import type { DesignNote, ScenarioEvent } from '../../shared/document/types';
import { attachLabStep } from '../labs/labSession';
import { runClient } from '../run/runClient';
import { killTargetsOf } from '../run/runCommandHandlers';
import { useRunStore } from '../run/runStore';
import { useUiStore } from '../store/uiStore';

let pending: ScenarioEvent[] = [];
/** Sim time the slide's clock counts from (null until the run is running). */
let shownAtMs: number | null = null;
let unsubscribe: (() => void) | null = null;

export function stopSlidePlay(): void {
  pending = [];
  shownAtMs = null;
  unsubscribe?.();
  unsubscribe = null;
}

function fireDue(): void {
  const run = useRunStore.getState();
  if (run.status !== 'running') return;
  if (shownAtMs === null || run.simTimeMs < shownAtMs) shownAtMs = run.simTimeMs;
  const elapsedMs = run.simTimeMs - shownAtMs;
  const due = pending.filter((event) => elapsedMs >= event.atS * 1000);
  if (due.length === 0) return;
  pending = pending.filter((event) => !due.includes(event));
  // A kill aims as K does: a replicated database's leaders, so the slide shows a failover.
  for (const { atS: _atS, ...event } of due)
    for (const target of event.action === 'kill' ? killTargetsOf(event.target) : [event.target])
      runClient.chaos({ ...event, target });
  if (pending.length === 0) stopSlidePlay();
}

/** Performs what `frame` carries as a slide (nothing for a plain frame). */
export function playSlide(frame: DesignNote): void {
  stopSlidePlay();
  const slide = frame.slide;
  if (!slide) return;
  if (slide.lab && !attachLabStep(slide.lab.id, slide.lab.step))
    useUiStore.getState().showNotice({
      text: `This slide names a lab step that this build does not have (${slide.lab.id} › ${slide.lab.step}).`,
      tone: 'warning',
    });
  if (!slide.play || slide.play.length === 0) return;
  pending = [...slide.play].sort((a, b) => a.atS - b.atS);
  if (useRunStore.getState().status !== 'running') runClient.start();
  unsubscribe = useRunStore.subscribe(fireDue);
  fireDue();
}
