// The run's timeline: a strip as long as the scenario, filled up to the live edge, with markers for
// the event log and the document's scenario events. Dragging on it (or the arrow keys while it has
// focus, as on any slider) moves the run cursor; "Live" returns to the newest sample.
import { useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useDesignStore } from '../store/designStore';
import { setCursorS, useDockRun } from './runSource';
import { useThrottledRun } from './useThrottledRun';
import { cursorAtFraction, fractionOf, timelineMarkers, timelineSpanS } from './timeline';
import { targetLabeller } from './labels';
import { formatSimTime } from './format';

export function Timeline() {
  const design = useDesignStore((state) => state.design);
  const cursorS = useDockRun((state) => state.cursorS);
  const { firstS, lastS, log } = useThrottledRun((state) => ({
    firstS: state.history.firstS(),
    lastS: state.history.lastS(),
    log: state.log,
  }));
  const stripRef = useRef<HTMLDivElement>(null);
  const spanS = timelineSpanS(design.scenario.durationS, lastS);
  const labelOf = useMemo(() => targetLabeller(design), [design]);
  const markers = useMemo(
    () => timelineMarkers(log, design.scenario.events, spanS, labelOf),
    [log, design.scenario.events, spanS, labelOf],
  );

  const scrubTo = (clientX: number) => {
    const strip = stripRef.current;
    if (!strip) return;
    // Read the newest bounds now: the throttled ones may be a refresh behind the run.
    const { history } = useDockRun.getState();
    const first = history.firstS();
    const last = history.lastS();
    if (first === null || last === null) return;
    const rect = strip.getBoundingClientRect();
    setCursorS(
      cursorAtFraction(
        (clientX - rect.left) / rect.width,
        timelineSpanS(design.scenario.durationS, last),
        first,
        last,
      ),
    );
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    scrubTo(event.clientX);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) scrubTo(event.clientX);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (firstS === null || lastS === null) return;
    const at = cursorS ?? lastS;
    const step = event.shiftKey ? 10 : 1;
    const keys: Record<string, number | null> = {
      ArrowLeft: Math.max(firstS, at - step),
      ArrowRight: Math.min(lastS, at + step),
      Home: firstS,
      End: null,
      Escape: null,
    };
    if (!(event.key in keys)) return;
    // A focused slider owns its arrow keys (they would nudge the canvas selection otherwise).
    event.preventDefault();
    event.stopPropagation();
    setCursorS(keys[event.key]);
  };

  const shownS = cursorS ?? lastS;
  const liveFraction = lastS === null ? 0 : fractionOf(lastS, spanS);
  return (
    <div className="run-timeline-wrap">
      <div
        ref={stripRef}
        className="run-timeline"
        data-testid="timeline"
        data-span-s={spanS}
        role="slider"
        tabIndex={0}
        aria-label="Run timeline: drag to see earlier seconds"
        aria-valuemin={0}
        aria-valuemax={spanS}
        aria-valuenow={shownS ?? 0}
        aria-valuetext={
          shownS === null
            ? 'not running'
            : `${formatSimTime(shownS * 1000)}${cursorS === null ? ', live' : ''}`
        }
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      >
        <div className="run-timeline-track">
          <div className="run-timeline-progress" style={{ width: `${liveFraction * 100}%` }} />
        </div>
        {markers.map((marker) => (
          <span
            key={marker.key}
            className="run-timeline-marker"
            data-testid="timeline-marker"
            data-source={marker.source}
            data-tone={marker.tone}
            data-t={marker.tS}
            style={{ left: `${marker.fraction * 100}%` }}
            title={marker.title}
          />
        ))}
        {cursorS !== null && (
          <span
            className="run-timeline-cursor"
            data-testid="timeline-cursor"
            style={{ left: `${fractionOf(cursorS, spanS) * 100}%` }}
          />
        )}
      </div>
      <div className="run-timeline-scale" aria-hidden="true">
        <span>0 s</span>
        <span>{formatSimTime(spanS * 1000)}</span>
      </div>
    </div>
  );
}
