// The dock's pure helpers: what the charts plot, how a long run folds into the chart's points, the
// sample a cursor shows, the SLO verdict, the timeline's geometry, and how log entries and the
// engine's explanation read.
import { describe, expect, it } from 'vitest';
import type { GlobalGauges, NodeGauges, RunSample } from '../run/types';
import { chartColumns, chartModel, reasonsSeen, sampleAt, type SeriesContext } from './series';
import { RunHistory } from '../run/runHistory';
import { sloVerdict } from './slo';
import { cursorAtFraction, fractionOf, timelineMarkers, timelineSpanS, MAX_LOG_MARKERS } from './timeline';
import { describeLogEntry, formatPercent, formatSimTime, logEntryNodeId } from './format';
import { LOG_TYPES } from '../../shared/engine/log';
import { whyView } from './why';
import type { SlowestRequests } from '../run/types';
import { describeNodeTotals } from './nodeTotals';
import { globalGauges, nodeGauges } from '../../shared/testing/gauges';

const noErrors = {
  timeout: 0,
  rejected: 0,
  throttled: 0,
  unavailable: 0,
  loop: 0,
  error: 0,
  unauthorized: 0,
};

function global(overrides: Partial<GlobalGauges> = {}): GlobalGauges {
  return globalGauges(overrides);
}

function gauges(overrides: Partial<NodeGauges> = {}): NodeGauges {
  return nodeGauges({ throughputRps: 50, p99Ms: 30, utilization: 0.5, ...overrides });
}

function sample(
  tS: number,
  overrides: { global?: Partial<GlobalGauges>; nodes?: Record<string, Partial<NodeGauges>> } = {},
): RunSample {
  const nodes: Record<string, NodeGauges> = {};
  for (const [id, node] of Object.entries(overrides.nodes ?? {})) nodes[id] = gauges(node);
  return { tS, global: global(overrides.global), nodes, instances: {} };
}

function historyOf(samples: RunSample[]): RunHistory {
  const history = new RunHistory();
  for (const s of samples) history.append(s);
  return history;
}

const context: SeriesContext = {
  nodes: [
    { id: 'users', kind: 'client', label: 'Users' },
    { id: 'api', kind: 'service', label: 'API' },
    { id: 'worker', kind: 'worker', label: 'Worker' },
    { id: 'cache', kind: 'cache', label: 'Cache' },
    { id: 'db', kind: 'database', label: 'Orders DB' },
  ],
  selectedNodeIds: [],
  slo: { p99Ms: 200, minThroughputRps: 50, maxErrorRate: 0.01 },
};

