// The metrics dock's content: SLO badge, numbers at the cursor, timeline and Live on top; the six
// charts (with the selected node's line above them) on the left; the event log and "Why" on the right.
// Until a run exists the dock stays short (its top line and a hint), so the canvas keeps the room
// while designing; Run opens it, and the canvas zooms to fit if the design no longer shows whole.
import { usePresentation } from '../store/presentationStore';
import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import { commandInfo, formatShortcut } from '../../shared/commands/commands';
import { isMac } from '../commands/keyboard';
import { runCommand } from '../commands/registry';
import { designBounds } from '../../shared/document/geometry';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { DETAIL_MIN_SCALE } from '../canvas/drawing';
import { canvasController } from '../canvas/controller';
import { extendAutomation } from '../automation';
import { useDockRun } from './runSource';
import { sampleAt } from './series';
import { Charts } from './Charts';
import { EventLog } from './EventLog';
import { WhyPanel } from './WhyPanel';
import { Timeline } from './Timeline';
import { EdgeStrip } from './EdgeStrip';
import { NodeStrip } from './NodeStrip';
import { LiveButton, RunReadout, SloBadge } from './RunSummary';
import { useThrottledRun } from './useThrottledRun';
import './dock.css';

type SideTab = 'events' | 'why';

/** Dock height limits (px): enough for a readable chart row, never more than most of the window. */
const MIN_HEIGHT = 220;
const MAX_HEIGHT_SHARE = 0.75;

/** Screen px the live overlays (rps pill above, instance dots below) reach beyond a card. */
const OVERLAY_MARGIN_PX = 28;

/** Does the whole design (with its live overlays) show in the canvas as it is sized now? */
function designShowsWhole(): boolean {
  const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]');
  const { design, viewport } = useDesignStore.getState();
  const bounds = designBounds(design);
  if (!canvas || !bounds) return true;
  const left = bounds.x * viewport.scale + viewport.x;
  const top = bounds.y * viewport.scale + viewport.y;
  const right = left + bounds.w * viewport.scale;
  const bottom = top + bounds.h * viewport.scale;
  return (
    left >= 0 &&
    top >= OVERLAY_MARGIN_PX &&
    right <= canvas.clientWidth &&
    bottom <= canvas.clientHeight - OVERLAY_MARGIN_PX
  );
}

/**
 * The lowest zoom a run is fitted to: card labels (15 px) and live pills stay legible on a shared
 * screen (the canvas drops text altogether below DETAIL_MIN_SCALE). A wider design scrolls a little
 * instead of shrinking to unreadable.
 */
export const RUN_MIN_SCALE = 0.5;
const FIT_PADDING_PX = 56;

function canvasSize(): { w: number; h: number } | null {
  const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]');
  return canvas ? { w: canvas.clientWidth, h: canvas.clientHeight } : null;
}

/** The zoom that would fit the whole design (with its live overlays) in the canvas as sized now. */
function readableFitScale(): number {
  const size = canvasSize();
  const bounds = designBounds(useDesignStore.getState().design);
  if (!size || !bounds) return 1;
  return Math.min(
    1.5,
    (size.w - 2 * FIT_PADDING_PX) / Math.max(1, bounds.w),
    (size.h - 2 * FIT_PADDING_PX - 2 * OVERLAY_MARGIN_PX) / Math.max(1, bounds.h),
  );
}

/** Fits the design, but at RUN_MIN_SCALE at least (centred: a wide design overhangs both sides). */
function fitReadable(): void {
  const size = canvasSize();
  const bounds = designBounds(useDesignStore.getState().design);
  if (!size || !bounds) return;
  const fit = readableFitScale();
  if (fit >= RUN_MIN_SCALE) {
    void runCommand('view.zoomToFit');
    return;
  }
  const scale = Math.max(RUN_MIN_SCALE, DETAIL_MIN_SCALE);
  const cx = bounds.x + bounds.w / 2;
  const cy = bounds.y + bounds.h / 2;
  useDesignStore.getState().setViewport({ scale, x: size.w / 2 - cx * scale, y: size.h / 2 - cy * scale });
}

const shortcutText = (id: string) => {
  const key = commandInfo(id)?.shortcut;
  return key ? formatShortcut(key, isMac ? 'mac' : 'other') : null;
};

