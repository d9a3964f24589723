// The canvas card, the dock's node strip and the chart legends show the same gauges; they must
// read the same (one formatter, shared/format.ts), including no data as the em dash.
import { describe, expect, it } from 'vitest';
import { nodeFigures, nodePillText } from '../run/nodeFigures';
import { formatChartValue } from './ChartCard';
import { nodeGauges } from '../../shared/testing/gauges';

describe('card, strip and chart legend write a gauge the same way', () => {
  for (const [p99Ms, rps] of [
    [12.34, 1234],
    [0.456, 4.5],
    [1500, 99.96],
    [NaN, 0],
  ]) {
    it(`p99 ${p99Ms} ms at ${rps} rps`, () => {
      const service = { kind: 'service' as const, params: {} };
      const gauges = nodeGauges({ p99Ms, throughputRps: rps });
      const card = nodePillText(service, gauges).split(' · ');
      const strip = nodeFigures(service, gauges);
      const stripText = (key: string) => strip.find((figure) => figure.key === key)?.text;
      expect(card[0]).toBe(stripText('throughput'));
      expect(card[1]).toBe(stripText('p99'));
      expect(card[1]).toBe(`p99 ${formatChartValue('ms', p99Ms)}`);
      expect(card[0]).toBe(formatChartValue('rps', rps));
    });
  }

  it('the figures named in the issue: 12.3 ms everywhere, and no data is "—" everywhere', () => {
    const service = { kind: 'service' as const, params: {} };
    expect(nodePillText(service, nodeGauges({ p99Ms: 12.34, throughputRps: 1234 }))).toBe(
      '1.23k rps · p99 12.3 ms',
    );
    expect(nodePillText(service, nodeGauges({ p99Ms: NaN }))).toBe('0 rps · p99 —');
    expect(formatChartValue('ms', null)).toBe('—');
  });

  it("a kind's own figures come from its declared gauges (lag only with replication)", () => {
    const db = { kind: 'database' as const, params: { replicas: 0 } };
    const replicated = { kind: 'database' as const, params: { replicas: 2 } };
    const withLag = nodeGauges({ replicationLagMs: 4 });
    expect(nodeFigures(db, withLag).map((f) => f.key)).not.toContain('lag');
    expect(nodePillText(replicated, withLag)).toContain('lag 4 ms');
    expect(nodePillText({ kind: 'queue', params: {} }, nodeGauges({ queueOldestAgeMs: 1500 }))).toContain(
      'oldest 1.5 s',
    );
  });

  it('a gateway shows its auth hit rate and failures only while it looks callers up', () => {
    const gauges = nodeGauges({ authHitRate: 0.8, authFailedRps: 12 });
    const texts = (auth: string) =>
      nodeFigures({ kind: 'gateway', params: { auth } }, gauges).map((figure) => figure.text);
    expect(texts('session')).toEqual(expect.arrayContaining(['auth hit 80%', 'auth failures 12 rps']));
    expect(texts('introspection')).toContain('auth hit 80%');
    for (const auth of ['none', 'jwt']) expect(texts(auth).join(' ')).not.toContain('auth');
  });
});
