// "Sweep a parameter…": vary one numeric parameter of the open design over a range, each point at
// one or more seeds, run in parallel on every core; the points stream into the charts as they
// finish, with the capacity knee and the largest value within the SLO marked and said in words.
import { useMemo, useState, type SyntheticEvent } from 'react';
import { Dialog } from '../ui/Dialog';
import { RunOrCancel } from '../ui/RunOrCancel';
import { useDesignStore } from '../store/designStore';
import { useResolvedTheme } from '../ui/themeColors';
import { chartTheme } from '../dock/chartTheme';
import { formatMs, formatNumber, formatPercent, formatRps } from '../../shared/format';
import type { Estimate } from '../../shared/analysis/confidence';
import type { SweepResult } from '../../shared/analysis/sweep';
import { SweepChart, type SweepLine, type SweepMarker } from './SweepChart';
import { sweepableParams, timeLeftText } from './sweepModel';
import { cancelSweep, closeSweepPanel, startSweep, useSweepStore, type SweepForm } from './sweepStore';
import './sweep.css';

const mean = (estimate: Estimate) => estimate.mean;
const percent = (value: number | null) => (value === null ? null : value * 100);
const formatPercentAxis = (value: number | null) => formatPercent(value === null ? null : value / 100);
const formatRpsAxis = (value: number | null) => formatRps(value, 'compact');
const formatMsAxis = (value: number | null) => formatMs(value, 'compact');

/** A line with its 95% band when the sweep has replications. */
function line(
  label: string,
  style: number,
  estimates: Estimate[],
  bands: boolean,
  scale: (value: number | null) => number | null = (value) => value,
): SweepLine {
  return {
    label,
    style,
    values: estimates.map((estimate) => scale(mean(estimate))),
    ...(bands ? { low: estimates.map((e) => scale(e.low)), high: estimates.map((e) => scale(e.high)) } : {}),
  };
}

/** The charts' data, from the result over the complete points. */
export function sweepCharts(result: SweepResult) {
  const bands = result.seeds.length > 1;
  const points = result.points;
  const x = points.map((point) => point.value);
  const flat = (value: number) => points.map(() => value);
  const latency: SweepLine[] = [
    line(
      'p50',
      2,
      points.map((p) => p.latencyMs.p50),
      false,
    ),
    line(
      'p95',
      1,
      points.map((p) => p.latencyMs.p95),
      false,
    ),
    line(
      'p99',
      0,
      points.map((p) => p.latencyMs.p99),
      bands,
    ),
    {
      label: `SLO p99 ${formatMs(result.slo.p99Ms)}`,
      style: 0,
      values: flat(result.slo.p99Ms),
      reference: true,
    },
  ];
  const throughput: SweepLine[] = [
    line(
      'offered',
      1,
      points.map((p) => p.offeredRps),
      false,
    ),
    line(
      'throughput',
      0,
      points.map((p) => p.throughputRps),
      bands,
    ),
  ];
  const errors: SweepLine[] = [
    line(
      'error rate',
      0,
      points.map((p) => p.errorRate),
      bands,
      percent,
    ),
    {
      label: `SLO max ${formatPercent(result.slo.maxErrorRate)}`,
      style: 0,
      values: flat(result.slo.maxErrorRate * 100),
      reference: true,
    },
  ];
  // The five tiers whose hottest instance gets busiest.
  const tiers = Object.entries(points.at(-1)?.nodes ?? {})
    .filter(([, node]) => (node.hottestInstanceUtilization.mean ?? 0) > 0)
    .sort((a, b) => b[1].hottestInstanceUtilization.mean! - a[1].hottestInstanceUtilization.mean!)
    .slice(0, 5)
    .map(([id]) => id);
  return { x, latency, throughput, errors, tiers };
}

