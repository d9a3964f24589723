// The laser pointer's trail, as Excalidraw and tldraw draw it: the last second of pointer positions,
// each segment fading with its age. Pure model (points in world units with a time stamp); the layer
// in ./presentationLayer.ts draws it and stops its animation loop once the trail is empty.

export interface TrailPoint {
  x: number;
  y: number;
  /** performance.now() when the pointer was there. */
  atMs: number;
}

/** How long a point of the trail stays visible. */
export const LASER_FADE_MS = 900;
/** Enough for a fast stroke; older points are dropped first. */
const MAX_POINTS = 120;

export class LaserTrail {
  points: TrailPoint[] = [];

  add(point: TrailPoint): void {
    const last = this.points[this.points.length - 1];
    // A pointer that has not moved adds nothing (the head simply stays bright).
    if (last && last.x === point.x && last.y === point.y) last.atMs = point.atMs;
    else this.points.push(point);
    if (this.points.length > MAX_POINTS) this.points.splice(0, this.points.length - MAX_POINTS);
  }

  /** Drops the points that have faded out by `nowMs`; returns whether anything is left to draw. */
  prune(nowMs: number): boolean {
    const firstAlive = this.points.findIndex((point) => nowMs - point.atMs < LASER_FADE_MS);
    if (firstAlive === -1) this.points = [];
    else if (firstAlive > 0) this.points.splice(0, firstAlive);
    return this.points.length > 0;
  }

  clear(): void {
    this.points = [];
  }
}

/** Opacity of a trail point of this age: 1 when new, 0 when LASER_FADE_MS old. */
export function laserOpacity(ageMs: number): number {
  return Math.max(0, Math.min(1, 1 - ageMs / LASER_FADE_MS));
}
