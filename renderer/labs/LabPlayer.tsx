// The open lab, beside the canvas: the step's caption in large type (readable on a shared screen),
// its task, the live check mark, Show me / Reset step, Back / Next and a progress bar. → / Enter
// and ← step while focus is in the player (routed to the labs.* commands); elsewhere the canvas
// keeps its arrows. The design stays fully editable while a lab is open.
import type { KeyboardEvent } from 'react';
import { runCommand } from '../commands/registry';
import { isTextInput } from '../commands/keyboard';
import { useDesignStore } from '../store/designStore';
import { doneStepCount } from './labProgress';
import { captionText, compareStepVariants, resetStep, showMe, stepVariantPair } from './labSession';
import { currentStep, useLabStore } from './labStore';

const CHECK_WORDS = { pass: 'Check holds', pending: 'Not yet', fail: 'Did not hold' } as const;

export function LabPlayer() {
  const open = useLabStore((state) => state.open);
  const stepIndex = useLabStore((state) => state.stepIndex);
  const step = useLabStore(currentStep);
  const check = useLabStore((state) => state.check);
  const captionHidden = useLabStore((state) => state.captionHidden);
  const progress = useLabStore((state) => state.progress);
  const comparison = useLabStore((state) => state.comparison);
  const design = useDesignStore((state) => state.design);
  if (!open || !step) return null;
  const { lab } = open;
  const total = lab.steps.length;
  const done = new Set(progress[lab.id] ?? []);
  const doneCount = doneStepCount(
    progress,
    lab.id,
    lab.steps.map((s) => s.id),
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (isTextInput(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
    // Enter on a button is that button's click; elsewhere in the player it means Next.
    const onButton = event.target instanceof HTMLButtonElement;
    if (event.key === 'ArrowRight' || (event.key === 'Enter' && !onButton)) {
      event.preventDefault();
      void runCommand('labs.nextStep');
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      void runCommand('labs.previousStep');
    }
  };

  return (
    <aside
      className="lab-player"
      data-testid="lab-player"
      aria-label={`Lab: ${lab.title}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <header className="lab-player-header">
        <div>
          <div className="lab-player-concept">{lab.concept}</div>
          <h2 className="lab-player-title">{lab.title}</h2>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the lab"
          data-testid="lab-close"
          onClick={() => void runCommand('labs.close')}
        >
          ×
        </button>
      </header>
      <div className="lab-progress" aria-label={`Step ${stepIndex + 1} of ${total}, ${doneCount} done`}>
        <div className="lab-progress-steps">
          {lab.steps.map((s, index) => (
            <span
              key={s.id}
              className={`lab-progress-step${index === stepIndex ? ' current' : ''}${done.has(s.id) ? ' done' : ''}`}
            />
          ))}
        </div>
        <span className="lab-progress-text" data-testid="lab-step-number">
          Step {stepIndex + 1} of {total}
          {step.phase ? ` · ${PHASE_WORDS[step.phase]}` : ''}
        </span>
      </div>
      <div className="lab-step" data-testid="lab-step" data-step-id={step.id}>
        {captionHidden ? (
          <button
            type="button"
            className="button lab-caption-show"
            data-testid="lab-caption-show"
            onClick={() => useLabStore.setState({ captionHidden: false })}
          >
            Show the caption
          </button>
        ) : (
          <div className="lab-caption-box">
            <p className="lab-caption" data-testid="lab-caption">
              {captionText(step, design)}
            </p>
            <button
              type="button"
              className="icon-button lab-caption-hide"
              aria-label="Hide the caption"
              data-testid="lab-caption-hide"
              onClick={() => useLabStore.setState({ captionHidden: true })}
            >
              ×
            </button>
          </div>
        )}
        {step.task && (
          <div className="lab-task" data-testid="lab-task">
            <span className="lab-label">Your task</span>
            {step.task}
          </div>
        )}
        {step.check && (
          <div
            className={`lab-check lab-check-${check?.state ?? 'pending'}`}
            data-testid="lab-check"
            data-state={check?.state ?? 'pending'}
            role="status"
          >
            <span className="lab-check-mark" aria-hidden>
              {check?.state === 'pass' ? '✓' : check?.state === 'fail' ? '✗' : '○'}
            </span>
            <span>
              <strong>{step.check.label ?? CHECK_WORDS[check?.state ?? 'pending']}</strong>
              {step.check.label && (
                <span className="lab-check-state"> — {CHECK_WORDS[check?.state ?? 'pending']}</span>
              )}
              <span className="lab-check-detail" data-testid="lab-check-detail">
                {check?.detail ?? 'Run the design: the check reads each simulated second.'}
              </span>
            </span>
          </div>
        )}
        {comparison && (
          <p className="lab-comparison" data-testid="lab-comparison" data-status={comparison.status}>
            {comparison.status === 'failed'
              ? comparison.problem
              : `${comparison.status === 'running' ? 'Running' : 'Ran'} the compared variants in the background: ${comparison.runsDone} of ${comparison.runsTotal} runs, all at the lab’s seed (the same random draws).`}
          </p>
        )}
        <div className="lab-step-actions">
          {(step.showMe || step.actions) && (
            <button type="button" className="button" data-testid="lab-show-me" onClick={showMe}>
              Show me
            </button>
          )}
          <button type="button" className="button" data-testid="lab-reset-step" onClick={resetStep}>
            Reset step
          </button>
          {stepVariantPair(step) && (
            <button
              type="button"
              className="button"
              data-testid="lab-compare-variants"
              title="Open both variants in the compare view: same seeds, side by side"
              onClick={compareStepVariants}
            >
              Compare side by side
            </button>
          )}
        </div>
      </div>
      <footer className="lab-player-footer">
        <button
          type="button"
          className="button"
          data-testid="lab-back"
          disabled={stepIndex === 0}
          onClick={() => void runCommand('labs.previousStep')}
        >
          ← Back
        </button>
        <span className="lab-keys">← → or Enter</span>
        <button
          type="button"
          className="button button-primary"
          data-testid="lab-next"
          disabled={stepIndex === total - 1}
          onClick={() => void runCommand('labs.nextStep')}
        >
          Next →
        </button>
      </footer>
    </aside>
  );
}

const PHASE_WORDS = {
  requirements: 'Define the problem',
  components: 'Key components',
  design: 'Design',
  tradeoffs: 'Trade-offs',
  summary: 'Summary',
} as const;
