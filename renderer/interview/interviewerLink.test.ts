// The candidate's side of the interviewer window: each request lands in `design.interview` through
// the store (so it is saved with the file and drafts: the revision moves, no undo step is made),
// and the fault remote's requests are timed by this window's clocks or refused in words.
import { beforeEach, describe, expect, it } from 'vitest';
import { interviewDesign } from '../../shared/testing/designs';
import { newInterview } from '../../shared/interview/state';
import { useDesignStore } from '../store/designStore';
import { applyInterviewerMessage } from './interviewerLink';

const interview = () => useDesignStore.getState().design.interview!;

beforeEach(() => {
  const design = {
    ...interviewDesign(),
    interview: newInterview({
      id: 'iv1',
      prompt: 'Design a shop',
      problem: 'blank',
      lengthMin: 45,
      nowMs: Date.now(),
    }),
  };
  useDesignStore.setState({ design, revision: 0, past: [], future: [] });
});

describe('interviewer requests in the candidate window', () => {
  it('notes, rubric and the share toggle are saved in the design, outside undo history', () => {
    applyInterviewerMessage({ type: 'note', phase: 'design', text: 'Drew the cache in-path' });
    applyInterviewerMessage({
      type: 'rubric',
      criterion: 'components',
      score: 4,
      comment: 'All three tiers',
    });
    applyInterviewerMessage({ type: 'shareRubric', share: true });
    expect(interview().notes.design).toBe('Drew the cache in-path');
    expect(interview().rubric.components).toEqual({ score: 4, comment: 'All three tiers' });
    expect(interview().shareRubric).toBe(true);
    expect(useDesignStore.getState().revision).toBe(3);
    expect(useDesignStore.getState().past).toEqual([]);
  });

  it('phase control moves the saved phase and pauses the clock', () => {
    applyInterviewerMessage({ type: 'clock', action: 'next' });
    expect(interview().phase).toBe('components');
    applyInterviewerMessage({ type: 'clock', action: 'goTo', phase: 'summary' });
    applyInterviewerMessage({ type: 'clock', action: 'pause' });
    expect(interview()).toMatchObject({ phase: 'summary', running: false });
    expect(interview().visits.map((visit) => visit.phase)).toEqual(['requirements', 'components', 'summary']);
  });

  it('a surprise "in 5 s of the run" with no run yet is armed for 0:05 of the next run; "now" is refused', () => {
    applyInterviewerMessage({
      type: 'fault',
      request: { action: 'kill', target: 'db', when: { clock: 'run', inMs: 5_000 } },
    });
    applyInterviewerMessage({
      type: 'fault',
      request: { action: 'hang', target: 'svc1', when: { clock: 'now' } },
    });
    applyInterviewerMessage({
      type: 'fault',
      request: { action: 'cut', target: 'svc1', when: { clock: 'now' } },
    });
    const [armed, now, wrong] = interview().faults;
    expect(armed).toMatchObject({
      action: 'kill',
      target: 'db',
      armedAtSimMs: 5_000,
      firedAtMs: null,
      problem: null,
    });
    expect(now.problem).toBe('The candidate has no run going: nothing to hit yet.');
    expect(wrong.problem).toBe("Cut connection needs a connection of the candidate's design.");
    applyInterviewerMessage({ type: 'disarm', faultId: armed.id });
    expect(interview().faults.map((fault) => fault.id)).toEqual([now.id, wrong.id]);
  });
});
