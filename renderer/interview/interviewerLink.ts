// The candidate's side of the interviewer window: this window owns the design, the interview and
// the run, so it answers the interviewer's requests (shared/interview/remote.ts) by changing the
// interview through `updateInterview` (saved with the file and the drafts) and sends a snapshot
// back after every change. It also fires the fault remote's faults when they are due — armed
// surprises wait in `design.interview.faults`, shown nowhere on this screen until they fire; then
// the run's log has the fault's line and a toast says the interviewer injected it.
import {
  addFault,
  chaosOf,
  describeFault,
  disarmFault,
  dueFaults,
  faultRequestProblem,
  markFired,
  markProblem,
  type FaultClocks,
  type FaultWhen,
  faultTargets,
} from '../../shared/interview/faults';
import {
  interviewerChannelName,
  readInterviewerMessage,
  type CandidateMessage,
  type InterviewerMessage,
} from '../../shared/interview/remote';
import { elapsedAt, goToPhase, nextPhase, pause, resume } from '../../shared/interview/state';
import { runClient } from '../run/runClient';
import { killTargetsOf } from '../run/runCommandHandlers';
import { useRunStore } from '../run/runStore';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { claimClock, currentInterview, updateInterview, useInterviewUi } from './interviewStore';

/** A running run's sim time is sent at most this often (the rest of a snapshot goes at once). */
const RUN_SNAPSHOT_EVERY_MS = 250;

/** The run's clock as the remote sees it: null while no run is loaded (nothing to hit). */
function clocksNow(): FaultClocks {
  const state = currentInterview();
  const run = useRunStore.getState();
  return {
    interviewMs: state ? elapsedAt(state, Date.now()) : 0,
    simTimeMs: runClient.isLoaded && run.status !== 'idle' ? run.simTimeMs : null,
  };
}

/** Fires what is due into the live run and records when; the toast is the candidate's first word of it. */
export function fireDueFaults(): void {
  const state = currentInterview();
  if (!state || state.endedAtMs !== null) return;
  const clocks = clocksNow();
  const due = dueFaults(state, clocks);
  if (due.length === 0) return;
  const design = useDesignStore.getState().design;
  const label = (id: string) =>
    design.nodes.find((node) => node.id === id)?.label ??
    faultTargets(design).find((target) => target.id === id)?.label ??
    id;
  for (const fault of due) {
    const command = chaosOf(fault);
    // Like K on the canvas: killing a replicated database kills its leaders, so a follower takes over.
    for (const target of command.action === 'kill' ? killTargetsOf(command.target) : [command.target])
      runClient.chaos({ ...command, target });
  }
  updateInterview((current) => due.reduce((next, fault) => markFired(next, fault.id, clocks), current));
  useUiStore.getState().showNotice({
    text: `Interviewer's fault: ${due.map((fault) => describeFault(fault, label(fault.target))).join('; ')}`,
    tone: 'warning',
  });
}

let faultCount = 0;

/** Applies one request from the interviewer's window. */
export function applyInterviewerMessage(message: InterviewerMessage): void {
  const nowMs = Date.now();
  switch (message.type) {
    case 'hello':
      return;
    case 'clock':
      if (message.action === 'resume') claimClock();
      return updateInterview((state) => {
        if (message.action === 'pause') return pause(state, nowMs);
        if (message.action === 'resume') return resume(state, nowMs);
        const phase = message.action === 'next' ? nextPhase(state.phase) : (message.phase ?? null);
        return phase ? goToPhase(state, phase, nowMs) : state;
      });
    case 'note':
      return updateInterview((state) => ({
        ...state,
        notes: { ...state.notes, [message.phase]: message.text },
      }));
    case 'rubric':
      return updateInterview((state) => ({
        ...state,
        rubric: { ...state.rubric, [message.criterion]: { score: message.score, comment: message.comment } },
      }));
    case 'shareRubric':
      return updateInterview((state) => ({ ...state, shareRubric: message.share }));
    case 'disarm':
      return updateInterview((state) => disarmFault(state, message.faultId));
    case 'fault': {
      const id = `fault-${nowMs.toString(36)}-${++faultCount}`;
      const clocks = clocksNow();
      const { when: asked, ...fault } = message.request;
      // "In 30 s" from this window's clocks; with no run yet, 30 s into the next run.
      const when: FaultWhen =
        asked.clock === 'now'
          ? asked
          : asked.clock === 'run'
            ? { clock: 'run', atSimMs: (clocks.simTimeMs ?? 0) + asked.inMs }
            : { clock: 'interview', atMs: clocks.interviewMs + asked.inMs };
      const request = { ...fault, when };
      const problem =
        faultRequestProblem(request, faultTargets(useDesignStore.getState().design)) ??
        (when.clock === 'now' && clocks.simTimeMs === null
          ? 'The candidate has no run going: nothing to hit yet.'
          : null);
      updateInterview((state) => {
        const added = addFault(state, request, id);
        return problem ? markProblem(added, id, problem) : added;
      });
      return fireDueFaults();
    }
  }
}

/**
 * Opens the channel of the design's interview (and follows it when another interview starts),
 * answers requests, sends snapshots, and fires due faults on every run frame and clock tick.
 */
export function installInterviewerLink(): () => void {
  let channel: BroadcastChannel | null = null;
  let channelId: string | null = null;
  let lastRunPostMs = 0;
  const post = (message: CandidateMessage) => channel?.postMessage(message);
  const sendSnapshot = () => {
    const { design } = useDesignStore.getState();
    const run = useRunStore.getState();
    if (!design.interview || !channel) return;
    lastRunPostMs = Date.now();
    post({
      type: 'snapshot',
      interview: design.interview,
      title: design.meta.title,
      targets: faultTargets(design),
      run: { status: run.status, simTimeMs: run.simTimeMs },
    });
  };
  const follow = () => {
    const id = currentInterview()?.id ?? null;
    if (id === channelId) return;
    if (channel) {
      post({ type: 'gone' });
      channel.close();
    }
    channelId = id;
    channel =
      id && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(interviewerChannelName(id)) : null;
    if (channel)
      channel.onmessage = (event: MessageEvent) => {
        const message = readInterviewerMessage(event.data);
        if (!message) return;
        applyInterviewerMessage(message);
        sendSnapshot();
      };
  };
  follow();
  const unsubscribeDesign = useDesignStore.subscribe((state, previous) => {
    if (
      state.design.interview === previous.design.interview &&
      state.design.nodes === previous.design.nodes &&
      state.design.edges === previous.design.edges
    )
      return;
    follow();
    sendSnapshot();
  });
  const unsubscribeRun = useRunStore.subscribe((state, previous) => {
    fireDueFaults();
    if (state.status !== previous.status || Date.now() - lastRunPostMs >= RUN_SNAPSHOT_EVERY_MS)
      sendSnapshot();
  });
  const unsubscribeClock = useInterviewUi.subscribe((state, previous) => {
    if (state.nowMs !== previous.nowMs) fireDueFaults();
  });
  const goodbye = () => post({ type: 'gone' });
  window.addEventListener('pagehide', goodbye);
  return () => {
    unsubscribeDesign();
    unsubscribeRun();
    unsubscribeClock();
    window.removeEventListener('pagehide', goodbye);
    goodbye();
    channel?.close();
  };
}
