// The requirements card (phase 1): the numbers the candidate settles with the interviewer. It shows
// the load they imply by Little's law as the arithmetic itself, and Apply writes the SLO (p99, the
// error budget) and configures every client — closed loop (users + think time) or open loop (the
// Little's-law rate) — through the document's normal edit path (one undo step, hot edits while a
// run is live). A field that is not a usable number is named and nothing is applied.
import { useState } from 'react';
import {
  clientNodes,
  clientParams,
  loadFigures,
  requirementsProblems,
  sloFromRequirements,
  type ClientMode,
  type Requirements,
} from '../../shared/interview/requirements';
import { formatPercent, formatRps } from '../../shared/format';
import { useDesignStore } from '../store/designStore';
import { useInterview, useInterviewUi } from './interviewStore';

type NumberField = Exclude<keyof Requirements, 'loadModel'>;

const FIELDS: { name: NumberField; label: string; unit: string; when?: Requirements['loadModel'] }[] = [
  { name: 'concurrentUsers', label: 'Concurrent users', unit: 'users' },
  { name: 'thinkTimeMs', label: 'Think time between requests', unit: 'ms', when: 'thinkTime' },
  {
    name: 'requestsPerUserPerMinute',
    label: 'Requests per user per minute',
    unit: '/min',
    when: 'perMinute',
  },
  { name: 'expectedResponseMs', label: 'Expected response time', unit: 'ms' },
  { name: 'readPercent', label: 'Reads', unit: '%' },
  { name: 'requestKB', label: 'Request payload', unit: 'KB' },
  { name: 'responseKB', label: 'Response payload', unit: 'KB' },
  { name: 'p99Ms', label: 'Latency target (p99)', unit: 'ms' },
  { name: 'availabilityPercent', label: 'Availability', unit: '%' },
  { name: 'dataGB', label: 'Data size today', unit: 'GB' },
  { name: 'growthPercent', label: 'Traffic growth', unit: '%' },
  { name: 'growthMonths', label: 'Growth over', unit: 'months' },
];

type Form = Record<NumberField, string> & { loadModel: Requirements['loadModel'] };

const toForm = (requirements: Requirements): Form =>
  ({
    ...Object.fromEntries(FIELDS.map((field) => [field.name, String(requirements[field.name])])),
    loadModel: requirements.loadModel,
  }) as Form;

/** The form as requirements, or the fields that are not numbers. */
function parseForm(form: Form): {
  requirements: Requirements;
  problems: Partial<Record<NumberField, string>>;
} {
  const problems: Partial<Record<NumberField, string>> = {};
  const values = {} as Record<NumberField, number>;
  for (const field of FIELDS) {
    const text = form[field.name].trim();
    const value = Number(text.replace(/,/g, ''));
    if (text === '' || !Number.isFinite(value))
      problems[field.name] = `${field.label} must be a number (got "${form[field.name]}")`;
    values[field.name] = value;
  }
  const requirements: Requirements = { ...values, loadModel: form.loadModel };
  return { requirements, problems: { ...requirementsProblems(requirements), ...problems } };
}

export function RequirementsCard() {
  const interview = useInterview();
  const clients = useDesignStore((state) => clientNodes(state.design).length);
  const [form, setForm] = useState<Form>(() => toForm(interview!.requirements));
  const [mode, setMode] = useState<ClientMode>('closed');
  const [shownProblems, setShownProblems] = useState<string[]>([]);
  const [applied, setApplied] = useState<string | null>(null);
  if (!interview) return null;
  const { requirements, problems } = parseForm(form);
  const relevant = Object.entries(problems)
    .filter(([name]) => {
      const when = FIELDS.find((field) => field.name === name)?.when;
      return !when || when === form.loadModel;
    })
    .map(([, message]) => message as string);
  const load = relevant.length === 0 ? loadFigures(requirements) : null;

  const apply = () => {
    if (relevant.length > 0) {
      setShownProblems(relevant);
      setApplied(null);
      return;
    }
    setShownProblems([]);
    const params = clientParams(requirements, mode, clients);
    useDesignStore.getState().change('Apply interview requirements', (design) => {
      design.slo = sloFromRequirements(requirements, design.slo);
      for (const node of clientNodes(design)) Object.assign(node.params, params);
      if (design.interview) design.interview.requirements = requirements;
    });
    const slo = sloFromRequirements(requirements, useDesignStore.getState().design.slo);
    setApplied(
      `SLO set: p99 ≤ ${requirements.p99Ms} ms, errors ≤ ${formatPercent(slo.maxErrorRate)}. ` +
        (clients === 0
          ? 'No client in the design yet: add one and apply again to configure it.'
          : `${clients} client${clients === 1 ? '' : 's'} set to ${
              mode === 'closed'
                ? `${params.users} users with ${params.thinkTimeMs} ms think time each`
                : `${formatRps(Number(params.rps))} open loop each`
            }.`),
    );
  };

  return (
    <section className="interview-card" data-testid="interview-requirements" aria-label="Requirements card">
      <header className="interview-card-header">
        <h3>Requirements</h3>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the requirements card"
          onClick={() => useInterviewUi.setState({ requirementsOpen: false })}
        >
          ×
        </button>
      </header>
      <div className="interview-load-model" role="radiogroup" aria-label="Load stated as">
        <label>
          <input
            type="radio"
            name="load-model"
            data-testid="req-loadModel-thinkTime"
            checked={form.loadModel === 'thinkTime'}
            onChange={() => setForm({ ...form, loadModel: 'thinkTime' })}
          />
          Think time
        </label>
        <label>
          <input
            type="radio"
            name="load-model"
            data-testid="req-loadModel-perMinute"
            checked={form.loadModel === 'perMinute'}
            onChange={() => setForm({ ...form, loadModel: 'perMinute' })}
          />
          Requests per minute
        </label>
      </div>
      <div className="interview-fields">
        {FIELDS.filter((field) => !field.when || field.when === form.loadModel).map((field) => (
          <label key={field.name} className="interview-number">
            <span>{field.label}</span>
            <input
              data-testid={`req-${field.name}`}
              inputMode="decimal"
              value={form[field.name]}
              aria-invalid={problems[field.name] ? true : undefined}
              onChange={(event) => setForm({ ...form, [field.name]: event.target.value })}
            />
            <span className="interview-unit">{field.unit}</span>
          </label>
        ))}
      </div>
      <p
        className="interview-arithmetic"
        data-testid="req-littles-law"
        title="Little's law: in a closed loop each user's cycle is think time + response time"
      >
        {load ? load.arithmetic : 'Fix the fields named below to see the load.'}
      </p>
      {load && (
        <p className="interview-muted" data-testid="req-split">
          {formatRps(load.readRps)} reads + {formatRps(load.writeRps)} writes
        </p>
      )}
      <div className="interview-apply">
        <label>
          Clients as{' '}
          <select
            data-testid="req-client-mode"
            value={mode}
            onChange={(event) => setMode(event.target.value as ClientMode)}
          >
            <option value="closed">closed loop (users + think time)</option>
            <option value="open">open loop (req/s)</option>
          </select>
        </label>
        <button type="button" className="button button-primary" data-testid="req-apply" onClick={apply}>
          Apply to design
        </button>
      </div>
      {shownProblems.length > 0 && (
        <ul className="interview-problem-text" role="alert" data-testid="req-problems">
          {shownProblems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {applied && (
        <p className="interview-applied" data-testid="req-applied">
          {applied}
        </p>
      )}
    </section>
  );
}
