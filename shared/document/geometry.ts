// Canvas geometry in world units, free of Konva and React so it is unit-tested in node: node boxes,
// edge routes, hit testing, marquee, snapping, viewport maths. The drawing and the gestures use it.
import type { Design, DesignEdge, DesignNode, DesignNote } from './types';

export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

/** Every node is a card of the same size, centred on its (x, y). */
export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 64;
export const GRID_SIZE = 20;
export const MIN_SCALE = 0.1;
export const MAX_SCALE = 4;
/** Pointer travel (screen px) before a press becomes a drag. */
export const DRAG_THRESHOLD_PX = 4;
/** Ports and edges are hit within this many screen pixels. */
export const PORT_HIT_PX = 10;
export const EDGE_HIT_PX = 7;
/** Frames are picked by their title band (or border) so a marquee can start inside one. */
export const FRAME_TITLE_HEIGHT = 30;
export const NOTE_RESIZE_HANDLE_PX = 12;
export const MIN_NOTE_SIZE = { w: 60, h: 28 };

export function nodeRect(node: Point): Rect {
  return { x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2, w: NODE_WIDTH, h: NODE_HEIGHT };
}
export function noteRect(note: DesignNote): Rect {
  return { x: note.x, y: note.y, w: note.w, h: note.h };
}

export type PortSide = 'top' | 'right' | 'bottom' | 'left';
export const PORT_SIDES: PortSide[] = ['top', 'right', 'bottom', 'left'];

export function portPosition(node: Point, side: PortSide): Point {
  switch (side) {
    case 'top':
      return { x: node.x, y: node.y - NODE_HEIGHT / 2 };
    case 'bottom':
      return { x: node.x, y: node.y + NODE_HEIGHT / 2 };
    case 'left':
      return { x: node.x - NODE_WIDTH / 2, y: node.y };
    case 'right':
      return { x: node.x + NODE_WIDTH / 2, y: node.y };
  }
}

const sideNormal: Record<PortSide, Point> = {
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
};

/** A cubic Bézier from one node's side to another's: leaves and enters perpendicular to the card. */
export interface EdgeRoute {
  start: Point;
  control1: Point;
  control2: Point;
  end: Point;
}

/**
 * Routes an edge between two node centres. Mostly-horizontal pairs leave right/left, mostly-vertical
 * ones bottom/top, so edges never cross their own cards. `bend` (world units) pushes the curve
 * sideways, used to separate an edge from its reverse (A→B and B→A).
 */
export function routeEdge(from: Point, to: Point, bend = 0): EdgeRoute {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  // Designs read left to right: leave sideways whenever the cards do not overlap horizontally,
  // otherwise (stacked cards) leave from the bottom or top.
  const horizontal =
    Math.abs(dx) >= NODE_WIDTH + 24 || Math.abs(dx) / NODE_WIDTH >= Math.abs(dy) / NODE_HEIGHT;
  let fromSide: PortSide;
  let toSide: PortSide;
  if (horizontal) {
    fromSide = dx >= 0 ? 'right' : 'left';
    toSide = dx >= 0 ? 'left' : 'right';
  } else {
    fromSide = dy >= 0 ? 'bottom' : 'top';
    toSide = dy >= 0 ? 'top' : 'bottom';
  }
  const start = portPosition(from, fromSide);
  const end = portPosition(to, toSide);
  const distance = Math.hypot(end.x - start.x, end.y - start.y);
  const reach = Math.max(24, Math.min(160, distance * 0.45));
  const n1 = sideNormal[fromSide];
  const n2 = sideNormal[toSide];
  // Perpendicular to the overall direction, for the bend.
  const length = Math.max(1, distance);
  const px = (-(end.y - start.y) / length) * bend;
  const py = ((end.x - start.x) / length) * bend;
  return {
    start,
    control1: { x: start.x + n1.x * reach + px, y: start.y + n1.y * reach + py },
    control2: { x: end.x + n2.x * reach + px, y: end.y + n2.y * reach + py },
    end,
  };
}

/** The route from a node towards a free point (the connection being drawn). */
export function routeToPoint(from: Point, to: Point): EdgeRoute {
  const route = routeEdge(from, to);
  return { ...route, control2: to, end: to };
}

export function bezierPoint(route: EdgeRoute, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return {
    x: a * route.start.x + b * route.control1.x + c * route.control2.x + d * route.end.x,
    y: a * route.start.y + b * route.control1.y + c * route.control2.y + d * route.end.y,
  };
}

