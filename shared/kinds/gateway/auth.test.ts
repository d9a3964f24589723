// Authentication and TLS at the edge: the gateway's checks are work (CPU on its workers) or
// lookups (calls over `auth` edges), and what they cost emerges from the model — utilisation by
// the utilisation law and Erlang C, capacity c/S, a per-user TTL cache's hit rate by renewal
// theory, a dead session store taking login down unless the gateway fails open.
import { describe, expect, it } from 'vitest';
import type { Params, ScenarioEvent } from '../../document/types';
import { runDesign } from '../../engine/index';
import { design, edge, node } from '../../testing/designs';
import { erlangC, relativeError } from '../../testing/theory';

/** A backend fast and wide enough never to matter. */
const BACKEND = { workers: 10_000, serviceTimeMs: 0.01, serviceDist: 'const' };
/** A session store that answers in no time, so a lookup's answer comes at once. */
const INSTANT_STORE = { hitTimeMs: 0, capacity: 1_000_000, workers: 10_000 };

/** Poisson users → gateway → backend, and (when a store is given) gateway → store on an auth edge. */
function edgeDesign(options: {
  rps: number;
  users?: number;
  gateway: Params;
  store?: { kind: 'cache' | 'database' | 'service'; params: Params };
  durationS: number;
  warmupS?: number;
  seed?: number;
  events?: ScenarioEvent[];
}) {
  const nodes = [
    node('client', 'client', {
      rps: options.rps,
      users: options.users ?? 10_000,
      readRatio: 1,
      keyDistribution: 'uniform',
      timeoutMs: 3_600_000,
    }),
    node('gateway', 'gateway', options.gateway),
    node('backend', 'service', BACKEND),
  ];
  const edges = [edge('client', 'gateway', { latencyMs: 0 }), edge('gateway', 'backend', { latencyMs: 0 })];
  if (options.store) {
    nodes.push(node('store', options.store.kind, options.store.params));
    edges.push(edge('gateway', 'store', { latencyMs: 0, filter: 'auth' }, 'auth-edge'));
  }
  return design(nodes, edges, {
    durationS: options.durationS,
    warmupS: options.warmupS ?? 10,
    seed: options.seed ?? 1,
    events: options.events,
  });
}

