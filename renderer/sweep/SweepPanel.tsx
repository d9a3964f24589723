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
import { SweepChart } from './SweepChart';
import { sweepChartSet } from './sweepCharts';
import { withInterval } from './sweepReport';
import { exportSweepReport } from './exportSweepReport';
import { kneeSentence, noiseSentence, sloLimitSentence, sweepableParams, timeLeftText } from './sweepModel';
import { cancelSweep, closeSweepPanel, startSweep, useSweepStore, type SweepForm } from './sweepStore';
import './sweep.css';

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
      <label className="form-field sweep-field sweep-field-param">
        Parameter
        <select data-testid="sweep-param" value={draft.param} onChange={set('param')} disabled={running}>
          {params.map((param) => (
            <option key={param.path} value={param.path}>
              {param.label} ({param.unit})
            </option>
          ))}
        </select>
      </label>
      <label className="form-field sweep-field">
        <span>From {unit && <span className="sweep-unit">{unit}</span>}</span>
        <input data-testid="sweep-from" value={draft.from} onChange={set('from')} disabled={running} />
      </label>
      <label className="form-field sweep-field">
        <span>To {unit && <span className="sweep-unit">{unit}</span>}</span>
        <input data-testid="sweep-to" value={draft.to} onChange={set('to')} disabled={running} />
      </label>
      <label className="form-field sweep-field sweep-field-small">
        Points
        <input data-testid="sweep-steps" value={draft.steps} onChange={set('steps')} disabled={running} />
      </label>
      <label className="form-field sweep-field sweep-field-small">
        Seeds
        <input data-testid="sweep-seeds" value={draft.seeds} onChange={set('seeds')} disabled={running} />
      </label>
      <label className="form-field sweep-field sweep-field-small">
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
  const chartSet = useMemo(
    () =>
      result
        ? sweepChartSet(
            result,
            (id) => useDesignStore.getState().design.nodes.find((node) => node.id === id)?.label ?? id,
            theme,
            complete,
          )
        : null,
    [result, theme, complete],
  );
  if (!result || !chartSet || !plan) return null;
  const unit = result.unit;
  return (
    <>
      <p className="sweep-verdict" data-testid="sweep-verdict" aria-live="polite">
        {complete
          ? sloLimitSentence(result)
          : `${result.points.length} of ${plan.values.length} points in; the knee and the SLO limit are stated when every point has run.`}
        {complete && result.knee && (
          <span className="sweep-knee" data-testid="sweep-knee">
            {' '}
            {kneeSentence(result)}
          </span>
        )}
        {complete && result.seeds.length > 1 && <span className="sweep-noise"> {noiseSentence(result)}</span>}
      </p>
      <div className="sweep-charts">
        {chartSet.map(({ title, testId, x, spec }) => (
          <SweepChart key={testId} title={title} testId={testId} x={x} {...spec} />
        ))}
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
      {complete && (
        <div className="sweep-actions">
          <button
            type="button"
            className="button button-default"
            data-testid="sweep-save-report"
            onClick={() => void exportSweepReport()}
          >
            Save report…
          </button>
        </div>
      )}
    </>
  );
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
