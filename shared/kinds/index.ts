// The one ordered list of component kinds. The catalog, COMPONENT_KINDS, the engine's kind codes
// and the file schema are derived from it; adding a kind is a folder and one line here (see
// README.md). The order is the palette's and the kind codes' (the engine switches on the code).
import type { KindCapabilities, KindSpec, ResolvedParams } from './kindSpec';
import { KIND_NODE_GAUGES, type KindNodeGaugeField, type NodeGaugeField } from './gauges';
import { clientKind } from './client/client';
import { gatewayKind } from './gateway/gateway';
import { rateLimiterKind } from './rateLimiter/rateLimiter';
import { loadBalancerKind } from './loadBalancer/loadBalancer';
import { serviceKind } from './service/service';
import { workerKind } from './worker/worker';
import { cacheKind } from './cache/cache';
import { cdnKind } from './cdn/cdn';
import { databaseKind } from './database/database';
import { objectStoreKind } from './objectStore/objectStore';
import { queueKind } from './queue/queue';

export const KINDS = [
  clientKind,
  gatewayKind,
  rateLimiterKind,
  loadBalancerKind,
  serviceKind,
  workerKind,
  cacheKind,
  cdnKind,
  databaseKind,
  objectStoreKind,
  queueKind,
] as const;

export type ComponentKind = (typeof KINDS)[number]['kind'];
export type ComponentSpec = KindSpec<ComponentKind>;

export const COMPONENT_KINDS = KINDS.map((spec) => spec.kind) as readonly ComponentKind[] as readonly [
  ComponentKind,
  ...ComponentKind[],
];

export const CATALOG = Object.fromEntries(KINDS.map((spec) => [spec.kind, spec])) as unknown as Record<
  ComponentKind,
  ComponentSpec
>;

/** The engine's integer code of each kind: its index in KINDS. */
export const KIND_CODES = Object.fromEntries(KINDS.map((spec, code) => [spec.kind, code])) as Record<
  ComponentKind,
  number
>;

export function isComponentKind(kind: string): kind is ComponentKind {
  return Object.hasOwn(CATALOG, kind);
}

type Flag = {
  [F in keyof KindCapabilities]: KindCapabilities[F] extends boolean ? F : never;
}[keyof KindCapabilities];

/** Whether a kind has a capability; an unknown kind has none. */
export function kindCan(kind: string, capability: Flag): boolean {
  return isComponentKind(kind) && CATALOG[kind].capabilities[capability];
}

/** The kinds with a capability, in palette order. */
export function kindsThat(capability: Flag): readonly ComponentKind[] {
  return KINDS.filter((spec) => spec.capabilities[capability]).map((spec) => spec.kind);
}

export const instanceCountOf = (kind: ComponentKind, params: ResolvedParams): number =>
  CATALOG[kind].capabilities.instanceCount(params);

export const isReplicated = (kind: ComponentKind, params: ResolvedParams): boolean =>
  CATALOG[kind].capabilities.replicated(params);

/** Whether a node of this kind shows a gauge (every node shows the common ones). */
export function kindShowsGauge(kind: ComponentKind, field: NodeGaugeField): boolean {
  return (
    !KIND_GAUGE_FIELDS.has(field as KindNodeGaugeField) || CATALOG[kind].gauges.some((g) => g.field === field)
  );
}
const KIND_GAUGE_FIELDS = new Set<string>(KIND_NODE_GAUGES.map((g) => g.field));

export type { KindCapabilities, KindSpec, KindView, ResolvedParams } from './kindSpec';
