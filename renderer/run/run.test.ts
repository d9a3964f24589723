import { describe, expect, it } from 'vitest';
import { appendHistory, mergeSamples, sampleAt } from './runStore';
import { classifyChange } from './liveEdits';
import { webTierDesign } from './testDesigns';
import type { RunSample } from './types';

const sample = (tS: number, throughputRps: number, sloPass = true): RunSample => ({
  tS,
  global: {
    throughputRps,
    p50Ms: 1,
    p95Ms: 2,
    p99Ms: 3,
    errorRate: 0,
    errorsByReason: { timeout: 0, rejected: 0, throttled: 0, unavailable: 0, loop: 0, error: 0 },
    sloPass,
  },
  nodes: { api: { throughputRps, p99Ms: 3, queueDepth: tS, utilization: 0.5, errorRate: 0 } },
  instances: { api: [{ state: 'alive', utilization: 0.5, queueDepth: 0 }] },
  spanS: 1,
});

describe('run history', () => {
  it('keeps the whole run within a fixed number of samples by merging the older half', () => {
    let history: RunSample[] = [];
    for (let t = 1; t <= 1000; t++) history = appendHistory(history, [sample(t, t)], 100);
    expect(history.length).toBeLessThanOrEqual(100);
    // Still covers the whole run: spans add up to every second, the newest are exact.
    expect(history.reduce((sum, s) => sum + (s.spanS ?? 1), 0)).toBe(1000);
    expect(history[history.length - 1].tS).toBe(1000);
    expect(history[history.length - 1].spanS).toBe(1);
    expect(history[0].spanS).toBeGreaterThan(1);
  });

  it('merges two samples by averaging rates over their spans and failing the SLO if either failed', () => {
    const merged = mergeSamples(sample(1, 100), sample(2, 300, false));
    expect(merged.tS).toBe(2);
    expect(merged.spanS).toBe(2);
    expect(merged.global.throughputRps).toBe(200);
    expect(merged.nodes.api.throughputRps).toBe(200);
    expect(merged.global.sloPass).toBe(false);
  });

  it('finds the sample covering a time when scrubbing', () => {
    const history = [sample(1, 10), sample(2, 20), sample(4, 40)];
    expect(sampleAt(history, 1)?.tS).toBe(1);
    expect(sampleAt(history, 1.5)?.tS).toBe(2);
    expect(sampleAt(history, 3)?.tS).toBe(4);
    expect(sampleAt(history, 99)?.tS).toBe(4);
    expect(sampleAt([], 3)).toBeNull();
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
