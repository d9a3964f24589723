// A lab's design: inline, or a template from assets/templates by name (the caller supplies the
// template texts: the app from its bundle, the CLI from disk, tests through Vite `?raw`), and its
// variants (the design with DesignEdits applied, on a copy). Pure: no DOM, no Node APIs.
import type { Design } from '../document/types';
import { parseDesign } from '../document/validate';
import type { DesignEdit, Lab, LabProblem } from './types';

/** A template's file text by name (the file stem: "cap-partition"), or undefined if there is none. */
export type TemplateLookup = (name: string) => string | undefined;

export type LabDesignResult = { ok: true; design: Design } | { ok: false; problems: LabProblem[] };

export const isTemplateReference = (design: Lab['design']): design is { template: string } =>
  typeof (design as { template?: unknown }).template === 'string';

/** The lab's base design, validated like a file open (a template's problems name the template). */
export function resolveLabDesign(
  lab: Pick<Lab, 'design' | 'durationS'>,
  templates?: TemplateLookup,
): LabDesignResult {
  const result = resolveBase(lab, templates);
  if (result.ok && lab.durationS !== undefined) result.design.scenario.durationS = lab.durationS;
  return result;
}

function resolveBase(lab: Pick<Lab, 'design'>, templates?: TemplateLookup): LabDesignResult {
  if (!isTemplateReference(lab.design)) {
    const parsed = parseDesign(lab.design);
    return parsed.ok
      ? { ok: true, design: parsed.design }
      : { ok: false, problems: designProblems(parsed.problems) };
  }
  const name = lab.design.template;
  const text = templates?.(name) ?? templates?.(name.replace(/\.bpd$/, ''));
  if (text === undefined)
    return {
      ok: false,
      problems: [{ path: 'design.template', message: `no template named ${JSON.stringify(name)}` }],
    };
  const parsed = parseDesign(text);
  if (!parsed.ok)
    return {
      ok: false,
      problems: parsed.problems.map((problem) => ({
        path: 'design.template',
        message: `template ${JSON.stringify(name)} is not a valid design: ${problem}`,
      })),
    };
  return { ok: true, design: parsed.design };
}

/** parseDesign's "nodes[3].params.workers: must be…" as lab problems under `design`. */
export function designProblems(problems: readonly string[], prefix = 'design'): LabProblem[] {
  return problems.map((problem) => {
    const match = /^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$]*)*): (.*)$/s.exec(problem);
    return match ? { path: `${prefix}.${match[1]}`, message: match[2] } : { path: prefix, message: problem };
  });
}

/** A copy of the design with the edits applied in order (params merged over what a node or edge has). */
export function applyDesignEdits(design: Design, edits: readonly DesignEdit[]): Design {
  const copy = JSON.parse(JSON.stringify(design)) as Design;
  for (const edit of edits) {
    if ('set' in edit) {
      const item =
        copy.nodes.find((node) => node.id === edit.set) ?? copy.edges.find((e) => e.id === edit.set);
      if (item) item.params = { ...item.params, ...edit.params };
    } else if ('slo' in edit) copy.slo = { ...copy.slo, ...edit.slo };
    else if ('events' in edit)
      copy.scenario = { ...copy.scenario, events: [...copy.scenario.events, ...edit.events] };
  }
  return copy;
}

/** The design a variant names ('' or undefined: the base design itself, copied). */
export function variantDesign(lab: Pick<Lab, 'variants'>, base: Design, variant?: string): Design {
  return applyDesignEdits(base, variant ? (lab.variants?.[variant] ?? []) : []);
}