describe('jwt: the signature is verified on the gateway’s own workers', () => {
  it('its CPU is service time: 2 workers, 0.5 ms overhead + 1.5 ms verify (exponential) at 800 req/s match Erlang C for M/M/2 (ρ = 0.8)', () => {
    const result = runDesign(
      edgeDesign({
        rps: 800,
        gateway: { workers: 2, overheadMs: 0.5, auth: 'jwt', authCpuMs: 1.5, serviceDist: 'exp' },
        durationS: 300,
        seed: 3,
      }),
    );
    const gateway = result.nodes.gateway;
    const theory = erlangC(0.8, 1 / 2, 2);
    expect(relativeError(gateway.utilization, theory.rho)).toBeLessThan(0.02);
    expect(relativeError(gateway.meanWaitMs, theory.waitMs)).toBeLessThan(0.05);
    expect(relativeError(gateway.meanQueueDepth, theory.queueLength)).toBeLessThan(0.05);
    // Every request was checked once (give or take the few in flight at the ends).
    expect(Math.abs(gateway.auth!.checks - gateway.completed)).toBeLessThan(10);
  });

  it('moving auth from every service to the gateway moves its CPU: 3 chained services each verifying (1 ms) cost 2 × λ × 1 ms more busy time than one check at the edge (utilisation law U = λS/c per node)', () => {
    const lambda = 1000;
    const verifyMs = 1;
    const serviceMs = 2;
    const chain = (gateway: Params, perServiceMs: number) =>
      design(
        [
          node('client', 'client', { rps: lambda, readRatio: 1, timeoutMs: 3_600_000 }),
          node('gateway', 'gateway', { workers: 4, overheadMs: 0.5, ...gateway }),
          ...['a', 'b', 'c'].map((id) =>
            node(id, 'service', { workers: 8, serviceTimeMs: perServiceMs, blockingCalls: false }),
          ),
        ],
        [
          edge('client', 'gateway', { latencyMs: 0 }),
          edge('gateway', 'a', { latencyMs: 0 }),
          edge('a', 'b', { latencyMs: 0 }),
          edge('b', 'c', { latencyMs: 0 }),
        ],
        { durationS: 120, warmupS: 10, seed: 2 },
      );
    const inServices = runDesign(chain({}, serviceMs + verifyMs));
    const atTheEdge = runDesign(chain({ auth: 'jwt', authCpuMs: verifyMs }, serviceMs));
    const perSecond = (ms: number) => (lambda * ms) / 1000; // busy workers: λ × S
    // Each node by the utilisation law.
    expect(relativeError(inServices.nodes.gateway.utilization, perSecond(0.5) / 4)).toBeLessThan(0.02);
    expect(relativeError(atTheEdge.nodes.gateway.utilization, perSecond(0.5 + verifyMs) / 4)).toBeLessThan(
      0.02,
    );
    for (const id of ['a', 'b', 'c']) {
      expect(
        relativeError(inServices.nodes[id].utilization, perSecond(serviceMs + verifyMs) / 8),
      ).toBeLessThan(0.03);
      expect(relativeError(atTheEdge.nodes[id].utilization, perSecond(serviceMs) / 8)).toBeLessThan(0.03);
    }
    // Busy workers across the design: one verify per request instead of three.
    const busy = (result: typeof inServices) =>
      result.nodes.gateway.utilization * 4 +
      ['a', 'b', 'c'].reduce((sum, id) => sum + result.nodes[id].utilization * 8, 0);
    expect(relativeError(busy(inServices) - busy(atTheEdge), perSecond(2 * verifyMs))).toBeLessThan(0.05);
  });

  it('it costs capacity: 4 workers verifying 2 ms tokens serve 4 / 2 ms = 2,000 req/s of 3,000 offered, the rest rejected; at 100 req/s a request takes the 2 ms', () => {
    const saturated = runDesign(
      edgeDesign({
        rps: 3000,
        gateway: { workers: 4, overheadMs: 0, auth: 'jwt', authCpuMs: 2, queueCapacity: 50 },
        durationS: 40,
      }),
    );
    expect(relativeError(saturated.nodes.gateway.throughputRps, 2000)).toBeLessThan(0.01);
    expect(relativeError(saturated.global.errors.rejected / 30, 1000)).toBeLessThan(0.03);
    const light = runDesign(
      edgeDesign({
        rps: 100,
        gateway: { workers: 4, overheadMs: 0, auth: 'jwt', authCpuMs: 2 },
        durationS: 30,
      }),
    );
    expect(light.nodes.gateway.meanWaitMs).toBeLessThan(0.01);
    expect(relativeError(light.nodes.gateway.latencyMs.mean!, 2 + BACKEND.serviceTimeMs)).toBeLessThan(0.02);
  });
});

