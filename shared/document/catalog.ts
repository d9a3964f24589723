// The component catalog: every kind, every parameter with its default, unit, range and a one-line
// description. The kinds themselves live in shared/kinds/ (one folder each); this module is the
// document's view of them plus the edge parameters. The schema validates against it, the palette
// and inspector render it, and the engine resolves parameters through it.
import type { ParamValue, Params } from './types';
import { CATALOG, KINDS, kindsThat, type ComponentKind } from '../kinds/index';
import { flag, num, oneOf, type ParamSpecs } from '../kinds/common/paramSpecs';
import { PROTOCOLS } from './protocols';

export { CATALOG, COMPONENT_KINDS, KINDS, kindCan, kindsThat } from '../kinds/index';
export type { ComponentKind, ComponentSpec } from '../kinds/index';
export { isParamRelevant } from '../kinds/common/paramSpecs';
export type {
  BooleanParamSpec,
  EnumParamSpec,
  NumberParamSpec,
  ParamSpec,
  ParamSpecs,
} from '../kinds/common/paramSpecs';

/** Kinds that cache keys (and so have a hit rate). */
export const CACHE_KINDS: readonly ComponentKind[] = kindsThat('cachesKeys');
export const isCacheKind = (kind: string): boolean => (CACHE_KINDS as readonly string[]).includes(kind);

export const EDGE_PARAMS: ParamSpecs = {
  latencyMs: num(
    'Latency',
    1,
    0,
    600_000,
    'ms',
    'One-way network latency; a synchronous call pays it both ways.',
    { group: 'Connection' },
  ),
  filter: oneOf(
    'Carries',
    ['all', 'reads', 'writes', 'auth'],
    'all',
    'Which requests take this edge: all, only reads, only writes — or auth: only the auth lookups of a gateway checking sessions or tokens (to its session store or auth service), never its traffic.',
    { group: 'Connection' },
  ),
  weight: num(
    'Weight',
    1,
    0,
    1_000_000,
    'share',
    'Share of traffic when a client, gateway, rate limiter or cache picks one of several matching edges (a service calls each in order).',
    {
      group: 'Connection',
    },
  ),
  async: flag('Async', false, 'Fire-and-forget: the sender is acknowledged at once (used into queues).', {
    group: 'Connection',
  }),
  protocol: oneOf(
    'Protocol',
    PROTOCOLS,
    'none',
    'How calls are encoded. None: no costs (as before). REST: JSON over HTTP/1.1, 0.5 KB of text headers per message, 20 µs + 10 µs per KB of worker time at each end. gRPC: protobuf over HTTP/2, bodies 0.4× the JSON size, 0.05 KB of compressed headers, 10 µs + 5 µs per KB. GraphQL: like REST, but a page of several resources is one query the service resolves (fanning out downstream).',
    // A fire-and-forget message (into a queue) is not an API call.
    { group: 'Protocol', relevantWhen: { param: 'async', oneOf: ['false'] } },
  ),
  bandwidthMbps: num(
    'Bandwidth',
    undefined,
    0.001,
    1_000_000,
    'Mbit/s',
    'Link capacity each way. A message takes its size ÷ bandwidth to send (100 KB at 8 Mbit/s: 100 ms) and a link sends one message at a time per direction, in order, so a thin or busy link queues. Left out: unbounded (sizes cost no time).',
    { optional: true, group: 'Bandwidth' },
  ),
};

/** The catalog default of every parameter (optional ones are left out: unbounded). */
export function defaultParams(specs: ParamSpecs): Params {
  const params: Params = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.default !== undefined) params[name] = spec.default;
  }
  return params;
}

/** A parameter's value with catalog defaults filled in; optional numbers left out read as Infinity. */
export function resolveParams(specs: ParamSpecs, params: Params): Record<string, ParamValue> {
  const resolved: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = params[name];
    if (value !== undefined) resolved[name] = value;
    else if (spec.default !== undefined) resolved[name] = spec.default;
    else if (spec.type === 'number' && spec.optional) resolved[name] = Infinity;
  }
  return resolved;
}

/** A node's parameters resolved against its kind's spec (what the engine and the cards read). */
export const nodeParams = (node: { kind: ComponentKind; params: Params }): Record<string, ParamValue> =>
  resolveParams(CATALOG[node.kind].params, node.params);

/**
 * Keeps copies in step (a database with followers, or leaderless): only these show replication
 * lag, on the canvas and in the dock's lag chart — a lone leader's "lag 0 ms" is noise.
 */
export const isReplicated = (node: { kind: ComponentKind; params: Params }): boolean =>
  CATALOG[node.kind].capabilities.replicated(nodeParams(node));

/**
 * Checks callers with a lookup over `auth` edges (a gateway with session or introspection auth):
 * only these send on auth edges and show an auth hit rate.
 */
export const looksUpAuth = (node: { kind: ComponentKind; params: Params }): boolean =>
  CATALOG[node.kind].capabilities.looksUpAuth(nodeParams(node));

/** Why a connection from one kind to another makes no sense, or null when it is allowed. */
export function connectionRefusal(fromKind: ComponentKind, toKind: ComponentKind): string | null {
  const from = CATALOG[fromKind];
  const to = CATALOG[toKind];
  if (to.capabilities.originatesRequests)
    return `A ${to.label.toLowerCase()} only sends traffic; nothing connects into it.`;
  if (from.capabilities.isTerminal)
    return `A ${from.label.toLowerCase()} is a final destination; it calls nothing downstream.`;
  if (from.capabilities.buffersMessages && !to.capabilities.consumesMessages)
    return `A ${from.label.toLowerCase()} delivers only to consumers (${KINDS.filter(
      (k) => k.capabilities.consumesMessages,
    )
      .map((k) => `a ${k.label.toLowerCase()}`)
      .join(' or ')}).`;
  return null;
}
