import { describe, expect, it } from 'vitest';
import { edgeFigures } from './edgeFigures';

const gauges = { throughputRps: 210, errorRate: 0, cut: false };

describe('a connection’s figures', () => {
  it('read each direction of a bandwidth-limited link as its share of the bandwidth and its rate', () => {
    const figures = edgeFigures(
      { protocol: 'rest', bandwidthMbps: 8 },
      { ...gauges, forwardUtilization: 0.854, backUtilization: 0.12, forwardMbps: 6.83, backMbps: 0.96 },
    );
    expect(figures.map((figure) => figure.text)).toEqual([
      '210 rps calls',
      'errors 0%',
      'REST: JSON over HTTP/1.1',
      '→ 85% of 8 Mbit/s (6.83 Mbit/s)',
      '← 12% of 8 Mbit/s (0.96 Mbit/s)',
    ]);
  });

  it('say only the rate on an unbounded link that moves bytes, and nothing about links that move none', () => {
    const unbounded = edgeFigures({}, { ...gauges, forwardMbps: 2, backMbps: 40 });
    expect(unbounded.map((figure) => figure.key)).toEqual(['calls', 'errors', 'forward', 'back']);
    expect(unbounded[3].text).toBe('← 40 Mbit/s');
    expect(edgeFigures({}, gauges).map((figure) => figure.key)).toEqual(['calls', 'errors']);
  });

  it('say a cut connection is cut', () => {
    expect(edgeFigures({ bandwidthMbps: 8 }, { ...gauges, cut: true })).toEqual([
      { key: 'cut', text: '✂ cut: everything crossing it is lost' },
    ]);
  });
});
