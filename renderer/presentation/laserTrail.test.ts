import { describe, expect, it } from 'vitest';
import { LASER_FADE_MS, LaserTrail, laserOpacity } from './laserTrail';

describe('laser trail', () => {
  it('fades each point by its age and drops it once faded', () => {
    const trail = new LaserTrail();
    trail.add({ x: 0, y: 0, atMs: 0 });
    trail.add({ x: 10, y: 0, atMs: 400 });
    expect(laserOpacity(0)).toBe(1);
    expect(laserOpacity(LASER_FADE_MS / 2)).toBeCloseTo(0.5);
    expect(trail.prune(LASER_FADE_MS + 1)).toBe(true);
    expect(trail.points.map((point) => point.x)).toEqual([10]);
    expect(trail.prune(400 + LASER_FADE_MS)).toBe(false);
    expect(trail.points).toEqual([]);
  });

  it('keeps a still pointer as one bright point', () => {
    const trail = new LaserTrail();
    trail.add({ x: 5, y: 5, atMs: 0 });
    trail.add({ x: 5, y: 5, atMs: 500 });
    expect(trail.points).toEqual([{ x: 5, y: 5, atMs: 500 }]);
  });

  it('stays a few shapes long however long the stroke', () => {
    const trail = new LaserTrail();
    for (let i = 0; i < 1000; i += 1) trail.add({ x: i, y: 0, atMs: i });
    expect(trail.points.length).toBeLessThanOrEqual(120);
    expect(trail.points[trail.points.length - 1]!.x).toBe(999);
  });
});
