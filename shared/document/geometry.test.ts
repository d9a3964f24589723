import { describe, expect, it } from 'vitest';
import type { Design } from './types';
import { designFrom } from '../testing/designs';
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  bezierPoint,
  distanceToRoute,
  edgeBends,
  fitViewport,
  frameContents,
  hitTest,
  marqueeSelection,
  routeEdge,
  screenToWorld,
  worldToScreen,
  zoomAt,
} from './geometry';

function sample(): Design {
  return designFrom({
    nodes: [
      { id: 'a', kind: 'service', label: 'A', x: 0, y: 0, params: {} },
      { id: 'b', kind: 'database', label: 'B', x: 400, y: 0, params: {} },
      { id: 'c', kind: 'cache', label: 'C', x: 0, y: 300, params: {} },
    ],
    edges: [{ id: 'e', from: 'a', to: 'b', params: {} }],
    notes: [
      { id: 'f', text: 'us-east', x: -150, y: -100, w: 800, h: 200, style: 'frame' },
      { id: 'n', text: 'hi', x: 200, y: 250, w: 100, h: 80, style: 'sticky' },
    ],
  });
}
const options = { resizableNotes: new Set<string>(), scale: 1 };

describe('edge routing', () => {
  it('leaves the right side and enters the left side for a pair side by side', () => {
    const route = routeEdge({ x: 0, y: 0 }, { x: 400, y: 50 });
    expect(route.start).toEqual({ x: NODE_WIDTH / 2, y: 0 });
    expect(route.end).toEqual({ x: 400 - NODE_WIDTH / 2, y: 50 });
  });
  it('leaves the bottom and enters the top for stacked cards', () => {
    const route = routeEdge({ x: 0, y: 0 }, { x: 20, y: 200 });
    expect(route.start).toEqual({ x: 0, y: NODE_HEIGHT / 2 });
    expect(route.end).toEqual({ x: 20, y: 200 - NODE_HEIGHT / 2 });
  });
  it('bends an edge away from its reverse so both stay visible', () => {
    const bends = edgeBends([
      { id: 'ab', from: 'a', to: 'b', params: {} },
      { id: 'ba', from: 'b', to: 'a', params: {} },
      { id: 'ac', from: 'a', to: 'c', params: {} },
    ]);
    expect(bends.get('ab')).toBeGreaterThan(0);
    expect(bends.get('ba')).toBeGreaterThan(0);
    expect(bends.get('ac')).toBe(0);
    const forward = bezierPoint(routeEdge({ x: 0, y: 0 }, { x: 400, y: 0 }, 14), 0.5);
    const backward = bezierPoint(routeEdge({ x: 400, y: 0 }, { x: 0, y: 0 }, 14), 0.5);
    expect(Math.abs(forward.y - backward.y)).toBeGreaterThan(10);
  });
});

describe('hit testing', () => {
  it('finds nodes, edges near their curve, stickies, and frames only by their title band', () => {
    const design = sample();
    expect(hitTest(design, { x: 10, y: 5 }, options)).toEqual({ type: 'node', nodeId: 'a' });
    const middle = bezierPoint(routeEdge(design.nodes[0], design.nodes[1]), 0.5);
    expect(hitTest(design, { x: middle.x, y: middle.y + 3 }, options)).toEqual({ type: 'edge', edgeId: 'e' });
    expect(hitTest(design, { x: 250, y: 300 }, options)).toEqual({ type: 'note', noteId: 'n' });
    expect(hitTest(design, { x: -100, y: -90 }, options)).toEqual({ type: 'note', noteId: 'f' });
    // Inside the frame but away from nodes and its title: empty canvas, so a marquee can start.
    expect(hitTest(design, { x: 200, y: 80 }, options)).toEqual({ type: 'canvas' });
  });
  it("offers every card's ports within reach, with a tolerance constant on screen", () => {
    const design = sample();
    const port = { x: NODE_WIDTH / 2 + 6, y: 0 };
    // A port answers whether or not its card is hovered or selected (the pointer may come from outside).
    expect(hitTest(design, port, options)).toEqual({
      type: 'port',
      nodeId: 'a',
      side: 'right',
    });
    // Zoomed far out, the middle of a card grabs the card rather than its top or bottom port.
    expect(hitTest(design, { x: 0, y: 0 }, { ...options, scale: 0.15 })).toEqual({
      type: 'node',
      nodeId: 'a',
    });
    // At 4× zoom, 6 world units are 24 screen pixels: too far.
    expect(hitTest(design, port, { ...options, scale: 4 }).type).not.toBe('port');
  });
  it('measures the distance to a curve', () => {
    const route = routeEdge({ x: 0, y: 0 }, { x: 400, y: 0 });
    expect(distanceToRoute(bezierPoint(route, 0.3), route)).toBeLessThan(0.5);
    expect(distanceToRoute({ x: 200, y: 100 }, route)).toBeGreaterThan(90);
  });
});

describe('marquee and frames', () => {
  it('picks nodes and stickies it touches, frames only when wholly inside, and edges between picked nodes', () => {
    const picked = marqueeSelection(sample(), { x: -50, y: -50, w: 400, h: 100 });
    expect(picked.nodes).toEqual(['a', 'b']);
    expect(picked.notes).toEqual([]);
    expect(picked.edges).toEqual(['e']);
    const everything = marqueeSelection(sample(), { x: -1000, y: -1000, w: 3000, h: 3000 });
    expect(everything.notes).toEqual(['f', 'n']);
  });
  it('a frame carries the nodes whose centre is inside it and the notes wholly inside it', () => {
    const design = sample();
    expect(frameContents(design, design.notes[0])).toEqual({ nodes: ['a', 'b'], notes: [] });
  });
});

describe('viewport', () => {
  it('zooming keeps the world point under the cursor fixed', () => {
    const viewport = { x: 30, y: -20, scale: 0.8 };
    const cursor = { x: 311, y: 207 };
    const before = screenToWorld(viewport, cursor);
    const zoomed = zoomAt(viewport, cursor, 1.7);
    expect(worldToScreen(zoomed, before).x).toBeCloseTo(cursor.x, 9);
    expect(worldToScreen(zoomed, before).y).toBeCloseTo(cursor.y, 9);
    expect(zoomed.scale).toBeCloseTo(1.36, 9);
  });
  it('zoom stays within 10% and 400%', () => {
    expect(zoomAt({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 100).scale).toBe(4);
    expect(zoomAt({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 0.001).scale).toBe(0.1);
  });
  it('zoom to fit centres the content with padding and never zooms past 150%', () => {
    const viewport = fitViewport({ x: 0, y: 0, w: 1000, h: 500 }, { w: 1112, h: 800 });
    expect(viewport.scale).toBeCloseTo(1, 9);
    expect(worldToScreen(viewport, { x: 500, y: 250 })).toEqual({ x: 556, y: 400 });
    expect(fitViewport({ x: 0, y: 0, w: 10, h: 10 }, { w: 800, h: 600 }).scale).toBe(1.5);
  });
});
