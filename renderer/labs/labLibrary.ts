// The labs the app ships (assets/labs/*.bplab) and the templates they may build on, bundled at
// build time so a lab opens offline and synchronously. Each file goes through the one lab schema
// (parseLab); a broken bundled lab is listed with its problems instead of hiding.
import type { Design } from '../../shared/document/types';
import { parseLab, type ParseLabResult } from '../../shared/labs/schema';
import type { TemplateLookup } from '../../shared/labs/labDesign';
import type { Lab, LabProblem } from '../../shared/labs/types';
import { bundledTemplateText } from '../platform/bundledTemplates';

const labTexts = import.meta.glob('../../assets/labs/*.bplab', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** A template's text by stem ("three-tier") or file name ("three-tier.bpd"). */
export const bundledTemplates: TemplateLookup = bundledTemplateText;

export type LabEntry =
  { ok: true; file: string; lab: Lab; design: Design } | { ok: false; file: string; problems: LabProblem[] };

/** A lab file's text → the lab and its base design, or its problems (each with its JSON path). */
export function readLab(text: unknown, file: string): LabEntry {
  const parsed: ParseLabResult = parseLab(text, bundledTemplates);
  if (!parsed.ok) return { ok: false, file, problems: parsed.problems };
  if (!parsed.design)
    return { ok: false, file, problems: [{ path: 'design', message: 'the lab has no design to open' }] };
  return { ok: true, file, lab: parsed.lab, design: parsed.design };
}

let cached: LabEntry[] | null = null;

/** Every bundled lab, by title (broken ones last). */
export function bundledLabs(): LabEntry[] {
  cached ??= Object.entries(labTexts)
    .map(([key, text]) => readLab(text, key.slice(key.lastIndexOf('/') + 1)))
    .sort((a, b) => {
      if (a.ok !== b.ok) return a.ok ? -1 : 1;
      return (a.ok ? a.lab.title : a.file).localeCompare(b.ok ? b.lab.title : b.file);
    });
  return cached;
}

/** "steps[2].check.op: must be one of …" — how a problem reads in a dialog. */
export const problemText = (problem: LabProblem) => `${problem.path}: ${problem.message}`;
