// What the live layer shows, as pure functions of the gauges (tested without a canvas): health,
// where instance dots sit, edge thickness, how many particles each edge gets.
import { NODE_HEIGHT, NODE_WIDTH, type Point } from '../../../shared/document/geometry';
import type { EdgeGauges, InstanceGauges, NodeGauges } from '../../run/types';

export type Health = 'idle' | 'ok' | 'strained' | 'failing' | 'down';

/**
 * Okabe–Ito colours (distinguishable with every common colour-vision deficiency), and each health
 * also has its own badge shape and glyph, so colour is never the only cue.
 */
export const HEALTH_LOOK: Record<
  Health,
  { color: string; glyph: string; shape: 'circle' | 'triangle' | 'diamond' | 'square'; label: string }
> = {
  idle: { color: '#8a93a3', glyph: '–', shape: 'circle', label: 'idle' },
  ok: { color: '#009E73', glyph: '✓', shape: 'circle', label: 'healthy' },
  strained: { color: '#E69F00', glyph: '!', shape: 'triangle', label: 'strained' },
  failing: { color: '#D55E00', glyph: '✕', shape: 'diamond', label: 'failing' },
  down: { color: '#5b4a6b', glyph: '✕', shape: 'square', label: 'down' },
};

export const TRAFFIC_COLORS = { read: '#0072B2', write: '#E69F00', error: '#D55E00', cut: '#D55E00' };

/** Health from utilisation and errors: failing above 5% errors, strained above 80% busy or 1% errors. */
export function healthOf(gauges: NodeGauges | undefined, instances: InstanceGauges[] | undefined): Health {
  if (!gauges) return 'idle';
  const count = instances?.length ?? 0;
  const alive = instances
    ? instances.filter((instance) => instance.state === 'alive' || instance.state === 'slow').length
    : count;
  if (count > 0 && alive === 0) return 'down';
  if (gauges.errorRate >= 0.05) return 'failing';
  const active = gauges.throughputRps > 0 || (gauges.arrivalsRps ?? 0) > 0 || gauges.queueDepth > 0;
  if (gauges.utilization >= 0.8 || gauges.errorRate >= 0.01 || alive < count) return 'strained';
  return active ? 'ok' : 'idle';
}

/** Instance dots: one row under the node; past this many, the last dot says "+N". */
export const MAX_DOTS = 10;
export const DOT_RADIUS = 6;
export const DOT_SPACING = 16;
/** Half the spacing: neighbouring dots' hit areas touch but never overlap. */
export const DOT_HIT_RADIUS = 8;

/**
 * How much dots grow at a zoom: zoomed out they keep a screen-constant size (radius 6 px, hit
 * radius 8 px, 16 px apart), so a kill target stays easy to click on a run fitted to the screen.
 */
export function dotScaleAt(scale: number): number {
  return Math.min(3, Math.max(1, 1 / Math.max(1e-6, scale)));
}

/** How many dots fit under a card at a dot scale (the last one may be "+N"). */
export function maxDotsAt(dotScale = 1): number {
  return Math.min(
    MAX_DOTS,
    Math.max(3, Math.floor((NODE_WIDTH - 24 * dotScale) / (DOT_SPACING * dotScale)) + 1),
  );
}

export function dotCenter(nodeCentre: Point, index: number, dotScale = 1): Point {
  return {
    x: nodeCentre.x - NODE_WIDTH / 2 + 12 * dotScale + index * DOT_SPACING * dotScale,
    y: nodeCentre.y + NODE_HEIGHT / 2 + 14 * dotScale,
  };
}

/** Which instance dot (index) is under a world point at a zoom, or -1. */
export function dotAt(nodeCentre: Point, instanceCount: number, world: Point, scale = 1): number {
  const k = dotScaleAt(scale);
  const most = maxDotsAt(k);
  const shown = Math.min(instanceCount, most);
  const radius = DOT_HIT_RADIUS * k;
  for (let i = 0; i < shown; i++) {
    if (i === most - 1 && instanceCount > most) break; // the "+N" dot is not an instance
    const c = dotCenter(nodeCentre, i, k);
    if (Math.hypot(world.x - c.x, world.y - c.y) <= radius) return i;
  }
  return -1;
}

