// Turns what someone typed into an inspector field into a parameter value, or a reason it is refused.
// Refused input never reaches the document. The rules are the document schema's own
// (shared/document/schema.ts), so a value the inspector accepts is always one a file may hold.
import type { NumberParamSpec, ParamSpec } from '../../shared/document/catalog';
import type { ParamValue } from '../../shared/document/types';
import { formatLimit, paramProblem } from '../../shared/document/schema';

export type ParamInputResult =
  /** value undefined: the optional parameter is left out (unbounded). */
  { ok: true; value: ParamValue | undefined } | { ok: false; reason: string };

const UNBOUNDED_WORDS = new Set(['', 'unbounded', '∞', 'inf', 'infinity', 'none']);

export const formatNumber = formatLimit;

export function describeRange(spec: NumberParamSpec): string {
  const range = `${formatNumber(spec.min)}–${formatNumber(spec.max)} ${spec.unit}`;
  return spec.integer ? `${range}, whole numbers` : range;
}

/** "must be an integer (got 2.5)" → "Must be an integer (got 2.5)." */
export function sentence(problem: string): string {
  const text = problem.charAt(0).toUpperCase() + problem.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Why a value breaks its spec (as a sentence), or null when it is fine. */
export function checkParamValue(spec: ParamSpec, value: ParamValue): string | null {
  const problem = paramProblem(spec, value);
  return problem ? sentence(problem) : null;
}

/** Parses text typed into a number field; `optional` fields accept an empty box as "unbounded". */
export function parseNumberText(text: string, optional: boolean): ParamInputResult {
  const trimmed = text.trim();
  if (optional && UNBOUNDED_WORDS.has(trimmed.toLowerCase())) return { ok: true, value: undefined };
  if (trimmed === '') return { ok: false, reason: 'Enter a number.' };
  // People paste "10,000" or "10_000"; both mean ten thousand.
  const normalised = trimmed.replace(/[,_\s]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalised))
    return { ok: false, reason: `Not a number: "${trimmed}".` };
  return { ok: true, value: Number(normalised) };
}

/** Parses and checks text typed into a number field against its catalog spec. */
export function parseNumberInput(spec: NumberParamSpec, text: string): ParamInputResult {
  const parsed = parseNumberText(text, Boolean(spec.optional));
  if (!parsed.ok || parsed.value === undefined) return parsed;
  const reason = checkParamValue(spec, parsed.value);
  return reason ? { ok: false, reason } : parsed;
}
