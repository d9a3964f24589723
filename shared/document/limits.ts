// The editor's side of the document limits. `DESIGN_LIMITS` (./schema.ts) is the one declaration;
// `parseDesign` refuses a file beyond it, and the editor's store asks `designLimitExcess` before
// every change so it never builds a design that file could not hold. Pure: no React, no store.
import { DESIGN_LIMITS, formatLimit } from './schema';
import type { Design } from './types';

/** Which limit a change would break, with the value it would reach. */
export type DesignLimitExcess =
  | {
      limit: 'nodes' | 'edges' | 'notes' | 'scenarioEvents';
      /** How many there would be. */
      count: number;
      max: number;
    }
  | {
      limit: 'labelChars' | 'textChars';
      /** What the text is, in the product's words: "a component name", "a note", "the design title". */
      field: string;
      /** Its length in characters. */
      count: number;
      max: number;
    }
  | { limit: 'fileBytes'; count: number; max: number };

/** What each counted collection is called in messages. */
const COUNT_WORDS = {
  nodes: 'nodes',
  edges: 'connections',
  notes: 'notes',
  scenarioEvents: 'scenario steps',
} as const;

type Counts = Record<keyof typeof COUNT_WORDS, number>;

const countsOf = (design: Design): Counts => ({
  nodes: design.nodes.length,
  edges: design.edges.length,
  notes: design.notes.length,
  scenarioEvents: design.scenario.events.length,
});

/**
 * Would adding this much content to `design` break a count limit? The cheap check a command can
 * ask before it builds anything (a paste of 2,560 nodes is refused before ids are drawn).
 */
export function wouldExceedLimits(design: Design, added: Partial<Counts>): DesignLimitExcess | null {
  const counts = countsOf(design);
  for (const limit of Object.keys(COUNT_WORDS) as (keyof Counts)[]) {
    const more = added[limit] ?? 0;
    const count = counts[limit] + more;
    if (more > 0 && count > DESIGN_LIMITS[limit]) return { limit, count, max: DESIGN_LIMITS[limit] };
  }
  return null;
}

/** The file a design saves as (as `JSON.stringify(design, null, 2)` plus a newline) in UTF-8 bytes. */
function savedBytes(design: Design): number {
  const text = JSON.stringify(design, null, 2);
  if (text.length * 3 + 1 <= DESIGN_LIMITS.fileBytes) return text.length + 1; // cannot be over: skip counting
  let bytes = 1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The limit `next` breaks that `previous` did not, or null when `next` is a design the file
 * format holds. Only what grew counts against it: a design over a limit (none can be opened) may
 * still shrink. Texts are checked where they changed; the file size only when content grew.
 */
export function designLimitExcess(next: Design, previous: Design | null = null): DesignLimitExcess | null {
  const before = previous ? countsOf(previous) : null;
  const after = countsOf(next);
  let grew = before === null;
  for (const limit of Object.keys(COUNT_WORDS) as (keyof Counts)[]) {
    if (before && after[limit] > before[limit]) grew = true;
    if (after[limit] > DESIGN_LIMITS[limit] && (!before || after[limit] > before[limit]))
      return { limit, count: after[limit], max: DESIGN_LIMITS[limit] };
  }

  const longer = (
    text: string,
    was: string | undefined,
    limit: 'labelChars' | 'textChars',
    field: string,
  ) => {
    if (text === was) return null;
    if (was === undefined || text.length > was.length) grew = true;
    return text.length > DESIGN_LIMITS[limit] && (was === undefined || text.length > was.length)
      ? { limit, field, count: text.length, max: DESIGN_LIMITS[limit] }
      : null;
  };
  const textExcess =
    longer(next.meta.title, previous?.meta.title, 'labelChars', 'the design title') ??
    longer(next.meta.notes, previous?.meta.notes, 'textChars', 'the design notes') ??
    changedTexts(next, previous, longer);
  if (textExcess) return textExcess;

  if (grew) {
    const bytes = savedBytes(next);
    if (bytes > DESIGN_LIMITS.fileBytes)
      return { limit: 'fileBytes', count: bytes, max: DESIGN_LIMITS.fileBytes };
  }
  return null;
}

/** Labels and note texts that changed (an unchanged node is the same object: immer shares it). */
function changedTexts(
  next: Design,
  previous: Design | null,
  longer: (
    text: string,
    was: string | undefined,
    limit: 'labelChars' | 'textChars',
    field: string,
  ) => DesignLimitExcess | null,
): DesignLimitExcess | null {
  const oldNodes =
    previous && previous.nodes !== next.nodes ? new Map(previous.nodes.map((n) => [n.id, n])) : null;
  if (!previous || oldNodes) {
    for (const node of next.nodes) {
      const old = oldNodes?.get(node.id);
      if (old === node) continue;
      const excess = longer(node.label, old?.label, 'labelChars', 'a component name');
      if (excess) return excess;
    }
  }
  const oldNotes =
    previous && previous.notes !== next.notes ? new Map(previous.notes.map((n) => [n.id, n])) : null;
  if (!previous || oldNotes) {
    for (const note of next.notes) {
      const old = oldNotes?.get(note.id);
      if (old === note) continue;
      const field =
        note.style === 'frame' ? 'a frame title' : note.style === 'text' ? 'a text label' : 'a note';
      const excess = longer(note.text, old?.text, 'textChars', field);
      if (excess) return excess;
    }
  }
  return null;
}

/** Rounded up, so a file just over the limit never reads as equal to it ("20.03 MB", "20 MB"). */
const megabytes = (bytes: number) => `${formatLimit(Math.ceil((bytes / 1024 / 1024) * 100) / 100)} MB`;

/** "5,120 nodes; a design holds at most 5,000": what is too much and what fits. */
export function limitProblem(excess: DesignLimitExcess): string {
  switch (excess.limit) {
    case 'labelChars':
    case 'textChars':
      return `${excess.field} ${formatLimit(excess.count)} characters long; it holds at most ${formatLimit(excess.max)}`;
    case 'fileBytes':
      return `the design file ${megabytes(excess.count)}; a design file holds at most ${megabytes(excess.max)}`;
    default:
      return `${formatLimit(excess.count)} ${COUNT_WORDS[excess.limit]}; a design holds at most ${formatLimit(excess.max)}`;
  }
}

/**
 * The refusal in the product's words, naming the command:
 * "Duplicate would make 5,120 nodes; a design holds at most 5,000".
 */
export function limitRefusal(action: string, excess: DesignLimitExcess): string {
  return `${action} would make ${limitProblem(excess)}`;
}
