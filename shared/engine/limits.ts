// How big a run may get. A value the schema accepts (a client at 10^7 req/s, a run of 10^7 s)
// must not hang a host or exhaust the machine, so a run is bounded three ways:
//   1. before it starts, `runBudgetProblem` estimates its events from the design (requests the
//      clients will send × events per request) and names the parameter that makes it too big;
//   2. while it runs, the engine stops at `maxEvents` events (deterministic) or `maxWallMs` of
//      wall time spent in runUntil, and returns what it has, marked `truncated`;
//   3. its memory is bounded: more than `maxCallsInFlight` calls alive at once or
//      `maxQueuedEvents` events waiting in the event list stops it as truncated too.
// Defaults are far above every template, test and benchmark run (the largest, the six-tier
// reference for 300 s at 10,000 req/s, is 38.5 M events) and well below what hurts a laptop.
import type { Design } from '../document/types';
import { CATALOG, EDGE_PARAMS, looksUpAuth, resolveParams } from '../document/catalog';
import { isComponentKind, kindCan } from '../kinds/index';
import { HOP_LIMIT } from './constants';
import { MIN_CYCLE_AFTER_FAILURE_MS } from '../kinds/client/client';

/** Events a run may process (about 10–60 s of one core); `--max-events` overrides it. */
export const DEFAULT_MAX_EVENTS = 100_000_000;
/**
 * Calls alive at once before the run stops (memory guard). Above MAX_LIVE_CALLS (2^20), where
 * the engine starts refusing new downstream calls, so a runaway fan-out is refused first and
 * the run stops only when even that does not hold it; the pool then stays ≤ 2^21 slots (~260 MB).
 */
export const DEFAULT_MAX_CALLS_IN_FLIGHT = 3 << 19;
/** Events waiting in the event list (heap and zero-delay queue) before the run stops (~120 MB). */
export const DEFAULT_MAX_QUEUED_EVENTS = 1 << 22;
/** How often (in events) the run checks its wall clock and memory. */
export const LIMIT_CHECK_EVERY_EVENTS = 1024;

export type TruncationReason = 'eventLimit' | 'wallClockLimit' | 'memoryLimit';

/** Why and when a run stopped before the end of its scenario. Its results are the run so far. */
export interface RunTruncation {
  reason: TruncationReason;
  /** Sim time at which it stopped. */
  atSimMs: number;
  /** The limit it hit (events, wall ms, calls or queued events). */
  limit: number;
  /** "stopped after 100,000,000 events (the run's event limit) at 12.3 s of 60 s simulated" */
  message: string;
}

// Estimated events per request: the client's own (arrival or user ready, timeout) and per call
// (transit there, service, response back). Measured on the templates: mm1 6.0 per request
// (estimate 5), failover lab 7.6 (8), three-tier 12.5 (14).
const CLIENT_EVENTS_PER_REQUEST = 2;
const EVENTS_PER_CALL = 3;

export interface RunEstimatePart {
  nodeId: string;
  /** What drives it, in the design's words: `clients "web" rps 1e7 × 60 s`. */
  because: string;
  requests: number;
  eventsPerRequest: number;
  events: number;
}

export interface RunEstimate {
  durationS: number;
  requests: number;
  events: number;
  /** Closed-mode users: each one's next request waits in the event list from the start. */
  users: number;
  /** Per client, largest first. */
  parts: RunEstimatePart[];
}

/** A number as a person reads it in a message: 3.6e9, 1e7, 2,549, 60, 0.5. */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1e6) return value.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toLocaleString('en-US');
}

/** The mean multiplier of `rps` a client's traffic pattern gives over the run. */
function meanPatternFactor(params: Record<string, unknown>, durationMs: number): number {
  const factor = Number(params.patternFactor);
  switch (params.pattern) {
    case 'ramp':
    case 'diurnal':
      return (1 + factor) / 2;
    case 'spike': {
      const startMs = Number(params.spikeAtS) * 1000;
      const endMs = Math.min(durationMs, startMs + Number(params.spikeDurationS) * 1000);
      const share = durationMs > 0 ? Math.max(0, endMs - startMs) / durationMs : 0;
      return 1 + (factor - 1) * share;
    }
    default:
      return 1;
  }
}

/**
 * Calls one request makes from a node on: a node that forwards one call (a client, a proxy, a
 * queue delivering to a consumer) costs its dearest edge; a service calls every edge. A node that
 * looks callers up adds its dearest `auth` edge (other nodes send nothing on theirs). A cycle
 * runs to the hop limit.
 */
function callsPerRequest(design: Design): (nodeId: string) => number {
  const kindOf = new Map(design.nodes.map((n) => [n.id, n.kind]));
  const outEdges = new Map<string, string[]>();
  const authEdges = new Map<string, string[]>();
  for (const e of design.edges) {
    const routes = resolveParams(EDGE_PARAMS, e.params ?? {}).filter === 'auth' ? authEdges : outEdges;
    routes.set(e.from, [...(routes.get(e.from) ?? []), e.to]);
  }
  const looksUp = new Set(
    design.nodes
      .filter((n) => isComponentKind(n.kind) && looksUpAuth({ kind: n.kind, params: n.params ?? {} }))
      .map((n) => n.id),
  );
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const from = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return HOP_LIMIT;
    const targets = outEdges.get(id) ?? [];
    const stores = looksUp.has(id) ? (authEdges.get(id) ?? []) : [];
    const kind = kindOf.get(id) ?? '';
    if (targets.length + stores.length === 0 || (isComponentKind(kind) && kindCan(kind, 'isTerminal')))
      return 0;
    visiting.add(id);
    const costs = targets.map((to) => 1 + from(to));
    const lookups = stores.map((to) => 1 + from(to));
    visiting.delete(id);
    const forwardsOne =
      !isComponentKind(kind) ||
      kindCan(kind, 'originatesRequests') ||
      kindCan(kind, 'isProxy') ||
      kindCan(kind, 'buffersMessages');
    const calls = Math.min(
      HOP_LIMIT * 64,
      (forwardsOne ? Math.max(0, ...costs) : costs.reduce((sum, cost) => sum + cost, 0)) +
        Math.max(0, ...lookups),
    );
    memo.set(id, calls);
    return calls;
  };
  return from;
}

