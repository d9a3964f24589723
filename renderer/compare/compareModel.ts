// What differs between design A and its variant B, in the product's words ("API · Instances 2 → 4"),
// for the compare view's header: parameters per node id (catalog defaults filled in, so an unset
// parameter and its default are the same), nodes and connections only in one of them, the SLO and
// the scenario's fault script.
import { CATALOG, EDGE_PARAMS, defaultParams } from '../../shared/document/catalog';
import type { Design, Params } from '../../shared/document/types';
import type { ParamSpecs } from '../../shared/kinds/common/paramSpecs';
import { formatNumber } from '../../shared/format';
import type { CompareResult } from '../../shared/analysis/compare';
import type { TIER_METRICS } from '../../shared/analysis/compareTable';

const shown = (value: unknown) =>
  value === undefined ? 'unbounded' : typeof value === 'number' ? formatNumber(value) : String(value);

function paramChanges(specs: ParamSpecs, a: Params, b: Params): string[] {
  const fullA = { ...defaultParams(specs), ...a };
  const fullB = { ...defaultParams(specs), ...b };
  return Object.keys(specs)
    .filter((name) => fullA[name] !== fullB[name])
    .map((name) => `${specs[name].label} ${shown(fullA[name])} → ${shown(fullB[name])}`);
}

export function designDifferences(a: Design, b: Design): string[] {
  const out: string[] = [];
  const nodesB = new Map(b.nodes.map((node) => [node.id, node]));
  const idsA = new Set(a.nodes.map((node) => node.id));
  for (const node of a.nodes) {
    const other = nodesB.get(node.id);
    if (!other) out.push(`only in A: ${node.label}`);
    else if (other.kind !== node.kind)
      out.push(`${node.label}: ${CATALOG[node.kind].label} → ${CATALOG[other.kind].label}`);
    else
      for (const change of paramChanges(CATALOG[node.kind].params, node.params, other.params))
        out.push(`${other.label} · ${change}`);
  }
  for (const node of b.nodes) if (!idsA.has(node.id)) out.push(`only in B: ${node.label}`);
  const edgesB = new Map(b.edges.map((edge) => [`${edge.from}→${edge.to}`, edge]));
  const edgesA = new Set(a.edges.map((edge) => `${edge.from}→${edge.to}`));
  const labelOf = (design: Design, id: string) => design.nodes.find((node) => node.id === id)?.label ?? id;
  for (const edge of a.edges) {
    const name = `${labelOf(a, edge.from)} → ${labelOf(a, edge.to)}`;
    const other = edgesB.get(`${edge.from}→${edge.to}`);
    if (!other) out.push(`connection only in A: ${name}`);
    else
      for (const change of paramChanges(EDGE_PARAMS, edge.params, other.params))
        out.push(`${name} · ${change}`);
  }
  for (const edge of b.edges)
    if (!edgesA.has(`${edge.from}→${edge.to}`))
      out.push(`connection only in B: ${labelOf(b, edge.from)} → ${labelOf(b, edge.to)}`);
  for (const [name, label] of [
    ['p99Ms', 'SLO p99'],
    ['maxErrorRate', 'SLO max error rate'],
    ['minThroughputRps', 'SLO min throughput'],
  ] as const)
    if (a.slo[name] !== b.slo[name]) out.push(`${label} ${shown(a.slo[name])} → ${shown(b.slo[name])}`);
  if (JSON.stringify(a.scenario.events) !== JSON.stringify(b.scenario.events))
    out.push('the fault scripts differ (each design runs its own)');
  return out;
}

/** The label of node id in B, else in A (a node only in A keeps its name). */
export const nodeLabel = (a: Design, b: Design, id: string): string =>
  b.nodes.find((node) => node.id === id)?.label ?? a.nodes.find((node) => node.id === id)?.label ?? id;

export const TIER_HEADINGS: Record<(typeof TIER_METRICS)[number], string> = {
  throughputRps: 'rps',
  utilization: 'hottest util',
  p99Ms: 'p99',
  errorRate: 'errors',
  instances: 'instances',
};

/** What the means are over and how to read the noise; nodes only one design has. */
export function compareNote(result: CompareResult, labelOf: (id: string) => string): string {
  let note =
    result.seeds.length === 1
      ? 'One seed: no confidence intervals. Use 3 or more seeds to see which differences are outside the noise.'
      : `Means over ${result.seeds.length} seeds; a difference is within the noise when its 95% interval contains 0.`;
  if (result.onlyInA.length > 0) note += ` Only in A: ${result.onlyInA.map(labelOf).join(', ')}.`;
  if (result.onlyInB.length > 0) note += ` Only in B: ${result.onlyInB.map(labelOf).join(', ')}.`;
  return note;
}
