// What a component kind declares about itself: its palette entry, its parameters and the
// capabilities the rest of the product asks instead of naming kinds. Pure data and small pure
// functions (no React, no Konva, no engine), so the document, the renderer and the CLI may read it.
import type { ParamValue } from '../document/types';
import type { ParamSpecs } from './common/paramSpecs';
import type { GaugeSpec, KindNodeGaugeField } from './gauges';

/** A kind's parameters with catalog defaults filled in (optional numbers left out read as Infinity). */
export type ResolvedParams = Record<string, ParamValue>;

/** Questions asked of a kind; outside `shared/kinds/` code asks these, never `kind === '…'`. */
export interface KindCapabilities {
  /** Sends traffic; nothing connects into it. */
  originatesRequests: boolean;
  /** Requests (or messages) wait here for a worker: it has a queue depth and a queueing chart. */
  queues: boolean;
  /** Holds keys: it has a hit rate. */
  cachesKeys: boolean;
  /** Forwards each request as one downstream call and waits for it (gateway, balancer, cache). */
  isProxy: boolean;
  /** Throttles with a token bucket: it reports throttled requests. */
  throttles: boolean;
  /** Holds messages for consumers: edges into it are async, edges out of it deliver. */
  buffersMessages: boolean;
  /** Pulls messages when a queue connects into it. */
  consumesMessages: boolean;
  /** A final destination: it calls nothing downstream. */
  isTerminal: boolean;
  /** Its behaviour depends on the request's key (caches, stores), so keys are drawn. */
  readsKeys: boolean;
  /** Copies of its data are kept in step: it reports replication lag. */
  replicated(params: ResolvedParams): boolean;
  /**
   * Checks each caller with a lookup over its `auth` edges (a session store, an auth service): it
   * sends on auth edges and has an auth hit rate and auth failures.
   */
  looksUpAuth(params: ResolvedParams): boolean;
  /** How many instances its parameters make (each queues, serves, fails and can be killed). */
  instanceCount(params: ResolvedParams): number;
}

/** Pure view data: how a card reads (the renderer draws it; no React here). */
export interface KindView {
  /** The second line of a card, e.g. "Service ×3", "Database · 2 replicas". */
  subtitle(label: string, params: ResolvedParams): string;
  /** The badge in the corner (×N), or null for one instance. */
  badge(params: ResolvedParams): string | null;
}

export interface KindSpec<K extends string = string> {
  kind: K;
  label: string;
  description: string;
  /** Single key that places this kind while the canvas has focus. */
  placeKey: string;
  /** Icon file name under assets/icons (SVG). */
  icon: string;
  params: ParamSpecs;
  /** The live gauges it adds to the ones every node has (gauges.ts). */
  gauges: readonly GaugeSpec<KindNodeGaugeField>[];
  capabilities: KindCapabilities;
  view: KindView;
}

const NONE: Omit<KindCapabilities, 'replicated' | 'instanceCount' | 'looksUpAuth'> = {
  originatesRequests: false,
  queues: false,
  cachesKeys: false,
  isProxy: false,
  throttles: false,
  buffersMessages: false,
  consumesMessages: false,
  isTerminal: false,
  readsKeys: false,
};

/** `instances` copies (at least 1), as most kinds have. */
export const instancesParam = (params: ResolvedParams): number =>
  typeof params.instances === 'number' ? Math.max(1, Math.floor(params.instances)) : 1;

/** Capabilities with everything off but what the kind says; one instance per `instances`. */
export function capabilities(declared: Partial<KindCapabilities>): KindCapabilities {
  return {
    ...NONE,
    replicated: () => false,
    looksUpAuth: () => false,
    instanceCount: instancesParam,
    ...declared,
  };
}

/** The usual card: "Label ×N" and a ×N badge, from the instance count. */
export function countView(instanceCount: (params: ResolvedParams) => number): KindView {
  return {
    subtitle: (label, params) => {
      const count = instanceCount(params);
      return count > 1 ? `${label} ×${count}` : label;
    },
    badge: (params) => {
      const count = instanceCount(params);
      return count > 1 ? `×${count}` : null;
    },
  };
}