export function RunMetrics() {
  const [tab, setTab] = useState<SideTab>('events');
  const events = useThrottledRun((state) => state.log.length);
  const rootRef = useRef<HTMLDivElement>(null);
  // Open once a run exists (Run, Step or a chaos action), short before.
  const open = useDockRun((state) => state.loaded || state.history.count > 0);
  const wasOpen = useRef(open);
  useLayoutEffect(() => {
    if (open === wasOpen.current) return;
    wasOpen.current = open;
    if (!open) return;
    // While presenting, the camera is the presenter's (slides): leave it and the panels alone.
    if (usePresentation.getState().presenting) return;
    // The canvas shrank: once it has its new size, fit the design if part of it is now hidden —
    // but never below the readable zoom (a run is shown on a shared screen).
    let frame = requestAnimationFrame(() => {
      // A lesson's step keeps the camera on its part of the design.
      const focus = canvasController.keptFocus;
      if (focus) return canvasController.zoomToNodes(focus);
      if (designShowsWhole()) return;
      if (readableFitScale() >= RUN_MIN_SCALE) {
        void runCommand('view.zoomToFit');
        return;
      }
      // Not enough room: give the canvas the side panels' width first, then fit again.
      const ui = useUiStore.getState();
      if (ui.panels.palette) ui.togglePanel('palette');
      if (ui.panels.inspector) ui.togglePanel('inspector');
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => fitReadable());
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [open]);

  // For end-to-end tests: the sample the dock shows now (at the cursor, or the newest).
  useEffect(
    () =>
      extendAutomation({
        dockSample: () => {
          const { history, latest, cursorS } = useDockRun.getState();
          return JSON.parse(JSON.stringify(sampleAt(history, latest, cursorS)));
        },
      }),
    [],
  );

  // Dragging the top edge resizes the dock (the charts follow through their ResizeObservers).
  const onResizeDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onResizeMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
    const dock = rootRef.current?.closest<HTMLElement>('.dock');
    if (!dock) return;
    const bottom = dock.getBoundingClientRect().bottom;
    const height = Math.min(
      window.innerHeight * MAX_HEIGHT_SHARE,
      Math.max(MIN_HEIGHT, bottom - event.clientY),
    );
    dock.style.setProperty('--run-dock-height', `${Math.round(height)}px`);
  };

  const runKey = shortcutText('run.toggle');
  const hideKey = shortcutText('view.toggleDock');
  if (!open)
    return (
      <div className="run-dock" ref={rootRef} data-size="short" data-testid="run-dock">
        <div className="run-dock-top">
          <SloBadge />
          <RunReadout />
          <Timeline />
        </div>
        <p className="run-dock-hint" data-testid="run-dock-hint">
          Press Run{runKey ? ` (${runKey})` : ''}: this dock opens with throughput, latency against the SLO,
          errors, queues, the event log and Why.
        </p>
      </div>
    );

  return (
    <div className="run-dock" ref={rootRef} data-size="full" data-testid="run-dock">
      <div
        className="run-dock-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the run dock"
        onPointerDown={onResizeDown}
        onPointerMove={onResizeMove}
      />
      <div className="run-dock-top">
        <SloBadge />
        <RunReadout />
        <Timeline />
        <LiveButton />
        <button
          type="button"
          className="icon-button run-dock-hide"
          data-testid="run-dock-hide"
          title={`Hide run dock${hideKey ? ` (${hideKey})` : ''}`}
          aria-label="Hide run dock"
          onClick={() => void runCommand('view.toggleDock')}
        >
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path
              d="M6 9l6 6 6-6"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </button>
      </div>
      <div className="run-dock-main">
        <div className="run-dock-charts">
          <NodeStrip />
          <EdgeStrip />
          <Charts />
        </div>
        <aside className="run-side">
          <div className="run-side-tabs" role="tablist" aria-label="Run details">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'events'}
              data-testid="dock-tab-events"
              onClick={() => setTab('events')}
            >
              Events{events > 0 ? ` (${events})` : ''}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'why'}
              data-testid="dock-tab-why"
              onClick={() => setTab('why')}
            >
              Why
            </button>
          </div>
          <div className="run-side-body" role="tabpanel">
            {tab === 'events' ? <EventLog /> : <WhyPanel />}
          </div>
        </aside>
      </div>
    </div>
  );
}
