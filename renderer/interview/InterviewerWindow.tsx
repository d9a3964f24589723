// The interviewer's window (`?interviewer=<interview id>`): a second tab of the same origin that
// the interviewer keeps off the shared screen. It holds no design of its own: everything it shows
// comes from the candidate's window as snapshots over the interview's BroadcastChannel, and every
// control sends a request there (shared/interview/remote.ts), which the candidate's window applies
// to `design.interview` (so notes, rubric and faults are saved with the file and its drafts).
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { restoreUiPreferences } from '../store/uiPreferences';
import { useResolvedTheme } from '../ui/themeColors';
import { formatClock, planPhases } from '../../shared/interview/phases';
import { elapsedAt, phaseSpentMs, RUBRIC_CRITERIA, RUBRIC_SCORES } from '../../shared/interview/state';
import type { InterviewFault, PhaseId } from '../../shared/interview/state';
import {
  describeFault,
  faultActionInfo,
  FAULT_ACTIONS,
  isArmed,
  targetsFor,
  type FaultAction,
} from '../../shared/interview/faults';
import {
  interviewerChannelName,
  readCandidateMessage,
  type InterviewerMessage,
  type InterviewSnapshot,
  type RemoteFaultRequest,
} from '../../shared/interview/remote';
import './interview.css';

/** Asked again this often until the candidate's window answers (it may open after this one). */
const HELLO_EVERY_MS = 1_000;

type Link = 'waiting' | 'connected' | 'gone';

function useCandidate(sessionId: string) {
  const [snapshot, setSnapshot] = useState<InterviewSnapshot | null>(null);
  const [link, setLink] = useState<Link>('waiting');
  const channel = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    const opened = new BroadcastChannel(interviewerChannelName(sessionId));
    channel.current = opened;
    let answered = false;
    opened.onmessage = (event: MessageEvent) => {
      const message = readCandidateMessage(event.data);
      if (!message) return;
      if (message.type === 'gone') {
        setLink('gone');
        answered = false;
        return;
      }
      answered = true;
      setLink('connected');
      setSnapshot(message);
    };
    const hello = () => {
      if (!answered) opened.postMessage({ type: 'hello' } satisfies InterviewerMessage);
    };
    hello();
    const timer = setInterval(hello, HELLO_EVERY_MS);
    return () => {
      clearInterval(timer);
      opened.close();
      channel.current = null;
    };
  }, [sessionId]);
  const send = (message: InterviewerMessage) => channel.current?.postMessage(message);
  return { snapshot, link, send };
}

