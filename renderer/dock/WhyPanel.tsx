// "Why": where the slowest 1% of end-to-end requests spend their time, hop by hop (queueing,
// service, network), the biggest single cost in one sentence, and where failures started — for the
// requests through the selected node, or the whole design. The numbers are the engine's
// (runClient.explainSlowest); this panel only lays them out.
import { useEffect, useMemo, useState } from 'react';
import { useDesignStore } from '../store/designStore';
import type { SlowestRequests } from '../run/types';
import { explainSlowest, useDockRun } from './runSource';
import { useThrottledRun } from './useThrottledRun';
import { whyOverSeeds, whyView, type WhyPart } from './why';
import { currentReplications, useReplications } from './replications';
import { targetLabeller } from './labels';
import { formatMs, formatSimTime } from './format';

/** How often the explanation refreshes while the run goes on. */
const REFRESH_MS = 2000;

type Loaded = {
  focus: string | null;
  explanation: SlowestRequests | null;
  error: string | null;
  /** Sim time the explanation was read at: Why covers the run up to then, not the cursor. */
  asOfMs: number;
};

export function WhyPanel() {
  const design = useDesignStore((state) => state.design);
  const selectedNodes = useDesignStore((state) => state.selection.nodes);
  const focus = selectedNodes.length === 1 ? selectedNodes[0] : null;
  const status = useThrottledRun((state) => state.status);
  const samples = useThrottledRun((state) => state.historyVersion);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const labelOf = useMemo(() => targetLabeller(design), [design]);
  // Reload once when a paused run steps or a new run starts; while running, the timer reloads.
  const reloadKey = status === 'running' ? -1 : samples;

  useEffect(() => {
    let cancelled = false;
    const load = () => {
      explainSlowest(focus).then(
        (explanation) =>
          !cancelled &&
          setLoaded({ focus, explanation, error: null, asOfMs: useDockRun.getState().simTimeMs }),
        (error: unknown) =>
          !cancelled &&
          setLoaded({
            focus,
            explanation: null,
            error: error instanceof Error ? error.message : String(error),
            asOfMs: useDockRun.getState().simTimeMs,
          }),
      );
    };
    load();
    const timer = status === 'running' ? setInterval(load, REFRESH_MS) : null;
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
    };
  }, [focus, status, reloadKey]);

  const cursorS = useDockRun((state) => state.cursorS);
  const subject = focus ? `through ${labelOf(focus)}` : 'whole design';
  const view = loaded?.explanation && loaded.focus === focus ? whyView(loaded.explanation, labelOf) : null;
  return (
    <div className="run-why" data-testid="why-panel" aria-live="polite">
      <p className="run-why-subject">
        Slowest 1% of requests · <strong data-testid="why-subject">{subject}</strong>
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
          <p
            className="run-why-sentence"
            data-testid="why-sentence"
            data-dominant-node={view.dominant?.nodeId}
            data-dominant-part={view.dominant?.part}
          >
            {view.latencySentence}
          </p>
          {view.sampleText && <p className="run-why-sample">{view.sampleText}</p>}
          <WhyOverSeeds labelOf={labelOf} />
          <p className="run-why-sample" data-testid="why-as-of">
            Run so far: as of {formatSimTime(loaded!.asOfMs)}
            {status === 'running' ? ', live' : ''}
          </p>
          {cursorS !== null && (
            <p className="run-side-hint" data-testid="why-cursor-note">
              Why covers the whole run up to {formatSimTime(loaded!.asOfMs)}, not the timeline cursor at{' '}
              {formatSimTime(cursorS * 1000)}.
            </p>
          )}
          {view.hops.length > 0 && (
            <>
              <ul className="run-why-hops" aria-label="Mean time per hop of the slowest 1%">
                {view.hops.map((hop) => (
                  <li key={hop.nodeId} className="run-why-hop" data-testid="why-hop" data-node={hop.nodeId}>
                    <span
                      className="run-why-hop-label"
                      title={`${hop.label}: ${hop.visits.toFixed(2)} calls per request`}
                    >
                      {hop.label}
                      {hop.visits >= 1.05 ? ` ×${Number(hop.visits.toFixed(1))}` : ''}
                    </span>
                    <span className="run-why-track">
                      <span className="run-why-bar" style={{ width: `${Math.max(1, hop.share * 100)}%` }}>
                        <Segment part="queueing" ms={hop.queueingMs} total={hop.totalMs} />
                        <Segment part="service" ms={hop.serviceMs} total={hop.totalMs} />
                        <Segment part="network" ms={hop.networkMs} total={hop.totalMs} />
                      </span>
                    </span>
                    <span className="run-why-hop-total">{formatMs(hop.totalMs)}</span>
                  </li>
                ))}
              </ul>
              <p className="run-why-legend" aria-hidden="true">
                <span className="run-why-key" data-part="queueing" /> queueing
                <span className="run-why-key" data-part="service" /> service
                <span className="run-why-key" data-part="network" /> network
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
                  {source.label} from {formatSimTime(source.firstAtMs)}: {source.reasons}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function Segment({ part, ms, total }: { part: WhyPart; ms: number; total: number }) {
  if (ms <= 0 || total <= 0) return null;
  const label = part;
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

/** After "Repeat the run over seeds…" for this revision: whether the biggest cost holds in every seed. */
function WhyOverSeeds({ labelOf }: { labelOf: (id: string) => string }) {
  const revision = useDesignStore((state) => state.revision);
  const replications = useReplications((state) => currentReplications(state, revision));
  const why = useMemo(
    () => (replications ? whyOverSeeds(replications.explanations, labelOf) : null),
    [replications, labelOf],
  );
  if (!why || !replications) return null;
  return (
    <p className="run-why-seeds" data-testid="why-seeds" data-agree={why.agree}>
      {why.sentence}
    </p>
  );
}
