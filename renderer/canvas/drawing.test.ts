import { describe, expect, it } from 'vitest';
import { edgeLabel, instanceBadge, instanceCount, labelFontSize, nodeSubtitle } from './drawing';

describe('a node card shows its kind and instance count', () => {
  it('one instance: just the kind, no badge, no stack', () => {
    const node = { kind: 'service' as const, params: {} };
    expect(nodeSubtitle(node)).toBe('Service');
    expect(instanceBadge(node)).toBeNull();
    expect(instanceCount(node)).toBe(1);
  });

  it('several instances: "×3" in the subtitle and the corner badge, drawn as a stack', () => {
    const node = { kind: 'service' as const, params: { instances: 3 } };
    expect(nodeSubtitle(node)).toBe('Service ×3');
    expect(instanceBadge(node)).toBe('×3');
    expect(instanceCount(node)).toBe(3);
  });

  it('a database counts every copy: shards × (replicas + leader)', () => {
    const node = { kind: 'database' as const, params: { shards: 2, replicas: 2 } };
    expect(nodeSubtitle(node)).toBe('Database · 2 shards · 2 replicas');
    expect(instanceBadge(node)).toBe('2×3');
    expect(instanceCount(node)).toBe(6);
    // One shard with two replicas: three copies.
    expect(instanceBadge({ kind: 'database', params: { replicas: 2 } })).toBe('×3');
  });
});

describe('an edge label is compact: only what differs from the defaults', () => {
  it('a default edge has no label', () => {
    expect(edgeLabel({})).toBe('');
  });

  it('filter, async, latency and weight when they are not the default', () => {
    expect(edgeLabel({ filter: 'writes', async: true })).toBe('writes · async');
    expect(edgeLabel({ latencyMs: 40 })).toBe('40 ms');
    expect(edgeLabel({ latencyMs: 1, weight: 3, filter: 'reads' })).toBe('reads · weight 3');
  });
});

describe('a card label stays legible on screen when zoomed out (a running design on a laptop)', () => {
  it('keeps the design size at 100% and above', () => {
    expect(labelFontSize(1)).toBe(15);
    expect(labelFontSize(2)).toBe(15);
  });
  it('grows so it is at least 12 px on screen, up to a cap that still fits the card', () => {
    expect(labelFontSize(0.5) * 0.5).toBeGreaterThanOrEqual(12);
    expect(labelFontSize(0.6) * 0.6).toBeGreaterThanOrEqual(12);
    expect(labelFontSize(0.2)).toBe(26);
  });
});
