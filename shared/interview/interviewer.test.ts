// The interviewer window's pure core: the message protocol both windows validate, and the fault
// remote's scheduling — a surprise fires when its clock reaches its time, never before, once.
import { describe, expect, it } from 'vitest';
import { newInterview } from './state';
import {
  addFault,
  disarmFault,
  dueFaults,
  faultRequestProblem,
  markFired,
  markProblem,
  targetsFor,
  type FaultTarget,
} from './faults';
import {
  interviewerChannelName,
  interviewerUrl,
  readCandidateMessage,
  readInterviewerMessage,
} from './remote';
import { parseDesign } from '../document/validate';
import { interviewDesign } from '../testing/designs';

const start = () =>
  newInterview({
    id: 'iv1',
    prompt: 'Design a URL shortener',
    problem: 'blank',
    lengthMin: 45,
    nowMs: 1_000,
  });

const targets: FaultTarget[] = [
  { id: 'client', label: 'Client', kind: 'client' },
  { id: 'svc', label: 'Service', kind: 'service' },
  { id: 'db', label: 'Orders DB', kind: 'database', replicated: true },
  { id: 'e-svc-db', label: 'Service → Orders DB', kind: 'edge' },
];

describe('interviewer protocol', () => {
  it('accepts every request the interviewer sends, as sent', () => {
    const messages = [
      { type: 'hello' },
      { type: 'clock', action: 'goTo', phase: 'design' },
      { type: 'clock', action: 'pause' },
      { type: 'note', phase: 'requirements', text: 'Asked about read/write ratio' },
      { type: 'rubric', criterion: 'tradeOffs', score: 3, comment: 'SQL vs NoSQL argued' },
      { type: 'rubric', criterion: 'communication', score: null, comment: '' },
      { type: 'shareRubric', share: true },
      { type: 'fault', request: { action: 'kill', target: 'db', when: { clock: 'run', inMs: 30_000 } } },
      {
        type: 'fault',
        request: { action: 'hang', target: 'svc', when: { clock: 'interview', inMs: 60_000 } },
      },
      {
        type: 'fault',
        request: { action: 'spike', target: 'client', factor: 3, durationS: 30, when: { clock: 'now' } },
      },
      { type: 'disarm', faultId: 'fault-1' },
    ];
    for (const message of messages) expect(readInterviewerMessage(message)).toEqual(message);
  });

  it('drops what is not a request: unknown type, score out of 1–4, unknown action, missing time', () => {
    for (const bad of [
      null,
      'hello',
      { type: 'explode' },
      { type: 'rubric', criterion: 'tradeOffs', score: 5, comment: '' },
      { type: 'rubric', criterion: 'charisma', score: 2, comment: '' },
      { type: 'note', phase: 'lunch', text: 'x' },
      { type: 'fault', request: { action: 'flood', target: 'db', when: { clock: 'now' } } },
      { type: 'fault', request: { action: 'kill', target: 'db', when: { clock: 'run' } } },
      { type: 'fault', request: { action: 'kill', target: '', when: { clock: 'now' } } },
    ])
      expect(readInterviewerMessage(bad)).toBeNull();
  });

  it("carries the candidate's interview in a snapshot, validated by the file's own schema", () => {
    const snapshot = {
      type: 'snapshot',
      interview: start(),
      title: 'Shortener',
      targets,
      run: { status: 'running', simTimeMs: 12_000 },
    };
    expect(readCandidateMessage(snapshot)).toEqual(snapshot);
    expect(readCandidateMessage({ ...snapshot, interview: { ...start(), phase: 'lunch' } })).toBeNull();
    expect(readCandidateMessage({ ...snapshot, run: { status: 'flying', simTimeMs: 0 } })).toBeNull();
    expect(readCandidateMessage({ type: 'gone' })).toEqual({ type: 'gone' });
  });

  it('names the channel after the session and opens the same page with only ?interviewer=', () => {
    expect(interviewerChannelName('iv1')).toBe('backpressure.interviewer.iv1');
    expect(interviewerUrl('http://localhost:5391/?automation=1#x', 'iv 1')).toBe(
      'http://localhost:5391/?interviewer=iv%201',
    );
  });
});