/** What a run of the design will cost, estimated before it starts. */
export function estimateRun(design: Design, options: { durationS?: number } = {}): RunEstimate {
  const durationS = Math.max(0, options.durationS ?? design.scenario?.durationS ?? 60);
  const durationMs = durationS * 1000;
  const calls = callsPerRequest(design);
  const parts: RunEstimatePart[] = [];
  let users = 0;
  for (const node of design.nodes) {
    if (!isComponentKind(node.kind) || !kindCan(node.kind, 'originatesRequests')) continue;
    const params = resolveParams(CATALOG[node.kind].params, node.params ?? {});
    let requests: number;
    let because: string;
    if (params.mode === 'closed') {
      const population = Math.max(1, Math.floor(Number(params.users)));
      users += population;
      // A user's cycle is at least its think time plus the round trip over its fastest edge
      // (an async edge acknowledges at once). A cycle of no time is held to the client's guard
      // (a failure or an instant answer waits MIN_CYCLE_AFTER_FAILURE_MS), and a round trip the
      // edges do not price (0 ms latency) is counted at that guard too: an estimate, which the
      // in-run event limit backs.
      let roundTripMs = Infinity;
      for (const e of design.edges) {
        if (e.from !== node.id) continue;
        const edgeParams = resolveParams(EDGE_PARAMS, e.params ?? {});
        const toQueue = kindCan(design.nodes.find((n) => n.id === e.to)?.kind ?? '', 'buffersMessages');
        roundTripMs = Math.min(
          roundTripMs,
          edgeParams.async === true || toQueue ? 0 : 2 * Number(edgeParams.latencyMs),
        );
      }
      const cycleMs = Math.max(
        MIN_CYCLE_AFTER_FAILURE_MS,
        Number(params.thinkTimeMs) + (Number.isFinite(roundTripMs) ? roundTripMs : 0),
      );
      requests = (population * durationMs) / cycleMs;
      because = `clients "${node.id}" ${formatAmount(population)} closed-mode users × ${formatAmount(durationS)} s at one request per ${formatAmount(cycleMs)} ms (think time + round trip)`;
    } else {
      const rps = Number(params.rps);
      const factor = meanPatternFactor(params, durationMs);
      requests = rps * factor * durationS;
      because = `clients "${node.id}" rps ${formatAmount(rps)}${factor !== 1 ? ` (× ${formatAmount(factor)} for its ${String(params.pattern)} pattern)` : ''} × ${formatAmount(durationS)} s`;
    }
    // Retries happen only on failures: not part of the estimate (the in-run limit covers them).
    // A page view of several resources makes a call path per resource (a GraphQL page makes one,
    // and its service fans out as many: the same count).
    const pageCalls = Math.max(1, Math.floor(Number(params.callsPerRequest)));
    const eventsPerRequest = CLIENT_EVENTS_PER_REQUEST + EVENTS_PER_CALL * calls(node.id) * pageCalls;
    parts.push({ nodeId: node.id, because, requests, eventsPerRequest, events: requests * eventsPerRequest });
  }
  parts.sort((a, b) => b.events - a.events);
  return {
    durationS,
    requests: parts.reduce((sum, p) => sum + p.requests, 0),
    events: parts.reduce((sum, p) => sum + p.events, 0),
    users,
    parts,
  };
}

/**
 * Why a run of the design is too big to start, naming the parameter, or null when it fits.
 * (A host adds how to allow more: the CLI's `--max-events`.)
 */
export function runBudgetProblem(
  design: Design,
  options: {
    durationS?: number;
    maxEvents?: number;
    maxQueuedEvents?: number;
    /** The budget is per simulated second (the app), not per run (the CLI). */
    perSimSecond?: boolean;
  } = {},
): string | null {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const maxQueuedEvents = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
  const estimate = estimateRun(design, options);
  if (estimate.users > maxQueuedEvents)
    return `${formatAmount(estimate.users)} closed-mode users: each user's next request waits in the event list, which holds at most ${maxQueuedEvents.toLocaleString('en-US')} events — lower users`;
  if (!(estimate.events > maxEvents)) return null;
  const top = estimate.parts[0];
  const others =
    estimate.parts.length > 1 ? ` (all clients together ≈ ${formatAmount(estimate.events)} events)` : '';
  return `${top.because} ≈ ${formatAmount(top.requests)} requests × ~${formatAmount(top.eventsPerRequest)} events each ≈ ${formatAmount(top.events)} events${others}; ${options.perSimSecond ? 'one simulated second' : 'a run'} holds at most ${maxEvents.toLocaleString('en-US')} events — lower ${top.because.includes('closed-mode') ? 'users, raise thinkTimeMs' : 'rps'}${options.perSimSecond ? '' : ' or durationS'}`;
}
