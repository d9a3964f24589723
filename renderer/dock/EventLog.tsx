// The event log: every kill, detection, promotion, rebalance, lost write, breaker trip and SLO
// breach with its sim time. Clicking one selects its node on the canvas and moves the run cursor to
// that moment, so the charts and canvas show what the system looked like then. A chaos action has a
// "save as scenario step" button: it then replays at the same sim time in every later run.
import { useEffect, useMemo, useRef } from 'react';
import { useDesignStore } from '../store/designStore';
import { isChaosEntry, saveAsScenarioStep, setCursorS, useDockRun } from './runSource';
import { useThrottledRun } from './useThrottledRun';
import { describeLogEntry, formatSimTime, logEntryNodeId } from './format';
import { targetLabeller } from './labels';
import type { LogEntry } from '../run/types';

/** Rows kept on screen; older ones stay on the timeline and in `log()`. */
const MAX_ROWS = 500;

export function EventLog() {
  const design = useDesignStore((state) => state.design);
  const log = useThrottledRun((state) => state.log);
  const cursorS = useDockRun((state) => state.cursorS);
  const listRef = useRef<HTMLOListElement>(null);
  const pinnedToEnd = useRef(true);
  const labelOf = useMemo(() => targetLabeller(design), [design]);
  const nodeIds = useMemo(() => new Set(design.nodes.map((node) => node.id)), [design]);
  const start = Math.max(0, log.length - MAX_ROWS);

  // Follow new entries while the user is at the end of the list; leave them be when they scrolled up.
  useEffect(() => {
    const list = listRef.current;
    if (list && pinnedToEnd.current) list.scrollTop = list.scrollHeight;
  }, [log.length]);

  const open = (entry: LogEntry) => {
    const nodeId = logEntryNodeId(entry, nodeIds);
    if (nodeId) useDesignStore.getState().setSelection({ nodes: [nodeId] });
    const { history } = useDockRun.getState();
    const lastS = history.lastS() ?? entry.t / 1000;
    setCursorS(Math.min(lastS, entry.t / 1000));
  };

  if (log.length === 0) {
    return (
      <div className="run-log" data-testid="event-log">
        <p className="run-side-hint">
          Kills, detections, promotions, rebalances, lost writes, breaker trips and SLO breaches appear here
          with their sim time. Click one to see that moment.
        </p>
      </div>
    );
  }
  return (
    <div className="run-log" data-testid="event-log">
      <ol
        ref={listRef}
        className="run-log-list"
        onScroll={(event) => {
          const list = event.currentTarget;
          pinnedToEnd.current = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
        }}
      >
        {log.slice(start).map((entry, offset) => {
          const view = describeLogEntry(entry, labelOf);
          const atCursor = cursorS !== null && Math.abs(entry.t / 1000 - cursorS) < 0.05;
          return (
            <li key={start + offset} className="run-log-row">
              <button
                type="button"
                className="run-log-entry"
                data-testid="event-log-entry"
                data-type={entry.type}
                data-tone={view.tone}
                aria-current={atCursor ? 'true' : undefined}
                onClick={() => open(entry)}
              >
                <time className="run-log-time">{formatSimTime(entry.t)}</time>
                <span className="run-log-text">
                  <span className="run-log-type">{view.title}</span>{' '}
                  <span className="run-log-detail">{view.detail}</span>
                </span>
              </button>
              {isChaosEntry(entry) && (
                <button
                  type="button"
                  className="icon-button run-log-save"
                  data-testid="event-log-save"
                  title={`Save as a scenario step at ${formatSimTime(entry.t)}: it replays there in every later run`}
                  aria-label={`Save ${view.title} at ${formatSimTime(entry.t)} as a scenario step`}
                  onClick={() => saveAsScenarioStep(entry)}
                >
                  <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                    <path
                      d="M12 5v14M5 12h14"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="2.25"
                      strokeLinecap="round"
                    />
                  </svg>
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
