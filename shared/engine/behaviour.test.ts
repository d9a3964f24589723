// Component and chaos behaviours the spec lists, each checked end to end.
import { describe, expect, it } from 'vitest';
import { createSimulation, results, runDesign, Simulation } from './index';
import { design, edge, node } from '../testing/designs';
import { recordGaugesBySecond } from '../testing/gauges';

const twoTier = (serviceParams = {}, events: never[] = [], clientParams = {}) =>
  design(
    [
      node('users', 'client', { rps: 200, ...clientParams }),
      node('svc', 'service', { workers: 8, serviceTimeMs: 5, ...serviceParams }),
    ],
    [edge('users', 'svc')],
    { durationS: 20, events },
  );

describe('chaos', () => {
  it('a scenario step fires at exactly its time in ms (a live action saved at 4,060 ms replays at 4,060, not 4,059.999…)', () => {
    const result = runDesign(
      twoTier({}, [{ atS: 4.06, action: 'slow', target: 'svc', factor: 2 }] as never[]),
    );
    expect(result.log.find((entry) => entry.type === 'slow')!.t).toBe(4060);
  });

  it('hang: callers time out (black hole); kill: connections are refused at once', () => {
    const hung = runDesign(
      twoTier({}, [{ atS: 5, action: 'hang', target: 'svc', durationS: 5 }] as never[], { timeoutMs: 500 }),
    );
    expect(hung.global.errors.timeout).toBeGreaterThan(800);
    // Only requests still waiting when the hung process restarts see their connection reset.
    expect(hung.global.errors.unavailable).toBeLessThan(hung.global.errors.timeout / 5);
    const killed = runDesign(
      twoTier({}, [{ atS: 5, action: 'kill', target: 'svc', durationS: 5 }] as never[]),
    );
    expect(killed.global.errors.unavailable).toBeGreaterThan(800);
    expect(killed.global.errors.timeout).toBe(0);
    expect(killed.log.map((e) => e.type)).toEqual(expect.arrayContaining(['kill', 'restart']));
  });

  it('cut drops traffic on an edge (the caller times out) until heal', () => {
    const result = runDesign(
      twoTier(
        {},
        [
          { atS: 5, action: 'cut', target: 'users->svc' },
          { atS: 8, action: 'heal', target: 'users->svc' },
        ] as never[],
        {
          timeoutMs: 300,
        },
      ),
    );
    expect(result.global.errors.timeout).toBeGreaterThan(500);
    expect(result.global.errors.timeout).toBeLessThan(700);
  });

  it('slow multiplies service time; spike multiplies the arrival rate for its duration', () => {
    const slow = runDesign(
      twoTier({ serviceDist: 'const' }, [{ atS: 0, action: 'slow', target: 'svc', factor: 3 }] as never[]),
    );
    expect(slow.nodes.svc.meanResponseMs).toBeCloseTo(15, 0);
    const spike = runDesign(
      twoTier({}, [{ atS: 10, action: 'spike', target: 'users', factor: 3, durationS: 5 }] as never[]),
    );
    // 200/s for 15 s plus 600/s for 5 s.
    expect(spike.global.requests / 6000).toBeGreaterThan(0.93);
    expect(spike.global.requests / 6000).toBeLessThan(1.07);
  });

  it('flush empties a cache (it comes back cold); a kill loses write-back dirty entries as lost writes', () => {
    const build = (events: never[], mode = 'cacheAside') =>
      design(
        [
          node('users', 'client', { rps: 500, keys: 1000, readRatio: 0.8 }),
          node('cache', 'cache', { capacity: 2000, mode, writeBackFlushMs: 5000 }),
          node('db', 'database', { workers: 64 }),
        ],
        [edge('users', 'cache'), edge('cache', 'db')],
        { durationS: 20, events },
      );
    const steady = runDesign(build([]));
    const flushed = runDesign(build([{ atS: 10, action: 'flush', target: 'cache' }] as never[]));
    expect(flushed.nodes.cache.cache!.misses).toBeGreaterThan(steady.nodes.cache.cache!.misses);
    const writeBack = runDesign(
      build([{ atS: 12, action: 'kill', target: 'cache:0', durationS: 1 }] as never[], 'writeBack'),
    );
    expect(writeBack.global.lostWrites).toBeGreaterThan(50);
    expect(writeBack.log.some((e) => e.type === 'lostWrites' && e.target === 'cache:0')).toBe(true);
  });

  it('a killed cache instance: its keys’ reads fall through to the database (no failures), then it comes back cold', () => {
    const sim = createSimulation(
      design(
        [
          node('users', 'client', { rps: 1000, keys: 500, keyDistribution: 'uniform', readRatio: 1 }),
          node('cache', 'cache', { instances: 2, capacity: 1000, hitTimeMs: 0.5 }),
          node('db', 'database', { workers: 64, readTimeMs: 2 }),
        ],
        [edge('users', 'cache'), edge('cache', 'db')],
        { durationS: 30, events: [{ atS: 10, action: 'kill', target: 'cache:0', durationS: 10 }] },
      ),
    );
    const bySecond = recordGaugesBySecond(sim, 30);
    const totals = sim.results();
    // Only what the instance held at the moment it died (its connections reset) fails.
    expect(totals.global.failed).toBeLessThan(5);
    expect(totals.global.failed).toBe(totals.global.errors.unavailable);
    const db = bySecond('db', 'arrivalsRps');
    // Warm before the kill: the 500 keys all fit, so the database sees almost nothing.
    expect(db[8]).toBeLessThan(10);
    // While cache:0 is down about half the keys (its share of the ring) go to the database.
    expect(db[15]).toBeGreaterThan(300);
    expect(db[15]).toBeLessThan(700);
    const hitRate = bySecond('cache', 'hitRate');
    expect(hitRate[15]).toBeLessThan(0.7);
    // Back at 20 s, cold: it refills from the database, then the hit rate recovers.
    expect(db[20]).toBeGreaterThan(db[25]);
    expect(hitRate[27]).toBeGreaterThan(0.99);
  });
});

