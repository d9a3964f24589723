// Which parameters of a design differ from the catalog's defaults (`defaultParams` in
// shared/document/catalog.ts): the choices that make this design what it is, for the report's
// "Parameters" table. A parameter left out of the file, or set to its default, is not a choice.
// Pure and unit-tested.
import {
  CATALOG,
  EDGE_PARAMS,
  defaultParams,
  isParamRelevant,
  resolveParams,
  type ParamSpec,
  type ParamSpecs,
} from '../../shared/document/catalog';
import type { Design, ParamValue, Params } from '../../shared/document/types';
import { formatCount } from '../../shared/format';

export interface ChangedParam {
  /** The node or edge id. */
  targetId: string;
  /** As the canvas names it: the node's label, an edge as "A → B". */
  target: string;
  /** "Service", "Connection". */
  kindLabel: string;
  /** The file-format name ("serviceTimeMs") and the inspector's label ("Service time"). */
  name: string;
  label: string;
  /** "12 ms", "lognormal", "on". */
  value: string;
  /** "5 ms", "unbounded". */
  defaultValue: string;
  /** False when another setting makes it moot (e.g. zipfAlpha under a uniform key distribution). */
  inUse: boolean;
}

/** Units that are not written after the number. */
const UNITLESS = new Set(['', 'fraction', 'share', '×']);

/** A parameter as typed, with its unit: exact, never rounded (it is an input, not a measurement). */
export function formatParamValue(spec: ParamSpec, value: ParamValue | undefined): string {
  if (value === undefined) return spec.type === 'number' && spec.optional ? 'unbounded' : '—';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'string') return value;
  const number = Number.isInteger(value) ? formatCount(value) : String(value);
  // A ratio reads as the number itself ("0.8", not "0.8 fraction").
  const unit = spec.type === 'number' && !UNITLESS.has(spec.unit) ? spec.unit : '';
  return unit ? `${number} ${unit}` : number;
}

function changesOf(
  specs: ParamSpecs,
  params: Params,
  row: Pick<ChangedParam, 'targetId' | 'target' | 'kindLabel'>,
): ChangedParam[] {
  const defaults = defaultParams(specs);
  const resolved = resolveParams(specs, params);
  const changed: ChangedParam[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const value = params[name];
    if (value === undefined || value === defaults[name]) continue;
    changed.push({
      ...row,
      name,
      label: spec.label,
      value: formatParamValue(spec, value),
      defaultValue: formatParamValue(spec, defaults[name]),
      inUse: isParamRelevant(spec, resolved),
    });
  }
  return changed;
}

/** Every node and edge parameter that differs from its default, nodes first, in document order. */
export function changedParams(design: Design): ChangedParam[] {
  const labels = new Map(design.nodes.map((node) => [node.id, node.label || node.id]));
  const nodes = design.nodes.flatMap((node) =>
    changesOf(CATALOG[node.kind].params, node.params, {
      targetId: node.id,
      target: node.label || node.id,
      kindLabel: CATALOG[node.kind].label,
    }),
  );
  const edges = design.edges.flatMap((edge) =>
    changesOf(EDGE_PARAMS, edge.params, {
      targetId: edge.id,
      target: `${labels.get(edge.from) ?? edge.from} → ${labels.get(edge.to) ?? edge.to}`,
      kindLabel: 'Connection',
    }),
  );
  return [...nodes, ...edges];
}
