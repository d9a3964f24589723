import { speedReadout } from './speedReadout';
import { describe, expect, it } from 'vitest';
import { MAX_CAPACITY, MIN_CAPACITY, RunHistory, capacityFor } from './runHistory';
import { classifyChange } from './liveEdits';
import { webTierDesign } from '../../shared/testing/designs';
import type { RunSample } from './types';
import { globalGauges, nodeGauges } from '../../shared/testing/gauges';

const sample = (tS: number, throughputRps: number, sloPass = true): RunSample => ({
  tS,
  global: globalGauges({ throughputRps, completed: throughputRps, p50Ms: 1, p95Ms: 2, p99Ms: 3, sloPass }),
  nodes: { api: nodeGauges({ throughputRps, p99Ms: 3, queueDepth: tS, utilization: 0.5 }) },
  instances: { api: [{ state: 'alive', utilization: 0.5, queueDepth: 0 }] },
  spanS: 1,
});

/** A 50-node second: every node with the common gauges, two instances each, 74 connections. */
function bigSample(tS: number, nodeCount = 50, edgeCount = 74): RunSample {
  const nodes: RunSample['nodes'] = {};
  const instances: RunSample['instances'] = {};
  for (let n = 0; n < nodeCount; n++) {
    nodes[`n${n}`] = nodeGauges({
      throughputRps: 100 + n,
      p99Ms: 10,
      queueDepth: tS % 7,
      utilization: 0.5,
      arrivalsRps: 100,
      p50Ms: 5,
      meanResponseMs: 6,
      inFlight: 3,
      instancesUp: 2,
      responses: 100 + n,
    });
    instances[`n${n}`] = [
      { state: 'alive', utilization: 0.5, queueDepth: 1, throughputRps: 50, leader: true },
      { state: tS % 100 === 0 ? 'dead' : 'alive', utilization: 0.5, queueDepth: 1, throughputRps: 50 },
    ];
  }
  const edges: NonNullable<RunSample['edges']> = {};
  for (let e = 0; e < edgeCount; e++) edges[`e${e}`] = { throughputRps: 10, errorRate: 0, cut: false };
  return { ...sample(tS, 100), nodes, instances, edges, spanS: 1 };
}