/** Edge stroke width (world units) by throughput: log-scaled so 10 and 10,000 rps both read. */
export function edgeWidth(gauges: EdgeGauges | undefined): number {
  if (!gauges || gauges.throughputRps <= 0) return 0;
  return Math.min(11, 1.5 + 1.9 * Math.log10(1 + gauges.throughputRps));
}

/** A link this busy (either direction) is drawn saturated: it queues hard from here on (M/D/1 at
 *  ρ = 0.8 waits twice its send time, at 0.95 nearly ten times). */
export const LINK_SATURATED = 0.8;
export const LINK_FULL = 0.95;

export interface LinkLoad {
  /** The busier direction's utilisation (0 when the edge has no bandwidth). */
  utilization: number;
  /** Which way that is: requests (forward) or responses (back). */
  direction: 'forward' | 'back';
  level: 'ok' | 'saturated' | 'full';
}

/** How loaded an edge's link is, from its gauges (the busier direction decides). */
export function linkLoad(gauges: EdgeGauges | undefined): LinkLoad {
  const forward = gauges?.forwardUtilization ?? 0;
  const back = gauges?.backUtilization ?? 0;
  const utilization = Math.max(forward, back);
  const level = utilization >= LINK_FULL ? 'full' : utilization >= LINK_SATURATED ? 'saturated' : 'ok';
  return { utilization, direction: back > forward ? 'back' : 'forward', level };
}

/** The label on a saturated link: its utilisation and which way ("link 93% →"). */
export function linkLabel(load: LinkLoad): string {
  return `link ${Math.round(load.utilization * 100)}% ${load.direction === 'back' ? '←' : '→'}`;
}

/** Particles drawn at once, shared by every edge (a fixed pool: cost does not grow with traffic). */
export const PARTICLE_POOL = 600;
export const MAX_PARTICLES_PER_EDGE = 18;

/**
 * Particles per edge, proportional to its throughput (the busiest edge gets the most), at least
 * one on any edge with traffic, never more than the pool in total.
 */
export function particleCounts(throughputs: number[]): number[] {
  const max = Math.max(0, ...throughputs);
  if (max <= 0) return throughputs.map(() => 0);
  let counts = throughputs.map((rps) =>
    rps > 0 ? Math.max(1, Math.round((rps / max) * MAX_PARTICLES_PER_EDGE)) : 0,
  );
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total > PARTICLE_POOL) {
    const scale = PARTICLE_POOL / total;
    counts = counts.map((n) => (n > 0 ? Math.max(1, Math.floor(n * scale)) : 0));
    // The floor of 1 per busy edge can still overflow with a huge design: trim from the end.
    let over = counts.reduce((sum, n) => sum + n, 0) - PARTICLE_POOL;
    for (let e = counts.length - 1; over > 0 && e >= 0; e--) {
      const take = Math.min(over, counts[e]);
      counts[e] -= take;
      over -= take;
    }
  }
  return counts;
}

/** A horizontal span in world units. */
export interface Span {
  left: number;
  right: number;
}

/**
 * The left edge of a card's pill `width` wide that would start at `left`: moved sideways as little
 * as keeps it inside the visible span `view` (its start when it is wider than the view), so a
 * right-most card's pill does not run off the canvas's edge; but never off its own card (it keeps
 * overlapping `card`), so the pill of a card beyond the edge goes with the card.
 */
export function pillLeft(left: number, width: number, view: Span, card: Span): number {
  const inView = Math.max(view.left, Math.min(left, view.right - width));
  return Math.min(card.right, Math.max(card.left - width, inView));
}
