// The dock's top line: the SLO badge (pass/fail against the design's SLO, with the failing checks
// named), the global numbers at the cursor (or live), and the "Live" button that ends scrubbing.
import { commandInfo, formatShortcut } from '../../shared/commands/commands';
import { isMac } from '../commands/keyboard';
import { useDesignStore } from '../store/designStore';
import { setCursorS, useDockRun } from './runSource';
import { useThrottledRun } from './useThrottledRun';
import { sampleAt } from './series';
import { sloVerdict } from './slo';
import { currentReplications, useReplications } from './replications';
import { formatMs, formatPercent, formatRps, formatSimTime } from './format';

export function SloBadge() {
  const slo = useDesignStore((state) => state.design.slo);
  const cursorS = useDockRun((state) => state.cursorS);
  const sample = useThrottledRun((state) => sampleAt(state.history, state.latest, state.cursorS));
  // The cursor moves at pointer speed; the throttled sample may lag it by one refresh.
  const shown = cursorS === null ? sample : sampleAt(useDockRun.getState().history, null, cursorS);
  const verdict = sloVerdict(shown?.global ?? null, slo);
  const icon = verdict.state === 'pass' ? '✓' : verdict.state === 'fail' ? '✕' : '–';
  const failing = verdict.checks.filter((check) => !check.pass);
  return (
    <div className="run-slo-slot">
      <div
        className="run-slo"
        data-testid="slo-badge"
        data-state={verdict.state}
        role="status"
        title={
          verdict.checks.length > 0
            ? [
                verdict.wholeRun ? 'Run so far (after warm-up):' : 'This second:',
                ...verdict.checks.map((c) => `${c.pass ? '✓' : '✕'} ${c.text}`),
              ].join('\n')
            : verdict.summary
        }
      >
        <span className="run-slo-icon" aria-hidden="true">
          {icon}
        </span>
        <span className="run-slo-text">
          {verdict.state === 'waiting'
            ? verdict.wholeRun
              ? 'SLO: warming up'
              : 'SLO'
            : verdict.state === 'pass'
              ? 'SLO pass'
              : 'SLO fail'}
        </span>
        {failing.length > 0 && <span className="run-slo-why">{failing[0].text}</span>}
        {verdict.wholeRun && verdict.now !== null && (
          <span
            className="run-slo-now"
            data-testid="slo-now"
            title="The SLO verdict is for the whole run so far (after warm-up); this is the last second alone"
          >
            (now: {verdict.now})
          </span>
        )}
        <span className="visually-hidden">{verdict.summary}</span>
      </div>
      <SeedsVerdict />
    </div>
  );
}

/** The verdict over seeds (Repeat the run over seeds…) while it is for the design as it is. */
function SeedsVerdict() {
  const revision = useDesignStore((state) => state.revision);
  const replications = useReplications((state) => currentReplications(state, revision));
  if (!replications?.result) return null;
  const { result } = replications;
  return (
    <span
      className="run-slo-seeds"
      data-testid="slo-seeds"
      data-verdict={result.verdict}
      title={[
        `Over ${result.seeds.length} seeds (95% intervals):`,
        ...result.slo.map((line) => line.text),
      ].join('\n')}
    >
      {result.seeds.length} seeds: {result.verdict}
    </span>
  );
}

export function RunReadout() {
  const cursorS = useDockRun((state) => state.cursorS);
  const throttled = useThrottledRun((state) => ({
    sample: sampleAt(state.history, state.latest, state.cursorS),
    status: state.status,
    simTimeMs: state.simTimeMs,
  }));
  const sample = cursorS === null ? throttled.sample : sampleAt(useDockRun.getState().history, null, cursorS);
  if (!sample) {
    const runKey = commandInfo('run.toggle')?.shortcut;
    return (
      <p className="run-readout run-readout-idle" data-testid="dock-readout">
        Not running{runKey ? ` — press ${formatShortcut(runKey, isMac ? 'mac' : 'other')} to run` : ''}
      </p>
    );
  }
  const { global } = sample;
  return (
    <p
      className="run-readout"
      data-testid="dock-readout"
      data-t={sample.tS}
      title={`Throughput, p99 and errors of the last full second (${formatSimTime((sample.tS - (sample.spanS ?? 1)) * 1000)} – ${formatSimTime(sample.tS * 1000)})`}
    >
      <span className="run-readout-time" data-testid="readout-time">
        {cursorS === null
          ? throttled.status === 'running'
            ? 'Live'
            : throttled.status === 'done'
              ? 'End'
              : 'Paused'
          : 'At'}{' '}
        {/* Live, the clock is the run's (as in the status bar); the numbers are its last full second. */}
        {formatSimTime(cursorS === null ? Math.max(throttled.simTimeMs, sample.tS * 1000) : sample.tS * 1000)}
      </span>
      <span data-testid="readout-throughput">{formatRps(global.throughputRps)}</span>
      <span data-testid="readout-p99">p99 {formatMs(global.p99Ms)}</span>
      <span data-testid="readout-errors">errors {formatPercent(global.errorRate)}</span>
    </p>
  );
}

export function LiveButton() {
  const cursorS = useDockRun((state) => state.cursorS);
  return (
    <button
      type="button"
      className={`run-live${cursorS === null ? ' is-live' : ''}`}
      data-testid="dock-live"
      disabled={cursorS === null}
      onClick={() => setCursorS(null)}
      title={cursorS === null ? 'Showing the newest second' : 'Stop scrubbing and follow the run again'}
    >
      <span className="run-live-dot" aria-hidden="true" />
      Live
    </button>
  );
}