describe('run history (typed-array columns)', () => {
  it('takes the same memory for the whole of a simulated 3-hour run, from the first second', () => {
    const history = new RunHistory();
    history.append(bigSample(1));
    const bytes = history.byteLength;
    expect(bytes).toBeLessThanOrEqual(16 * 1024 * 1024 + 64 * 1024);
    for (let t = 2; t <= 3 * 3600; t++) {
      history.append(bigSample(t));
      if (t % 600 === 0) expect(history.byteLength).toBe(bytes);
    }
    expect(history.byteLength).toBe(bytes);
    expect(history.count).toBeLessThanOrEqual(history.capacity);
    // The whole run is still there: the spans add up to every second, the newest ends at 3 h.
    expect(history.spansS().reduce((sum, span) => sum + span, 0)).toBe(3 * 3600);
    expect(history.lastS()).toBe(3 * 3600);
  });

  it('keeps every second (1 s resolution) until the capacity is reached', () => {
    const history = new RunHistory();
    for (let t = 1; t <= 1000; t++) history.append(bigSample(t));
    expect(history.capacity).toBeGreaterThanOrEqual(1000);
    expect(history.count).toBe(1000);
    expect(history.resolutionS).toBe(1);
    expect([...history.spansS()].every((span) => span === 1)).toBe(true);
    expect(history.sampleAt(437)?.tS).toBe(437);
    expect(history.sampleAt(437)?.nodes.n3.queueDepth).toBe(437 % 7);
  });

  it('sizes the capacity from the budget, between 10 minutes and 4 hours at 1 s', () => {
    expect(capacityFor(16 * 1024 * 1024, 10)).toBe(MAX_CAPACITY);
    expect(capacityFor(16 * 1024 * 1024, 5_000 * 11)).toBe(MIN_CAPACITY);
    const fiftyNodes = new RunHistory();
    fiftyNodes.append(bigSample(1));
    expect(fiftyNodes.capacity).toBe(capacityFor(16 * 1024 * 1024, (fiftyNodes.bytesPerSample - 12) / 4));
    expect(fiftyNodes.capacity).toBeGreaterThanOrEqual(1800); // a 30-minute run at 1 s
  });

  it('downsampling keeps peaks for latency, queues and errors, averages rates, fails the SLO if any part did', () => {
    const history = new RunHistory(0); // the smallest capacity: downsamples after MIN_CAPACITY samples
    const capacity = history.capacity;
    for (let t = 1; t <= capacity + 1; t++) {
      const s = sample(t, t % 2 === 0 ? 300 : 100, t !== 8);
      if (t === 7) {
        s.global.p99Ms = 900;
        s.global.errorsByReason.timeout = 40;
        s.nodes.api.queueDepth = 5000;
      }
      history.append(s);
    }
    expect(history.resolutionS).toBe(2);
    expect(history.count).toBe(capacity / 2 + 1);
    // Seconds 7 and 8 are now one sample ending at 8 covering 2 s.
    const merged = history.sampleAt(7.5)!;
    expect(merged.tS).toBe(8);
    expect(merged.spanS).toBe(2);
    expect(merged.global.p99Ms).toBe(900);
    expect(merged.global.errorsByReason.timeout).toBe(40);
    expect(merged.nodes.api.queueDepth).toBe(5000);
    expect(merged.global.throughputRps).toBe(200);
    expect(merged.global.sloPass).toBe(false);
    expect(history.sampleAt(2)?.global.sloPass).toBe(true);
    // The series views agree with the materialized samples.
    expect(history.series('p99Ms')![history.indexAt(7)]).toBe(900);
    expect(history.series('queueDepth', 'api')![history.indexAt(7)]).toBe(5000);
  });

  it('after downsampling, a time shows the covering sample with its span; new seconds fold in at the resolution', () => {
    const history = new RunHistory(0);
    const capacity = history.capacity;
    for (let t = 1; t <= capacity + 3; t++) history.append(sample(t, t));
    expect(history.sampleAt(1)).toMatchObject({ tS: 2, spanS: 2 });
    expect(history.sampleAt(2)).toMatchObject({ tS: 2, spanS: 2 });
    expect(history.sampleAt(3)).toMatchObject({ tS: 4, spanS: 2 });
    expect(history.sampleAt(capacity + 1)).toMatchObject({ tS: capacity + 2, spanS: 2 });
    // The newest second waits in a sample of its own until it reaches the resolution.
    expect(history.sampleAt(capacity + 3)).toMatchObject({ tS: capacity + 3, spanS: 1 });
    expect(history.sampleAt(99_999)?.tS).toBe(capacity + 3);
    expect(history.sampleAt(1)?.global.throughputRps).toBe(1.5);
  });

  it('finds the sample covering a time when scrubbing, null before any sample', () => {
    const history = new RunHistory();
    expect(history.sampleAt(3)).toBeNull();
    for (const [t, rps] of [
      [1, 10],
      [2, 20],
      [4, 40],
    ])
      history.append(sample(t, rps));
    expect(history.sampleAt(1)?.tS).toBe(1);
    expect(history.sampleAt(1.5)?.tS).toBe(2);
    expect(history.sampleAt(3)?.global.throughputRps).toBe(40);
    expect(history.sampleAt(99)?.tS).toBe(4);
    expect(history.sampleAt(2)?.instances.api).toEqual([{ state: 'alive', utilization: 0.5, queueDepth: 0 }]);
  });

  it('keeps the history when an instance or gauge appears mid-run (a live edit)', () => {
    const history = new RunHistory();
    history.append(sample(1, 10));
    const grown = sample(2, 20);
    grown.instances.api.push({ state: 'dead', utilization: 0, queueDepth: 0 });
    grown.nodes.api.hitRate = 0.5;
    history.append(grown);
    expect(history.sampleAt(1)?.instances.api).toHaveLength(1);
    expect(history.sampleAt(1)?.nodes.api.hitRate).toBeUndefined();
    expect(history.sampleAt(2)?.instances.api[1].state).toBe('dead');
    expect(history.sampleAt(2)?.nodes.api.hitRate).toBe(0.5);
  });
});