/** A text box that sends each change but keeps what is being typed while the echo comes back. */
function DraftText({
  value,
  onChange,
  multiline,
  ...rest
}: {
  value: string;
  onChange: (text: string) => void;
  multiline?: boolean;
  'data-testid': string;
  'aria-label': string;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  const shown = focused ? draft : value;
  const props = {
    ...rest,
    value: shown,
    onFocus: () => {
      setDraft(value);
      setFocused(true);
    },
    onBlur: () => setFocused(false),
    onChange: (event: { target: { value: string } }) => {
      setDraft(event.target.value);
      onChange(event.target.value);
    },
  };
  return multiline ? <textarea rows={3} {...props} /> : <input type="text" {...props} />;
}

/** A value shown at once where it was changed, then as the candidate's window echoes it back. */
function useEchoed<T>(value: T): [T, (next: T) => void] {
  const [shown, setShown] = useState(value);
  useEffect(() => setShown(value), [value]);
  return [shown, setShown];
}

function ShareToggle({ share, send }: { share: boolean; send: (message: InterviewerMessage) => void }) {
  const [checked, setChecked] = useEchoed(share);
  return (
    <label className="interviewer-share">
      <input
        type="checkbox"
        data-testid="share-rubric"
        checked={checked}
        onChange={(event) => {
          setChecked(event.target.checked);
          send({ type: 'shareRubric', share: event.target.checked });
        }}
      />
      Share the rubric and notes in the debrief
    </label>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="interviewer-section" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function faultState(fault: InterviewFault): 'armed' | 'fired' | 'refused' {
  if (fault.problem !== null) return 'refused';
  return fault.firedAtMs !== null ? 'fired' : 'armed';
}

function FaultRemote({
  snapshot,
  send,
}: {
  snapshot: InterviewSnapshot;
  send: (message: InterviewerMessage) => void;
}) {
  const [action, setAction] = useState<FaultAction>('kill');
  const [target, setTarget] = useState('');
  const [factor, setFactor] = useState('');
  const [durationS, setDurationS] = useState('');
  const [afterS, setAfterS] = useState('30');
  const [clock, setClock] = useState<'run' | 'interview'>('run');
  const [problem, setProblem] = useState<string | null>(null);
  const info = faultActionInfo(action);
  const choices = targetsFor(action, snapshot.targets);
  const chosen = choices.some((choice) => choice.id === target) ? target : (choices[0]?.id ?? '');
  const label = (id: string) => snapshot.targets.find((entry) => entry.id === id)?.label ?? id;
  const { interview, run } = snapshot;

  const request = (when: RemoteFaultRequest['when']): RemoteFaultRequest | null => {
    const number = (text: string, fallback: number | undefined) =>
      text.trim() === '' ? fallback : Number(text);
    const f = number(factor, info.factor);
    const d = number(durationS, info.durationS);
    if (!chosen) return (setProblem(`There is nothing to ${info.label.toLowerCase()} in the design.`), null);
    if (f !== undefined && !(f > 0))
      return (setProblem(`Factor must be a positive number (got "${factor}").`), null);
    if (d !== undefined && !(d >= 0))
      return (setProblem(`Duration must be seconds ≥ 0 (got "${durationS}").`), null);
    setProblem(null);
    return {
      action,
      target: chosen,
      ...(f !== undefined ? { factor: f } : {}),
      ...(d !== undefined ? { durationS: d } : {}),
      when,
    };
  };
  const fireNow = () => {
    const made = request({ clock: 'now' });
    if (made) send({ type: 'fault', request: made });
  };
  const arm = () => {
    const seconds = Number(afterS);
    if (afterS.trim() === '' || !(seconds >= 0))
      return setProblem(`Fire in must be seconds ≥ 0 (got "${afterS}").`);
    const made = request({ clock, inMs: seconds * 1000 });
    if (made) send({ type: 'fault', request: made });
  };

  return (
    <Section title="Fault remote" testId="interviewer-faults">
      <p className="interviewer-hint" data-testid="interviewer-run" data-status={run.status}>
        Candidate's run:{' '}
        {run.status === 'idle' ? 'not started' : `${run.status} at ${formatClock(run.simTimeMs)}`}
      </p>
      <div className="interviewer-row">
        <label>
          Fault
          <select
            data-testid="fault-action"
            value={action}
            onChange={(event) => setAction(event.target.value as FaultAction)}
          >
            {FAULT_ACTIONS.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          On
          <select
            data-testid="fault-target"
            value={chosen}
            onChange={(event) => setTarget(event.target.value)}
          >
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        {info.factor !== undefined && (
          <label>
            ×
            <input
              className="interviewer-number"
              data-testid="fault-factor"
              inputMode="decimal"
              placeholder={String(info.factor)}
              value={factor}
              onChange={(event) => setFactor(event.target.value)}
            />
          </label>
        )}
        {info.durationS !== undefined && (
          <label>
            for
            <input
              className="interviewer-number"
              data-testid="fault-duration"
              inputMode="decimal"
              placeholder={String(info.durationS)}
              value={durationS}
              onChange={(event) => setDurationS(event.target.value)}
            />
            s
          </label>
        )}
      </div>
      <div className="interviewer-row">
        <button type="button" className="button button-danger" data-testid="fault-fire" onClick={fireNow}>
          Fire now
        </button>
        <span className="interviewer-or">or a surprise in</span>
        <input
          className="interviewer-number"
          data-testid="fault-after-s"
          aria-label="Fire in seconds"
          inputMode="decimal"
          value={afterS}
          onChange={(event) => setAfterS(event.target.value)}
        />
        <label>
          s of
          <select
            data-testid="fault-clock"
            value={clock}
            onChange={(event) => setClock(event.target.value as 'run' | 'interview')}
          >
            <option value="run">the run (sim time)</option>
            <option value="interview">the interview clock</option>
          </select>
        </label>
        <button type="button" className="button" data-testid="fault-arm" onClick={arm}>
          Arm surprise
        </button>
      </div>
      {problem && (
        <p className="interviewer-problem" role="alert" data-testid="fault-problem">
          {problem}
        </p>
      )}
      <ul className="interviewer-faults" data-testid="fault-list">
        {interview.faults.length === 0 && <li className="interviewer-hint">No faults yet.</li>}
        {interview.faults.map((fault) => {
          const state = faultState(fault);
          const armedFor =
            (fault.armedAtSimMs ?? null) !== null
              ? `run ${formatClock(fault.armedAtSimMs!)}`
              : fault.armedAtMs !== null
                ? `interview ${formatClock(fault.armedAtMs)}`
                : 'now';
          return (
            <li key={fault.id} data-testid={`fault-${fault.id}`} data-state={state} className={`is-${state}`}>
              <span className="interviewer-fault-what">{describeFault(fault, label(fault.target))}</span>
              <span className="interviewer-fault-when">
                {state === 'armed' && `armed for ${armedFor}`}
                {state === 'fired' &&
                  `fired at run ${formatClock(fault.firedAtSimMs ?? 0)} · interview ${formatClock(fault.firedAtMs!)}${
                    isArmed(fault) ? ` (armed for ${armedFor})` : ''
                  }`}
                {state === 'refused' && fault.problem}
              </span>
              {state === 'armed' && (
                <button
                  type="button"
                  className="button"
                  data-testid={`fault-disarm-${fault.id}`}
                  onClick={() => send({ type: 'disarm', faultId: fault.id })}
                >
                  Disarm
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

export function InterviewerWindow({ sessionId }: { sessionId: string }) {
  const { snapshot, link, send } = useCandidate(sessionId);
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    document.title = snapshot ? `Interviewer — ${snapshot.title}` : 'Interviewer — Backpressure';
  }, [snapshot]);
  // The editor's theme choice (saved preferences; this window never writes them), else the system's.
  useLayoutEffect(() => restoreUiPreferences(), []);
  const theme = useResolvedTheme();
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  if (!snapshot)
    return (
      <div className="interviewer-window" data-testid="interviewer-window" data-link={link}>
        <h1>Interviewer</h1>
        <p className="interviewer-hint" data-testid="interviewer-status">
          Waiting for the candidate's window… Keep it open with the interview started (View → Start a mock
          interview); this tab connects to it.
        </p>
      </div>
    );

  const { interview } = snapshot;
  const elapsedMs = elapsedAt(interview, Math.max(nowMs, interview.checkpointAtMs));
  const plan = planPhases(interview.lengthMin);
  const spent = phaseSpentMs(interview, elapsedMs);
  const current = plan.find((phase) => phase.id === interview.phase)!;
  const overMs = spent[current.id] - current.plannedMs;
  const ended = interview.endedAtMs !== null;
  const status = ended ? 'ended' : interview.running ? 'running' : 'paused';
  const clock = (action: 'pause' | 'resume' | 'next' | 'goTo', phase?: PhaseId) =>
    send({ type: 'clock', action, ...(phase ? { phase } : {}) });

  return (
    <div className="interviewer-window" data-testid="interviewer-window" data-link={link}>
      <header className="interviewer-header">
        <h1>Interviewer · {snapshot.title}</h1>
        <span className={`interviewer-link is-${link}`} data-testid="interviewer-status">
          {link === 'connected' ? 'Connected to the candidate' : "The candidate's window has closed"}
        </span>
        <p className="interviewer-prompt">{interview.prompt || 'No prompt was written.'}</p>
      </header>
      <div className="interviewer-columns">
        <div>
          <Section title="Phase" testId="interviewer-phase">
            <ol
              className="interview-phases interviewer-phases"
              data-phase={interview.phase}
              data-status={status}
            >
              {plan.map((phase, index) => (
                <li key={phase.id}>
                  <button
                    type="button"
                    className={`interview-phase${phase.id === interview.phase ? ' is-current' : ''}${
                      spent[phase.id] > phase.plannedMs ? ' is-over' : ''
                    }`}
                    data-testid={`interviewer-phase-${phase.id}`}
                    aria-current={phase.id === interview.phase ? 'step' : undefined}
                    disabled={ended}
                    title={`Planned ${formatClock(phase.plannedMs)}, spent ${formatClock(spent[phase.id])}. Click to go to this phase.`}
                    onClick={() => clock('goTo', phase.id)}
                  >
                    <span className="interview-phase-number">{index + 1}</span> {phase.label}
                  </button>
                </li>
              ))}
            </ol>
            <p className={`interviewer-clock${overMs > 0 ? ' is-over' : ''}`} data-testid="interviewer-clock">
              {current.label}: {formatClock(spent[current.id])} of {formatClock(current.plannedMs)}
              {overMs > 0 ? ` · ${formatClock(overMs)} over` : ` · ${formatClock(-overMs)} left`} · whole
              interview {formatClock(elapsedMs)} / {formatClock(interview.lengthMin * 60_000)}
              {status !== 'running' && ` · ${ended ? 'Ended' : 'Paused'}`}
            </p>
            {!ended && (
              <div className="interviewer-row">
                <button
                  type="button"
                  className="button"
                  data-testid="interviewer-pause"
                  onClick={() => clock(interview.running ? 'pause' : 'resume')}
                >
                  {interview.running ? 'Pause' : 'Resume'}
                </button>
                <button
                  type="button"
                  className="button"
                  data-testid="interviewer-next"
                  disabled={current.id === plan[plan.length - 1].id}
                  onClick={() => clock('next')}
                >
                  Next phase ›
                </button>
              </div>
            )}
          </Section>
          <FaultRemote snapshot={snapshot} send={send} />
        </div>
        <div>
          <Section title="Private notes" testId="interviewer-notes">
            {plan.map((phase) => (
              <label
                key={phase.id}
                className={`interviewer-note${phase.id === interview.phase ? ' is-current' : ''}`}
              >
                <span>{phase.label}</span>
                <DraftText
                  multiline
                  data-testid={`note-${phase.id}`}
                  aria-label={`Notes: ${phase.label}`}
                  value={interview.notes[phase.id] ?? ''}
                  onChange={(text) => send({ type: 'note', phase: phase.id, text })}
                />
              </label>
            ))}
          </Section>
          <Section title="Rubric" testId="interviewer-rubric">
            <table className="interviewer-rubric">
              <tbody>
                {RUBRIC_CRITERIA.map((criterion) => {
                  const entry = interview.rubric[criterion.id] ?? { score: null, comment: '' };
                  return (
                    <tr
                      key={criterion.id}
                      data-testid={`rubric-${criterion.id}`}
                      data-score={entry.score ?? ''}
                    >
                      <th scope="row">{criterion.label}</th>
                      <td className="interviewer-scores" role="group" aria-label={`${criterion.label} score`}>
                        {RUBRIC_SCORES.map((score) => (
                          <button
                            key={score}
                            type="button"
                            className={`interviewer-score${entry.score === score ? ' is-pressed' : ''}`}
                            data-testid={`rubric-${criterion.id}-${score}`}
                            aria-pressed={entry.score === score}
                            title={`${score} of 4 (click again to clear)`}
                            onClick={() =>
                              send({
                                type: 'rubric',
                                criterion: criterion.id,
                                score: entry.score === score ? null : score,
                                comment: entry.comment,
                              })
                            }
                          >
                            {score}
                          </button>
                        ))}
                      </td>
                      <td className="interviewer-comment">
                        <DraftText
                          data-testid={`rubric-${criterion.id}-comment`}
                          aria-label={`${criterion.label} comment`}
                          placeholder="Comment"
                          value={entry.comment}
                          onChange={(comment) =>
                            send({ type: 'rubric', criterion: criterion.id, score: entry.score, comment })
                          }
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <ShareToggle share={interview.shareRubric} send={send} />
          </Section>
        </div>
      </div>
    </div>
  );
}