describe('session: a lookup in a store on an auth edge, cached per user', () => {
  const sessionDesign = (ttlMs: number, extra: Partial<Parameters<typeof edgeDesign>[0]> = {}) =>
    edgeDesign({
      rps: 1000,
      users: 500,
      gateway: { auth: 'session', authCacheTtlMs: ttlMs },
      store: { kind: 'cache', params: INSTANT_STORE },
      durationS: 130,
      ...extra,
    });

  it.each([
    [250, 1 / 3],
    [2000, 0.8],
  ])(
    'TTL %s ms, 500 uniform users at 1,000 req/s: the hit rate is the renewal result λ_u·T / (1 + λ_u·T) = %s (λ_u = 2/s), within 1 point',
    (ttlMs, expected) => {
      const result = runDesign(sessionDesign(ttlMs));
      const auth = result.nodes.gateway.auth!;
      expect(Math.abs(auth.hitRate - expected)).toBeLessThan(0.01);
      // The auth edge carries exactly the lookups; the backend every request (all pass).
      expect(result.nodes.store.arrivals).toBe(auth.lookups);
      expect(auth.cacheHits + auth.lookups).toBe(auth.checks);
      expect(result.global.failed).toBe(0);
    },
  );

  it('without a cache every request is a lookup: hit rate 0, the store takes λ', () => {
    const result = runDesign(sessionDesign(0, { durationS: 30 }));
    expect(result.nodes.gateway.auth!.hitRate).toBe(0);
    expect(relativeError(result.nodes.store.throughputRps, 1000)).toBeLessThan(0.02);
  });

  it('the lookup waits for the store without holding a worker: a 20 ms database read adds 20 ms, not utilisation', () => {
    const result = runDesign(
      edgeDesign({
        rps: 500,
        gateway: { workers: 2, overheadMs: 1, auth: 'session' },
        store: { kind: 'database', params: { readTimeMs: 20, serviceDist: 'const', workers: 1000 } },
        durationS: 40,
      }),
    );
    const gateway = result.nodes.gateway;
    expect(relativeError(gateway.utilization, (500 * 0.001) / 2)).toBeLessThan(0.03);
    expect(gateway.latencyMs.mean! - gateway.meanWaitMs).toBeGreaterThan(20);
    expect(gateway.latencyMs.mean! - gateway.meanWaitMs).toBeLessThan(21.2);
  });

  const outage: ScenarioEvent[] = [{ atS: 20, action: 'kill', target: 'store', durationS: 10 }];

  it('a dead session store takes login down: every request in the 10 s outage fails as unauthorized (fail closed), none before or after', () => {
    const result = runDesign(sessionDesign(0, { durationS: 40, events: outage }));
    const refused = result.global.errors.unauthorized;
    expect(relativeError(refused, 1000 * 10)).toBeLessThan(0.03);
    expect(result.global.failed).toBe(refused);
    expect(result.nodes.gateway.auth!.failures.unavailable).toBe(refused); // connections refused
    expect(result.nodes.backend.arrivals).toBe(result.global.completed);
  });

  it('failing open, the same outage fails nothing: the requests pass unchecked (counted), all reach the backend', () => {
    const open = runDesign(
      edgeDesign({
        rps: 1000,
        users: 500,
        gateway: { auth: 'session', authFailOpen: true },
        store: { kind: 'cache', params: INSTANT_STORE },
        durationS: 40,
        events: outage,
      }),
    );
    expect(open.global.failed).toBe(0);
    const auth = open.nodes.gateway.auth!;
    expect(relativeError(auth.passedOpen, 1000 * 10)).toBeLessThan(0.03);
    expect(auth.passedOpen).toBe(auth.failed);
    expect(open.nodes.backend.arrivals).toBe(
      open.global.requests + open.global.carriedIn - open.global.inFlight,
    );
  });

  it('the auth cache rides out an outage shorter than its TTL: every user cached before the store died keeps passing', () => {
    // λ_u = 2/s: all 500 users are seen in warm-up's first seconds; their entries, filled then,
    // expire 60 s later — after the run. No lookup is needed during the outage, so nothing fails.
    const result = runDesign(sessionDesign(60_000, { durationS: 40, events: outage }));
    expect(result.global.failed).toBe(0);
    expect(result.nodes.gateway.auth!.lookups).toBe(0);
  });

  it('a hung store: lookups time out after authTimeoutMs, so refused requests take that long at the gateway (the last ones fail sooner, when the restart resets their lookups)', () => {
    const hang: ScenarioEvent[] = [{ atS: 20, action: 'hang', target: 'store', durationS: 10 }];
    const result = runDesign(
      edgeDesign({
        rps: 1000,
        users: 500,
        gateway: { overheadMs: 0, auth: 'session', authTimeoutMs: 200 },
        store: { kind: 'cache', params: INSTANT_STORE },
        durationS: 40,
        events: hang,
      }),
    );
    const gateway = result.nodes.gateway;
    const refused = gateway.errors.unauthorized;
    const { timeout, unavailable } = gateway.auth!.failures;
    expect(timeout + unavailable).toBe(refused);
    expect(relativeError(refused, 1000 * 10)).toBeLessThan(0.03);
    // Lookups sent in the hang's last 200 ms are reset by the restart (unavailable), the rest time out.
    expect(relativeError(unavailable, 1000 * 0.2)).toBeLessThan(0.2);
    // Mean response at the gateway: 200 ms for a timed-out lookup, 100 ms on average for a reset
    // one (sent uniformly in the last 200 ms), ≈ 0.01 ms for the rest.
    const departures = gateway.completed + gateway.failed;
    expect(
      relativeError(gateway.meanResponseMs, (timeout * 200 + unavailable * 100) / departures),
    ).toBeLessThan(0.02);
  });

  it('a killed gateway instance forgets its cache: after its restart its users are looked up again', () => {
    const result = runDesign(
      sessionDesign(3_600_000, {
        durationS: 40,
        events: [{ atS: 20, action: 'kill', target: 'gateway', durationS: 1 }],
      }),
    );
    // Warm-up cached every user (TTL 1 hour); after the restart each of the 500 is looked up once.
    expect(result.nodes.gateway.auth!.lookups).toBe(500);
  });
});

describe('introspection: a call to an auth service per request, cached likewise', () => {
  it('a dead auth service makes the gateway answer unavailable (fail closed); its lookups carry the load otherwise', () => {
    const result = runDesign(
      edgeDesign({
        rps: 1000,
        gateway: { auth: 'introspection' },
        store: { kind: 'service', params: { workers: 64, serviceTimeMs: 2 } },
        durationS: 40,
        events: [{ atS: 20, action: 'kill', target: 'store', durationS: 10 }],
      }),
    );
    expect(relativeError(result.global.errors.unavailable, 1000 * 10)).toBeLessThan(0.03);
    expect(result.global.errors.unauthorized).toBe(0);
    expect(result.nodes.gateway.auth!.failed).toBe(result.global.errors.unavailable);
  });
});

