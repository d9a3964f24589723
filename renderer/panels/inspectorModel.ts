// What the inspector shows for a selection, as plain functions (unit-tested without a DOM): which
// parameters several nodes share, their common value or "mixed", how parameters are grouped (by the catalog's `group`), and the
// document-level fields (SLO targets, scenario settings) with the same rules the file schema applies.
import {
  CATALOG,
  EDGE_PARAMS,
  isParamRelevant,
  resolveParams,
  type ComponentKind,
  type NumberParamSpec,
  type ParamSpec,
  type ParamSpecs,
} from '../../shared/document/catalog';
import type { ParamValue, Params } from '../../shared/document/types';
import { scenarioSchema, sloSchema, validateParam } from '../../shared/document/schema';
import { sentence } from './paramInput';

export const MIXED = Symbol('mixed');
export type FieldValue = ParamValue | undefined | typeof MIXED;

/**
 * The parameters every one of the kinds has, in the first kind's order. Where kinds disagree on a
 * range, the narrower one applies so an edit is valid for all of them.
 */
export function sharedParamSpecs(kinds: readonly ComponentKind[]): ParamSpecs {
  const unique = [...new Set(kinds)];
  if (unique.length === 0) return {};
  const shared: ParamSpecs = {};
  for (const [name, first] of Object.entries(CATALOG[unique[0]].params)) {
    const others = unique.slice(1).map((kind) => CATALOG[kind].params[name]);
    if (others.some((other) => !other || other.type !== first.type)) continue;
    if (first.type === 'enum') {
      const same = others.every(
        (other) => other.type === 'enum' && other.options.join('|') === first.options.join('|'),
      );
      if (!same) continue;
      shared[name] = first;
    } else if (first.type === 'number') {
      const numbers = [first, ...(others as NumberParamSpec[])];
      shared[name] = {
        ...first,
        min: Math.max(...numbers.map((spec) => spec.min)),
        max: Math.min(...numbers.map((spec) => spec.max)),
        integer: numbers.some((spec) => spec.integer),
        optional: numbers.every((spec) => spec.optional),
      };
    } else shared[name] = first;
  }
  return shared;
}

/** The value a parameter has (catalog default filled in), or MIXED when the items disagree. */
export function sharedValue(items: readonly Params[], name: string, spec: ParamSpec): FieldValue {
  const values = items.map((params) => (params[name] !== undefined ? params[name] : spec.default));
  return values.every((value) => value === values[0]) ? values[0] : MIXED;
}

/** Why a node parameter value is refused for any of the kinds, or null (the file schema's rules). */
export function nodeParamProblem(
  kinds: readonly ComponentKind[],
  name: string,
  value: ParamValue,
): string | null {
  const unique = [...new Set(kinds)];
  for (const kind of unique) {
    const problem = validateParam(kind, name, value);
    if (problem) return sentence(unique.length > 1 ? `${CATALOG[kind].label}: ${problem}` : problem);
  }
  return null;
}

export function edgeParamProblem(name: string, value: ParamValue): string | null {
  const problem = validateParam('edge', name, value);
  return problem ? sentence(problem) : null;
}

/** The catalog names each parameter's group; one it does not name (a parameter just added) goes last. */
const UNGROUPED = 'Other';

export interface ParamGroup {
  title: string;
  names: string[];
}

/** Parameters in groups, groups in the order their first parameter appears in the catalog. */
export function groupParams(specs: ParamSpecs): ParamGroup[] {
  const groups = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(specs)) {
    const title = spec.group ?? UNGROUPED;
    if (!groups.has(title)) groups.set(title, []);
    groups.get(title)!.push(name);
  }
  const ordered = [...groups].map(([title, names]) => ({ title, names }));
  return [
    ...ordered.filter((group) => group.title !== UNGROUPED),
    ...ordered.filter((group) => group.title === UNGROUPED),
  ];
}

