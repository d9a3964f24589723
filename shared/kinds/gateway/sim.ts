// API gateway: the rate limiter's token bucket and worker pool (../rateLimiter/sim.ts), plus the
// work of checking callers and terminating TLS, as a real edge proxy does it.
//   Own time, on one of the instance's workers (the serving model, ../common/serving.ts): the
//   overhead, plus `authCpuMs` for auth = jwt (the signature is verified on the gateway's CPU),
//   plus `tlsCpuMsPerKB` × `tlsKBPerRequest` (encryption), plus `tlsCpuMs` for a request that
//   opens a new connection — a request reuses one with probability `keepAliveRatio`, drawn from a
//   stream of the gateway's own (serving.ts), so TLS never moves another random draw. All of it
//   consumes capacity: utilisation is λ × that time / workers and the gateway saturates there.
//   auth = session | introspection: after its own time the gateway looks the caller up: one call
//   over an outgoing `auth` edge (a session store — cache or database — or an auth service) for
//   the user's session key, waiting at most `authTimeoutMs`, without holding a worker (an
//   event-driven proxy waits on I/O, not on a thread). A success is cached per instance for
//   `authCacheTtlMs` (from the answer; hits do not extend it), so with U users at λ and TTL T a
//   user's hit rate is the renewal result λ_u·T / (1 + λ_u·T), λ_u = λ / U. A failed lookup
//   (refused, failed, timed out, or no auth edge drawn) either lets the request through unchecked
//   (`authFailOpen`) or refuses it as a real gateway does: a session that cannot be read is no
//   session (`unauthorized`: the user is logged out), an auth service that does not answer makes
//   the gateway answer `unavailable`. Then the request goes on over one matching (non-auth) edge.
// Session keys live above the clients' data keys (sim.keySpace + user), so a session store
// shared with data never mixes the two. A killed (or restarted hung) instance forgets its cache.
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import type { ErrorCounts, NodeResult } from '../../engine/results';
import { KeyNumbers } from '../../engine/collections';
import { Rng } from '../../engine/rng';
import { round } from '../../engine/numbers';
import {
  EV_TIMEOUT,
  FAILURE_REASONS,
  OP_READ,
  R_UNAUTHORIZED,
  R_UNAVAILABLE,
  S_DOWNSTREAM,
} from '../../engine/constants';
import {
  C_AUTH_CHECKS,
  C_AUTH_FAILED,
  C_AUTH_PASSED_OPEN,
  C_HITS,
  C_MISSES,
  C_TLS_HANDSHAKES,
  C_WAIT_COUNT,
} from '../../engine/metrics';
import * as serving from '../common/serving';
import * as rateLimiter from '../rateLimiter/sim';
import { AUTH_MODES } from './gateway';

export const AUTH_NONE = 0;
export const AUTH_JWT = 1;
export const AUTH_SESSION = 2;
export const AUTH_INTROSPECTION = 3;
/** pool.step of a gateway call waiting for its auth lookup (0: forwarded, or not yet). */
const STEP_AUTH = 1;

/** The gateway's own time per request and its auth settings (at start and on hot edits). */
export function readParams(node: NodeRuntime): void {
  node.overheadMs = node.numberParam('overheadMs');
  node.authMode = Math.max(0, (AUTH_MODES as readonly string[]).indexOf(node.stringParam('auth')));
  node.authCacheTtlMs = node.numberParam('authCacheTtlMs');
  node.authTimeoutMs = node.numberParam('authTimeoutMs');
  node.authFailOpen = node.booleanParam('authFailOpen');
  node.keepAliveRatio = node.numberParam('keepAliveRatio');
  // Handshakes vary per request (serving.ts draws them); everything else is the same every time.
  node.tlsHandshakeMs = node.keepAliveRatio < 1 ? node.numberParam('tlsCpuMs') : 0;
  const verifyMs = node.authMode === AUTH_JWT ? node.numberParam('authCpuMs') : 0;
  const encryptMs = node.numberParam('tlsCpuMsPerKB') * node.numberParam('tlsKBPerRequest');
  serving.readProxyPoolParams(node, node.overheadMs + verifyMs + encryptMs);
}

/** Whether it looks callers up over auth edges (session or introspection). */
export const looksUp = (node: NodeRuntime): boolean => node.authMode >= AUTH_SESSION;

export function configure(sim: Simulation, node: NodeRuntime, initial: boolean): void {
  rateLimiter.configure(sim, node, initial);
  if (node.tlsHandshakeMs > 0 && node.tlsRng === null) node.tlsRng = new Rng(sim.seed, `${node.id}#tls`);
  if (looksUp(node) && node.authRng === null) node.authRng = new Rng(sim.seed, `${node.id}#auth`);
  sizeAuthCaches(sim, node);
}

/** One auth cache per instance while lookups are cached, none otherwise (kept across edits). */
export function sizeAuthCaches(sim: Simulation, node: NodeRuntime): void {
  if (!looksUp(node) || !(node.authCacheTtlMs > 0)) {
    node.authCaches = [];
    return;
  }
  node.authCaches.length = Math.min(node.authCaches.length, node.instanceCount);
  while (node.authCaches.length < node.instanceCount)
    node.authCaches.push(new KeyNumbers(sim.userPopulation));
}