describe('components', () => {
  it('a token bucket throttles what exceeds its rate', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', { rps: 400 }),
          node('limit', 'rateLimiter', { rate: 100, burst: 10 }),
          node('svc', 'service'),
        ],
        [edge('users', 'limit'), edge('limit', 'svc')],
        { durationS: 30, warmupS: 5 },
      ),
    );
    expect(result.nodes.svc.throughputRps).toBeGreaterThan(95);
    expect(result.nodes.svc.throughputRps).toBeLessThan(106);
    expect(result.global.errors.throttled / 25).toBeGreaterThan(280);
  });

  it('a request loop fails as `loop` at the hop limit, and every request still ends exactly once', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', { rps: 50 }),
          node('a', 'gateway', { overheadMs: 0 }),
          node('b', 'gateway', { overheadMs: 0 }),
        ],
        [edge('users', 'a'), edge('a', 'b', { latencyMs: 0 }), edge('b', 'a', { latencyMs: 0 })],
        { durationS: 10 },
      ),
    );
    expect(result.global.errors.loop).toBe(result.global.requests - result.global.inFlight);
    expect(result.global.completed).toBe(0);
  });

  it('a circuit breaker opens after consecutive failures and closes once the dependency recovers', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', { rps: 200 }),
          node('api', 'service', { breakerThreshold: 5, breakerCooldownMs: 1000 }),
          node('dep', 'service', { serviceTimeMs: 2 }),
        ],
        [edge('users', 'api'), edge('api', 'dep')],
        { durationS: 20, events: [{ atS: 5, action: 'kill', target: 'dep', durationS: 5 }] },
      ),
    );
    const types = result.log.map((e) => e.type);
    expect(types).toContain('breakerOpen');
    expect(types).toContain('breakerClosed');
    expect(types.indexOf('breakerOpen')).toBeLessThan(types.indexOf('breakerClosed'));
  });

  it('a client splits by edge weight; a service calls every matching edge in order (weights do not split)', () => {
    const result = runDesign(
      design(
        [
          node('users', 'client', { rps: 1000 }),
          node('a', 'service', { workers: 8, serviceTimeMs: 1 }),
          node('b', 'service', { workers: 8, serviceTimeMs: 1 }),
          node('auth', 'service', { workers: 8, serviceTimeMs: 1 }),
          node('store', 'service', { workers: 8, serviceTimeMs: 1 }),
        ],
        [
          edge('users', 'a', { weight: 3 }),
          edge('users', 'b', { weight: 1 }),
          edge('a', 'auth', { weight: 5 }),
          edge('a', 'store', { weight: 1 }),
        ],
        { durationS: 20 },
      ),
    );
    const share = result.nodes.a.arrivals / (result.nodes.a.arrivals + result.nodes.b.arrivals);
    expect(share).toBeGreaterThan(0.73);
    expect(share).toBeLessThan(0.77);
    // Every request at a calls auth, then store (a few are still on their way at the end).
    expect(result.nodes.a.arrivals - result.nodes.auth.arrivals).toBeLessThan(5);
    expect(result.nodes.auth.arrivals - result.nodes.store.arrivals).toBeLessThan(5);
    expect(result.nodes.store.arrivals).toBeGreaterThan(0.74 * 20_000);
  });

  it('several instances without a load balancer get round-robin traffic, dead or not', () => {
    const result = runDesign(
      twoTier({ instances: 4 }, [{ atS: 0, action: 'kill', target: 'svc:3' }] as never[]),
    );
    expect(result.global.errorRate).toBeGreaterThan(0.23);
    expect(result.global.errorRate).toBeLessThan(0.27);
  });

  it('an unindexed read scans rows; NoSQL (LSM) makes writes cheaper and reads dearer than SQL (B-tree)', () => {
    const db = (params: object) =>
      runDesign(
        design(
          [node('users', 'client', { rps: 50, readRatio: 0.5 }), node('db', 'database', { ...params })],
          [edge('users', 'db', { latencyMs: 0 })],
          {
            durationS: 40,
          },
        ),
      ).nodes.db.meanResponseMs;
    expect(db({ indexed: false, rows: 1_000_000 })).toBeGreaterThan(
      db({ indexed: true, rows: 1_000_000 }) + 3,
    );
    const sql = db({ engine: 'sql', readTimeMs: 2, writeTimeMs: 2 });
    const nosql = db({ engine: 'nosql', readTimeMs: 2, writeTimeMs: 2 });
    expect(Math.abs(sql - 2)).toBeLessThan(0.3);
    expect(Math.abs(nosql - (2 * 1.5 + 2 * 0.4) / 2)).toBeLessThan(0.3);
  });
});