describe('auth edges carry only auth lookups; normal routing ignores them', () => {
  it('from a service, a client, a balancer or a gateway without lookups an auth edge carries nothing', () => {
    const result = runDesign(
      design(
        [
          node('client', 'client', { rps: 200, readRatio: 1 }),
          node('lb', 'loadBalancer'),
          node('gateway', 'gateway'),
          node('api', 'service', { workers: 64, serviceTimeMs: 1 }),
          node('spare', 'service'),
          node('store', 'cache'),
        ],
        [
          edge('client', 'lb'),
          edge('client', 'store', { filter: 'auth' }),
          edge('lb', 'gateway'),
          edge('lb', 'spare', { filter: 'auth' }),
          edge('gateway', 'api'),
          edge('gateway', 'store', { filter: 'auth' }),
          edge('api', 'store', { filter: 'auth' }),
        ],
        { durationS: 10 },
      ),
    );
    expect(result.nodes.api.arrivals).toBeGreaterThan(1500);
    expect(result.nodes.api.arrivals).toBe(result.nodes.lb.arrivals);
    expect(result.nodes.store.arrivals).toBe(0);
    expect(result.nodes.spare.arrivals).toBe(0);
    expect(result.global.failed).toBe(0);
  });

  it('a gateway looking sessions up with no auth edge drawn has nothing to check them in: every request fails as unauthorized', () => {
    const result = runDesign(
      edgeDesign({ rps: 100, gateway: { auth: 'session' }, durationS: 5, warmupS: 0 }),
    );
    expect(result.global.completed).toBe(0);
    expect(result.global.errors.unauthorized).toBe(result.global.failed);
    expect(result.global.failed).toBeGreaterThan(400);
  });
});

describe('TLS termination is worker time too', () => {
  it('2 workers, 0.5 ms overhead, a 2 ms handshake for the 25% of requests on a new connection and 0.05 ms/KB × 4 KB: U = λ(0.5 + 0.25·2 + 0.2) / 2 = 0.6 at 1,000 req/s; handshakes 25% ± 0.5 point', () => {
    const result = runDesign(
      edgeDesign({
        rps: 1000,
        gateway: {
          workers: 2,
          overheadMs: 0.5,
          tlsCpuMs: 2,
          keepAliveRatio: 0.75,
          tlsCpuMsPerKB: 0.05,
          tlsKBPerRequest: 4,
        },
        durationS: 130,
      }),
    );
    const gateway = result.nodes.gateway;
    expect(relativeError(gateway.utilization, 0.6)).toBeLessThan(0.02);
    expect(Math.abs(gateway.tls!.handshakeRate - 0.25)).toBeLessThan(0.005);
  });

  it('with no connection reuse it saturates at workers / (overhead + handshake): 4 / 2 ms = 2,000 req/s of 3,000', () => {
    const result = runDesign(
      edgeDesign({
        rps: 3000,
        gateway: { workers: 4, overheadMs: 0.5, tlsCpuMs: 1.5, keepAliveRatio: 0, queueCapacity: 50 },
        durationS: 40,
      }),
    );
    expect(relativeError(result.nodes.gateway.throughputRps, 2000)).toBeLessThan(0.01);
    expect(result.nodes.gateway.tls!.handshakeRate).toBe(1);
  });

  it('connection reuse is drawn from a stream of the gateway’s own: its random split over two backends (its own stream) is draw for draw the same with TLS on', () => {
    const split = (gateway: Params) =>
      runDesign(
        design(
          [
            node('client', 'client', { rps: 500, readRatio: 1, timeoutMs: 3_600_000 }),
            node('gateway', 'gateway', gateway),
            node('left', 'service', BACKEND),
            node('right', 'service', BACKEND),
          ],
          [edge('client', 'gateway'), edge('gateway', 'left'), edge('gateway', 'right')],
          { durationS: 20 },
        ),
      );
    const plain = split({});
    const tls = split({ tlsCpuMs: 1, keepAliveRatio: 0.5 });
    expect(tls.nodes.gateway.tls!.handshakes).toBeGreaterThan(1000);
    expect(tls.nodes.left.arrivals).toBe(plain.nodes.left.arrivals);
    expect(tls.nodes.right.arrivals).toBe(plain.nodes.right.arrivals);
  });
});