export function sweepMarkers(result: SweepResult, complete: boolean): SweepMarker[] {
  if (!complete) return [];
  const markers: SweepMarker[] = [];
  if (result.knee)
    markers.push({
      at: result.knee.load,
      label: `knee ${formatNumber(result.knee.load)} (${result.knee.reason === 'latency' ? 'p99 bends' : 'throughput stops'})`,
    });
  if (result.withinSlo.maxLoad !== null && result.withinSlo.withinRange)
    markers.push({
      at: result.withinSlo.maxLoad,
      label: `SLO limit ${formatNumber(result.withinSlo.maxLoad)}`,
    });
  return markers;
}

function SweepFormRow({ form, running }: { form: SweepForm; running: boolean }) {
  const design = useDesignStore((state) => state.design);
  const params = useMemo(() => sweepableParams(design), [design]);
  const [draft, setDraft] = useState(form);
  const set = (field: keyof SweepForm) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void startSweep(useDesignStore.getState().design, draft);
  };
  const unit = params.find((param) => param.path === draft.param)?.unit ?? '';
  return (
    <form id="sweep-form" className="sweep-form" onSubmit={submit}>
      <label className="sweep-field sweep-field-param">
        Parameter
        <select data-testid="sweep-param" value={draft.param} onChange={set('param')} disabled={running}>
          {params.map((param) => (
            <option key={param.path} value={param.path}>
              {param.label} ({param.unit})
            </option>
          ))}
        </select>
      </label>
      <label className="sweep-field">
        <span>From {unit && <span className="sweep-unit">{unit}</span>}</span>
        <input data-testid="sweep-from" value={draft.from} onChange={set('from')} disabled={running} />
      </label>
      <label className="sweep-field">
        <span>To {unit && <span className="sweep-unit">{unit}</span>}</span>
        <input data-testid="sweep-to" value={draft.to} onChange={set('to')} disabled={running} />
      </label>
      <label className="sweep-field sweep-field-small">
        Points
        <input data-testid="sweep-steps" value={draft.steps} onChange={set('steps')} disabled={running} />
      </label>
      <label className="sweep-field sweep-field-small">
        Seeds
        <input data-testid="sweep-seeds" value={draft.seeds} onChange={set('seeds')} disabled={running} />
      </label>
      <label className="sweep-field sweep-field-small">
        Seconds each
        <input
          data-testid="sweep-duration"
          value={draft.durationS}
          onChange={set('durationS')}
          disabled={running}
        />
      </label>
      <RunOrCancel running={running} label="Run sweep" testId="sweep" onCancel={cancelSweep} />
    </form>
  );
}

function SweepProgress() {
  const { status, tasksDone, plan, elapsedMs, jobs } = useSweepStore();
  if (!plan || status === 'idle') return null;
  const total = plan.tasks.length;
  const left = status === 'running' ? timeLeftText(tasksDone, total, elapsedMs) : null;
  const said =
    status === 'running'
      ? `${tasksDone} of ${total} runs · ${jobs} at a time${left ? ` · ${left}` : ''}`
      : status === 'done'
        ? `${total} runs in ${formatNumber(elapsedMs / 1000)} s · ${jobs} at a time`
        : status === 'cancelled'
          ? `Cancelled after ${tasksDone} of ${total} runs; the finished points are kept.`
          : `Stopped after ${tasksDone} of ${total} runs.`;
  return (
    <div
      className="sweep-progress"
      data-testid="sweep-progress"
      data-status={status}
      data-done={tasksDone}
      data-total={total}
    >
      <progress max={total} value={tasksDone} aria-label="Sweep progress" />
      <span>{said}</span>
    </div>
  );
}