/**
 * Drops parameters that matter to none of the selected nodes (quorum sizes unless replication is
 * leaderless, think time in open mode …), and groups left empty. Editing the deciding parameter
 * brings them back.
 */
export function relevantGroups(
  groups: ParamGroup[],
  nodes: readonly { kind: ComponentKind; params: Params }[],
): ParamGroup[] {
  const resolved = nodes.map((node) => resolveParams(CATALOG[node.kind].params, node.params));
  const relevant = (name: string) =>
    nodes.some((node, i) => {
      const spec = CATALOG[node.kind].params[name];
      return !spec || isParamRelevant(spec, resolved[i]);
    });
  return groups
    .map((group) => ({ ...group, names: group.names.filter(relevant) }))
    .filter((group) => group.names.length > 0);
}

/** The same for connections: the edge parameters that matter to any of the selected edges. */
export function relevantEdgeGroups(groups: ParamGroup[], edges: readonly { params: Params }[]): ParamGroup[] {
  const resolved = edges.map((edge) => resolveParams(EDGE_PARAMS, edge.params));
  const relevant = (name: string) => resolved.some((params) => isParamRelevant(EDGE_PARAMS[name], params));
  return groups
    .map((group) => ({ ...group, names: group.names.filter(relevant) }))
    .filter((group) => group.names.length > 0);
}

const documentNumber = (
  label: string,
  min: number,
  max: number,
  unit: string,
  description: string,
  integer = false,
): NumberParamSpec => ({ type: 'number', label, min, max, unit, description, integer });

/** The document's SLO targets as inspector fields; names are the file format (`slo.<name>`). */
export const SLO_FIELDS: Record<'p99Ms' | 'minThroughputRps' | 'maxErrorRate', NumberParamSpec> = {
  p99Ms: documentNumber(
    'p99 latency',
    0.001,
    1e9,
    'ms',
    'A run fails its SLO when p99 latency is above this.',
  ),
  minThroughputRps: documentNumber(
    'Minimum throughput',
    0,
    1e12,
    'req/s',
    'A run fails its SLO when fewer requests per second complete.',
  ),
  maxErrorRate: documentNumber(
    'Maximum error rate',
    0,
    1,
    'fraction',
    'A run fails its SLO when a larger fraction of requests fail.',
  ),
};

/** Scenario settings as inspector fields (`scenario.<name>`). */
export const SCENARIO_FIELDS: Record<'durationS' | 'warmupS' | 'seed', NumberParamSpec> = {
  durationS: documentNumber('Duration', 0.001, 1e7, 's', 'Simulated time one run covers.'),
  warmupS: documentNumber(
    'Warm-up',
    0,
    1e7,
    's',
    'Left out of the run totals so caches and queues settle first.',
  ),
  seed: documentNumber(
    'Seed',
    0,
    2 ** 32 - 1,
    'seed',
    'Same design, seed and scenario: the same run, every time.',
    true,
  ),
};

function zodProblem(result: { success: boolean; error?: { issues: { message: string }[] } }): string | null {
  return result.success ? null : sentence(result.error?.issues[0]?.message ?? 'not allowed');
}

/** Why an SLO value is refused by the file schema, or null. */
export function sloFieldProblem(name: keyof typeof SLO_FIELDS, value: number): string | null {
  return zodProblem(sloSchema.shape[name].safeParse(value));
}

/** Why a scenario value is refused (file schema, and warm-up must end before the run does), or null. */
export function scenarioFieldProblem(
  name: keyof typeof SCENARIO_FIELDS,
  value: number,
  scenario: { durationS: number; warmupS: number },
): string | null {
  const problem = zodProblem(scenarioSchema.shape[name].safeParse(value));
  if (problem) return problem;
  if (name === 'warmupS' && value >= scenario.durationS)
    return `Warm-up must be shorter than the run (${scenario.durationS} s).`;
  if (name === 'durationS' && value <= scenario.warmupS)
    return `The run must be longer than its warm-up (${scenario.warmupS} s).`;
  return null;
}