describe('chart series', () => {
  it('latency plots p50, p95, p99 and the SLO line at the design p99 target', () => {
    const history = historyOf([sample(1), sample(2, { global: { p99Ms: 300 } })]);
    const model = chartModel('latency', history, context);
    expect(model.series.map((s) => s.key)).toEqual(['p50', 'p95', 'p99', 'slo']);
    const [xs, , , p99, slo] = chartColumns(model, history, 100);
    expect(xs).toEqual([1, 2]);
    expect(p99).toEqual([40, 300]);
    expect(slo).toEqual([200, 200]);
  });

  it('selecting a node adds its own throughput and p99 lines', () => {
    const selected = { ...context, selectedNodeIds: ['api'] };
    expect(chartModel('throughput', historyOf([]), selected).series.map((s) => s.label)).toEqual([
      'All',
      'API',
    ]);
    expect(chartModel('latency', historyOf([]), selected).series.map((s) => s.label)).toContain('API p99');
  });

  it('errors by reason shows only the reasons that occurred', () => {
    const history = historyOf([
      sample(1),
      sample(2, { global: { errorsByReason: { ...noErrors, timeout: 5 } } }),
      sample(3, { global: { errorsByReason: { ...noErrors, rejected: 2 } } }),
    ]);
    expect(reasonsSeen(history)).toEqual(['timeout', 'rejected']);
    const model = chartModel('errors', history, context);
    expect(chartColumns(model, history, 10).slice(1)).toEqual([
      [0, 5, 0],
      [0, 0, 2],
    ]);
  });

  it('queue depth shows the deepest queues unless nodes are selected', () => {
    const history = historyOf([
      sample(1, { nodes: { api: { queueDepth: 3 }, worker: { queueDepth: 40 }, db: { queueDepth: 1 } } }),
    ]);
    expect(
      chartModel('queue', history, context)
        .series.map((s) => s.label)
        .slice(0, 3),
    ).toEqual(['Worker', 'API', 'Orders DB']);
    expect(
      chartModel('queue', history, { ...context, selectedNodeIds: ['db'] }).series.map((s) => s.label),
    ).toEqual(['Orders DB']);
  });

  it('hit rate is in percent per cache, and says so when the design has no cache', () => {
    const history = historyOf([sample(1, { nodes: { cache: { hitRate: 0.8 } } })]);
    const model = chartModel('hitrate', history, context);
    // Float32 columns: a gauge keeps about 7 significant digits.
    expect(chartColumns(model, history, 10)[1][0]).toBeCloseTo(80, 4);
    const noCache = { ...context, nodes: context.nodes.filter((n) => n.kind !== 'cache') };
    expect(chartModel('hitrate', history, noCache).emptyReason).toMatch(/No cache/);
  });

  it('a long run folds into at most maxPoints, keeping latency peaks and averaging throughput', () => {
    const history = historyOf(
      Array.from({ length: 1000 }, (_, i) =>
        sample(i + 1, { global: { p99Ms: i === 500 ? 5000 : 40, throughputRps: i % 2 === 0 ? 100 : 200 } }),
      ),
    );
    const latency = chartColumns(chartModel('latency', history, context), history, 100);
    expect(latency[0]).toHaveLength(100);
    expect(latency[0][99]).toBe(1000); // the live edge stays exact
    expect(Math.max(...(latency[3] as number[]))).toBe(5000);
    const throughput = chartColumns(chartModel('throughput', history, context), history, 100);
    expect(throughput[1].every((value) => value === 150)).toBe(true);
  });

  it('the cursor shows the sample covering it (first sample ending at or after), the last past the end', () => {
    const history = historyOf([sample(1), sample(2), sample(4)]);
    expect(history.indexAt(0.2)).toBe(0);
    expect(history.indexAt(1)).toBe(0);
    expect(history.indexAt(1.5)).toBe(1);
    expect(history.indexAt(3)).toBe(2);
    expect(history.indexAt(99)).toBe(2);
    expect(sampleAt(history, null, 1.5)?.tS).toBe(2);
    // Live (no cursor): the newest sample, the run's latest when there is one.
    expect(sampleAt(history, null, null)?.tS).toBe(4);
    const latest = sample(5);
    expect(sampleAt(history, latest, null)).toBe(latest);
    expect(sampleAt(historyOf([]), null, 3)).toBeNull();
  });

  it('replication lag shows only replicated databases, and says so when there is none', () => {
    const replicated: SeriesContext = {
      ...context,
      nodes: [...context.nodes, { id: 'ledger', kind: 'database', label: 'Ledger', replicated: true }],
    };
    const history = historyOf([
      sample(1, { nodes: { db: { replicationLagMs: 0 }, ledger: { replicationLagMs: 12 } } }),
    ]);
    const model = chartModel('lag', history, replicated);
    expect(model.series.map((s) => s.label)).toEqual(['Ledger']);
    expect(chartColumns(model, history, 10)[1]).toEqual([12]);
    const lone = chartModel('lag', history, context);
    expect(lone.series).toEqual([]);
    expect(lone.emptyReason).toBe('No replicated database in this design.');
  });
});

describe('SLO verdict', () => {
  const slo = { p99Ms: 200, minThroughputRps: 50, maxErrorRate: 0.01 };
  it('passes when p99, throughput and error rate are all within the SLO', () => {
    expect(sloVerdict(global(), slo).state).toBe('pass');
  });
  it('fails naming each broken target', () => {
    const verdict = sloVerdict(global({ p99Ms: 312, errorRate: 0.05 }), slo);
    expect(verdict.state).toBe('fail');
    expect(verdict.summary).toBe('SLO fail: p99 312 ms > 200 ms, errors 5% > 1%');
    expect(sloVerdict(global({ throughputRps: 10 }), slo).summary).toContain('throughput 10 rps < 50 rps');
  });
  it('waits when there is no sample yet', () => {
    expect(sloVerdict(null, slo).state).toBe('waiting');
  });
  it('judges the whole run so far, not the last second: a failed run reads fail while the second is ok', () => {
    const run = { warmedUp: true, throughputRps: 95, p99Ms: 48, errorRate: 0.053, pass: false };
    const verdict = sloVerdict(global({ run }), slo);
    expect(verdict.state).toBe('fail');
    expect(verdict.summary).toBe('SLO fail: errors 5.3% > 1% (now: ok)');
    expect(verdict.now).toBe('ok');
  });
  it('passes a healthy run while naming the failing second as a hint', () => {
    const run = { warmedUp: true, throughputRps: 95, p99Ms: 48, errorRate: 0.001, pass: true };
    const verdict = sloVerdict(global({ run, errorRate: 0.5 }), slo);
    expect(verdict.state).toBe('pass');
    expect(verdict.summary).toBe('SLO pass (now: errors 50% > 1%)');
  });
  it('says warming up before the warm-up ends, and never judges a second without completions by 0 ms', () => {
    const warming = { warmedUp: false, throughputRps: 0, p99Ms: Number.NaN, errorRate: 0, pass: true };
    expect(sloVerdict(global({ run: warming }), slo).state).toBe('waiting');
    const outage = sloVerdict(global({ p99Ms: Number.NaN, throughputRps: 0, errorRate: 1 }), slo);
    expect(outage.checks[0].text).toBe('p99 — (no request completed)');
    expect(outage.summary).not.toContain('0 ms');
  });
  it('a run so far without a completed request fails its p99 line: no completed requests', () => {
    const run = { warmedUp: true, throughputRps: 0, p99Ms: Number.NaN, errorRate: 0, pass: false };
    const verdict = sloVerdict(global({ run, p99Ms: Number.NaN, throughputRps: 0 }), {
      ...slo,
      minThroughputRps: 0,
    });
    expect(verdict.state).toBe('fail');
    expect(verdict.summary).toContain('p99 — no completed requests');
  });
});

