// Compare A with its variant B: both designs run at the same seeds and with their own fault
// scripts in the worker pool; the view shows them side by side on one clock (a cursor second both
// diagrams and both timelines follow: drag on a chart, the slider, ◀ ▶ or the arrow keys), and the
// difference table says, per metric, B − A with its 95% interval and whether it is within the noise.
import { useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import { Dialog } from '../ui/Dialog';
import { RunOrCancel } from '../ui/RunOrCancel';
import { useDesignStore } from '../store/designStore';
import { useResolvedTheme } from '../ui/themeColors';
import { chartTheme } from '../dock/chartTheme';
import { formatMs, formatRps } from '../../shared/format';
import { compareTableRows, compareTierRows, TIER_METRICS } from '../../shared/analysis/compareTable';
import { DesignDiagram } from './DesignDiagram';
import { CompareTimeline } from './CompareTimeline';
import { compareNote, designDifferences, nodeLabel, TIER_HEADINGS } from './compareModel';
import { exportCompareReport } from './exportCompareReport';
import {
  cancelCompare,
  closeComparePanel,
  setCompareCursor,
  startCompare,
  useCompareStore,
  type CompareForm,
} from './compareStore';
import './compare.css';

const rpsAxis = (value: number | null) => formatRps(value, 'compact');
const msAxis = (value: number | null) => formatMs(value, 'compact');

function CompareFormRow({ running }: { running: boolean }) {
  const stored = useCompareStore((state) => state.form);
  const [form, setForm] = useState<CompareForm>(stored);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void startCompare(useDesignStore.getState().design, form);
  };
  return (
    <form className="compare-form" onSubmit={submit}>
      <label className="form-field compare-field">
        Seeds
        <input
          data-testid="compare-seeds"
          value={form.seeds}
          disabled={running}
          onChange={(event) => setForm({ ...form, seeds: event.target.value })}
        />
      </label>
      <label className="form-field compare-field">
        Seconds
        <input
          data-testid="compare-duration"
          value={form.durationS}
          disabled={running}
          onChange={(event) => setForm({ ...form, durationS: event.target.value })}
        />
      </label>
      <RunOrCancel running={running} label="Run both" testId="compare" onCancel={cancelCompare} />
    </form>
  );
}

/** Simulated seconds Play shows per wall second (a 30 s comparison replays in 6 s). */
const PLAY_SECONDS_PER_S = 5;

function Scrubber({ lastS }: { lastS: number }) {
  const cursorS = useCompareStore((state) => state.cursorS);
  const [playing, setPlaying] = useState(false);
  const at = cursorS ?? lastS;
  const move = (second: number) => setCompareCursor(Math.max(1, Math.min(lastS, second)));
  // Play: both designs' second advances together on one clock, to the end of the shorter run.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const now = useCompareStore.getState().cursorS ?? lastS;
      if (now >= lastS) return setPlaying(false);
      setCompareCursor(now + 1);
    }, 1000 / PLAY_SECONDS_PER_S);
    return () => clearInterval(timer);
  }, [playing, lastS]);
  const togglePlay = () => {
    if (!playing && at >= lastS) setCompareCursor(1);
    setPlaying(!playing);
  };
  return (
    <div className="compare-scrubber">
      <button
        type="button"
        className="button button-default"
        aria-label={playing ? 'Pause both' : 'Play both on one clock'}
        aria-pressed={playing}
        data-testid="compare-play"
        onClick={togglePlay}
      >
        {playing ? '❚❚' : '⏵'}
      </button>
      <button
        type="button"
        className="button button-default"
        aria-label="One second back"
        data-testid="compare-step-back"
        onClick={() => move(at - 1)}
      >
        ◀
      </button>
      <input
        type="range"
        min={1}
        max={lastS}
        step={1}
        value={at}
        aria-label="Simulated second shown for both designs"
        data-testid="compare-scrub"
        onChange={(event) => move(Number(event.target.value))}
      />
      <button
        type="button"
        className="button button-default"
        aria-label="One second on"
        data-testid="compare-step-on"
        onClick={() => move(at + 1)}
      >
        ▶
      </button>
      <span className="compare-time" data-testid="compare-time">
        t = {at} s of {lastS} s
      </span>
    </div>
  );
}