describe('editing a running design', () => {
  it('sends a parameter change as a hot edit of only what changed', () => {
    const before = webTierDesign();
    const after = structuredClone(before);
    after.nodes[2] = { ...after.nodes[2], params: { ...after.nodes[2].params, instances: 4 } };
    expect(classifyChange(before, after)).toEqual({
      type: 'params',
      edits: [{ id: 'api', params: { instances: 4 } }],
    });
  });

  it('sends a removed parameter as its catalog default', () => {
    const before = webTierDesign();
    const after = structuredClone(before);
    const { serviceTimeMs: _removed, ...rest } = after.nodes[2].params;
    after.nodes[2] = { ...after.nodes[2], params: rest };
    const change = classifyChange(before, after);
    expect(change.type).toBe('params');
    expect(change.type === 'params' && typeof change.edits[0].params.serviceTimeMs).toBe('number');
  });

  it('restarts on a structural edit or new run settings, and ignores moves and saved steps', () => {
    const before = webTierDesign();
    const added = { ...before, nodes: [...before.nodes, { ...before.nodes[2], id: 'api2' }] };
    expect(classifyChange(before, added).type).toBe('restart');
    const seeded = { ...before, scenario: { ...before.scenario, seed: 99 } };
    expect(classifyChange(before, seeded).type).toBe('restart');
    const moved = { ...before, nodes: before.nodes.map((node) => ({ ...node, x: node.x + 10 })) };
    expect(classifyChange(before, moved).type).toBe('none');
    const step = {
      ...before,
      scenario: { ...before.scenario, events: [{ atS: 3, action: 'kill' as const, target: 'api' }] },
    };
    expect(classifyChange(before, step).type).toBe('none');
  });
});

describe('chaos commands in the one list', () => {
  it('the Electron Run menu lists every chaos action with its key', async () => {
    const { menuItemsFor } = await import('../../electron/menu');
    const items = menuItemsFor('run', { runCommand: () => {}, nativeTextEdit: () => {} });
    const byId = new Map(items.filter((item) => item.id).map((item) => [item.id, item]));
    for (const [id, key] of [
      ['chaos.kill', 'K'],
      ['chaos.hang', 'Shift+H'],
      ['chaos.restart', 'R'],
      ['chaos.slow', 'Shift+S'],
      ['chaos.flush', 'F'],
      ['chaos.spike', 'P'],
      ['chaos.cutToggle', 'X'],
    ])
      expect(byId.get(id)?.accelerator, id).toBe(key);
    expect(byId.get('chaos.spike')?.label).toBe('Traffic spike ×N for S seconds…');
    expect(byId.has('chaos.saveLast')).toBe(true);
    // Run controls first, then a separator, then the chaos actions.
    expect(items.map((item) => item.id ?? '-').slice(0, 5)).toEqual([
      'run.toggle',
      'run.step',
      'run.reset',
      '-',
      'chaos.kill',
    ]);
  });
});

describe('traffic spike input', () => {
  it('accepts N and S within range and names the field that is wrong', async () => {
    const { spikeProblem } = await import('./SpikeDialog');
    expect(spikeProblem('3', '10')).toBeNull();
    expect(spikeProblem('2.5', ' 30 ')).toBeNull();
    expect(spikeProblem('', '10')).toContain('multiplier N must be a number');
    expect(spikeProblem('abc', '10')).toContain('multiplier N must be a number');
    expect(spikeProblem('1', '10')).toContain('multiplier N must be between 1.1 and 100 (it was 1)');
    expect(spikeProblem('500', '10')).toContain('between 1.1 and 100');
    expect(spikeProblem('3', 'x')).toContain('duration S must be a number');
    expect(spikeProblem('3', '0')).toContain('duration S must be between 1 and 3,600 seconds (it was 0)');
  });
});

describe('the status bar says when a run falls behind real time', () => {
  it('reports the achieved speed, and "behind" below 80% of the asked speed (never at Max)', () => {
    expect(speedReadout('running', 10, 9.6)).toMatchObject({ text: '9.6× real time', behind: false });
    expect(speedReadout('running', 1000, 41.2)).toMatchObject({
      text: '41× real time — behind 1000×',
      behind: true,
    });
    expect(speedReadout('running', 'max', 3)).toMatchObject({ behind: false });
    expect(speedReadout('paused', 10, 0)).toMatchObject({ text: '10× asked', behind: false });
  });
});
