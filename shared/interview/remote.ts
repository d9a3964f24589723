// The interviewer window's protocol: the messages between the candidate's window (which owns the
// design, the interview and the run) and the interviewer's window (a second tab of the same origin
// in the browser, a second BrowserWindow in Electron), over a BroadcastChannel named after the
// interview. Both sides validate what arrives with these schemas: a message from an older or
// newer build, or anything else on the channel, is dropped, never half-applied.
import '../document/zodConfig';
import { z } from 'zod';
import { PHASE_IDS } from './phases';
import { interviewSchema, RUBRIC_CRITERIA, type RubricCriterion } from './state';
import { FAULT_ACTIONS, type FaultAction } from './faults';

/** The URL parameter that opens the interviewer's view instead of the editor. */
export const INTERVIEWER_PARAM = 'interviewer';

export const interviewerChannelName = (sessionId: string) => `backpressure.interviewer.${sessionId}`;

/** The interviewer window's address: this page with only `?interviewer=<session>`. */
export function interviewerUrl(pageHref: string, sessionId: string): string {
  const page = pageHref.split(/[?#]/)[0];
  return `${page}?${INTERVIEWER_PARAM}=${encodeURIComponent(sessionId)}`;
}

const phaseId = z.enum(PHASE_IDS);
const criterion = z.enum(RUBRIC_CRITERIA.map((entry) => entry.id) as [RubricCriterion, ...RubricCriterion[]]);
const faultAction = z.enum(FAULT_ACTIONS.map((entry) => entry.id) as [FaultAction, ...FaultAction[]]);
const id = z.string().min(1).max(2_000);
const simOrClockMs = z.number().min(0).max(1e12);

const faultTargetSchema = z.object({
  id,
  label: z.string().max(2_000),
  kind: z.string().max(100),
  replicated: z.boolean().optional(),
});

/** Candidate → interviewer: everything the interviewer's view shows, sent on every change. */
const snapshotSchema = z.object({
  type: z.literal('snapshot'),
  interview: interviewSchema,
  title: z.string().max(2_000),
  targets: z.array(faultTargetSchema).max(100_000),
  run: z.object({
    status: z.enum(['idle', 'running', 'paused', 'done']),
    simTimeMs: simOrClockMs,
  }),
});

export const candidateMessageSchema = z.discriminatedUnion('type', [
  snapshotSchema,
  /** The candidate's window is closing or the interview left the design. */
  z.object({ type: z.literal('gone') }),
]);

/** Interviewer → candidate: requests; the candidate applies them and answers with a snapshot. */
export const interviewerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello') }),
  z.object({
    type: z.literal('clock'),
    action: z.enum(['pause', 'resume', 'next', 'goTo']),
    phase: phaseId.optional(),
  }),
  z.object({ type: z.literal('note'), phase: phaseId, text: z.string().max(100_000) }),
  z.object({
    type: z.literal('rubric'),
    criterion,
    score: z.number().int().min(1).max(4).nullable(),
    comment: z.string().max(20_000),
  }),
  z.object({ type: z.literal('shareRubric'), share: z.boolean() }),
  z.object({
    type: z.literal('fault'),
    request: z.object({
      action: faultAction,
      target: id,
      factor: z.number().positive().max(1e6).optional(),
      durationS: z.number().min(0).max(1e7).optional(),
      // Relative: the candidate's window adds its own clock's time, so the interviewer's view of
      // the run (a snapshot a frame old) does not shift the surprise.
      when: z.discriminatedUnion('clock', [
        z.object({ clock: z.literal('now') }),
        z.object({ clock: z.enum(['run', 'interview']), inMs: simOrClockMs }),
      ]),
    }),
  }),
  z.object({ type: z.literal('disarm'), faultId: id }),
]);

export type CandidateMessage = z.infer<typeof candidateMessageSchema>;
export type InterviewerMessage = z.infer<typeof interviewerMessageSchema>;
export type InterviewSnapshot = z.infer<typeof snapshotSchema>;
/** A fault as the remote asks for it: when is relative ("now", "in 30 s of the run"). */
export type RemoteFaultRequest = Extract<InterviewerMessage, { type: 'fault' }>['request'];

/** A message from the candidate's window, or null when it is not one (dropped). */
export function readCandidateMessage(data: unknown): CandidateMessage | null {
  const parsed = candidateMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** A message from the interviewer's window, or null when it is not one (dropped). */
export function readInterviewerMessage(data: unknown): InterviewerMessage | null {
  const parsed = interviewerMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}