describe('timeline', () => {
  it('spans the scenario, or longer once the run passes it', () => {
    expect(timelineSpanS(60, 10)).toBe(60);
    expect(timelineSpanS(60, 75)).toBe(75);
  });
  it('scrubbing maps the pointer to a second within the recorded samples', () => {
    expect(cursorAtFraction(0.5, 60, 1, 40)).toBe(30);
    expect(cursorAtFraction(0.9, 60, 1, 40)).toBe(40); // never into the future
    expect(cursorAtFraction(-0.2, 60, 1, 40)).toBe(1);
    expect(cursorAtFraction(0.5, 60, null, null)).toBeNull();
  });
  it('places scenario events and log entries at their time', () => {
    const markers = timelineMarkers(
      [{ t: 12_000, type: 'kill', target: 'db:0' }],
      [{ atS: 30, action: 'spike', target: 'users', factor: 2, durationS: 5 }],
      60,
      (id) => id.toUpperCase(),
    );
    expect(markers.map((m) => [m.source, m.fraction])).toEqual([
      ['scenario', 0.5],
      ['log', 0.2],
    ]);
    expect(markers[0].title).toBe('30 s · scenario: spike USERS ×2 for 5 s');
    expect(markers[1].title).toBe('12.0 s · Kill: DB:0 killed');
    expect(fractionOf(90, 60)).toBe(1);
  });
  it('thins log markers to the newest ones on a very busy run', () => {
    const log = Array.from({ length: MAX_LOG_MARKERS + 50 }, (_, i) => ({
      t: i,
      type: 'detected' as const,
      target: 'a',
    }));
    const markers = timelineMarkers(log, [], 60, (id) => id);
    expect(markers).toHaveLength(MAX_LOG_MARKERS);
    expect(markers[0].logIndex).toBe(50);
  });
});

