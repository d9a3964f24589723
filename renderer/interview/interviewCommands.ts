// Binds the interview commands (shared/commands/interviewCommandDescriptors.ts).
import { registerCommands } from '../commands/registry';
import { endInterview, goToPhase, nextPhase, pause, resume } from '../../shared/interview/state';
import { exportDebrief } from './debrief';
import { interviewerUrl } from '../../shared/interview/remote';
import { claimClock, currentInterview, updateInterview, useInterviewUi } from './interviewStore';

const active = () => {
  const state = currentInterview();
  return Boolean(state && state.endedAtMs === null);
};

export function registerInterviewCommands(): () => void {
  return registerCommands({
    'interview.start': { run: () => useInterviewUi.setState({ startDialogOpen: true }) },
    'interview.pauseToggle': {
      run: () => {
        claimClock();
        updateInterview((state) => (state.running ? pause(state, Date.now()) : resume(state, Date.now())));
      },
      enabled: active,
    },
    'interview.nextPhase': {
      run: () =>
        updateInterview((state) => {
          const next = nextPhase(state.phase);
          return next ? goToPhase(state, next, Date.now()) : state;
        }),
      enabled: () => active() && nextPhase(currentInterview()!.phase) !== null,
    },
    'interview.requirements': {
      run: () => useInterviewUi.setState((ui) => ({ requirementsOpen: !ui.requirementsOpen })),
      enabled: () => Boolean(currentInterview()),
    },
    'interview.estimator': {
      run: () => useInterviewUi.setState((ui) => ({ estimatorOpen: !ui.estimatorOpen, growthOpen: false })),
      enabled: () => Boolean(currentInterview()),
    },
    'interview.growthCheck': {
      run: () => useInterviewUi.setState((ui) => ({ growthOpen: !ui.growthOpen, estimatorOpen: false })),
      enabled: () => Boolean(currentInterview()),
    },
    'interview.openInterviewer': {
      // A second tab of the same origin (kept in sync over BroadcastChannel); the interviewer keeps
      // it off the shared screen. Named after the interview, so a second Open focuses the same tab.
      run: () => {
        const state = currentInterview();
        if (state) window.open(interviewerUrl(window.location.href, state.id), `interviewer-${state.id}`);
      },
      enabled: () => Boolean(currentInterview()),
    },
    'interview.end': {
      run: async () => {
        updateInterview((state) => endInterview(state, Date.now()));
        await exportDebrief('html');
      },
      enabled: active,
    },
    'interview.debrief': { run: () => exportDebrief('html'), enabled: () => Boolean(currentInterview()) },
    'interview.debriefPdf': { run: () => exportDebrief('pdf'), enabled: () => Boolean(currentInterview()) },
  });
}