function CompareBody() {
  const { designs, timelines, cursorS, result, status } = useCompareStore();
  const theme = chartTheme(useResolvedTheme());
  const differences = useMemo(() => (designs ? designDifferences(designs.a, designs.b) : []), [designs]);
  const changed = useMemo(() => {
    const ids = new Set<string>();
    if (!designs) return ids;
    for (const node of designs.b.nodes) {
      const before = designs.a.nodes.find((other) => other.id === node.id);
      if (
        !before ||
        JSON.stringify(before.params) !== JSON.stringify(node.params) ||
        before.kind !== node.kind
      )
        ids.add(node.id);
    }
    return ids;
  }, [designs]);
  if (!designs) return null;
  const { a, b } = timelines;
  const lastS = Math.min(a?.tS.length ?? 0, b?.tS.length ?? 0);
  const index = lastS > 0 ? (cursorS ?? lastS) - 1 : null;
  const labelOf = (id: string) => nodeLabel(designs.a, designs.b, id);
  return (
    <>
      <p className="compare-differs" data-testid="compare-differs">
        <strong>B differs from A:</strong>{' '}
        {differences.length === 0 ? 'nothing (the same design)' : differences.join('; ')}
      </p>
      <div className="compare-sides">
        {(['A', 'B'] as const).map((side) => (
          <section key={side} className="compare-side">
            <h3>
              {side} · {designs[side === 'A' ? 'a' : 'b'].meta.title}
            </h3>
            <DesignDiagram
              design={designs[side === 'A' ? 'a' : 'b']}
              timeline={side === 'A' ? a : b}
              at={index}
              changed={side === 'B' ? changed : new Set()}
              side={side}
            />
          </section>
        ))}
      </div>
      {lastS > 0 && a && b && (
        <>
          <Scrubber lastS={lastS} />
          <div className="compare-charts">
            {(
              [
                ['Throughput', 'compare-chart-throughput', 'throughputRps', rpsAxis],
                ['p99 latency', 'compare-chart-p99', 'p99Ms', msAxis],
              ] as const
            ).map(([title, testId, series, format]) => (
              <CompareTimeline
                key={testId}
                title={title}
                testId={testId}
                tS={a.tS.slice(0, lastS)}
                a={a[series]}
                b={b[series]}
                cursorS={cursorS ?? lastS}
                theme={theme}
                format={format}
                onScrub={(s) => setCompareCursor(Math.max(1, Math.min(lastS, s)))}
              />
            ))}
          </div>
        </>
      )}
      {status === 'done' && result && (
        <div className="compare-tables">
          <table className="compare-table" data-testid="compare-table">
            <thead>
              <tr>
                <th />
                <th>A</th>
                <th>B</th>
                <th>B − A</th>
                <th>95% CI</th>
                <th>change</th>
                <th>noise</th>
              </tr>
            </thead>
            <tbody>
              {compareTableRows(result).map((row) => (
                <tr key={row.metric} data-metric={row.metric} data-noise={row.noise}>
                  <th className={row.indent ? 'compare-indent' : undefined}>{row.label}</th>
                  <td>{row.a}</td>
                  <td>{row.b}</td>
                  <td>{row.difference}</td>
                  <td>{row.interval}</td>
                  <td>{row.change}</td>
                  <td className="compare-noise">{row.noise}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="compare-table" data-testid="compare-tiers">
            <thead>
              <tr>
                <th>tier</th>
                {TIER_METRICS.map((metric) => (
                  <th key={metric} colSpan={2}>
                    {TIER_HEADINGS[metric]} A · B
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {compareTierRows(result, labelOf).map((row) => (
                <tr key={row.id} data-tier={row.id}>
                  <th>{row.label}</th>
                  {row.cells.flatMap(([cellA, cellB], i) => [
                    <td key={`${i}a`}>{cellA}</td>,
                    <td key={`${i}b`} className="compare-b">
                      {cellB}
                    </td>,
                  ])}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="compare-note">{compareNote(result, labelOf)}</p>
          <div className="compare-actions">
            <button
              type="button"
              className="button button-default"
              data-testid="compare-save-report"
              onClick={() => void exportCompareReport()}
            >
              Save report…
            </button>
          </div>
        </div>
      )}
    </>
  );
}

export function ComparePanel() {
  const { open, status, tasksDone, tasksTotal, problem, baseline } = useCompareStore();
  if (!open || !baseline) return null;
  const running = status === 'running';
  return (
    <Dialog
      title="Compare A with its variant B"
      testId="compare-panel"
      width={1200}
      onClose={closeComparePanel}
    >
      <div className="compare-header">
        <CompareFormRow running={running} />
        {status !== 'idle' && (
          <div className="compare-progress" data-testid="compare-progress" data-status={status}>
            <progress max={tasksTotal} value={tasksDone} aria-label="Comparison progress" />
            <span>
              {status === 'running'
                ? `${tasksDone} of ${tasksTotal} runs`
                : status === 'done'
                  ? `${tasksTotal} runs`
                  : status === 'cancelled'
                    ? `Cancelled after ${tasksDone} of ${tasksTotal} runs`
                    : `Stopped after ${tasksDone} of ${tasksTotal} runs`}
            </span>
          </div>
        )}
      </div>
      {problem && (
        <p className="compare-problem" role="alert" data-testid="compare-problem">
          {problem}
        </p>
      )}
      <p className="compare-hint">
        B is the open design. Both run the same seeds — every component draws its randomness from (seed,
        component id), common random numbers — so a difference comes from the design, not from luck. Each runs
        its own fault script.
      </p>
      <CompareBody />
    </Dialog>
  );
}