describe('event log wording', () => {
  const labelOf = (target: string) =>
    ({ db: 'Orders DB', 'db:1': 'Orders DB:1', lb: 'LB' })[target] ?? target;
  it('says rebalances with the share of keys moved as a percentage', () => {
    expect(
      describeLogEntry({ t: 1, type: 'rebalance', target: 'lb', movedFraction: 0.25 }, labelOf).detail,
    ).toBe('LB rebalanced: 25% of keys moved');
  });
  it('every log type the engine writes has its own wording (never the raw type)', () => {
    for (const type of LOG_TYPES) {
      const view = describeLogEntry({ t: 1, type, target: 'lb', reason: 'eventLimit', limit: 5 }, labelOf);
      expect(view.detail).not.toBe(`${type} at LB`);
      expect(view.title).not.toBe(type);
    }
    expect(
      describeLogEntry({ t: 1, type: 'truncated', target: 'run', reason: 'eventLimit', limit: 1e8 }, labelOf)
        .detail,
    ).toBe('The run stopped at its event limit (100,000,000 events): the numbers are of the run so far');
  });
  it('says promotions, lost writes and SLO breaches in the product words', () => {
    expect(describeLogEntry({ t: 1, type: 'promoted', target: 'db:1', shard: 0 }, labelOf).detail).toBe(
      'Orders DB:1 promoted to leader of shard 0',
    );
    expect(describeLogEntry({ t: 1, type: 'lostWrites', target: 'db', count: 12 }, labelOf)).toMatchObject({
      detail: '12 acknowledged writes lost at Orders DB',
      tone: 'failure',
    });
    expect(
      describeLogEntry({ t: 1, type: 'sloBreach', target: 'slo', p99Ms: 412, errorRate: 0 }, labelOf).detail,
    ).toBe('SLO breached (p99 412 ms, errors 0%)');
  });
  it('says what a database partition did: cut, step down, split brain, reconciled with its cost', () => {
    expect(describeLogEntry({ t: 1, type: 'partition', target: 'db:1' }, labelOf)).toMatchObject({
      detail: 'Orders DB:1 cut off from the rest of its shard',
      tone: 'chaos',
    });
    expect(describeLogEntry({ t: 1, type: 'stepDown', target: 'db:1', shard: 0 }, labelOf).detail).toBe(
      'Orders DB:1 stepped down as leader of shard 0: it cannot reach a majority (consistent)',
    );
    expect(
      describeLogEntry({ t: 1, type: 'splitBrain', target: 'db', shard: 0, leaders: 'db:0 db:1' }, labelOf)
        .detail,
    ).toBe('Orders DB shard 0 has two leaders: db:0 and Orders DB:1 both accept writes');
    expect(
      describeLogEntry({ t: 1, type: 'reconciled', target: 'db', conflicts: 1, lostUpdates: 12 }, labelOf),
    ).toMatchObject({
      detail: 'Orders DB merged its sides (last writer wins): 1 conflict, 12 lost updates',
      tone: 'failure',
    });
  });
  it('finds the node a log entry is about (instance addresses and detections by a checker)', () => {
    const nodes = new Set(['db', 'lb']);
    expect(logEntryNodeId({ t: 0, type: 'kill', target: 'db:2' }, nodes)).toBe('db');
    expect(logEntryNodeId({ t: 0, type: 'sloBreach', target: 'slo' }, nodes)).toBeNull();
    expect(logEntryNodeId({ t: 0, type: 'detected', target: 'x:1', by: 'lb' }, nodes)).toBe('lb');
  });
  it('formats sim time and percentages for a shared screen', () => {
    expect(formatSimTime(42_340)).toBe('42.3 s');
    expect(formatSimTime(125_000)).toBe('2:05.0');
    expect(formatPercent(0.004)).toBe('0.4%');
    expect(formatPercent(0.823)).toBe('82%');
  });
});

describe('why panel wording', () => {
  const labelOf = (id: string) => ({ users: 'Users', api: 'API', db: 'Orders DB' })[id] ?? id;
  const hop = (nodeId: string, queueingMs: number, serviceMs: number, networkMs: number, visits = 1) => ({
    nodeId,
    queueingMs,
    serviceMs,
    networkMs,
    visits,
  });
  const explanation = (extra: Partial<SlowestRequests> = {}): SlowestRequests => ({
    nodeId: null,
    sampleCount: 412,
    thresholdMs: 180,
    meanEndToEndMs: 300,
    hops: [hop('users', 0, 0, 0), hop('api', 2, 8, 2), hop('db', 240, 40, 8)],
    failures: [],
    ...extra,
  });

  it('names the biggest single cost of the slowest 1%: queueing at an overloaded database', () => {
    const view = whyView(explanation(), labelOf);
    // The client's hop (no retries, no time of its own) is left out.
    expect(view.hops.map((h) => h.nodeId)).toEqual(['api', 'db']);
    expect(view.hops[1]).toMatchObject({ totalMs: 288, share: 0.96 });
    expect(view.dominant).toEqual({ nodeId: 'db', part: 'queueing', share: 0.8 });
    expect(view.latencySentence).toBe(
      "The slowest 1% take 300 ms end to end: 80% of it is waiting in Orders DB's queue.",
    );
    expect(view.sampleText).toBe('412 requests so far · end-to-end p99 of the run so far 180 ms');
  });

  it('for a selected node, speaks of the requests through it and shows repeated visits', () => {
    const view = whyView(
      explanation({
        nodeId: 'api',
        meanEndToEndMs: 100,
        hops: [hop('users', 0, 0, 0), hop('api', 5, 60, 35, 2)],
      }),
      labelOf,
    );
    expect(view.latencySentence).toBe(
      'The slowest 1% through API take 100 ms end to end: 60% of it is being served at API.',
    );
    expect(view.hops.map((h) => [h.nodeId, h.visits])).toEqual([['api', 2]]);
  });

  it('says where failures started first, one line per node with counts by reason', () => {
    const view = whyView(
      explanation({
        failures: [
          { nodeId: 'db', reason: 'unavailable', count: 1204, firstAtMs: 20_400 },
          { nodeId: 'api', reason: 'timeout', count: 3, firstAtMs: 30_000 },
          { nodeId: 'db', reason: 'timeout', count: 31, firstAtMs: 21_000 },
        ],
      }),
      labelOf,
    );
    expect(view.failureSentence).toBe(
      'Failures started at Orders DB at 20.4 s: 1,204 unavailable, 31 timeout.',
    );
    expect(view.failures.map((f) => f.nodeId)).toEqual(['db', 'api']);
  });

  it('says so when nothing has finished or failed yet instead of showing numbers', () => {
    const view = whyView(explanation({ sampleCount: 0, meanEndToEndMs: 0, hops: [] }), labelOf);
    expect(view.hops).toEqual([]);
    expect(view.dominant).toBeNull();
    expect(view.latencySentence).toBe('No request has finished after warm-up yet.');
    expect(view.failureSentence).toBe('No request has failed after warm-up.');
  });
});

