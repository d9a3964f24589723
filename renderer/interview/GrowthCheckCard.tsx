// The growth check: the open design at today's load and at × factor (the requirements' growth,
// +20% by default), the same seed and scenario, both runs in the run pool off the main thread.
// The verdict per SLO line, and the tier that breaks first — the one whose busiest instance is
// busiest after growth — with Why's reading of where the slowest requests spend their time.
import { useState } from 'react';
import { DEFAULT_MAX_EVENTS } from '../../shared/engine/limits';
import {
  growthFactorProblem,
  growthVerdict,
  planGrowthCheck,
  type GrowthVerdict,
} from '../../shared/interview/growth';
import { clientNodes, growthFactor } from '../../shared/interview/requirements';
import { formatMs, formatPercent, formatRps } from '../../shared/format';
import { runPool } from '../worker/runPool';
import { whyView } from '../dock/why';
import { useDesignStore } from '../store/designStore';
import { useInterview, useInterviewUi } from './interviewStore';

interface Outcome {
  factor: number;
  verdict: GrowthVerdict;
  why: string;
  labels: Record<string, string>;
}

export function GrowthCheckCard() {
  const interview = useInterview();
  const [factorText, setFactorText] = useState(() =>
    String(interview ? Number(growthFactor(interview.requirements).toFixed(4)) : 1.2),
  );
  const [status, setStatus] = useState<'idle' | 'running' | 'done' | 'failed'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async () => {
    const issue = growthFactorProblem(factorText);
    if (issue) return setProblem(issue);
    const design = useDesignStore.getState().design;
    if (clientNodes(design).length === 0)
      return setProblem('The design has no client: add one so there is a load to grow.');
    setProblem(null);
    setStatus('running');
    const factor = Number(factorText.trim());
    try {
      const explanations: Record<number, unknown> = {};
      const [today, grown] = await runPool(planGrowthCheck(design, factor, DEFAULT_MAX_EVENTS), {
        explain: true,
        onResult: (index, _summary, extra) => {
          explanations[index] = extra.explanation;
        },
      });
      const labels = Object.fromEntries(design.nodes.map((node) => [node.id, node.label]));
      const verdict = growthVerdict(design, today, grown, {
        ms: formatMs,
        percent: formatPercent,
        rps: formatRps,
      });
      const explanation = explanations[1] as Parameters<typeof whyView>[0] | undefined;
      const why = explanation ? whyView(explanation, (id) => labels[id] ?? id).latencySentence : '';
      setOutcome({ factor, verdict, why, labels });
      useInterviewUi.setState({ lastGrowth: { factor, verdict, why } });
      setStatus('done');
    } catch (error) {
      setProblem(`The growth check failed: ${error instanceof Error ? error.message : String(error)}`);
      setStatus('failed');
    }
  };

  const show = (id: string, value: number) =>
    id === 'p99' ? formatMs(value) : id === 'errors' ? formatPercent(value) : formatRps(value);

  return (
    <section
      className="interview-card interview-growth"
      data-testid="interview-growth"
      aria-label="Growth check"
    >
      <header className="interview-card-header">
        <h3>Growth check</h3>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the growth check"
          onClick={() => useInterviewUi.setState({ growthOpen: false })}
        >
          ×
        </button>
      </header>
      <div className="interview-apply">
        <label>
          Load ×{' '}
          <input
            className="interview-custom-length"
            data-testid="growth-factor"
            value={factorText}
            onChange={(event) => setFactorText(event.target.value)}
          />
        </label>
        <button
          type="button"
          className="button button-primary"
          data-testid="growth-run"
          disabled={status === 'running'}
          onClick={() => void run()}
        >
          {status === 'running' ? 'Running both…' : 'Run today and grown'}
        </button>
      </div>
      <p className="interview-muted" data-testid="growth-status" data-status={status}>
        {status === 'running'
          ? 'Two runs at the same seed and scenario, off the main thread…'
          : 'The same seed, scenario and duration as the design; clients’ rps (open loop) or users (closed loop) × the factor.'}
      </p>
      {problem && (
        <p className="interview-problem-text" role="alert" data-testid="growth-problem">
          {problem}
        </p>
      )}
      {outcome && (
        <>
          <table className="interview-table" data-testid="growth-table">
            <thead>
              <tr>
                <th>SLO line</th>
                <th>target</th>
                <th>today</th>
                <th>× {outcome.factor}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.verdict.lines.map((line) => (
                <tr
                  key={line.id}
                  data-testid={`growth-line-${line.id}`}
                  data-grown-pass={String(line.grown.pass)}
                >
                  <td>{line.label}</td>
                  <td>{line.limit}</td>
                  <td className={line.today.pass ? 'tone-pass' : 'tone-fail'}>
                    {line.today.pass ? '✓' : '✕'} {show(line.id, line.today.value)}
                  </td>
                  <td className={line.grown.pass ? 'tone-pass' : 'tone-fail'}>
                    {line.grown.pass ? '✓' : '✕'} {show(line.id, line.grown.value)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="growth-verdict" data-pass={String(outcome.verdict.grownPasses)}>
            {outcome.verdict.grownPasses
              ? `✓ The design meets its SLO at × ${outcome.factor}.`
              : `✕ At × ${outcome.factor} the design misses its SLO${outcome.verdict.todayPasses ? ' (it meets it today)' : ' (and already misses it today)'}.`}
          </p>
          {outcome.verdict.breaksFirst && (
            <p data-testid="growth-breaks-first">
              Breaks first: {outcome.labels[outcome.verdict.breaksFirst.nodeId]} — busiest instance{' '}
              {formatPercent(outcome.verdict.breaksFirst.today.utilization)} busy today,{' '}
              {formatPercent(outcome.verdict.breaksFirst.grown.utilization)} at × {outcome.factor}
              {outcome.verdict.breaksFirst.grown.instance
                ? ` (${outcome.verdict.breaksFirst.grown.instance})`
                : ''}
              .
            </p>
          )}
          {outcome.why && (
            <p className="interview-muted" data-testid="growth-why">
              Why (× {outcome.factor}): {outcome.why}
            </p>
          )}
        </>
      )}
    </section>
  );
}