/** An instance crashed or was reset: what it remembered is gone. */
export function instanceLost(sim: Simulation, node: NodeRuntime, instance: number): void {
  if (instance < node.authCaches.length) node.authCaches[instance] = new KeyNumbers(sim.userPopulation);
}

/** Per-user token buckets and session lookups read the request's user id. */
export const readsUsers = (node: NodeRuntime): boolean => node.perUser || looksUp(node);

export const arrive = rateLimiter.arrive;

/** The gateway's own time is over (overhead, JWT verify, TLS): check the caller, then forward. */
export function ownWorkDone(sim: Simulation, node: NodeRuntime, c: number): void {
  if (!serving.ownWorkDone(sim, node, c)) return;
  if (node.authMode === AUTH_NONE) {
    rateLimiter.forward(sim, node, c);
    return;
  }
  node.counters[C_AUTH_CHECKS]++;
  if (node.authMode === AUTH_JWT)
    rateLimiter.forward(sim, node, c); // verified on the worker
  else lookUp(sim, node, c);
}

/** From its own cache, or with a call over an auth edge for the user's session key. */
function lookUp(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const user = pool.user[c];
  if (node.authCacheTtlMs > 0 && node.authCaches[pool.instance[c]].get(user) > sim.now) {
    node.counters[C_HITS]++;
    rateLimiter.forward(sim, node, c);
    return;
  }
  node.counters[C_MISSES]++;
  const e = pickAuthEdge(node);
  if (e < 0) {
    authFailed(sim, node, c, R_UNAVAILABLE, true); // nothing to look the caller up in
    return;
  }
  pool.step[c] = STEP_AUTH;
  pool.state[c] = S_DOWNSTREAM;
  const lookup = sim.sendCall(c, e, -1, false);
  pool.operation[lookup] = OP_READ;
  pool.key[lookup] = sim.keySpace + user;
  sim.scheduleOnLine(
    sim.timeoutLine(node.index),
    sim.now + node.authTimeoutMs,
    EV_TIMEOUT,
    lookup,
    pool.generation[lookup],
  );
}

/** One of the auth edges by weight, from the gateway's own auth stream. */
function pickAuthEdge(node: NodeRuntime): number {
  const edges = node.authEdges;
  const n = edges.length;
  if (n <= 1) return n === 1 ? edges[0] : -1;
  const total = node.authWeights[n - 1];
  const rng = node.authRng!;
  if (!(total > 0)) return edges[rng.below(n)];
  const x = rng.next() * total;
  for (let i = 0; i < n; i++) if (x < node.authWeights[i]) return edges[i];
  return edges[n - 1];
}

/** A lookup's answer (or the gateway's own downstream response) reaches the waiting call. */
export function childResponse(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  ok: boolean,
  reason: number,
  version: number,
): void {
  const pool = sim.pool;
  if (pool.step[c] !== STEP_AUTH) {
    pool.version[c] = version;
    sim.finishCall(c, ok, reason, false);
    return;
  }
  pool.step[c] = 0;
  if (!ok) {
    authFailed(sim, node, c, reason, false); // the failure started at the store (or on the way)
    return;
  }
  // A lookup answered after a live edit stopped caching (auth → jwt/none) or removed the
  // instance has no cache to fill.
  if (node.authCacheTtlMs > 0)
    node.authCaches[pool.instance[c]]?.set(pool.user[c], sim.now + node.authCacheTtlMs);
  rateLimiter.forward(sim, node, c);
}

/** The caller could not be checked: through unchecked (fail open) or refused (fail closed). */
function authFailed(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  reason: number,
  originated: boolean,
): void {
  node.counters[C_AUTH_FAILED + reason]++;
  if (node.authFailOpen) {
    node.counters[C_AUTH_PASSED_OPEN]++;
    rateLimiter.forward(sim, node, c);
    return;
  }
  sim.finishCall(c, false, node.authMode === AUTH_SESSION ? R_UNAUTHORIZED : R_UNAVAILABLE, originated);
}

/** Its part of the run totals: `auth` while it checks callers, `tls` while it terminates TLS. */
export function addResults(node: NodeRuntime, c: Float64Array, _spanMs: number, result: NodeResult): void {
  if (node.authMode !== AUTH_NONE) {
    const failures = Object.fromEntries(
      FAILURE_REASONS.map((reason, r) => [reason, c[C_AUTH_FAILED + r]]),
    ) as ErrorCounts;
    const hits = c[C_HITS];
    const lookups = c[C_MISSES];
    result.auth = {
      mode: AUTH_MODES[node.authMode],
      checks: c[C_AUTH_CHECKS],
      cacheHits: hits,
      lookups,
      hitRate: round(hits + lookups > 0 ? hits / (hits + lookups) : 0, 6),
      failed: FAILURE_REASONS.reduce((sum, _reason, r) => sum + c[C_AUTH_FAILED + r], 0),
      failures,
      passedOpen: c[C_AUTH_PASSED_OPEN],
    };
  }
  if (node.numberParam('tlsCpuMs') > 0 || node.numberParam('tlsCpuMsPerKB') > 0) {
    const served = c[C_WAIT_COUNT]; // requests whose own time started (each went through TLS)
    result.tls = {
      requests: served,
      handshakes: c[C_TLS_HANDSHAKES],
      handshakeRate: round(served > 0 ? c[C_TLS_HANDSHAKES] / served : 0, 6),
    };
  }
}