describe('fault remote scheduling', () => {
  const armed = addFault(
    start(),
    { action: 'kill', target: 'db', when: { clock: 'run', atSimMs: 30_000 } },
    'fault-1',
  );

  it('a run-clock surprise is not due before its simulated time, due at it, and not again once fired', () => {
    expect(dueFaults(armed, { interviewMs: 60_000, simTimeMs: 29_999 })).toEqual([]);
    const due = dueFaults(armed, { interviewMs: 61_000, simTimeMs: 30_250 });
    expect(due.map((fault) => fault.id)).toEqual(['fault-1']);
    const fired = markFired(armed, 'fault-1', { interviewMs: 61_000, simTimeMs: 30_250 });
    expect(fired.faults[0]).toMatchObject({ firedAtMs: 61_000, firedAtSimMs: 30_250, armedAtSimMs: 30_000 });
    expect(dueFaults(fired, { interviewMs: 99_000, simTimeMs: 90_000 })).toEqual([]);
  });

  it('nothing is due without a run, however late; an interview-clock surprise waits for its time', () => {
    const both = addFault(
      armed,
      { action: 'hang', target: 'svc', when: { clock: 'interview', atMs: 120_000 } },
      'f2',
    );
    expect(dueFaults(both, { interviewMs: 500_000, simTimeMs: null })).toEqual([]);
    expect(dueFaults(both, { interviewMs: 119_999, simTimeMs: 0 })).toEqual([]);
    expect(dueFaults(both, { interviewMs: 120_000, simTimeMs: 0 }).map((fault) => fault.id)).toEqual(['f2']);
  });

  it('a "now" fault is due at once; a refused one is never due; disarming takes back only what has not fired', () => {
    const now = addFault(
      start(),
      { action: 'slow', target: 'svc', factor: 10, when: { clock: 'now' } },
      'n1',
    );
    expect(now.faults[0]).toMatchObject({ armedAtMs: null, armedAtSimMs: null, factor: 10 });
    expect(dueFaults(now, { interviewMs: 0, simTimeMs: 0 })).toHaveLength(1);
    expect(dueFaults(markProblem(now, 'n1', 'no run'), { interviewMs: 0, simTimeMs: 0 })).toEqual([]);
    expect(disarmFault(armed, 'fault-1').faults).toEqual([]);
    const fired = markFired(armed, 'fault-1', { interviewMs: 1, simTimeMs: 30_000 });
    expect(disarmFault(fired, 'fault-1')).toBe(fired);
  });

  it('aims each action at what it can hit and names a wrong target', () => {
    expect(targetsFor('cut', targets).map((target) => target.id)).toEqual(['e-svc-db']);
    expect(targetsFor('spike', targets).map((target) => target.id)).toEqual(['client']);
    expect(targetsFor('partition', targets).map((target) => target.id)).toEqual(['db']);
    expect(targetsFor('kill', targets).map((target) => target.id)).toEqual(['client', 'svc', 'db']);
    expect(faultRequestProblem({ action: 'cut', target: 'svc', when: { clock: 'now' } }, targets)).toBe(
      "Cut connection needs a connection of the candidate's design.",
    );
    expect(
      faultRequestProblem({ action: 'kill', target: 'svc', when: { clock: 'now' } }, targets),
    ).toBeNull();
  });

  it('an armed fault survives the file: saved and opened again it is still armed', () => {
    const doc = { ...interviewDesign(), interview: armed };
    const reopened = parseDesign(JSON.parse(JSON.stringify(doc)));
    expect(reopened.ok && reopened.design.interview?.faults[0]).toMatchObject({
      id: 'fault-1',
      armedAtSimMs: 30_000,
      firedAtMs: null,
    });
  });
});
