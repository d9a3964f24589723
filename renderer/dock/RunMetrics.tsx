// The metrics dock's content: SLO badge, numbers at the cursor, timeline and Live on top; the six
// charts (with the selected node's line above them) on the left; the event log and "Why" on the right.
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { extendAutomation } from '../automation';
import { useDockRun } from './runSource';
import { sampleAt } from './series';
import { Charts } from './Charts';
import { EventLog } from './EventLog';
import { WhyPanel } from './WhyPanel';
import { Timeline } from './Timeline';
import { NodeStrip } from './NodeStrip';
import { LiveButton, RunReadout, SloBadge } from './RunSummary';
import { useThrottledRun } from './useThrottledRun';
import './dock.css';

type SideTab = 'events' | 'why';

/** Dock height limits (px): enough for a readable chart row, never more than most of the window. */
const MIN_HEIGHT = 220;
const MAX_HEIGHT_SHARE = 0.75;

export function RunMetrics() {
  const [tab, setTab] = useState<SideTab>('events');
  const events = useThrottledRun((state) => state.log.length);
  const rootRef = useRef<HTMLDivElement>(null);

  // For end-to-end tests: the sample the dock shows now (at the cursor, or the newest).
  useEffect(
    () =>
      extendAutomation({
        dockSample: () => {
          const { history, cursorS } = useDockRun.getState();
          return JSON.parse(JSON.stringify(sampleAt(history, cursorS)));
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

  return (
    <div className="run-dock" ref={rootRef}>
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
      </div>
      <div className="run-dock-main">
        <div className="run-dock-charts">
          <NodeStrip />
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