describe('hot edits, gauges and series', () => {
  it('adding instances while running drains the queue without a restart', () => {
    const sim = createSimulation(
      twoTier({ workers: 1, serviceTimeMs: 8 }, [], { rps: 200, timeoutMs: 600_000 }),
      { durationS: 60 },
    );
    sim.runUntil(10_000);
    const layout = sim.gaugeLayout();
    const queueField = layout.nodeFields.indexOf('queueDepth');
    const svc = layout.nodeIds.indexOf('svc');
    const before = sim.gauges().nodes[svc * layout.nodeFields.length + queueField];
    expect(before).toBeGreaterThan(50); // ρ = 1.6: the queue grows
    expect(sim.editParams('svc', { instances: 3 })).toBeNull();
    sim.runUntil(40_000);
    const relayout = sim.gaugeLayout();
    expect(relayout.instanceCount[relayout.nodeIds.indexOf('svc')]).toBe(3);
    const after = sim.gauges().nodes[svc * relayout.nodeFields.length + queueField];
    expect(after).toBeLessThan(5);
  });

  it('a live edit of a load balancer’s algorithm or virtual nodes takes effect, logging the rebalance', () => {
    const sim = new Simulation(
      design(
        [
          node('users', 'client', { rps: 400 }),
          node('lb', 'loadBalancer', { algorithm: 'roundRobin' }),
          node('svc', 'service', { instances: 4, workers: 8, serviceTimeMs: 2 }),
        ],
        [edge('users', 'lb'), edge('lb', 'svc')],
        { durationS: 20 },
      ),
    );
    const lb = sim.nodes[sim.nodeIndex.get('lb')!];
    sim.runUntil(5_000);
    expect(sim.editParams('lb', { algorithm: 'consistentHash', virtualNodes: 10 })).toBeNull();
    expect(lb.algorithm).toBe(4);
    expect(lb.ring?.size).toBe(40);
    expect(sim.usersMatter).toBe(true); // hashing reads user ids: clients draw them from now on
    sim.runUntil(10_000);
    expect(sim.editParams('lb', { virtualNodes: 50 })).toBeNull();
    expect(lb.ring?.size).toBe(200);
    const rebalances = sim.log.filter((e) => e.type === 'rebalance' && e.target === 'lb');
    expect(rebalances.length).toBe(2);
    sim.run();
    expect(results(sim, 0).global.failed).toBe(0);
  });

  it('a database gains a replica and shards live: the follower starts in sync, keys move (modulo ≈ 3/4, ring ≈ 1/4)', () => {
    const build = (shardBy: string) =>
      design(
        [
          node('users', 'client', { rps: 400, readRatio: 0.7, keys: 10_000 }),
          node('db', 'database', {
            shards: 3,
            replicas: 1,
            shardBy,
            readFrom: 'followers',
            workers: 16,
            readTimeMs: 2,
          }),
        ],
        [edge('users', 'db')],
        { durationS: 30 },
      );
    for (const [shardBy, expected] of [
      ['hash', 0.75],
      ['consistentHash', 0.25],
    ] as const) {
      const sim = createSimulation(build(shardBy));
      sim.runUntil(10_000);
      expect(sim.editParams('db', { replicas: 2 })).toBeNull();
      expect(sim.gaugeLayout().instanceCount[1]).toBe(9);
      sim.runUntil(20_000);
      expect(sim.editParams('db', { shards: 4 })).toBeNull();
      expect(sim.gaugeLayout().instanceCount[1]).toBe(12);
      sim.run();
      const result = sim.results();
      expect(result.global.failed).toBe(0);
      const rebalance = result.log.find((e) => e.type === 'rebalance' && e.target === 'db')!;
      expect(Math.abs(Number(rebalance.movedFraction) - expected)).toBeLessThan(0.08);
      // Every copy of every shard serves: the new follower (db:2) and the new shard's (db:10, db:11).
      const g = sim.gauges();
      const layout = sim.gaugeLayout();
      const arrivals = layout.instanceFields.indexOf('throughputRps');
      for (const i of [2, 10, 11])
        expect(
          g.instances[(layout.instanceOffset[1] + i) * layout.instanceFields.length + arrivals],
        ).toBeGreaterThan(0);
    }
    // The replication mode still needs a reset.
    const sim = createSimulation(build('hash'));
    expect(sim.editParams('db', { replication: 'sync' })).toMatch(/reset the run/);
  });

  it('gauges expose hit rate, leader flags and per-edge throughput in typed arrays', () => {
    const sim = createSimulation(
      design(
        [
          node('users', 'client', { rps: 300, keys: 200 }),
          node('cache', 'cache', { capacity: 1000 }),
          node('db', 'database', { replicas: 1 }),
        ],
        [edge('users', 'cache'), edge('cache', 'db')],
        { durationS: 10 },
      ),
    );
    sim.runUntil(8_000);
    const layout = sim.gaugeLayout();
    const g = sim.gauges();
    expect(g.nodes).toBeInstanceOf(Float64Array);
    const field = (node: string, name: string) =>
      g.nodes[layout.nodeIds.indexOf(node) * layout.nodeFields.length + layout.nodeFields.indexOf(name)];
    expect(field('cache', 'hitRate')).toBeGreaterThan(0.8);
    expect(field('users', 'throughputRps')).toBeGreaterThan(250);
    const dbRow = layout.instanceOffset[layout.nodeIds.indexOf('db')];
    const leader = layout.instanceFields.indexOf('leader');
    expect(g.instances[dbRow * layout.instanceFields.length + leader]).toBe(1);
    expect(g.instances[(dbRow + 1) * layout.instanceFields.length + leader]).toBe(0);
    expect(g.edges[layout.edgeIds.indexOf('users->cache') * layout.edgeFields.length]).toBeGreaterThan(250);
    expect(sim.globalGauges().throughputRps).toBeGreaterThan(250);
  });

  it('explainSlowest() splits tail time per hop into queueing and service, and names where failures started', () => {
    const sim = createSimulation(
      design(
        [
          node('users', 'client', { rps: 185 }),
          node('api', 'service', { serviceTimeMs: 1, workers: 64 }),
          node('db', 'database', { workers: 1, readTimeMs: 5, writeTimeMs: 5, queueCapacity: 20 }),
        ],
        [edge('users', 'api'), edge('api', 'db')],
        { durationS: 30, warmupS: 5 },
      ),
    );
    sim.run();
    const slowest = sim.explainSlowest();
    const hop = (id: string) => slowest.hops.find((h) => h.nodeId === id)!;
    // The database is the bottleneck: its tail waits in the queue longer than it is served, and
    // the api's own time (1 ms of service) is small beside it.
    expect(hop('db').queueingMs).toBeGreaterThan(hop('db').serviceMs);
    expect(hop('db').queueingMs).toBeGreaterThan(hop('api').serviceMs + hop('api').queueingMs);
    // The rejections started at the database's full queue, not at the api that passed them up.
    const rejected = slowest.failures.filter((f) => f.reason === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((f) => f.nodeId === 'db')).toBe(true);
  });
});

describe('designs the editor refuses (opened from a file)', () => {
  const base = () => [
    node('users', 'client', { rps: 100 }),
    node('svc', 'service', { workers: 8, serviceTimeMs: 5 }),
  ];

  it('an edge into a client: runs without throwing; the calls into the client fail as unavailable (nothing listens)', () => {
    const result = runDesign(design(base(), [edge('users', 'svc'), edge('svc', 'users')], { durationS: 5 }));
    expect(result.global.requests).toBeGreaterThan(300);
    expect(result.global.completed).toBe(0);
    expect(result.global.errors.unavailable).toBe(result.global.failed);
    expect(result.nodes.svc.errors.unavailable).toBeGreaterThan(300);
  });

  it('a self-loop: runs without throwing; requests fail (deadlock on workers ends in timeouts), never hang the engine', () => {
    const result = runDesign(design(base(), [edge('users', 'svc'), edge('svc', 'svc')], { durationS: 5 }));
    expect(result.global.completed).toBe(0);
    expect(result.global.failed).toBeGreaterThan(0);
    expect(result.global.errors.timeout + result.global.errors.loop).toBe(result.global.failed);
    expect(result.events).toBeLessThan(1_000_000);
  });
});
