// "Why": where the slowest 1% of requests spend their time, hop by hop (queueing, service,
// downstream), and where failures started — for the selected node or the whole design. The numbers
// are the engine's (runClient.explain); this panel only lays them out.
import { useEffect, useMemo, useState } from 'react';
import { useDesignStore } from '../store/designStore';
import { explainRun } from './runSource';
import { useThrottledRun } from './useThrottledRun';
import { whyView, type ExplanationRow } from './why';
import { targetLabeller } from './labels';
import { formatMs, formatSimTime } from './format';

/** How often the explanation refreshes while the run goes on. */
const REFRESH_MS = 2000;

type Loaded = { focus: string | null; rows: ExplanationRow[] | null; error: string | null };

export function WhyPanel() {
  const design = useDesignStore((state) => state.design);
  const selectedNodes = useDesignStore((state) => state.selection.nodes);
  const focus = selectedNodes.length === 1 ? selectedNodes[0] : null;
  const status = useThrottledRun((state) => state.status);
  const samples = useThrottledRun((state) => state.history.length);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const labelOf = useMemo(() => targetLabeller(design), [design]);
  // Reload once when a paused run steps or a new run starts; while running, the timer reloads.
  const reloadKey = status === 'running' ? -1 : samples;

  useEffect(() => {
    let cancelled = false;
    const load = () => {
      explainRun(focus).then(
        (rows) => !cancelled && setLoaded({ focus, rows, error: null }),
        (error: unknown) =>
          !cancelled &&
          setLoaded({ focus, rows: null, error: error instanceof Error ? error.message : String(error) }),
      );
    };
    load();
    const timer = status === 'running' ? setInterval(load, REFRESH_MS) : null;
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
    };
  }, [focus, status, reloadKey]);

  const subject = focus ? labelOf(focus) : 'whole design';
  const view = loaded?.rows && loaded.focus === focus ? whyView(loaded.rows, labelOf, focus) : null;
  return (
    <div className="run-why" data-testid="why-panel" aria-live="polite">
      <p className="run-why-subject">
        Slowest 1% of requests · <strong>{subject}</strong>
        {!focus && selectedNodes.length > 1 ? ' (select one node to focus on it)' : ''}
      </p>
      {loaded?.error ? (
        <p className="run-side-hint run-why-error">Could not explain the run: {loaded.error}</p>
      ) : !view ? (
        <p className="run-side-hint">
          {loaded === null
            ? 'Reading the run…'
            : 'Run the design to see where latency goes and where failures start.'}
        </p>
      ) : (
        <>
          <p className="run-why-sentence" data-testid="why-sentence">
            {view.latencySentence}
          </p>
          {view.hops.length > 0 && (
            <>
              <ul className="run-why-hops" aria-label="Time per hop">
                {view.hops.map((hop) => (
                  <li key={hop.nodeId} className="run-why-hop" data-testid="why-hop" data-node={hop.nodeId}>
                    <span className="run-why-hop-label" title={hop.label}>
                      {hop.label}
                    </span>
                    <span className="run-why-bar" style={{ width: `${Math.max(2, hop.scale * 100)}%` }}>
                      <Segment part="wait" ms={hop.waitMs} total={hop.totalMs} />
                      <Segment part="service" ms={hop.serviceMs} total={hop.totalMs} />
                      <Segment part="downstream" ms={hop.downstreamMs} total={hop.totalMs} />
                    </span>
                    <span className="run-why-hop-total">{formatMs(hop.totalMs)}</span>
                  </li>
                ))}
              </ul>
              <p className="run-why-legend" aria-hidden="true">
                <span className="run-why-key" data-part="wait" /> queueing
                <span className="run-why-key" data-part="service" /> service
                <span className="run-why-key" data-part="downstream" /> downstream
              </p>
            </>
          )}
          <p className="run-why-sentence" data-testid="why-failures">
            {view.failureSentence}
          </p>
          {view.failures.length > 1 && (
            <ul className="run-why-failures">
              {view.failures.slice(1, 5).map((source) => (
                <li key={source.nodeId}>
                  {source.label}
                  {source.firstFailureMs !== null
                    ? ` from ${formatSimTime(source.firstFailureMs)}`
                    : ''}: {source.reasons}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function Segment({
  part,
  ms,
  total,
}: {
  part: 'wait' | 'service' | 'downstream';
  ms: number;
  total: number;
}) {
  if (ms <= 0 || total <= 0) return null;
  const label = part === 'wait' ? 'queueing' : part;
  return (
    <span
      className="run-why-segment"
      data-part={part}
      data-ms={ms}
      style={{ width: `${(ms / total) * 100}%` }}
      title={`${label}: ${formatMs(ms)} (${Math.round((ms / total) * 100)}%)`}
    />
  );
}
