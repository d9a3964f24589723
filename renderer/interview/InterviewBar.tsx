// The phase bar: a thin strip under the toolbar while an interview runs — the five phases (click
// one to skip to it), the current phase's elapsed and remaining time against its planned share,
// the whole interview's clock, and a gentle overrun signal (the phase turns amber and says by how
// much; never a modal). Pause, next phase, the requirements card and End sit at its right.
import { PHASES, formatClock, phaseInfo, planPhases } from '../../shared/interview/phases';
import { elapsedAt, goToPhase, phaseSpentMs } from '../../shared/interview/state';
import { runCommand } from '../commands/registry';
import { claimClock, updateInterview, useInterview, useInterviewUi } from './interviewStore';
import { RequirementsCard } from './RequirementsCard';
import { EstimatorCard } from './EstimatorCard';
import { GrowthCheckCard } from './GrowthCheckCard';

export function InterviewBar() {
  const interview = useInterview();
  const nowMs = useInterviewUi((state) => state.nowMs);
  const requirementsOpen = useInterviewUi((state) => state.requirementsOpen);
  const estimatorOpen = useInterviewUi((state) => state.estimatorOpen);
  const growthOpen = useInterviewUi((state) => state.growthOpen);
  if (!interview) return null;
  const elapsedMs = elapsedAt(interview, Math.max(nowMs, interview.checkpointAtMs));
  const plan = planPhases(interview.lengthMin);
  const spent = phaseSpentMs(interview, elapsedMs);
  const current = plan.find((phase) => phase.id === interview.phase)!;
  const inPhaseMs = spent[current.id];
  const overMs = inPhaseMs - current.plannedMs;
  const totalMs = interview.lengthMin * 60_000;
  const ended = interview.endedAtMs !== null;
  const status = ended ? 'ended' : interview.running ? 'running' : 'paused';

  return (
    <div
      className="interview-bar"
      data-testid="interview-bar"
      data-phase={interview.phase}
      data-status={status}
    >
      <ol className="interview-phases" aria-label="Interview phases">
        {plan.map((phase, index) => {
          const isCurrent = phase.id === interview.phase;
          const over = spent[phase.id] > phase.plannedMs;
          return (
            <li key={phase.id}>
              <button
                type="button"
                className={`interview-phase${isCurrent ? ' is-current' : ''}${over ? ' is-over' : ''}`}
                data-testid={`interview-phase-${phase.id}`}
                aria-current={isCurrent ? 'step' : undefined}
                disabled={ended}
                title={`${phase.hint} Planned ${formatClock(phase.plannedMs)} (${Math.round(phase.share * 100)}%), spent ${formatClock(spent[phase.id])}. Click to go to this phase.`}
                onClick={() => updateInterview((state) => goToPhase(state, phase.id, Date.now()))}
              >
                <span className="interview-phase-number">{index + 1}</span> {phase.label}
              </button>
            </li>
          );
        })}
      </ol>
      <div
        className={`interview-clock${overMs > 0 && !ended ? ' is-over' : ''}`}
        data-testid="interview-clock"
        data-over={overMs > 0 ? 'true' : 'false'}
      >
        <span
          data-testid="interview-phase-time"
          title={`Time in “${phaseInfo(interview.phase).label}” against its plan`}
        >
          {formatClock(inPhaseMs)} of {formatClock(current.plannedMs)}
          {overMs > 0 ? ` · ${formatClock(overMs)} over` : ` · ${formatClock(-overMs)} left`}
        </span>
        <span
          className="interview-total"
          data-testid="interview-total-time"
          title="The whole interview: elapsed / planned length"
        >
          {formatClock(elapsedMs)} / {formatClock(totalMs)}
          {elapsedMs > totalMs ? ` · ${formatClock(elapsedMs - totalMs)} over` : ''}
        </span>
        {status !== 'running' && <span className="interview-status">{ended ? 'Ended' : 'Paused'}</span>}
      </div>
      <div className="interview-actions">
        {!ended && (
          <button
            type="button"
            className="button"
            data-testid="interview-pause"
            onClick={() => {
              claimClock();
              void runCommand('interview.pauseToggle');
            }}
          >
            {interview.running ? 'Pause' : 'Resume'}
          </button>
        )}
        {!ended && interview.phase !== PHASES[PHASES.length - 1].id && (
          <button
            type="button"
            className="button"
            data-testid="interview-next"
            title="Next phase (Ctrl/⌘+Alt+N)"
            onClick={() => void runCommand('interview.nextPhase')}
          >
            Next ›
          </button>
        )}
        <button
          type="button"
          className={`button${requirementsOpen ? ' is-pressed' : ''}`}
          data-testid="interview-requirements-toggle"
          aria-pressed={requirementsOpen}
          onClick={() => void runCommand('interview.requirements')}
        >
          Requirements
        </button>
        <button
          type="button"
          className={`button${estimatorOpen ? ' is-pressed' : ''}`}
          data-testid="interview-estimator-toggle"
          aria-pressed={estimatorOpen}
          onClick={() => void runCommand('interview.estimator')}
        >
          Estimate
        </button>
        <button
          type="button"
          className={`button${growthOpen ? ' is-pressed' : ''}`}
          data-testid="interview-growth-toggle"
          title="Growth check: today and × the requirements' growth (Ctrl/⌘+Alt+G)"
          aria-pressed={growthOpen}
          onClick={() => void runCommand('interview.growthCheck')}
        >
          Growth
        </button>
        {ended && (
          <button
            type="button"
            className="button"
            data-testid="interview-debrief"
            onClick={() => void runCommand('interview.debrief')}
          >
            Debrief
          </button>
        )}
        {!ended && (
          <button
            type="button"
            className="button"
            data-testid="interview-end"
            onClick={() => void runCommand('interview.end')}
          >
            End
          </button>
        )}
      </div>
      {requirementsOpen && <RequirementsCard />}
      {estimatorOpen && <EstimatorCard />}
      {growthOpen && <GrowthCheckCard />}
    </div>
  );
}