describe('node totals wording', () => {
  it('lists arrivals, completions, failures by reason, p99, utilization and max queue', () => {
    expect(
      describeNodeTotals({
        arrivals: 12034,
        completed: 11990,
        failed: 44,
        utilization: 0.82,
        maxQueueDepth: 31,
        latencyMs: { p99: 143.2 },
        errors: { timeout: 40, rejected: 4 },
      }).join(' · '),
    ).toBe(
      '12,034 arrived · 11,990 done · 44 failed (40 timeout, 4 rejected) · p99 143 ms · util 82% · max queue 31',
    );
  });

  it('a gateway looking callers up adds its auth hit rate and failed lookups by reason (and what failing open let through)', () => {
    const row = {
      arrivals: 1000,
      completed: 990,
      failed: 10,
      utilization: 0.2,
      maxQueueDepth: 0,
      latencyMs: { p99: 3 },
      errors: { unauthorized: 10 },
      auth: {
        mode: 'session',
        lookups: 200,
        cacheHits: 800,
        hitRate: 0.8,
        failed: 10,
        failures: { timeout: 7, unavailable: 3 },
        passedOpen: 0,
      },
    };
    const line = describeNodeTotals(row).join(' · ');
    expect(line).toContain('10 failed (10 unauthorized)');
    expect(line).toContain('auth hit rate 80% · 10 auth lookups failed (7 timeout, 3 unavailable)');
    expect(describeNodeTotals({ ...row, auth: { ...row.auth, passedOpen: 10 } }).join(' · ')).toContain(
      '3 unavailable), 10 let through unchecked',
    );
    expect(describeNodeTotals({ ...row, auth: { ...row.auth, mode: 'jwt' } }).join(' ')).not.toContain(
      'auth hit',
    );
  });

  it('reads a partitioned database’s consistency in full, zeros included (zero is what consistent buys)', () => {
    const row = {
      arrivals: 10,
      completed: 10,
      failed: 0,
      utilization: 0.1,
      maxQueueDepth: 0,
      latencyMs: { p99: 3 },
      db: { lostWrites: 0, failovers: 1, staleReads: 40, conflicts: 0, lostUpdates: 0 },
    };
    expect(describeNodeTotals(row)).toContain('consistency: 40 stale reads, 0 conflicts, 0 lost updates');
    expect(describeNodeTotals({ ...row, db: { lostWrites: 0, failovers: 0 } }).join(' ')).not.toMatch(
      /consistency/,
    );
  });

  it('says what was carried in from warm-up, so done may exceed arrived without reading wrong', () => {
    const row = {
      arrivals: 2270,
      carriedIn: 3,
      completed: 2271,
      failed: 0,
      utilization: 0.01,
      maxQueueDepth: 0,
      latencyMs: { p99: 14.7 },
    };
    expect(describeNodeTotals(row)[0]).toBe('2,270 arrived (+3 from warm-up)');
    expect(describeNodeTotals({ ...row, carriedIn: 0 })[0]).toBe('2,270 arrived');
  });

  it('names the hottest instance when it runs hotter than the node (a leader beside idle followers)', () => {
    const row = {
      arrivals: 100,
      completed: 100,
      failed: 0,
      utilization: 0.3,
      utilizationMax: 0.9,
      utilizationMaxInstance: 'db:0',
      instances: 3,
      maxQueueDepth: 12,
      latencyMs: { p99: 40 },
    };
    expect(describeNodeTotals(row)).toContain('util 30% (hottest: instance 0 at 90%)');
    expect(describeNodeTotals({ ...row, utilizationMax: 0.3 })).toContain('util 30%');
    expect(describeNodeTotals({ ...row, instances: 1 }).join(' ')).not.toContain('hottest');
  });
});
