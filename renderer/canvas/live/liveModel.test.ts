import { describe, expect, it } from 'vitest';
import {
  HEALTH_LOOK,
  PARTICLE_POOL,
  DOT_HIT_RADIUS,
  DOT_RADIUS,
  dotAt,
  dotCenter,
  dotScaleAt,
  edgeWidth,
  maxDotsAt,
  healthOf,
  particleCounts,
  pillLeft,
  linkLabel,
  linkLoad,
} from './liveModel';
import type { NodeGauges } from '../../run/types';
import { NODE_WIDTH } from '../../../shared/document/geometry';
import { nodeGauges } from '../../../shared/testing/gauges';

const gauges = (partial: Partial<NodeGauges>): NodeGauges =>
  nodeGauges({ throughputRps: 100, p99Ms: 10, utilization: 0.3, ...partial });
const alive = { state: 'alive' as const, utilization: 0.3, queueDepth: 0 };
const dead = { state: 'dead' as const, utilization: 0, queueDepth: 0 };

describe('live layer model', () => {
  it('grades health from utilisation, errors and dead instances', () => {
    expect(healthOf(gauges({}), [alive])).toBe('ok');
    expect(healthOf(gauges({ utilization: 0.9 }), [alive])).toBe('strained');
    expect(healthOf(gauges({ errorRate: 0.02 }), [alive])).toBe('strained');
    expect(healthOf(gauges({ errorRate: 0.2 }), [alive])).toBe('failing');
    expect(healthOf(gauges({}), [alive, dead])).toBe('strained');
    expect(healthOf(gauges({}), [dead, dead])).toBe('down');
    expect(healthOf(gauges({ throughputRps: 0 }), [alive])).toBe('idle');
  });

  it('never shows health by colour alone: every health has its own badge shape or glyph', () => {
    const looks = Object.values(HEALTH_LOOK).map((look) => `${look.shape}/${look.glyph}`);
    expect(new Set(looks).size).toBe(looks.length);
  });

  it('hit-tests instance dots under the node', () => {
    const centre = { x: 100, y: 100 };
    expect(dotAt(centre, 3, dotCenter(centre, 2), 1)).toBe(2);
    expect(dotAt(centre, 3, dotCenter(centre, 5), 1)).toBe(-1);
    expect(dotAt(centre, 3, centre, 1)).toBe(-1);
  });

  it('gives busier edges thicker strokes and proportionally more particles, within a fixed pool', () => {
    expect(edgeWidth({ throughputRps: 10_000, errorRate: 0, cut: false })).toBeGreaterThan(
      edgeWidth({ throughputRps: 10, errorRate: 0, cut: false }),
    );
    expect(particleCounts([1000, 500, 0, 1])).toEqual([18, 9, 0, 1]);
    const many = particleCounts(Array.from({ length: 2000 }, () => 100));
    expect(many.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(PARTICLE_POOL);
  });
});

describe('instance dots at run zoom', () => {
  it('keep a screen radius ≥ 5 px and hit radius ≥ 8 px without overlapping hit areas', () => {
    const centre = { x: 0, y: 0 };
    for (const scale of [1, 0.57, 0.5, 0.35]) {
      const k = dotScaleAt(scale);
      expect(DOT_RADIUS * k * scale).toBeGreaterThanOrEqual(5);
      expect(DOT_HIT_RADIUS * k * scale).toBeGreaterThanOrEqual(8);
      const a = dotCenter(centre, 0, k);
      const b = dotCenter(centre, 1, k);
      expect((b.x - a.x) * scale).toBeGreaterThanOrEqual(2 * DOT_HIT_RADIUS * k * scale - 1e-9);
      // Every dot is hit at its own centre, and a point between two dots hits at most one.
      expect(dotAt(centre, 4, b, scale)).toBe(1);
      expect(maxDotsAt(k)).toBeGreaterThanOrEqual(3);
      expect(dotCenter(centre, maxDotsAt(k) - 1, k).x).toBeLessThanOrEqual(NODE_WIDTH / 2);
    }
  });

  it('keeps a pill inside the visible span, over its own card', () => {
    const view = { left: 0, right: 1000 };
    // Inside: centred as drawn.
    expect(pillLeft(400, 200, view, { left: 395, right: 605 })).toBe(400);
    // Off the right edge: moved left until its right edge is the view's.
    expect(pillLeft(850, 300, view, { left: 795, right: 1005 })).toBe(700);
    // Off the left edge: moved right.
    expect(pillLeft(-80, 300, view, { left: -35, right: 175 })).toBe(0);
    // Wider than the view: its start is shown.
    expect(pillLeft(-100, 1200, view, { left: 395, right: 605 })).toBe(0);
    // A card beyond the edge keeps its pill with it (touching the card, not drawn in the view).
    expect(pillLeft(1150, 300, view, { left: 1195, right: 1405 })).toBe(895);
  });
});

describe('link load', () => {
  const gauges = (forward: number, back: number) => ({
    throughputRps: 100,
    errorRate: 0,
    cut: false,
    forwardUtilization: forward,
    backUtilization: back,
  });

  it('is the busier direction, saturated from 80% and full from 95%', () => {
    expect(linkLoad(gauges(0.5, 0.2))).toEqual({ utilization: 0.5, direction: 'forward', level: 'ok' });
    expect(linkLoad(gauges(0.1, 0.85))).toEqual({ utilization: 0.85, direction: 'back', level: 'saturated' });
    expect(linkLoad(gauges(0.97, 0.1)).level).toBe('full');
    // An edge without a bandwidth (or an old sample) is never saturated.
    expect(linkLoad({ throughputRps: 5000, errorRate: 0, cut: false }).level).toBe('ok');
  });

  it('labels the number and the direction', () => {
    expect(linkLabel(linkLoad(gauges(0.1, 0.926)))).toBe('link 93% ←');
    expect(linkLabel(linkLoad(gauges(0.9, 0)))).toBe('link 90% →');
  });
});
