// The compare view's model: what differs between A and B is said in the product's words (catalog
// defaults filled in, so an unset parameter equals its default), and the timeline run used for the
// synchronised clock has exactly the totals of the plain run (the engine is deterministic however
// it is sliced) with one sample per simulated second.
import { describe, expect, it } from 'vitest';
import { webTierDesign } from '../../shared/testing/designs';
import { runTask, runTaskTimeline } from '../../shared/analysis/runTask';
import { designDifferences } from './compareModel';

describe('designDifferences', () => {
  it('names changed parameters, added and removed nodes and connections, SLO and fault script changes', () => {
    const a = webTierDesign(200);
    expect(designDifferences(a, structuredClone(a))).toEqual([]);
    const b = structuredClone(a);
    b.nodes.find((node) => node.id === 'api')!.params.instances = 4;
    b.nodes = b.nodes.filter((node) => node.id !== 'cache');
    b.edges = b.edges.filter((edge) => edge.from !== 'cache' && edge.to !== 'cache');
    b.edges.push({ id: 'api->db-reads', from: 'lb', to: 'db', params: {} });
    b.slo = { ...b.slo, p99Ms: 150 };
    b.scenario = { ...b.scenario, events: [{ atS: 5, action: 'kill', target: 'db' }] as never };
    expect(designDifferences(a, b)).toEqual([
      'API · Instances 2 → 4',
      'only in A: Cache',
      'connection only in A: API → Cache',
      'connection only in A: Cache → Orders DB',
      'connection only in B: Load balancer → Orders DB',
      'SLO p99 200 → 150',
      'the fault scripts differ (each design runs its own)',
    ]);
  });

  it('treats an unset parameter as its catalog default', () => {
    const a = webTierDesign(200);
    const b = structuredClone(a);
    const lb = b.nodes.find((node) => node.id === 'lb')!;
    lb.params = { ...lb.params, algorithm: 'roundRobin' };
    expect(designDifferences(a, b)).toEqual([]);
    lb.params = { ...lb.params, algorithm: 'leastConnections' };
    expect(designDifferences(a, b)).toEqual(['Load balancer · Algorithm roundRobin → leastConnections']);
  });
});

describe('runTaskTimeline', () => {
  it('gives the plain run’s totals and one sample per simulated second', () => {
    const task = { design: webTierDesign(300), seed: 3, durationS: 12, warmupS: 2, maxEvents: 1e8 };
    const { summary, timeline } = runTaskTimeline(task);
    expect(JSON.stringify(summary)).toBe(JSON.stringify(runTask(task)));
    expect(timeline.tS).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(timeline.nodes.api.utilization).toHaveLength(12);
    // The per-second throughputs after warm-up add up to the run's completions.
    const after = timeline.throughputRps.slice(2).reduce((sum, value) => sum + value, 0);
    expect(Math.abs(after - summary.global.completed) / summary.global.completed).toBeLessThan(0.02);
  });
});
