// "Repeat the run over seeds…": N runs of the open design at seeds base … base + N − 1 in the run
// pool; the SLO verdict per line with its 95% interval (meets / fails only when the whole interval
// is on one side of the target, else too close to call), the end-to-end figures as mean ± CI, and
// Why over seeds. The dock's SLO badge and Why panel then show the same verdict for this revision.
import { useState, type SyntheticEvent } from 'react';
import { Dialog } from '../ui/Dialog';
import { RunOrCancel } from '../ui/RunOrCancel';
import { useDesignStore } from '../store/designStore';
import { formatMs, formatPercent, formatRps } from '../../shared/format';
import type { Estimate } from '../../shared/analysis/confidence';
import { cancelReplications, startReplications, useReplications, type ReplicationForm } from './replications';
import { whyOverSeeds } from './why';

const withInterval = (estimate: Estimate, format: (value: number | null) => string) =>
  estimate.halfWidth === null
    ? format(estimate.mean)
    : `${format(estimate.mean)} ± ${format(estimate.halfWidth)}`;

function FormRow({ form, running }: { form: ReplicationForm; running: boolean }) {
  const [draft, setDraft] = useState(form);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const { design, revision } = useDesignStore.getState();
    void startReplications(design, revision, draft);
  };
  return (
    <form className="replications-form" onSubmit={submit}>
      <label className="form-field replications-field">
        Seeds
        <input
          data-testid="replications-seeds"
          value={draft.seeds}
          disabled={running}
          onChange={(event) => setDraft({ ...draft, seeds: event.target.value })}
        />
      </label>
      <label className="form-field replications-field">
        Seconds each
        <input
          data-testid="replications-duration"
          value={draft.durationS}
          disabled={running}
          onChange={(event) => setDraft({ ...draft, durationS: event.target.value })}
        />
      </label>
      <RunOrCancel running={running} label="Run all" testId="replications" onCancel={cancelReplications} />
    </form>
  );
}

export function ReplicationsPanel() {
  const { open, form, status, problem, tasksDone, tasksTotal, result, explanations } = useReplications();
  const design = useDesignStore((state) => state.design);
  if (!open || !form) return null;
  const labelOf = (id: string) => design.nodes.find((node) => node.id === id)?.label ?? id;
  const close = () => useReplications.setState({ open: false });
  const why = status === 'done' && explanations.length > 0 ? whyOverSeeds(explanations, labelOf) : null;
  return (
    <Dialog title="Repeat the run over seeds" testId="replications-panel" width={720} onClose={close}>
      <FormRow form={form} running={status === 'running'} />
      {problem && (
        <p className="replications-problem" role="alert" data-testid="replications-problem">
          {problem}
        </p>
      )}
      <p className="replications-hint">
        One run is one sample of luck. Each seed draws new arrivals and service times; the 95% interval says
        how far the mean could be from the truth.
      </p>
      {status !== 'idle' && (
        <div className="replications-progress" data-testid="replications-progress" data-status={status}>
          <progress max={tasksTotal} value={tasksDone} aria-label="Runs done" />
          <span>
            {status === 'running'
              ? `${tasksDone} of ${tasksTotal} runs`
              : status === 'done'
                ? `${tasksTotal} runs`
                : `Stopped after ${tasksDone} of ${tasksTotal} runs`}
          </span>
        </div>
      )}
      {status === 'done' && result && (
        <>
          <ul className="replications-slo" data-testid="replications-slo" data-verdict={result.verdict}>
            {result.slo.map((line) => (
              <li key={line.line} data-line={line.line} data-verdict={line.verdict}>
                <span className="replications-mark" aria-hidden="true">
                  {line.verdict === 'meets' ? '✓' : line.verdict === 'fails' ? '✕' : '≈'}
                </span>
                {line.text}
              </li>
            ))}
          </ul>
          <table className="replications-table" data-testid="replications-table">
            <tbody>
              <tr>
                <th>throughput</th>
                <td>{withInterval(result.global.throughputRps, formatRps)}</td>
                <th>p50</th>
                <td>{withInterval(result.global.p50Ms, formatMs)}</td>
                <th>p95</th>
                <td>{withInterval(result.global.p95Ms, formatMs)}</td>
              </tr>
              <tr>
                <th>p99</th>
                <td>{withInterval(result.global.p99Ms, formatMs)}</td>
                <th>error rate</th>
                <td>{withInterval(result.global.errorRate, formatPercent)}</td>
                <th>seeds</th>
                <td>
                  {result.seeds[0]}–{result.seeds.at(-1)}
                </td>
              </tr>
            </tbody>
          </table>
          {why && (
            <p className="replications-why" data-testid="replications-why" data-agree={why.agree}>
              <strong>Why, over seeds:</strong> {why.sentence}
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}
