// "Traffic spike ×N for S seconds": the chaos.spike command (P, the node menu, the Run menu) asks
// for N and S here, with the last values used as defaults, and refuses bad input with a message
// naming the field. The spike goes to the selected clients, else to every client.
import { useState, type SyntheticEvent } from 'react';
import { create } from 'zustand';
import { Dialog } from '../ui/Dialog';
import { runClient } from './runClient';

export const SPIKE_DEFAULTS = { factor: 3, durationS: 10 };
export const SPIKE_LIMITS = { factorMin: 1.1, factorMax: 100, durationMin: 1, durationMax: 3600 };

interface SpikeRequest {
  /** Client node ids the spike goes to. */
  targets: string[];
  /** Their labels, for the dialog's sentence. */
  names: string[];
}

export const useSpikeDialog = create<{ request: SpikeRequest | null; last: typeof SPIKE_DEFAULTS }>(() => ({
  request: null,
  last: { ...SPIKE_DEFAULTS },
}));

export function openSpikeDialog(request: SpikeRequest): void {
  useSpikeDialog.setState({ request });
}

/** A message naming what is wrong with N and S, or null when both are valid. */
export function spikeProblem(factorText: string, durationText: string): string | null {
  const factor = Number(factorText.trim());
  const durationS = Number(durationText.trim());
  const { factorMin, factorMax, durationMin, durationMax } = SPIKE_LIMITS;
  if (factorText.trim() === '' || !Number.isFinite(factor))
    return `The multiplier N must be a number (for example 3 for three times the traffic).`;
  if (factor < factorMin || factor > factorMax)
    return `The multiplier N must be between ${factorMin} and ${factorMax} (it was ${factor}).`;
  if (durationText.trim() === '' || !Number.isFinite(durationS))
    return `The duration S must be a number of seconds.`;
  if (durationS < durationMin || durationS > durationMax)
    return `The duration S must be between ${durationMin} and ${durationMax.toLocaleString('en-US')} seconds (it was ${durationS}).`;
  return null;
}

function SpikeForm({ request }: { request: SpikeRequest }) {
  const last = useSpikeDialog((state) => state.last);
  const [factorText, setFactorText] = useState(String(last.factor));
  const [durationText, setDurationText] = useState(String(last.durationS));
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => useSpikeDialog.setState({ request: null });
  const submit = (event?: SyntheticEvent) => {
    event?.preventDefault();
    const issue = spikeProblem(factorText, durationText);
    setProblem(issue);
    if (issue) return;
    const factor = Number(factorText.trim());
    const durationS = Number(durationText.trim());
    useSpikeDialog.setState({ request: null, last: { factor, durationS } });
    for (const target of request.targets) runClient.chaos({ action: 'spike', target, factor, durationS });
  };
  const who = request.names.length === 1 ? request.names[0] : `${request.names.length} clients`;
  return (
    <Dialog
      title="Traffic spike"
      testId="spike-dialog"
      width={400}
      onClose={close}
      footer={
        <>
          <button type="button" className="button button-default" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            form="spike-form"
            className="button button-primary"
            data-testid="spike-dialog-apply"
          >
            Spike now
          </button>
        </>
      }
    >
      <form id="spike-form" className="spike-form" onSubmit={submit} noValidate>
        <p className="spike-sentence">
          Multiply the traffic from <strong>{who}</strong> for a while, starting at the current sim time.
        </p>
        <div className="spike-fields">
          <label className="spike-field">
            <span>Traffic ×N</span>
            <input
              data-testid="spike-factor"
              inputMode="decimal"
              value={factorText}
              aria-invalid={problem?.includes(' N ') ? true : undefined}
              onChange={(event) => setFactorText(event.target.value)}
              onKeyDown={(event) => event.key === 'Enter' && submit(event)}
            />
          </label>
          <label className="spike-field">
            <span>for S seconds</span>
            <input
              data-testid="spike-duration"
              inputMode="decimal"
              value={durationText}
              aria-invalid={problem?.includes(' S ') ? true : undefined}
              onChange={(event) => setDurationText(event.target.value)}
              onKeyDown={(event) => event.key === 'Enter' && submit(event)}
            />
          </label>
        </div>
        {problem ? (
          <p className="spike-problem" role="alert" data-testid="spike-problem">
            {problem}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}

export function SpikeDialog() {
  const request = useSpikeDialog((state) => state.request);
  return request ? <SpikeForm request={request} /> : null;
}