/** Direction of travel at t (for the arrowhead). */
export function bezierTangent(route: EdgeRoute, t: number): Point {
  const u = 1 - t;
  const { start: p0, control1: p1, control2: p2, end: p3 } = route;
  return {
    x: 3 * u * u * (p1.x - p0.x) + 6 * u * t * (p2.x - p1.x) + 3 * t * t * (p3.x - p2.x),
    y: 3 * u * u * (p1.y - p0.y) + 6 * u * t * (p2.y - p1.y) + 3 * t * t * (p3.y - p2.y),
  };
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

export function distanceToRoute(p: Point, route: EdgeRoute, samples = 24): number {
  let best = Infinity;
  let previous = route.start;
  for (let i = 1; i <= samples; i++) {
    const next = bezierPoint(route, i / samples);
    best = Math.min(best, distanceToSegment(p, previous, next));
    previous = next;
  }
  return best;
}

export function rectContains(rect: Rect, p: Point): boolean {
  return p.x >= rect.x && p.x <= rect.x + rect.w && p.y >= rect.y && p.y <= rect.y + rect.h;
}
export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}
export function rectInside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  );
}
/** The rectangle spanned by two corner points in any order (a marquee). */
export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}
export function unionRects(rects: Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const r of rects) {
    x1 = Math.min(x1, r.x);
    y1 = Math.min(y1, r.y);
    x2 = Math.max(x2, r.x + r.w);
    y2 = Math.max(y2, r.y + r.h);
  }
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

export function snap(value: number, grid = GRID_SIZE): number {
  return Math.round(value / grid) * grid;
}

// ---- viewport: screen = world * scale + (x, y), screen relative to the canvas container ----

export function worldToScreen(viewport: Viewport, p: Point): Point {
  return { x: p.x * viewport.scale + viewport.x, y: p.y * viewport.scale + viewport.y };
}
export function screenToWorld(viewport: Viewport, p: Point): Point {
  return { x: (p.x - viewport.x) / viewport.scale, y: (p.y - viewport.y) / viewport.scale };
}
export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}
/** Zooms by a factor keeping the world point under `screenPoint` fixed (zoom to cursor). */
export function zoomAt(viewport: Viewport, screenPoint: Point, factor: number): Viewport {
  const scale = clampScale(viewport.scale * factor);
  const world = screenToWorld(viewport, screenPoint);
  return { scale, x: screenPoint.x - world.x * scale, y: screenPoint.y - world.y * scale };
}
/** The viewport showing `bounds` centred in a screen of the given size, at most 1.5× zoom. */
export function fitViewport(bounds: Rect | null, screen: { w: number; h: number }, paddingPx = 56): Viewport {
  if (!bounds) return { x: screen.w / 2, y: screen.h / 2, scale: 1 };
  const scale = clampScale(
    Math.min(
      1.5,
      (screen.w - 2 * paddingPx) / Math.max(1, bounds.w),
      (screen.h - 2 * paddingPx) / Math.max(1, bounds.h),
    ),
  );
  const cx = bounds.x + bounds.w / 2;
  const cy = bounds.y + bounds.h / 2;
  return { scale, x: screen.w / 2 - cx * scale, y: screen.h / 2 - cy * scale };
}

export function designBounds(design: Design, only?: { nodes: Set<string>; notes: Set<string> }): Rect | null {
  const rects: Rect[] = [];
  for (const node of design.nodes) if (!only || only.nodes.has(node.id)) rects.push(nodeRect(node));
  for (const note of design.notes) if (!only || only.notes.has(note.id)) rects.push(noteRect(note));
  return unionRects(rects);
}

// ---- hit testing ----

export type Hit =
  | { type: 'port'; nodeId: string; side: PortSide }
  | { type: 'node'; nodeId: string }
  | { type: 'noteResize'; noteId: string }
  | { type: 'note'; noteId: string }
  | { type: 'edge'; edgeId: string }
  | { type: 'canvas' };

export interface HitOptions {
  /** Notes showing a resize handle (selected). */
  resizableNotes: Set<string>;
  /** Current zoom, to keep pick tolerances constant on screen. */
  scale: number;
  /** Live positions of nodes being dragged (overrides the document). */
  positionOf?: (node: DesignNode) => Point;
}

/** Edges between the same pair in both directions bend apart, by this many world units. */
export const REVERSE_EDGE_BEND = 14;

/** For each edge, how far it bends: `bends.get(edge.id)`; built once per document, not per edge. */
export function edgeBends(edges: DesignEdge[]): Map<string, number> {
  const pairs = new Set(edges.map((edge) => `${edge.from}\u0000${edge.to}`));
  return new Map(
    edges.map((edge) => [edge.id, pairs.has(`${edge.to}\u0000${edge.from}`) ? REVERSE_EDGE_BEND : 0]),
  );
}

