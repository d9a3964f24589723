// The capacity estimator (phases 2–3): from the requirements card's numbers, per tier the rps it
// sees, its service time, the servers it needs at the target utilisation, storage per year and
// bandwidth — beside what the simulation measured for the same design (the live run's totals
// after warm-up). Assumptions (ρ_target, each cache's hit rate) are editable; every number explains
// its formula on hover (title) and in the row's details.
import { useState } from 'react';
import type { CliJson } from '../../shared/engine/index';
import {
  DEFAULT_CACHE_HIT_PERCENT,
  estimateCapacity,
  measuredTier,
  type EstimateAssumptions,
  type Figure,
  type MeasuredTier,
} from '../../shared/interview/estimator';
import { formatPercent, formatRps } from '../../shared/format';
import { runClient } from '../run/runClient';
import { useDesignStore } from '../store/designStore';
import { updateInterview, useInterview, useInterviewUi } from './interviewStore';

const fixed = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits }) : '∞';

function Number_({ figure, unit, testId }: { figure: Figure | null; unit?: string; testId?: string }) {
  if (!figure) return <span className="interview-muted">—</span>;
  return (
    <span
      className="interview-figure"
      title={figure.formula}
      data-testid={testId}
      data-formula={figure.formula}
    >
      {fixed(figure.value)}
      {unit ? ` ${unit}` : ''}
    </span>
  );
}

export function EstimatorCard() {
  const interview = useInterview();
  const design = useDesignStore((state) => state.design);
  const [measured, setMeasured] = useState<{ tiers: Record<string, MeasuredTier>; atS: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!interview) return null;
  const assumptions = interview.assumptions;
  const estimate = estimateCapacity(design, interview.requirements, assumptions);

  const setAssumptions = (next: EstimateAssumptions) =>
    updateInterview((state) => ({ ...state, assumptions: next }));
  const editNumber = (text: string, what: string, max: number, apply: (value: number) => void) => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max)
      return setProblem(`${what} must be a number above 0 and at most ${max} (got "${text}")`);
    setProblem(null);
    apply(value);
  };

  const measure = async () => {
    const results = (await runClient.results()) as CliJson | null;
    if (!results) {
      setMeasured(null);
      setNote('No run yet: press Run (Space), let it pass the warm-up, then measure.');
      return;
    }
    const measuredS = (results.simTimeMs - design.scenario.warmupS * 1000) / 1000;
    if (measuredS <= 0) {
      setNote(`The run is still in its warm-up (${design.scenario.warmupS} s): measure after it.`);
      return;
    }
    const tiers: Record<string, MeasuredTier> = {};
    for (const tier of estimate.tiers) {
      const totals = results.nodes[tier.nodeId];
      if (totals)
        tiers[tier.nodeId] = measuredTier(
          totals,
          measuredS,
          totals.instances,
          assumptions.targetUtilizationPercent,
        );
    }
    setNote(null);
    setMeasured({ tiers, atS: results.simTimeMs / 1000 });
    useInterviewUi.setState({ lastMeasured: tiers });
  };

  return (
    <section
      className="interview-card interview-estimator"
      data-testid="interview-estimator"
      aria-label="Capacity estimator"
    >
      <header className="interview-card-header">
        <h3>Capacity estimate</h3>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the capacity estimate"
          onClick={() => useInterviewUi.setState({ estimatorOpen: false })}
        >
          ×
        </button>
      </header>
      <p className="interview-arithmetic" data-testid="est-rps" title={estimate.rps.formula}>
        Load from the requirements: {formatRps(estimate.rps.value)}
      </p>
      <label className="interview-number">
        <span>Target utilisation ρ_target</span>
        <input
          data-testid="est-target-utilization"
          defaultValue={String(assumptions.targetUtilizationPercent)}
          onBlur={(event) =>
            editNumber(event.target.value, 'Target utilisation', 100, (value) =>
              setAssumptions({ ...assumptions, targetUtilizationPercent: value }),
            )
          }
          onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
        />
        <span className="interview-unit">%</span>
      </label>
      {problem && (
        <p className="interview-problem-text" role="alert" data-testid="est-problem">
          {problem}
        </p>
      )}
      <table className="interview-table" data-testid="est-table">
        <thead>
          <tr>
            <th>Tier</th>
            <th title="Requests per second it sees, estimated">rps est.</th>
            <th title="Mean service time of one request, from its parameters">service</th>
            <th title="Servers needed at ρ_target, estimated">servers est.</th>
            <th title="Requests per second the run measured (arrivals after warm-up)">rps run</th>
            <th title="Servers the run implies: instances × measured utilisation / ρ_target">servers run</th>
            <th title="Instances in the design now">now</th>
          </tr>
        </thead>
        <tbody>
          {estimate.tiers.map((tier) => {
            const run = measured?.tiers[tier.nodeId];
            return (
              <tr key={tier.nodeId} data-testid={`est-row-${tier.nodeId}`}>
                <td>
                  {tier.label}
                  {tier.hitPercent !== null && (
                    <label className="interview-hit">
                      {' '}
                      hit{' '}
                      <input
                        data-testid={`est-hit-${tier.nodeId}`}
                        aria-label={`Assumed hit rate of ${tier.label}`}
                        defaultValue={String(
                          assumptions.cacheHitPercent[tier.nodeId] ?? DEFAULT_CACHE_HIT_PERCENT,
                        )}
                        onBlur={(event) =>
                          editNumber(event.target.value, `Hit rate of ${tier.label}`, 100, (value) =>
                            setAssumptions({
                              ...assumptions,
                              cacheHitPercent: { ...assumptions.cacheHitPercent, [tier.nodeId]: value },
                            }),
                          )
                        }
                        onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
                      />
                      %
                    </label>
                  )}
                </td>
                <td>
                  <Number_ figure={tier.rps} testId={`est-rps-${tier.nodeId}`} />
                </td>
                <td>
                  <Number_ figure={tier.serviceTimeMs} unit="ms" />
                </td>
                <td>
                  <Number_ figure={tier.serversNeeded} testId={`est-servers-${tier.nodeId}`} />
                </td>
                <td>
                  {run ? (
                    <span
                      className="interview-figure"
                      data-testid={`run-rps-${tier.nodeId}`}
                      title={`arrivals after warm-up / measured seconds; utilisation ${formatPercent(run.utilization)}`}
                    >
                      {fixed(run.rps)}
                    </span>
                  ) : (
                    <span className="interview-muted">—</span>
                  )}
                </td>
                <td>
                  {run ? <Number_ figure={run.serversNeeded} testId={`run-servers-${tier.nodeId}`} /> : '—'}
                </td>
                <td>{tier.instances}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="interview-muted" data-testid="est-storage">
        Storage per year: <Number_ figure={estimate.storagePerYearGB} unit="GB" /> (+{' '}
        {interview.requirements.dataGB} GB today) · bandwidth in{' '}
        <Number_ figure={estimate.bandwidthInMBps} unit="MB/s" />, out{' '}
        <Number_ figure={estimate.bandwidthOutMBps} unit="MB/s" />
      </p>
      <div className="interview-apply">
        <span className="interview-muted" data-testid="est-measured-at">
          {measured
            ? `Measured at ${fixed(measured.atS)} s of the run`
            : (note ?? 'Hover a number for its formula.')}
        </span>
        <button type="button" className="button" data-testid="est-measure" onClick={() => void measure()}>
          Measure from the run
        </button>
      </div>
    </section>
  );
}