function SweepResults() {
  const { result, status, plan } = useSweepStore();
  const theme = chartTheme(useResolvedTheme());
  const complete = status === 'done';
  const charts = useMemo(() => (result ? sweepCharts(result) : null), [result]);
  const markers = useMemo(() => (result ? sweepMarkers(result, complete) : []), [result, complete]);
  const utilization = useMemo<SweepLine[]>(
    () =>
      result && charts
        ? charts.tiers.map((id, index) =>
            line(
              useDesignStore.getState().design.nodes.find((node) => node.id === id)?.label ?? id,
              index,
              result.points.map(
                (point) =>
                  point.nodes[id]?.hottestInstanceUtilization ?? {
                    mean: null,
                    halfWidth: null,
                    low: null,
                    high: null,
                    n: 0,
                  },
              ),
              false,
              percent,
            ),
          )
        : [],
    [result, charts],
  );
  if (!result || !charts || !plan) return null;
  const unit = result.unit;
  return (
    <>
      <p className="sweep-verdict" data-testid="sweep-verdict" aria-live="polite">
        {complete
          ? sentence(result.withinSlo.summary)
          : `${result.points.length} of ${plan.values.length} points in; the knee and the SLO limit are stated when every point has run.`}
        {complete && result.knee && (
          <span className="sweep-knee" data-testid="sweep-knee">
            {' '}
            The knee is at {formatNumber(result.knee.load)} {unit}:{' '}
            {result.knee.reason === 'latency'
              ? 'beyond it p99 grows faster than load (elasticity ≥ 2).'
              : 'beyond it throughput stops tracking the offered load.'}
          </span>
        )}
        {complete && result.seeds.length > 1 && (
          <span className="sweep-noise">
            {' '}
            Bands are 95% confidence intervals over {result.seeds.length} seeds.
          </span>
        )}
      </p>
      <div className="sweep-charts">
        <SweepChart
          title={`Latency vs ${unit}`}
          testId="sweep-chart-latency"
          x={charts.x}
          lines={charts.latency}
          markers={markers}
          theme={theme}
          format={formatMsAxis}
        />
        <SweepChart
          title="Throughput"
          testId="sweep-chart-throughput"
          x={charts.x}
          lines={charts.throughput}
          markers={markers}
          theme={theme}
          format={formatRpsAxis}
        />
        <SweepChart
          title="Errors"
          testId="sweep-chart-errors"
          x={charts.x}
          lines={charts.errors}
          markers={markers}
          theme={theme}
          format={formatPercentAxis}
          yMax={undefined}
        />
        <SweepChart
          title="Hottest instance per tier"
          testId="sweep-chart-utilization"
          x={charts.x}
          lines={utilization}
          markers={markers}
          theme={theme}
          format={formatPercentAxis}
          yMax={100}
        />
      </div>
      <table className="sweep-table" data-testid="sweep-table">
        <thead>
          <tr>
            <th>{unit}</th>
            <th>throughput</th>
            <th>p99</th>
            <th>errors</th>
            <th>SLO</th>
          </tr>
        </thead>
        <tbody>
          {result.points.map((point) => (
            <tr key={point.value} data-within-slo={point.withinSlo}>
              <td>{formatNumber(point.value)}</td>
              <td>{withInterval(point.throughputRps, formatRps)}</td>
              <td>{withInterval(point.latencyMs.p99, formatMs)}</td>
              <td>{formatPercent(point.errorRate.mean)}</td>
              <td>{point.withinSlo ? 'meets' : 'fails'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The analysis core's clause as a sentence: a capital first letter and a full stop. */
const sentence = (clause: string) =>
  `${clause.charAt(0).toUpperCase()}${clause.slice(1)}${clause.endsWith('.') ? '' : '.'}`;

function withInterval(estimate: Estimate, format: (value: number | null) => string): string {
  return estimate.halfWidth === null
    ? format(estimate.mean)
    : `${format(estimate.mean)} ± ${format(estimate.halfWidth)}`;
}

export function SweepPanel() {
  const { open, form, status, problem } = useSweepStore();
  if (!open || !form) return null;
  const running = status === 'running';
  return (
    <Dialog title="Sweep a parameter" testId="sweep-panel" width={1040} onClose={closeSweepPanel}>
      <SweepFormRow form={form} running={running} />
      {problem && (
        <p className="sweep-problem" role="alert" data-testid="sweep-problem">
          {problem}
        </p>
      )}
      <p className="sweep-hint">
        Every point runs the same seeds (common random numbers), so differences between points come from the
        parameter, not from luck. Runs use every core.
      </p>
      <SweepProgress />
      <SweepResults />
    </Dialog>
  );
}