/** What is under a world point, topmost first: ports, notes above nodes, nodes, edges, frames. */
export function hitTest(design: Design, world: Point, options: HitOptions): Hit {
  const tolerance = (px: number) => px / options.scale;
  const position = options.positionOf ?? ((node: DesignNode) => node);
  const nodesById = new Map(design.nodes.map((node) => [node.id, node]));

  // Every card's ports answer within their reach, however the pointer arrived: coming from below,
  // the pointer reaches a bottom port before the card, and pressing there must grab the port (not
  // start a marquee). The nearest port wins where two cards' ports are both in reach.
  // Zoomed far out a card is tiny: cap the reach so its middle still grabs the card, not a port.
  const reach = Math.min(tolerance(PORT_HIT_PX), NODE_HEIGHT * 0.3);
  let nearestPort: { nodeId: string; side: PortSide; distance: number } | null = null;
  for (const node of design.nodes) {
    const centre = position(node);
    // Cheap reject: the pointer is nowhere near this card.
    if (
      Math.abs(centre.x - world.x) > NODE_WIDTH / 2 + reach ||
      Math.abs(centre.y - world.y) > NODE_HEIGHT / 2 + reach
    )
      continue;
    for (const side of PORT_SIDES) {
      const port = portPosition(centre, side);
      const distance = Math.hypot(port.x - world.x, port.y - world.y);
      if (distance <= reach && (!nearestPort || distance < nearestPort.distance))
        nearestPort = { nodeId: node.id, side, distance };
    }
  }
  if (nearestPort) return { type: 'port', nodeId: nearestPort.nodeId, side: nearestPort.side };
  for (const noteId of options.resizableNotes) {
    const note = design.notes.find((candidate) => candidate.id === noteId);
    if (!note) continue;
    const handle = tolerance(NOTE_RESIZE_HANDLE_PX);
    if (Math.abs(world.x - (note.x + note.w)) <= handle && Math.abs(world.y - (note.y + note.h)) <= handle) {
      return { type: 'noteResize', noteId };
    }
  }
  // Sticky notes and text labels sit above nodes.
  for (let i = design.notes.length - 1; i >= 0; i--) {
    const note = design.notes[i];
    if (note.style === 'frame') continue;
    if (rectContains(noteRect(note), world)) return { type: 'note', noteId: note.id };
  }
  for (let i = design.nodes.length - 1; i >= 0; i--) {
    const node = design.nodes[i];
    if (rectContains(nodeRect(position(node)), world)) return { type: 'node', nodeId: node.id };
  }
  let nearestEdge: { id: string; distance: number } | null = null;
  const bends = edgeBends(design.edges);
  for (const edge of design.edges) {
    const from = nodesById.get(edge.from);
    const to = nodesById.get(edge.to);
    if (!from || !to) continue;
    const route = routeEdge(position(from), position(to), bends.get(edge.id));
    const distance = distanceToRoute(world, route);
    if (distance <= tolerance(EDGE_HIT_PX) && (!nearestEdge || distance < nearestEdge.distance)) {
      nearestEdge = { id: edge.id, distance };
    }
  }
  if (nearestEdge) return { type: 'edge', edgeId: nearestEdge.id };
  for (let i = design.notes.length - 1; i >= 0; i--) {
    const note = design.notes[i];
    if (note.style !== 'frame') continue;
    const rect = noteRect(note);
    const border = tolerance(6);
    const inTitle = rectContains(
      { x: rect.x, y: rect.y - border, w: rect.w, h: FRAME_TITLE_HEIGHT + border },
      world,
    );
    const outer = { x: rect.x - border, y: rect.y - border, w: rect.w + 2 * border, h: rect.h + 2 * border };
    const inner = { x: rect.x + border, y: rect.y + border, w: rect.w - 2 * border, h: rect.h - 2 * border };
    const onBorder = rectContains(outer, world) && !rectContains(inner, world);
    if (inTitle || onBorder) return { type: 'note', noteId: note.id };
  }
  return { type: 'canvas' };
}

/** Nodes and notes a marquee picks: nodes and stickies it touches, frames it wholly contains. */
export function marqueeSelection(
  design: Design,
  marquee: Rect,
): { nodes: string[]; notes: string[]; edges: string[] } {
  const nodes = design.nodes.filter((node) => rectsIntersect(nodeRect(node), marquee)).map((node) => node.id);
  const notes = design.notes
    .filter((note) =>
      note.style === 'frame' ? rectInside(noteRect(note), marquee) : rectsIntersect(noteRect(note), marquee),
    )
    .map((note) => note.id);
  const picked = new Set(nodes);
  const edges = design.edges
    .filter((edge) => picked.has(edge.from) && picked.has(edge.to))
    .map((edge) => edge.id);
  return { nodes, notes, edges };
}

/** What a frame carries when it moves: nodes whose centre is inside it, notes wholly inside it. */
export function frameContents(design: Design, frame: DesignNote): { nodes: string[]; notes: string[] } {
  const rect = noteRect(frame);
  return {
    nodes: design.nodes.filter((node) => rectContains(rect, node)).map((node) => node.id),
    notes: design.notes
      .filter((note) => note.id !== frame.id && rectInside(noteRect(note), rect))
      .map((note) => note.id),
  };
}
