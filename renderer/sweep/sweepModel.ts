// What the sweep panel offers and shows, as plain functions (unit-tested without a DOM): the
// numeric parameters of the open design a sweep can vary, a sensible default range for one, the
// analysis core's messages in the panel's words, and the points that are complete so far (all
// their replications in) summarised with the same code the CLI uses.
import { CATALOG, EDGE_PARAMS } from '../../shared/document/catalog';
import type { Design } from '../../shared/document/types';
import type { RunSummary } from '../../shared/analysis/runs';
import {
  summarizeSweep,
  type SweepPlan,
  type SweepResult,
  type SweepSpec,
} from '../../shared/analysis/sweep';
import { kindCan } from '../../shared/kinds/index';
import type { NumberParamSpec } from '../../shared/kinds/common/paramSpecs';
import { formatNumber } from '../../shared/format';

export interface SweepableParam {
  /** `id.param`, as the CLI's --param. */
  path: string;
  /** "Users · Requests/s" — the component's label, then the parameter's. */
  label: string;
  unit: string;
  /** The design's current value (the catalog default when unset; null for an unbounded one). */
  current: number | null;
  spec: NumberParamSpec;
}

/** Every numeric parameter of every node, then of every connection, in the document's order. */
export function sweepableParams(design: Design): SweepableParam[] {
  const params: SweepableParam[] = [];
  const add = (
    id: string,
    owner: string,
    specs: typeof EDGE_PARAMS,
    values: Design['nodes'][0]['params'],
  ) => {
    for (const [name, spec] of Object.entries(specs)) {
      if (spec.type !== 'number') continue;
      const value = values[name];
      params.push({
        path: `${id}.${name}`,
        label: `${owner} · ${spec.label}`,
        unit: spec.unit,
        current: typeof value === 'number' ? value : (spec.default ?? null),
        spec,
      });
    }
  };
  for (const node of design.nodes) add(node.id, node.label, CATALOG[node.kind].params, node.params);
  const labelOf = new Map(design.nodes.map((node) => [node.id, node.label]));
  for (const edge of design.edges)
    add(
      edge.id,
      `${labelOf.get(edge.from) ?? edge.from} → ${labelOf.get(edge.to) ?? edge.to}`,
      EDGE_PARAMS,
      edge.params,
    );
  return params;
}

/** The load of the first client (open loop: rps; closed loop: users), else the first parameter. */
export function defaultSweepParam(design: Design, params: readonly SweepableParam[]): SweepableParam | null {
  for (const node of design.nodes) {
    if (!kindCan(node.kind, 'originatesRequests')) continue;
    const load = node.params.mode === 'closed' ? 'users' : 'rps';
    const found = params.find((param) => param.path === `${node.id}.${load}`);
    if (found) return found;
  }
  return params[0] ?? null;
}

const round = (value: number, spec: NumberParamSpec) => {
  if (spec.integer) return Math.round(value);
  const magnitude = 10 ** Math.floor(Math.log10(Math.abs(value) || 1));
  return (Math.round((value / magnitude) * 10) / 10) * magnitude;
};

/** From a quarter to twice the current value, inside the parameter's range. */
export function defaultRange(param: SweepableParam): { from: number; to: number } {
  const { spec } = param;
  const base = param.current && param.current > 0 ? param.current : Math.max(spec.min, 1);
  const clamp = (value: number) => Math.min(spec.max, Math.max(spec.min, round(value, spec)));
  let from = clamp(base / 4);
  let to = clamp(base * 2);
  if (from === to) [from, to] = [spec.min, Math.min(spec.max, spec.min + 10)];
  return { from, to };
}

const FIELD_NAMES: Record<string, string> = {
  param: 'Parameter',
  from: 'From',
  to: 'To',
  steps: 'Points',
  seeds: 'Seeds',
};

/** The analysis core's messages name CLI flags; the panel names its fields. */
export const inPanelWords = (message: string): string =>
  message.replace(/--(\w+)/g, (flag, name: string) => FIELD_NAMES[name] ?? flag);

/** Indices of the points whose replications have all finished. */
export function completePoints(plan: SweepPlan, finished: readonly (RunSummary | undefined)[]): number[] {
  const n = plan.seeds.length;
  const complete: number[] = [];
  for (let p = 0; p < plan.values.length; p++) {
    // A loop, not every(): the array is sparse until its tasks finish, and every() skips holes.
    let all = true;
    for (let r = 0; r < n; r++) if (finished[p * n + r] === undefined) all = false;
    if (all) complete.push(p);
  }
  return complete;
}

/** The sweep over the complete points only (the CLI's summary when every point is in). */
export function partialSweep(
  design: Design,
  spec: SweepSpec,
  plan: SweepPlan,
  finished: readonly (RunSummary | undefined)[],
): SweepResult | null {
  const complete = completePoints(plan, finished);
  if (complete.length === 0) return null;
  const n = plan.seeds.length;
  const runs = complete.flatMap((p) => finished.slice(p * n, p * n + n) as RunSummary[]);
  return summarizeSweep(design, spec, { ...plan, values: complete.map((p) => plan.values[p]) }, runs);
}

/** "about 12 s left" from the pace so far (null until a task has finished). */
export function timeLeftText(done: number, total: number, elapsedMs: number): string | null {
  if (done === 0 || done >= total) return null;
  const leftS = Math.ceil(((total - done) * elapsedMs) / done / 1000);
  return leftS >= 90 ? `about ${Math.round(leftS / 60)} min left` : `about ${leftS} s left`;
}

/** The analysis core's clause as a sentence: a capital first letter and a full stop. */
const sentence = (clause: string) =>
  `${clause.charAt(0).toUpperCase()}${clause.slice(1)}${clause.endsWith('.') ? '' : '.'}`;

/** The largest load within the SLO, said as the analysis core says it. */
export const sloLimitSentence = (result: SweepResult): string => sentence(result.withinSlo.summary);

/** Where the knee is and what bends there (empty without a knee). */
export function kneeSentence(result: SweepResult): string {
  if (!result.knee) return '';
  return `The knee is at ${formatNumber(result.knee.load)} ${result.unit}: ${
    result.knee.reason === 'latency'
      ? 'beyond it p99 grows faster than load (elasticity ≥ 2).'
      : 'beyond it throughput stops tracking the offered load.'
  }`;
}

export const noiseSentence = (result: SweepResult): string =>
  result.seeds.length > 1 ? `Bands are 95% confidence intervals over ${result.seeds.length} seeds.` : '';
